/**
 * cty.Path: the steps from a value to a nested value, used to say where a conversion failed.
 * An index step's key is a Value (a number for sequences, a string for maps, possibly unknown).
 */
import type { Value } from './value.js';

export type PathStep =
  | { readonly kind: 'attr'; readonly name: string }
  | { readonly kind: 'index'; readonly key: Value };

export type Path = readonly PathStep[];

export function attrStep(name: string): PathStep {
  return { kind: 'attr', name };
}

export function indexStep(key: Value): PathStep {
  return { kind: 'index', key };
}
