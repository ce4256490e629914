/**
 * A body that expands `dynamic` blocks whenever its content is read (HCL dynblock's expandBody).
 * Generated blocks, and static blocks nested in this body, get wrapped bodies too, so dynamic blocks
 * work at any depth and content expressions see every enclosing iterator.
 */
import { type Diagnostic, errorDiag, hasErrors } from '../diagnostics.js';
import type {
  AttributeSchema,
  BlockHeaderSchema,
  BodyContent,
  BodySchema,
  EvalContext,
  HclAttribute,
  HclBlock,
  HclBody,
} from '../hcl.js';
import type { Range } from '../pos.js';
import type { Mark } from '../value.js';
import { DynamicVal, isKnown, unmark } from '../values.js';
import { IterationExpression } from './expr-wrap.js';
import { Iteration, iterationContext } from './iteration.js';
import { dynamicBlockHeader } from './schema.js';
import { decodeDynamicSpec, elementPairs, type ForEachCheck, newDynamicBlock } from './spec.js';
import { UnknownBody } from './unknown-body.js';

const noMarks: ReadonlySet<Mark> = new Set();

export interface ExpandState {
  readonly iteration?: Iteration;
  readonly valueMarks: ReadonlySet<Mark>;
  readonly checks: readonly ForEachCheck[];
  /** What an earlier partialContent consumed: hidden from later reads of the remaining body. */
  readonly hiddenAttrs: ReadonlySet<string>;
  readonly hiddenBlocks: ReadonlyMap<string, BlockHeaderSchema>;
}

export class ExpandBody implements HclBody {
  constructor(
    readonly original: HclBody,
    /** The context for for_each and labels expressions (with enclosing iterators bound). */
    private readonly forEachCtx: EvalContext | undefined,
    private readonly state: ExpandState,
  ) {}

  content(schema: BodySchema): { content: BodyContent; diags: Diagnostic[] } {
    const { content: raw, diags } = this.original.content(this.extendSchema(schema));
    const { blocks, diags: blockDiags } = this.expandBlocks(schema, raw.blocks, false);
    diags.push(...blockDiags);
    return {
      content: {
        attributes: this.prepareAttributes(raw.attributes),
        blocks,
        missingItemRange: this.original.missingItemRange(),
      },
      diags,
    };
  }

  partialContent(schema: BodySchema): { content: BodyContent; remain: HclBody; diags: Diagnostic[] } {
    // The original's own remaining body is not used: ours must still see the dynamic blocks of types
    // this schema did not ask for.
    const { content: raw, diags } = this.original.partialContent(this.extendSchema(schema));
    const { blocks, diags: blockDiags } = this.expandBlocks(schema, raw.blocks, true);
    diags.push(...blockDiags);

    const hiddenAttrs = new Set(this.state.hiddenAttrs);
    const hiddenBlocks = new Map(this.state.hiddenBlocks);
    for (const a of schema.attributes ?? []) hiddenAttrs.add(a.name);
    for (const b of schema.blocks ?? []) hiddenBlocks.set(b.type, b);
    const remain = new ExpandBody(this.original, this.forEachCtx, {
      ...this.state,
      hiddenAttrs,
      hiddenBlocks,
    });

    return {
      content: {
        attributes: this.prepareAttributes(raw.attributes),
        blocks,
        missingItemRange: this.original.missingItemRange(),
      },
      remain,
      diags,
    };
  }

  /** Only attributes are possible here, so there is nothing to expand (as HCL). */
  justAttributes(): { attributes: ReadonlyMap<string, HclAttribute>; diags: Diagnostic[] } {
    const { attributes, diags } = this.original.justAttributes();
    return { attributes: this.prepareAttributes(attributes), diags };
  }

  missingItemRange(): Range {
    return this.original.missingItemRange();
  }

  /** The schema plus `dynamic`, plus what was hidden (so the original does not reject it). */
  private extendSchema(schema: BodySchema): BodySchema {
    const blocks = [...(schema.blocks ?? []), dynamicBlockHeader, ...this.state.hiddenBlocks.values()];
    let attributes: readonly AttributeSchema[] | undefined = schema.attributes;
    if (this.state.hiddenAttrs.size > 0) {
      attributes = [...(schema.attributes ?? []), ...[...this.state.hiddenAttrs].map((name) => ({ name }))];
    }
    return { attributes, blocks };
  }

  private prepareAttributes(raw: ReadonlyMap<string, HclAttribute>): ReadonlyMap<string, HclAttribute> {
    const { iteration, valueMarks, hiddenAttrs } = this.state;
    if (hiddenAttrs.size === 0 && !iteration && valueMarks.size === 0) return raw;
    const out = new Map<string, HclAttribute>();
    for (const [name, attr] of raw) {
      if (hiddenAttrs.has(name)) continue;
      const wrap = iteration !== undefined || valueMarks.size > 0;
      out.set(
        name,
        wrap ? { ...attr, expr: new IterationExpression(attr.expr, iteration, valueMarks) } : attr,
      );
    }
    return out;
  }

  private expandBlocks(
    schema: BodySchema,
    rawBlocks: readonly HclBlock[],
    partial: boolean,
  ): { blocks: HclBlock[]; diags: Diagnostic[] } {
    const blocks: HclBlock[] = [];
    const diags: Diagnostic[] = [];
    for (const raw of rawBlocks) {
      if (raw.type !== 'dynamic') {
        if (this.state.hiddenBlocks.has(raw.type)) continue;
        // A static block has no iteration of its own but inherits ours, for its expressions and for
        // dynamic blocks nested in it.
        blocks.push({ ...raw, body: this.expandChild(raw.body, this.state.iteration, noMarks) });
        continue;
      }
      const realType = raw.labels[0]!;
      if (this.state.hiddenBlocks.has(realType)) continue;
      const blockSchema = schema.blocks?.find((b) => b.type === realType);
      if (!blockSchema) {
        if (!partial) {
          diags.push(
            errorDiag(
              'Unsupported block type',
              `Blocks of type ${JSON.stringify(realType)} are not expected here.`,
              raw.labelRanges[0],
            ),
          );
        }
        continue;
      }
      const { spec, diags: specDiags } = decodeDynamicSpec(
        blockSchema,
        raw,
        this.forEachCtx,
        this.state.checks,
      );
      diags.push(...specDiags);
      if (!spec || hasErrors(specDiags)) continue;

      const [forEach, marks] = unmark(spec.forEach);
      if (isKnown(forEach)) {
        for (const [key, value] of elementPairs(forEach)) {
          const i = Iteration.child(this.state.iteration, spec.iteratorName, key, value);
          const { block, diags: blockDiags } = newDynamicBlock(spec, i, this.forEachCtx);
          diags.push(...blockDiags);
          if (block) blocks.push({ ...block, body: this.expandChild(block.body, i, marks) });
        }
      } else {
        // The number of blocks is unknown: one block stands for them all, with unknown contents.
        const i = Iteration.child(this.state.iteration, spec.iteratorName, DynamicVal, DynamicVal);
        const { block, diags: blockDiags } = newDynamicBlock(spec, i, this.forEachCtx);
        diags.push(...blockDiags);
        if (block) {
          blocks.push({ ...block, body: new UnknownBody(this.expandChild(block.body, i, marks), marks) });
        }
      }
    }
    return { blocks, diags };
  }

  private expandChild(child: HclBody, i: Iteration | undefined, valueMarks: ReadonlySet<Mark>): HclBody {
    return new ExpandBody(child, iterationContext(i, this.forEachCtx), {
      iteration: i,
      valueMarks,
      checks: this.state.checks,
      hiddenAttrs: new Set(),
      hiddenBlocks: new Map(),
    });
  }
}
