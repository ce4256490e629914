/**
 * HCL's dynamic blocks extension (ext/dynblock): `dynamic "TYPE" { for_each = …, iterator = …,
 * labels = […], content { … } }` generates one TYPE block per element of for_each. Wrap a body with
 * expandDynamicBlocks and decode it as usual; expressions inside `content` see the iterator
 * (`TYPE.key` / `TYPE.value`, or the `iterator` name) whatever context they are evaluated in.
 */
import type { EvalContext, HclBody } from './hcl.js';
import { ExpandBody } from './dynblock/expand-body.js';
import type { ForEachCheck } from './dynblock/spec.js';

export type { ForEachCheck } from './dynblock/spec.js';
export { isUnknownBody } from './dynblock/unknown-body.js';
export {
  dynamicBlockVariables,
  type WalkVariablesChild,
  WalkVariablesNode,
  walkExpandVariables,
  walkVariables,
} from './dynblock/variables.js';

export interface ExpandOptions {
  /** Extra checks of each for_each value (e.g. to reject sensitive values); errors skip the block. */
  readonly checkForEach?: readonly ForEachCheck[];
}

/**
 * A body that expands dynamic blocks on content()/partialContent(). `ctx` evaluates for_each and
 * labels; content expressions are evaluated later with whatever context the caller passes.
 */
export function expandDynamicBlocks(
  body: HclBody,
  ctx: EvalContext | undefined,
  options: ExpandOptions = {},
): HclBody {
  return new ExpandBody(body, ctx, {
    valueMarks: new Set(),
    checks: options.checkForEach ?? [],
    hiddenAttrs: new Set(),
    hiddenBlocks: new Map(),
  });
}
