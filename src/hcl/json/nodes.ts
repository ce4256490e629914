/**
 * The JSON syntax tree (as hcl/json's ast): JSON values with their source ranges. Objects keep every
 * property in source order, duplicates included, because duplicate names mean repeated blocks.
 */
import type { BigFloat } from '../number.js';
import type { Range } from '../pos.js';

export interface JsonProperty {
  readonly name: string;
  readonly value: JsonNode;
  /** The range of the quoted name. */
  readonly nameRange: Range;
}

export type JsonNode =
  | {
      readonly kind: 'object';
      readonly properties: readonly JsonProperty[];
      /** Brace to brace. */
      readonly range: Range;
      readonly openRange: Range;
      readonly closeRange: Range;
    }
  | {
      readonly kind: 'array';
      readonly values: readonly JsonNode[];
      readonly range: Range;
      readonly openRange: Range;
    }
  | { readonly kind: 'bool'; readonly value: boolean; readonly range: Range }
  | { readonly kind: 'number'; readonly value: BigFloat; readonly range: Range }
  | { readonly kind: 'string'; readonly value: string; readonly range: Range }
  | { readonly kind: 'null'; readonly range: Range }
  /** A placeholder where the input was too broken to produce a value. */
  | { readonly kind: 'invalid'; readonly range: Range };

export type JsonObjectNode = Extract<JsonNode, { kind: 'object' }>;
export type JsonArrayNode = Extract<JsonNode, { kind: 'array' }>;
export type JsonStringNode = Extract<JsonNode, { kind: 'string' }>;

/** The range to point at for the start of a node: the opening brace/bracket, or the whole token. */
export function nodeStartRange(n: JsonNode): Range {
  return n.kind === 'object' || n.kind === 'array' ? n.openRange : n.range;
}
