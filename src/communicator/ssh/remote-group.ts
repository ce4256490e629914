/**
 * Stopping a remote command for real. OpenSSH delivers a channel `signal` request to the session's
 * shell only, so `sleep` or a package manager it started outlives a cancelled build (Packer's
 * behaviour too). Without a pty, sshd starts the command in a new session, so the shell's pid is also
 * its process group: the command first reports `$$` on stderr behind a marker (taken out of the
 * stream), and cancelling kills that whole group over a second channel.
 */
const MARK = '\u001bimgbuild-pgid:';

/** The command prefixed so that it reports its process group first. */
export function reportingGroup(command: string): string {
  return `printf '\\033imgbuild-pgid:%s\\n' "$$" >&2; ${command}`;
}

/** The shell command that stops every process of the group (TERM, then KILL after two seconds). */
export function killGroupCommand(pgid: number): string {
  return `kill -TERM -- -${pgid} 2>/dev/null; (sleep 2; kill -KILL -- -${pgid}) </dev/null >/dev/null 2>&1 &`;
}

/** Removes the marker line from the start of stderr, giving the group id once it is seen. */
export class GroupMarkerFilter {
  private buffered = Buffer.alloc(0);
  private settled = false;

  constructor(
    private readonly onGroup: (pgid: number) => void,
    private readonly forward: (chunk: Buffer) => void,
  ) {}

  push(chunk: Buffer): void {
    if (this.settled) {
      this.forward(chunk);
      return;
    }
    this.buffered = Buffer.concat([this.buffered, chunk]);
    const newline = this.buffered.indexOf(10);
    const head = this.buffered
      .subarray(0, newline === -1 ? this.buffered.length : newline)
      .toString('latin1');
    if (newline === -1 && MARK.startsWith(head.slice(0, MARK.length)) && this.buffered.length < 64) return;
    this.settled = true;
    const match = newline === -1 ? null : new RegExp(`^${MARK}(\\d+)$`).exec(head);
    if (!match) {
      this.forward(this.buffered);
      return;
    }
    this.onGroup(Number(match[1]));
    const rest = this.buffered.subarray(newline + 1);
    if (rest.length > 0) this.forward(rest);
  }

  /** Whatever is still held back (a stream that ended inside a would-be marker). */
  flush(): void {
    if (!this.settled && this.buffered.length > 0) this.forward(this.buffered);
    this.settled = true;
  }
}
