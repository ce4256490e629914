/**
 * cty values. A value always has a type; it may be unknown (known only at build time) or null,
 * and may carry marks (e.g. "sensitive"). Collections hold Values; maps and objects keep their
 * keys in lexical order, sets keep their elements deduplicated in a canonical order.
 *
 * The representation is plain data; operations live in value-ops.ts, convert.ts, etc.
 */
import type { BigFloat } from './number.js';
import type { Type } from './types.js';

export type Mark = string;

export interface ValueBase {
  readonly type: Type;
  readonly marks?: ReadonlySet<Mark>;
}

export type Value =
  | (ValueBase & { readonly state: 'unknown' })
  | (ValueBase & { readonly state: 'null' })
  | (ValueBase & { readonly state: 'known'; readonly v: KnownPayload });

/**
 * The payload of a known, non-null value, by type kind:
 * string -> string (NFC); number -> BigFloat; bool -> boolean;
 * list/tuple/set -> readonly Value[]; map/object -> ReadonlyMap<string, Value> (lexical key order).
 */
export type KnownPayload = string | BigFloat | boolean | readonly Value[] | ReadonlyMap<string, Value>;

export const SensitiveMark: Mark = 'sensitive';
