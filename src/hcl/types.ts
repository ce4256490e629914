/**
 * cty's type system: primitive, collection (list/map/set, one element type), structural
 * (object with named attributes, tuple with positional elements) and the dynamic pseudo-type.
 * Types are plain immutable values; compare them with `typeEquals`.
 */
export type Type =
  | { readonly kind: 'string' }
  | { readonly kind: 'number' }
  | { readonly kind: 'bool' }
  | { readonly kind: 'dynamic' }
  | { readonly kind: 'list'; readonly elem: Type }
  | { readonly kind: 'map'; readonly elem: Type }
  | { readonly kind: 'set'; readonly elem: Type }
  | {
      readonly kind: 'object';
      /** Attribute types, keys in lexical order. */
      readonly attrs: ReadonlyMap<string, Type>;
      /** Attributes declared with optional() in a type constraint (only meaningful in constraints). */
      readonly optional?: ReadonlySet<string>;
    }
  | { readonly kind: 'tuple'; readonly elems: readonly Type[] };

export type TypeKind = Type['kind'];

export const StringType: Type = { kind: 'string' };
export const NumberType: Type = { kind: 'number' };
export const BoolType: Type = { kind: 'bool' };
export const DynamicType: Type = { kind: 'dynamic' };
export const EmptyObjectType: Type = { kind: 'object', attrs: new Map() };
export const EmptyTupleType: Type = { kind: 'tuple', elems: [] };

export function listOf(elem: Type): Type {
  return { kind: 'list', elem };
}
export function mapOf(elem: Type): Type {
  return { kind: 'map', elem };
}
export function setOf(elem: Type): Type {
  return { kind: 'set', elem };
}
export function tupleOf(elems: readonly Type[]): Type {
  return { kind: 'tuple', elems };
}
export function objectOf(
  attrs: Record<string, Type> | ReadonlyMap<string, Type>,
  optional?: Iterable<string>,
): Type {
  const entries = attrs instanceof Map ? [...attrs.entries()] : Object.entries(attrs);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const opt = optional ? new Set(optional) : undefined;
  return opt && opt.size > 0
    ? { kind: 'object', attrs: new Map(entries), optional: opt }
    : { kind: 'object', attrs: new Map(entries) };
}

export function isPrimitive(t: Type): boolean {
  return t.kind === 'string' || t.kind === 'number' || t.kind === 'bool';
}
export function isCollection(t: Type): t is Extract<Type, { kind: 'list' | 'map' | 'set' }> {
  return t.kind === 'list' || t.kind === 'map' || t.kind === 'set';
}

export function typeEquals(a: Type, b: Type): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'list':
    case 'map':
    case 'set':
      return typeEquals(a.elem, (b as typeof a).elem);
    case 'tuple': {
      const be = (b as typeof a).elems;
      return a.elems.length === be.length && a.elems.every((t, i) => typeEquals(t, be[i]!));
    }
    case 'object': {
      const bo = b as typeof a;
      if (a.attrs.size !== bo.attrs.size) return false;
      for (const [k, t] of a.attrs) {
        const u = bo.attrs.get(k);
        if (!u || !typeEquals(t, u)) return false;
      }
      const ao = a.optional ?? new Set<string>();
      const bopt = bo.optional ?? new Set<string>();
      return ao.size === bopt.size && [...ao].every((k) => bopt.has(k));
    }
    default:
      return true;
  }
}

/** True if the type is dynamic or contains dynamic anywhere. */
export function hasDynamicTypes(t: Type): boolean {
  switch (t.kind) {
    case 'dynamic':
      return true;
    case 'list':
    case 'map':
    case 'set':
      return hasDynamicTypes(t.elem);
    case 'tuple':
      return t.elems.some(hasDynamicTypes);
    case 'object':
      return [...t.attrs.values()].some(hasDynamicTypes);
    default:
      return false;
  }
}

/** cty's `FriendlyName`: "string", "list of string", "object", "tuple", "dynamic". */
export function friendlyName(t: Type): string {
  switch (t.kind) {
    case 'list':
      return `list of ${friendlyName(t.elem)}`;
    case 'map':
      return `map of ${friendlyName(t.elem)}`;
    case 'set':
      return `set of ${friendlyName(t.elem)}`;
    case 'dynamic':
      return 'dynamic';
    default:
      return t.kind;
  }
}

/**
 * The type in type-constraint syntax (`list(string)`, `object({a=number, b=optional(string)})`), one string
 * per distinct type, so it also serves as a key. HCL's exact `TypeString` spelling is typeexpr's
 * `typeExprString`.
 */
export function typeString(t: Type): string {
  switch (t.kind) {
    case 'dynamic':
      return 'any';
    case 'list':
    case 'map':
    case 'set':
      return `${t.kind}(${typeString(t.elem)})`;
    case 'tuple':
      return `tuple([${t.elems.map(typeString).join(', ')}])`;
    case 'object': {
      const parts = [...t.attrs].map(([k, v]) => {
        const inner = typeString(v);
        const name = /^[\p{ID_Start}_][\p{ID_Continue}-]*$/u.test(k) ? k : JSON.stringify(k);
        return `${name}=${t.optional?.has(k) ? `optional(${inner})` : inner}`;
      });
      return `object({${parts.join(', ')}})`;
    }
    default:
      return t.kind;
  }
}
