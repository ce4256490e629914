/**
 * Version constraints as Packer reads them (hashicorp/go-version): comma-separated terms such as
 * `>= 1.7.0`, `~> 1.7`, `!= 1.9.1`; versions may carry a `v` prefix, a prerelease and metadata.
 */

export interface Version {
  readonly segments: readonly number[];
  /** How many segments were written (`~> 1.7` pins one, `~> 1.7.0` pins two). */
  readonly written: number;
  readonly prerelease: string;
}

export interface ConstraintTerm {
  readonly op: string;
  readonly version: Version;
  readonly text: string;
}

const versionPattern = /^v?(\d+(?:\.\d+)*)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/;
const termPattern = /^\s*(=|!=|>=|<=|>|<|~>)?\s*(\S+)\s*$/;

export function parseVersion(text: string): Version | undefined {
  const m = versionPattern.exec(text.trim());
  if (!m) return undefined;
  const parts = m[1]!.split('.').map(Number);
  const written = parts.length;
  while (parts.length < 3) parts.push(0);
  return { segments: parts, written, prerelease: m[2] ?? '' };
}

/** The terms of a constraint string, or undefined when any term is malformed. */
export function parseConstraint(text: string): ConstraintTerm[] | undefined {
  const terms: ConstraintTerm[] = [];
  for (const part of text.split(',')) {
    const m = termPattern.exec(part);
    if (!m) return undefined;
    const version = parseVersion(m[2]!);
    if (!version) return undefined;
    terms.push({ op: m[1] ?? '=', version, text: part.trim() });
  }
  return terms;
}

export function compareVersions(a: Version, b: Version): number {
  const n = Math.max(a.segments.length, b.segments.length);
  for (let i = 0; i < n; i++) {
    const d = (a.segments[i] ?? 0) - (b.segments[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  // A prerelease sorts before its release.
  if (a.prerelease === b.prerelease) return 0;
  if (a.prerelease === '') return 1;
  if (b.prerelease === '') return -1;
  return a.prerelease < b.prerelease ? -1 : 1;
}

function termHolds(v: Version, t: ConstraintTerm): boolean {
  const c = compareVersions(v, t.version);
  switch (t.op) {
    case '=':
      return c === 0;
    case '!=':
      return c !== 0;
    case '>':
      return c > 0;
    case '<':
      return c < 0;
    case '>=':
      return c >= 0;
    case '<=':
      return c <= 0;
    default: {
      // `~>`: at least the version, with every written segment but the last unchanged.
      if (c < 0) return false;
      const pinned = Math.max(t.version.written - 1, 1);
      for (let i = 0; i < pinned; i++) {
        if (v.segments[i] !== t.version.segments[i]) return false;
      }
      return true;
    }
  }
}

export function constraintHolds(v: Version, terms: readonly ConstraintTerm[]): boolean {
  return terms.every((t) => termHolds(v, t));
}
