/** Whitespace as Go's unicode.IsSpace defines it, which HCL uses for trimming and heredoc markers. */

/** Go's unicode.IsSpace. */
export function isGoSpace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) ||
    c === 32 ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Go's strings.TrimSpace. */
export function goTrimSpace(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isGoSpace(s.charCodeAt(a))) a++;
  while (b > a && isGoSpace(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

/** Go's strings.TrimLeftFunc(s, unicode.IsSpace). */
export function trimLeftGoSpace(s: string): string {
  let a = 0;
  while (a < s.length && isGoSpace(s.charCodeAt(a))) a++;
  return a === 0 ? s : s.slice(a);
}

/** Go's strings.TrimRightFunc(s, unicode.IsSpace). */
export function trimRightGoSpace(s: string): string {
  let b = s.length;
  while (b > 0 && isGoSpace(s.charCodeAt(b - 1))) b--;
  return b === s.length ? s : s.slice(0, b);
}
