/**
 * The debug log (Packer's PACKER_LOG): off unless IMGBUILD_LOG is set to something other than "" or "0";
 * then each line goes to stderr, or is appended to the file IMGBUILD_LOG_PATH names. Lines carry Go's
 * `log` timestamp prefix so logs read like Packer's.
 */
import { appendFileSync } from 'node:fs';
import path from 'node:path';

export interface Logger {
  readonly enabled: boolean;
  log(message: string): void;
}

export const silentLogger: Logger = { enabled: false, log: () => {} };

function timestamp(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}/${p(d.getMonth() + 1)}/${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export function createLogger(
  env: NodeJS.ProcessEnv,
  stderr: NodeJS.WritableStream,
  cwd: string,
  now: () => Date = () => new Date(),
): Logger {
  const flag = env.IMGBUILD_LOG;
  if (flag === undefined || flag === '' || flag === '0') return silentLogger;
  const file = env.IMGBUILD_LOG_PATH ? path.resolve(cwd, env.IMGBUILD_LOG_PATH) : undefined;
  return {
    enabled: true,
    log(message) {
      const text = message
        .split('\n')
        .map((l) => `${timestamp(now())} ${l}\n`)
        .join('');
      if (file) {
        try {
          appendFileSync(file, text);
          return;
        } catch {
          // An unwritable log file must not break the command: fall back to stderr.
        }
      }
      stderr.write(text);
    },
  };
}
