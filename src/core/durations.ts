/**
 * Durations as Packer prints them: Go's time.Duration String() (`1m30s`, `500ms`) for settings such as
 * pause_before, and durafmt's two largest units (`1 minute 30 seconds`) for how long a build took.
 */

/** Go's time.Duration.String() of a millisecond count. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  if (rest < 1000) return `${sign}${trimFraction(rest)}ms`;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = `${trimFraction(rest / 1000)}s`;
  if (hours > 0) return `${sign}${hours}h${minutes}m${seconds}`;
  if (minutes > 0) return `${sign}${minutes}m${seconds}`;
  return `${sign}${seconds}`;
}

function trimFraction(n: number): string {
  return String(Number(n.toFixed(9)));
}

const units: readonly [string, number][] = [
  ['year', 365 * 24 * 3_600_000],
  ['week', 7 * 24 * 3_600_000],
  ['day', 24 * 3_600_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
  ['millisecond', 1],
];

/** durafmt.Parse(d).LimitFirstN(2).String() (Packer's "Build 'x' finished after 1 minute 3 seconds."). */
export function humanDuration(ms: number): string {
  let rest = Math.max(0, Math.round(ms * 1000)) / 1000;
  const parts: string[] = [];
  for (const [name, size] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 && parts.length < 2) parts.push(`${n} ${name}${n === 1 ? '' : 's'}`);
  }
  const micros = Math.round(rest * 1000);
  if (micros > 0 && parts.length < 2) parts.push(`${micros} microsecond${micros === 1 ? '' : 's'}`);
  return parts.length > 0 ? parts.join(' ') : '0 seconds';
}
