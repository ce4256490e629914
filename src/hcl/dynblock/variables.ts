/**
 * Variable detection through dynamic blocks (HCL dynblock's WalkVariables): a body's schema only
 * describes one level of blocks, so the walk visits one level at a time and hands back the nested
 * bodies with their block type names, for the caller to visit with the schema it knows for each.
 * References to the iterators themselves are left out: the expansion provides them.
 */
import type { BodySchema, HclBody } from '../hcl.js';
import { type Traversal, traversalRootName } from '../traversal.js';
import { DynamicVal } from '../values.js';
import { Iteration } from './iteration.js';
import { dynamicBlockHeader, dynamicBodyForVariables } from './schema.js';

export interface WalkVariablesChild {
  readonly blockTypeName: string;
  readonly node: WalkVariablesNode;
}

export class WalkVariablesNode {
  constructor(
    readonly body: HclBody,
    private readonly iteration: Iteration | undefined,
    /** False to collect only what expansion needs (for_each and labels), not the content's own. */
    private readonly includeContent: boolean,
  ) {}

  visit(schema: BodySchema): { vars: Traversal[]; children: WalkVariablesChild[] } {
    const vars: Traversal[] = [];
    const children: WalkVariablesChild[] = [];
    const { content } = this.body.partialContent({
      attributes: schema.attributes,
      blocks: [...(schema.blocks ?? []), dynamicBlockHeader],
    });
    const it = this.iteration;

    if (this.includeContent) {
      for (const attr of content.attributes.values()) {
        for (const t of attr.expr.variables()) {
          if (!it?.provides(traversalRootName(t))) vars.push(t);
        }
      }
    }

    for (const block of content.blocks) {
      if (block.type !== 'dynamic') {
        children.push({
          blockTypeName: block.type,
          node: new WalkVariablesNode(block.body, it, this.includeContent),
        });
        continue;
      }
      const blockTypeName = block.labels[0]!;
      const { content: inner } = block.body.partialContent(dynamicBodyForVariables);

      let iteratorName = blockTypeName;
      const iteratorAttr = inner.attributes.get('iterator');
      if (iteratorAttr) {
        const t = iteratorAttr.expr.staticTraversal();
        const name = t && traversalRootName(t);
        // An invalid iterator makes expansion fail later anyway; nothing to learn here.
        if (name === undefined) continue;
        iteratorName = name;
      }
      const blockIt = Iteration.child(it, iteratorName, DynamicVal, DynamicVal);

      for (const t of inner.attributes.get('for_each')?.expr.variables() ?? []) {
        if (!blockIt.inherited.has(traversalRootName(t) ?? '')) vars.push(t);
      }
      for (const t of inner.attributes.get('labels')?.expr.variables() ?? []) {
        if (!blockIt.provides(traversalRootName(t))) vars.push(t);
      }
      // Every content block, even when there are too many: variables of a wrong block still count.
      for (const contentBlock of inner.blocks) {
        children.push({
          blockTypeName,
          node: new WalkVariablesNode(contentBlock.body, blockIt, this.includeContent),
        });
      }
    }
    return { vars, children };
  }
}

/** Walks every variable of a body: attributes, for_each and labels of dynamic blocks, nested content. */
export function walkVariables(body: HclBody): WalkVariablesNode {
  return new WalkVariablesNode(body, undefined, true);
}

/** Walks only the variables needed to expand dynamic blocks (for_each and labels). */
export function walkExpandVariables(body: HclBody): WalkVariablesNode {
  return new WalkVariablesNode(body, undefined, false);
}

/**
 * Every reference of a whole body tree, given the schema of each nested block type (return undefined
 * for a type not known: its body is skipped).
 */
export function dynamicBlockVariables(
  body: HclBody,
  schema: BodySchema,
  schemaForBlock: (blockTypeName: string, parentSchema: BodySchema) => BodySchema | undefined,
  options: { expandOnly?: boolean } = {},
): Traversal[] {
  const root = options.expandOnly ? walkExpandVariables(body) : walkVariables(body);
  const out: Traversal[] = [];
  const visit = (node: WalkVariablesNode, s: BodySchema) => {
    const { vars, children } = node.visit(s);
    out.push(...vars);
    for (const child of children) {
      const childSchema = schemaForBlock(child.blockTypeName, s);
      if (childSchema) visit(child.node, childSchema);
    }
  };
  visit(root, schema);
  return out;
}
