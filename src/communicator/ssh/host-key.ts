/**
 * Host key pinning: the key seen on the first successful connection (or the one a builder expects)
 * is required on every later connection, so a reconnect after a reboot cannot reach another machine.
 */
import { createHash } from 'node:crypto';

export class HostKeyPin {
  private pinned: Buffer | undefined;
  /** The key the last refused handshake presented. */
  lastRefused: Buffer | undefined;

  /** `expected`: an OpenSSH public key line (`ssh-ed25519 AAAA… comment`) the host must present. */
  constructor(expected?: string) {
    if (expected !== undefined) this.pinned = parsePublicKeyLine(expected);
  }

  get key(): Buffer | undefined {
    return this.pinned;
  }

  /** ssh2's hostVerifier: accepts the pinned key, or any key while nothing is pinned. */
  verify(key: Buffer): boolean {
    if (this.pinned === undefined || this.pinned.equals(key)) return true;
    this.lastRefused = Buffer.from(key);
    return false;
  }

  /** Pins the key of a connection that completed authentication. */
  pin(key: Buffer): void {
    this.pinned ??= Buffer.from(key);
  }

  describeMismatch(): string {
    return (
      `the host key changed: expected ${fingerprint(this.pinned)}, the server presented ` +
      `${fingerprint(this.lastRefused)}; refusing to connect (another machine, or the host was re-keyed)`
    );
  }
}

/** OpenSSH's fingerprint format: `SHA256:` and unpadded base64 of the key blob. */
export function fingerprint(key: Buffer | undefined): string {
  if (key === undefined) return '(none)';
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

export function parsePublicKeyLine(line: string): Buffer {
  const parts = line.trim().split(/\s+/);
  const blob = parts.length >= 2 ? parts[1] : parts[0];
  if (!blob || !/^[A-Za-z0-9+/]+=*$/.test(blob))
    throw new Error(`not an SSH public key: ${line.slice(0, 40)}`);
  return Buffer.from(blob, 'base64');
}
