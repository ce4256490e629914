import type { Range } from './pos.js';
import type { Value } from './value.js';

/** One step of a traversal (HCL's hcl.Traverser). */
export type Traverser =
  | { readonly type: 'root'; readonly name: string; readonly range: Range }
  | { readonly type: 'attr'; readonly name: string; readonly range: Range }
  | { readonly type: 'index'; readonly key: Value; readonly range: Range }
  | { readonly type: 'splat'; readonly range: Range };

/** A reference like `var.a.b[0]`: an absolute traversal starts with a 'root' step. */
export type Traversal = readonly Traverser[];

export function traversalRootName(t: Traversal): string | undefined {
  const first = t[0];
  return first?.type === 'root' ? first.name : undefined;
}
