/** Shared pieces of the conversion machinery (cty/convert): the conversion function shape and its error. */
import type { Type } from './types.js';
import type { Value } from './value.js';
import type { Path } from './value-path.js';

/** A conversion of one value at a path; throws ConversionError. */
export type PathConversion = (v: Value, path: Path) => Value;

/** cty.PathError raised inside a conversion. */
export class ConversionError extends Error {
  constructor(
    message: string,
    readonly path: Path,
  ) {
    super(message);
    this.name = 'ConversionError';
  }
}

/** cty Type.WithoutOptionalAttributesDeep. */
export function withoutOptionalAttributesDeep(t: Type): Type {
  switch (t.kind) {
    case 'list':
    case 'map':
    case 'set':
      return { kind: t.kind, elem: withoutOptionalAttributesDeep(t.elem) };
    case 'tuple':
      return { kind: 'tuple', elems: t.elems.map(withoutOptionalAttributesDeep) };
    case 'object':
      return {
        kind: 'object',
        attrs: new Map([...t.attrs].map(([k, a]) => [k, withoutOptionalAttributesDeep(a)])),
      };
    default:
      return t;
  }
}

/** cty FriendlyNameForConstraint: "any type", "list of any single type", … */
export function friendlyNameForConstraint(t: Type): string {
  switch (t.kind) {
    case 'dynamic':
      return 'any type';
    case 'list':
    case 'map':
    case 'set':
      return `${t.kind} of ${t.elem.kind === 'dynamic' ? 'any single type' : friendlyNameForConstraint(t.elem)}`;
    default:
      return t.kind;
  }
}

export function isOptionalAttr(t: Type, name: string): boolean {
  return t.kind === 'object' && (t.optional?.has(name) ?? false);
}
