/** Levenshtein distance between two strings (by code point). */
export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  let prev = Array.from({ length: t.length + 1 }, (_, i) => i);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return prev[t.length]!;
}

/**
 * The closest of `suggestions` to `given` when it is within edit distance < 3, as HCL's
 * `nameSuggestion`; undefined when nothing is close enough.
 */
export function nameSuggestion(given: string, suggestions: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of suggestions) {
    const d = editDistance(given, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** " Did you mean "x"?" or "" — for appending to a diagnostic detail. */
export function didYouMean(given: string, suggestions: Iterable<string>): string {
  const s = nameSuggestion(given, suggestions);
  return s === undefined ? '' : ` Did you mean "${s}"?`;
}
