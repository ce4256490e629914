/**
 * cty convert.MismatchMessage: a user-facing explanation of why a value of one type cannot become
 * another. This is the cty 1.7–1.15 wording Packer users see ("bool required"); cty 1.16 added
 * "…, but have number" for some type pairs.
 */
import { getConversion } from './convert.js';
import { friendlyNameForConstraint, isOptionalAttr } from './convert-types.js';
import { compareStrings } from './go-strings.js';
import { isCollection, type Type, typeEquals } from './types.js';

export function mismatchMessage(got: Type, want: Type): string {
  if (got.kind === 'object' && want.kind === 'object') return mismatchMessageObjects(got, want);
  if (got.kind === 'tuple' && want.kind === 'list' && want.elem.kind === 'dynamic') {
    return 'all list elements must have the same type';
  }
  if (got.kind === 'tuple' && want.kind === 'set' && want.elem.kind === 'dynamic') {
    return 'all set elements must have the same type';
  }
  if (got.kind === 'object' && want.kind === 'map' && want.elem.kind === 'dynamic') {
    return 'all map elements must have the same type';
  }
  if ((got.kind === 'tuple' || got.kind === 'object') && isCollection(want)) {
    return mismatchMessageCollectionsFromStructural(got, want);
  }
  if (isCollection(got) && isCollection(want)) return mismatchMessageCollectionsFromCollections(got, want);
  return `${friendlyNameForConstraint(want)} required`;
}

const q = (s: string) => JSON.stringify(s);

function mismatchMessageObjects(
  got: Extract<Type, { kind: 'object' }>,
  want: Extract<Type, { kind: 'object' }>,
): string {
  const missing: string[] = [];
  let unsafeMismatch = '';
  let safeMismatch = '';
  for (const [name, wantAty] of want.attrs) {
    const gotAty = got.attrs.get(name);
    if (!gotAty) {
      if (!isOptionalAttr(want, name)) missing.push(name);
      continue;
    }
    if (typeEquals(gotAty, wantAty)) continue;
    if (unsafeMismatch !== '') continue;
    if (!getConversion(gotAty, wantAty, true))
      unsafeMismatch = `attribute ${q(name)}: ${mismatchMessage(gotAty, wantAty)}`;
    if (safeMismatch !== '') continue;
    if (!getConversion(gotAty, wantAty, false))
      safeMismatch = `attribute ${q(name)}: ${mismatchMessage(gotAty, wantAty)}`;
  }
  if (missing.length > 0) {
    missing.sort(compareStrings);
    if (missing.length === 1) return `attribute ${q(missing[0]!)} is required`;
    if (missing.length === 2) return `attributes ${q(missing[0]!)} and ${q(missing[1]!)} are required`;
    const head = missing
      .slice(0, -1)
      .map((n) => `${q(n)}, `)
      .join('');
    return `attributes ${head}and ${q(missing[missing.length - 1]!)} are required`;
  }
  if (unsafeMismatch !== '') return unsafeMismatch;
  if (safeMismatch !== '') return safeMismatch;
  return 'incorrect object attributes';
}

function mismatchMessageCollectionsFromStructural(
  got: Type,
  want: Extract<Type, { kind: 'list' | 'map' | 'set' }>,
): string {
  if ((want.kind === 'list' || want.kind === 'set') && got.kind !== 'tuple')
    return `${friendlyNameForConstraint(want)} required`;
  if (want.kind === 'map' && got.kind !== 'object') return `${friendlyNameForConstraint(want)} required`;
  const wantEty = want.elem;
  if (got.kind === 'tuple') {
    for (let i = 0; i < got.elems.length; i++) {
      const gotEty = got.elems[i]!;
      if (typeEquals(gotEty, wantEty) || getConversion(gotEty, wantEty, true)) continue;
      return `element ${i}: ${mismatchMessage(gotEty, wantEty)}`;
    }
    return `all elements must be ${friendlyNameForConstraint(wantEty)}`;
  }
  if (got.kind === 'object') {
    for (const [name, gotAty] of got.attrs) {
      if (typeEquals(gotAty, wantEty) || getConversion(gotAty, wantEty, true)) continue;
      return `element ${q(name)}: ${mismatchMessage(gotAty, wantEty)}`;
    }
    return `all elements must be ${friendlyNameForConstraint(wantEty)}`;
  }
  return `${friendlyNameForConstraint(want)} required`;
}

function mismatchMessageCollectionsFromCollections(
  got: Extract<Type, { kind: 'list' | 'map' | 'set' }>,
  want: Extract<Type, { kind: 'list' | 'map' | 'set' }>,
): string {
  const seqLike = got.kind === 'list' || got.kind === 'set';
  if ((want.kind === 'list' || want.kind === 'set') && !seqLike)
    return `${friendlyNameForConstraint(want)} required`;
  if (want.kind === 'map' && got.kind !== 'map') return `${friendlyNameForConstraint(want)} required`;
  return `incorrect ${want.kind} element type: ${mismatchMessage(got.elem, want.elem)}`;
}
