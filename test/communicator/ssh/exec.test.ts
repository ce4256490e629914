import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { SshCommunicator } from '../../../src/communicator/ssh/index.js';
import { type Sshd, sshdAvailable, startSshd, sshdLogin } from '../../helpers/sshd.js';

const skip = sshdAvailable() ? false : 'openssh-server is not installed (/usr/sbin/sshd missing)';

async function run(
  comm: SshCommunicator,
  command: string,
  opts: Parameters<SshCommunicator['exec']>[1] = {},
) {
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  const result = await comm.exec(command, {
    ...opts,
    onStdout: (c) => {
      stdout.push(c);
      opts.onStdout?.(c);
    },
    onStderr: (c) => stderr.push(c),
  });
  return { ...result, stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString() };
}

describe('SSH communicator: exec against a real sshd', { skip, timeout: 30_000 }, () => {
  let sshd: Sshd;
  let comm: SshCommunicator;
  before(async () => {
    sshd = await startSshd();
    comm = await SshCommunicator.connect({
      ...sshdLogin(sshd),
      retryDelayMs: 100,
    });
  });
  after(async () => {
    await comm?.close();
    await sshd?.stop();
  });

  it('streams stdout and stderr separately and returns the exit status', async () => {
    const r = await run(comm, 'echo out; echo err >&2; exit 7');
    assert.deepEqual(r, { exitCode: 7, stdout: 'out\n', stderr: 'err\n' });
    assert.equal((await run(comm, 'true')).exitCode, 0);
  });

  it('streams output as it is produced, not at the end', async () => {
    const arrivals: number[] = [];
    const started = Date.now();
    await comm.exec('echo a; sleep 0.4; echo b', { onStdout: () => arrivals.push(Date.now() - started) });
    assert.equal(arrivals.length, 2);
    assert.ok((arrivals[1] as number) - (arrivals[0] as number) >= 300, `chunks ${arrivals.join(', ')} ms`);
  });

  it('feeds stdin from a string or a stream, and closes it when none is given', async () => {
    assert.equal((await run(comm, 'tr a-z A-Z', { stdin: 'hello' })).stdout, 'HELLO');
    assert.equal(
      (await run(comm, 'wc -c', { stdin: Readable.from([Buffer.alloc(100_000, 1)]) })).stdout.trim(),
      '100000',
    );
    assert.equal((await run(comm, 'cat; echo done')).stdout, 'done\n');
  });

  it('reports a signal-killed command with no exit code', async () => {
    const r = await run(comm, 'kill -TERM $$');
    assert.equal(r.exitCode, null);
    assert.equal(r.signal, 'SIGTERM');
  });

  it('runs in a PTY when asked (stderr merges into the terminal)', async () => {
    const r = await run(comm, 'tty; echo err >&2', { pty: true });
    assert.match(r.stdout, /^\/dev\/pts\/\d+\r\nerr\r\n$/);
    assert.equal((await run(comm, 'tty')).stdout, 'not a tty\n');
  });

  it('an abort rejects the exec at once (the channel is closed)', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(new Error('cancelled by test')), 300);
    await assert.rejects(comm.exec('sleep 5', { signal: controller.signal }), /cancelled by test/);
    assert.ok(Date.now() - started < 2_000);
    assert.equal((await run(comm, 'echo still usable')).stdout, 'still usable\n');
  });

  it('an abort without a PTY ends the remote process and its children (their process group is killed)', async () => {
    // OpenSSH 9.2 ignores the "signal" request ssh2 sends without a PTY; the command reports its
    // process group first and the abort kills that group over a second channel.
    const controller = new AbortController();
    const marker = `38.${process.pid}`;
    const output: string[] = [];
    setTimeout(() => controller.abort(new Error('cancelled by test')), 500);
    await assert.rejects(
      comm.exec(`echo err >&2; sh -c "sleep ${marker}"; echo never`, {
        signal: controller.signal,
        onStderr: (c) => output.push(c.toString()),
      }),
      /cancelled by test/,
    );
    assert.equal(output.join(''), 'err\n', 'the group marker is not shown');
    let left = '';
    for (let i = 0; i < 30; i++) {
      left = (await run(comm, `pgrep -f "slee[p] ${marker}" || true`)).stdout;
      if (left === '') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(left, '', 'the remote sleep is gone');
  });

  it('an abort of a PTY command also ends the remote process (the terminal hangs up)', async () => {
    // Without a PTY, OpenSSH 9.2 ignores the "signal" request ssh2 sends, so a remote process that
    // neither reads nor writes outlives the channel; with a PTY, closing it sends SIGHUP.
    const controller = new AbortController();
    const marker = `37.${process.pid}`; // unique, so other runs' processes do not match
    setTimeout(() => controller.abort(new Error('cancelled by test')), 300);
    await assert.rejects(
      comm.exec(`sleep ${marker}`, { signal: controller.signal, pty: true }),
      /cancelled by test/,
    );
    let left = '';
    for (let i = 0; i < 20; i++) {
      left = (await run(comm, `pgrep -f "slee[p] ${marker}" || true`)).stdout;
      if (left === '') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(left, '', 'the remote sleep is gone');
  });

  it('sshd killed mid-command: exec resolves without an exit status and says the link was lost; the next call reconnects', async () => {
    let signalStarted: () => void = () => {};
    const commandStarted = new Promise<void>((resolve) => {
      signalStarted = resolve;
    });
    const pending = run(comm, 'echo started; sleep 30', { onStdout: () => signalStarted() });
    await commandStarted;
    const started = Date.now();
    await sshd.kill();
    const r = await pending;
    assert.equal(r.exitCode, null);
    assert.equal(r.stdout, 'started\n');
    assert.match(r.disconnected ?? '', /SSH connection was lost/);
    assert.ok(Date.now() - started < 2_000, 'no hang');
    assert.equal(comm.connected, false);
    // An expected disconnect (a reboot): the machine comes back with the same host key.
    await sshd.start();
    assert.equal((await run(comm, 'echo back')).stdout, 'back\n');
    assert.equal(comm.connected, true);
  });

  it('reconnect({ timeoutMs }) waits for the machine to come back', async () => {
    await sshd.kill();
    setTimeout(() => void sshd.start(), 400);
    await comm.reconnect({ timeoutMs: 10_000 });
    assert.equal((await run(comm, 'echo again')).exitCode, 0);
  });

  it('keep-alives and ssh_read_write_timeout drop a frozen link instead of hanging', async () => {
    const frozen = await SshCommunicator.connect({
      ...sshdLogin(sshd),
      keepAliveIntervalMs: 200,
      readWriteTimeoutMs: 600,
    });
    try {
      const pending = run(frozen, 'echo up; sleep 30');
      await new Promise((r) => setTimeout(r, 300));
      // SIGSTOP this sshd's session processes: the TCP link stays open but nothing answers.
      const stopped = await sshd.sessionPids();
      for (const pid of stopped) process.kill(pid, 'SIGSTOP');
      try {
        const started = Date.now();
        const r = await pending;
        assert.equal(r.exitCode, null);
        assert.ok(Date.now() - started < 3_000, `dropped after ${Date.now() - started} ms`);
      } finally {
        for (const pid of stopped) process.kill(pid, 'SIGCONT');
      }
    } finally {
      await frozen.close();
    }
  });
});
