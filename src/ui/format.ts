/**
 * Packer's human output, layer by layer as its UI wrappers apply them: TargetedUI prefixes every line
 * with `==> NAME: ` (say, error) or `    NAME: ` (message); TimestampedUi puts an RFC 3339 time before
 * the whole message; ColoredUi wraps the whole message in one color (bold for say and error, errors red).
 */

export type MessageKind = 'say' | 'message' | 'error';

/** Packer's build colors, in the order builds get them. */
export const buildColors = [32, 36, 35, 33, 34] as const;
const red = 31;

/** TargetedUI.prefixLines: every line prefixed, trailing whitespace of the whole trimmed. */
export function prefixLines(target: string, arrow: boolean, message: string): string {
  const head = arrow ? '==>' : '   ';
  return message
    .split('\n')
    .map((line) => `${head} ${target}: ${line}`)
    .join('\n')
    .trimEnd();
}

/** ColoredUi.colorize. */
export function colorize(message: string, color: number, bold: boolean): string {
  return `\x1b[${bold ? 1 : 0};${color}m${message}\x1b[0m`;
}

/** The color a message of `kind` takes in a build colored `color`. */
export function colorMessage(kind: MessageKind, message: string, color: number): string {
  if (kind === 'error') return colorize(message, red, true);
  return colorize(message, color, kind === 'say');
}

/** Go's time.RFC3339 in local time: `2006-01-02T15:04:05Z07:00`, `Z` for UTC. */
export function rfc3339(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const offset = -d.getTimezoneOffset();
  const zone =
    offset === 0
      ? 'Z'
      : `${offset > 0 ? '+' : '-'}${p(Math.floor(Math.abs(offset) / 60))}:${p(Math.abs(offset) % 60)}`;
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}${zone}`;
}

/** TimestampedUi.timestampLine. */
export function timestampLine(now: Date, message: string): string {
  return `${rfc3339(now)}: ${message}`;
}

/** RemoteCmd.cleanOutputLine: trailing whitespace trimmed, only what follows the last carriage return. */
export function cleanOutputLine(line: string): string {
  const trimmed = line.trimEnd();
  const cr = trimmed.lastIndexOf('\r');
  return cr >= 0 ? trimmed.slice(cr + 1) : trimmed;
}

/** A byte count as people read it: 1023 B, 1.5 KiB, 12.3 MiB. */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(1)} ${units[u]}`;
}

/** Elapsed time for the spinner: 4s, 2m05s, 1h02m. */
export function formatElapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** `[=====>     ]  45% 12.3 MiB/27.0 MiB` */
export function progressBar(done: number, total: number, width = 24): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.floor(fraction * width);
  const bar = filled >= width ? '='.repeat(width) : `${'='.repeat(filled)}>${' '.repeat(width - filled - 1)}`;
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  return `[${bar}] ${percent} ${formatBytes(done)}/${formatBytes(total)}`;
}
