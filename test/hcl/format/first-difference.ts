/** Test helper: where two texts first differ, as `line N: want "..." got "..."`. */
export function firstDifference(want: string, got: string): string {
  const w = want.split('\n');
  const g = got.split('\n');
  for (let i = 0; i < Math.max(w.length, g.length); i++) {
    if (w[i] !== g[i]) return `line ${i + 1}: want ${JSON.stringify(w[i])} got ${JSON.stringify(g[i])}`;
  }
  return 'texts differ';
}
