/**
 * Go's filepath.Glob, which artifice applies to each `files` entry: `*` (any run of non-separator
 * characters, dotfiles included), `?`, `[…]`/`[^…]` classes and `\` escapes, matched one path element
 * at a time, each directory's matches sorted. A pattern without wildcards yields itself only when it
 * exists; a malformed pattern is Go's ErrBadPattern.
 */
import { lstat, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

const META = /[*?[\\]/;

export async function goGlob(pattern: string): Promise<string[]> {
  if (!META.test(pattern)) {
    return (await lstat(pattern).then(
      () => true,
      () => false,
    ))
      ? [pattern]
      : [];
  }
  const absolute = pattern.startsWith('/');
  const parts = pattern.split('/').filter((p, i) => p !== '' || i === 0);
  let bases: string[] = [absolute ? '/' : ''];
  for (const [i, part] of parts.entries()) {
    if (i === 0 && absolute) continue;
    const last = i === parts.length - 1;
    const next: string[] = [];
    for (const base of bases) {
      if (!META.test(part)) {
        const p = base === '' ? part : join(base, part);
        if (last ? await exists(p) : await isDir(p)) next.push(p);
        continue;
      }
      const re = segmentRegExp(part);
      let names: string[];
      try {
        names = (await readdir(base === '' ? '.' : base)).sort();
      } catch {
        continue;
      }
      for (const name of names) {
        if (!re.test(name)) continue;
        const p = base === '' ? name : join(base, name);
        if (last || (await isDir(p))) next.push(p);
      }
    }
    bases = next;
  }
  return bases;
}

function exists(p: string): Promise<boolean> {
  return lstat(p).then(
    () => true,
    () => false,
  );
}

function isDir(p: string): Promise<boolean> {
  return stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

function segmentRegExp(segment: string): RegExp {
  let src = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i] as string;
    if (c === '*') src += '.*';
    else if (c === '?') src += '.';
    else if (c === '\\') {
      i++;
      if (i >= segment.length) throw new Error('syntax error in pattern');
      src += escapeRegExp(segment[i] as string);
    } else if (c === '[') {
      const end = segment.indexOf(']', i + 2);
      if (end < 0) throw new Error('syntax error in pattern');
      let body = segment.slice(i + 1, end);
      const negate = body.startsWith('^');
      if (negate) body = body.slice(1);
      src += `[${negate ? '^' : ''}${body.replace(/[\]\\]/g, '\\$&')}]`;
      i = end;
    } else src += escapeRegExp(c);
  }
  return new RegExp(`^${src}$`, 's');
}

function escapeRegExp(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
