/** cty Type.TestConformance: why `given` is not exactly `want` (dynamic in `want` accepts anything). */
import { BigFloat } from './number.js';
import { friendlyName, type Type, typeEquals } from './types.js';
import type { Value } from './value.js';
import { attrStep, indexStep, type Path } from './value-path.js';

export interface PathError {
  readonly path: Path;
  readonly message: string;
}

const unknownNumber: Value = { type: { kind: 'number' }, state: 'unknown' };
const unknownString: Value = { type: { kind: 'string' }, state: 'unknown' };

export function conformanceErrors(given: Type, want: Type): PathError[] {
  const errs: PathError[] = [];
  check(given, want, [], errs);
  return errs;
}

function check(given: Type, want: Type, path: Path, errs: PathError[]): void {
  if (want.kind === 'dynamic' || typeEquals(given, want)) return;
  if (given.kind === 'object' && want.kind === 'object') {
    for (const k of given.attrs.keys()) {
      if (!want.attrs.has(k)) errs.push({ path, message: `unsupported attribute ${JSON.stringify(k)}` });
    }
    for (const k of want.attrs.keys()) {
      if (!given.attrs.has(k))
        errs.push({ path, message: `missing required attribute ${JSON.stringify(k)}` });
    }
    for (const [k, w] of want.attrs) {
      const g = given.attrs.get(k);
      if (g) check(g, w, [...path, attrStep(k)], errs);
    }
    return;
  }
  if (given.kind === 'tuple' && want.kind === 'tuple') {
    if (given.elems.length !== want.elems.length) {
      errs.push({
        path,
        message: `${want.elems.length} elements are required, but got ${given.elems.length}`,
      });
      return;
    }
    want.elems.forEach((w, i) => {
      const key: Value = { type: { kind: 'number' }, state: 'known', v: BigFloat.fromInt(i) };
      check(given.elems[i]!, w, [...path, indexStep(key)], errs);
    });
    return;
  }
  const sameCollection =
    (given.kind === 'list' || given.kind === 'map' || given.kind === 'set') && given.kind === want.kind;
  if (sameCollection) {
    const key: Value =
      given.kind === 'list'
        ? unknownNumber
        : given.kind === 'map'
          ? unknownString
          : { type: given.elem, state: 'unknown' };
    check(given.elem, (want as typeof given).elem, [...path, indexStep(key)], errs);
    return;
  }
  errs.push({ path, message: `${friendlyName(want)} required, but received ${friendlyName(given)}` });
}
