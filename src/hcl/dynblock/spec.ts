/**
 * Reading one `dynamic "TYPE" { … }` block (HCL dynblock's expandSpec): its for_each value, iterator
 * name, label expressions and content body; then making one generated block per iteration.
 */
import { convert } from '../convert.js';
import { type Diagnostic, errorDiag, hasErrors } from '../diagnostics.js';
import type { BlockHeaderSchema, EvalContext, Expression, HclBlock, HclBody } from '../hcl.js';
import { type Range, rangeBetween } from '../pos.js';
import { friendlyName, StringType } from '../types.js';
import type { Value } from '../value.js';
import {
  asString,
  elements,
  entries,
  isKnown,
  isMarked,
  isNull,
  numberVal,
  stringVal,
  unmark,
} from '../values.js';
import { type Iteration, iterationContext } from './iteration.js';
import { dynamicBodyNoLabels, dynamicBodyWithLabels } from './schema.js';

export interface DynamicSpec {
  readonly blockType: string;
  readonly blockTypeRange: Range;
  readonly defRange: Range;
  /** Possibly marked; possibly unknown. */
  readonly forEach: Value;
  readonly iteratorName: string;
  readonly labelExprs: readonly Expression[];
  readonly contentBody: HclBody;
}

/** A hook to vet the for_each value before expansion (HCL's OptCheckForEach). */
export type ForEachCheck = (value: Value, expr: Expression, ctx: EvalContext | undefined) => Diagnostic[];

export function decodeDynamicSpec(
  blockSchema: BlockHeaderSchema,
  raw: HclBlock,
  forEachCtx: EvalContext | undefined,
  checks: readonly ForEachCheck[],
): { spec?: DynamicSpec; diags: Diagnostic[] } {
  const labelNames = blockSchema.labelNames ?? [];
  const schema = labelNames.length > 0 ? dynamicBodyWithLabels : dynamicBodyNoLabels;
  const { content, diags } = raw.body.content(schema);
  if (hasErrors(diags)) return { diags };

  let iteratorName = blockSchema.type;
  const iteratorAttr = content.attributes.get('iterator');
  if (iteratorAttr) {
    const traversal = iteratorAttr.expr.staticTraversal();
    if (!traversal) {
      diags.push(
        errorDiag(
          'Invalid expression',
          'A single static variable reference is required: only attribute access and indexing with constant keys. No calculations, function calls, template expressions, etc are allowed here.',
          iteratorAttr.expr.range,
        ),
      );
      return { diags };
    }
    const root = traversal[0];
    if (traversal.length !== 1 || root?.type !== 'root') {
      diags.push(
        errorDiag(
          'Invalid dynamic iterator name',
          'Dynamic iterator must be a single variable name.',
          rangeBetween(traversal[0]!.range, traversal[traversal.length - 1]!.range),
        ),
      );
      return { diags };
    }
    iteratorName = root.name;
  }

  const eachAttr = content.attributes.get('for_each')!;
  const each = eachAttr.expr.value(forEachCtx);
  diags.push(...each.diags);
  if (hasErrors(diags)) return { diags };
  for (const check of checks) {
    const more = check(each.value, eachAttr.expr, forEachCtx);
    diags.push(...more);
    if (hasErrors(more)) return { diags };
  }

  const [plain] = unmark(each.value);
  if (!canIterateElements(plain) && plain.type.kind !== 'dynamic') {
    diags.push(
      errorDiag(
        'Invalid dynamic for_each value',
        `Cannot use a ${friendlyName(plain.type)} value in for_each. An iterable collection is required.`,
        eachAttr.expr.range,
      ),
    );
    return { diags };
  }
  if (isNull(plain)) {
    diags.push(
      errorDiag(
        'Invalid dynamic for_each value',
        'Cannot use a null value in for_each.',
        eachAttr.expr.range,
      ),
    );
    return { diags };
  }

  let labelExprs: Expression[] = [];
  const labelsAttr = content.attributes.get('labels');
  if (labelsAttr) {
    const list = labelsAttr.expr.staticList();
    if (!list) {
      diags.push(
        errorDiag('Invalid expression', 'A static list expression is required.', labelsAttr.expr.startRange),
      );
      return { diags };
    }
    labelExprs = list;
    const detail = `Blocks of type ${JSON.stringify(blockSchema.type)} require ${labelNames.length} label(s).`;
    if (labelExprs.length > labelNames.length) {
      diags.push(errorDiag('Extraneous dynamic block label', detail, labelExprs[labelNames.length]!.range));
      return { diags };
    }
    if (labelExprs.length < labelNames.length) {
      diags.push(errorDiag('Insufficient dynamic block labels', detail, labelsAttr.expr.range));
      return { diags };
    }
  }

  const [first, second] = content.blocks;
  if (!first) {
    diags.push(
      errorDiag(
        'Missing dynamic content block',
        'A dynamic block must have a nested block of type "content" to describe the body of each generated block.',
        content.missingItemRange,
      ),
    );
    return { diags };
  }
  if (second) {
    diags.push(
      errorDiag(
        'Extraneous dynamic content block',
        'Only one nested content block is allowed for each dynamic block.',
        second.defRange,
      ),
    );
    return { diags };
  }

  return {
    spec: {
      blockType: blockSchema.type,
      blockTypeRange: raw.labelRanges[0]!,
      defRange: raw.defRange,
      forEach: each.value,
      iteratorName,
      labelExprs,
      contentBody: first.body,
    },
    diags,
  };
}

/** The block one iteration generates; its body is still the raw content body (the caller wraps it). */
export function newDynamicBlock(
  spec: DynamicSpec,
  iteration: Iteration,
  forEachCtx: EvalContext | undefined,
): { block?: HclBlock; diags: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const labels: string[] = [];
  const labelRanges: Range[] = [];
  const labelCtx = iterationContext(iteration, forEachCtx);
  for (const expr of spec.labelExprs) {
    const r = expr.value(labelCtx);
    diags.push(...r.diags);
    if (hasErrors(r.diags)) return { diags };
    const invalid = (detail: string) => {
      diags.push(errorDiag('Invalid dynamic block label', detail, expr.range));
      return { diags };
    };
    const converted = convert(r.value, StringType);
    if (!converted.ok)
      return invalid(`Cannot use this value as a dynamic block label: ${converted.message}.`);
    const label = converted.value;
    if (isNull(label)) return invalid('Cannot use a null value as a dynamic block label.');
    if (!isKnown(label)) {
      return invalid('This value is not yet known. Dynamic block labels must be immediately-known values.');
    }
    if (isMarked(label)) {
      return invalid('This value has dynamic marks that make it unsuitable for use as a block label.');
    }
    labels.push(asString(label));
    labelRanges.push(expr.range);
  }
  return {
    block: {
      type: spec.blockType,
      typeRange: spec.blockTypeRange,
      labels,
      labelRanges,
      defRange: spec.defRange,
      body: spec.contentBody,
    },
    diags,
  };
}

/** cty CanIterateElements: collections, tuples and objects. */
export function canIterateElements(v: Value): boolean {
  const k = v.type.kind;
  return k === 'list' || k === 'map' || k === 'set' || k === 'tuple' || k === 'object';
}

/** cty ElementIterator: [key, value] pairs; list/tuple keys are indexes, set keys are the elements. */
export function elementPairs(v: Value): [Value, Value][] {
  switch (v.type.kind) {
    case 'list':
    case 'tuple':
      return elements(v).map((e, i) => [numberVal(i), e]);
    case 'set':
      return elements(v).map((e) => [e, e]);
    case 'map':
    case 'object':
      return entries(v).map(([k, e]) => [stringVal(k), e]);
    default:
      return [];
  }
}
