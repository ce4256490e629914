/** Why an SSH connection attempt failed, in the words the UI shows while waiting for SSH. */

export type SshFailureReason =
  | 'connection refused'
  | 'timed out'
  | 'auth failed'
  | 'host key changed'
  | 'host unreachable'
  | 'host not found'
  | 'connection closed'
  | 'handshake failed';

export class SshConnectError extends Error {
  override readonly name = 'SshConnectError';
  constructor(
    readonly reason: SshFailureReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A connection-level error (socket or ssh2) as an SshConnectError with its reason. */
export function classifyConnectError(err: unknown, where: string): SshConnectError {
  if (err instanceof SshConnectError) return err;
  const e = err as NodeJS.ErrnoException & { level?: string };
  const code = e?.code ?? '';
  const text = String(e?.message ?? err);
  const make = (reason: SshFailureReason, detail: string) =>
    new SshConnectError(reason, `${where}: ${reason} (${detail})`, { cause: err });
  if (code === 'ECONNREFUSED' || /connection refused/i.test(text)) return make('connection refused', text);
  if (code === 'ETIMEDOUT' || e?.level === 'client-timeout' || /timed? ?out/i.test(text))
    return make('timed out', text);
  if (e?.level === 'client-authentication' || /authentication/i.test(text)) return make('auth failed', text);
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return make('host unreachable', text);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || e?.level === 'client-dns')
    return make('host not found', text);
  if (code === 'ECONNRESET' || code === 'EPIPE' || /closed|reset|ended/i.test(text))
    return make('connection closed', text);
  return make('handshake failed', text);
}
