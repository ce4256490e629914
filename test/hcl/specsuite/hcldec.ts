/**
 * A small `hcldec` (HCL's cmd/hcldec + hcldec package) for running HCL's spec test suite: it reads a
 * .hcldec spec file with our native parser and decodes an input body into one value by that spec.
 * It supports the spec types the suite uses (object, array, attr, block, block_list, block_set,
 * block_map, literal, default) plus the top-level `variables` and `function` blocks.
 */
import { convert, unifyTypes } from '../../../src/hcl/convert.js';
import { type Diagnostic, errorDiag, hasErrors } from '../../../src/hcl/diagnostics.js';
import type {
  BodyContent,
  BodySchema,
  EvalContext,
  Expression,
  HclBlock,
  HclBody,
  HclFunction,
} from '../../../src/hcl/hcl.js';
import { nativeBody } from '../../../src/hcl/native/body.js';
import { parseConfig } from '../../../src/hcl/native/parser.js';
import { formatRange } from '../../../src/hcl/pos.js';
import type { Traversal } from '../../../src/hcl/traversal.js';
import { typeConstraint } from '../../../src/hcl/typeexpr.js';
import {
  DynamicType,
  hasDynamicTypes,
  listOf,
  mapOf,
  objectOf,
  setOf,
  type Type,
  tupleOf,
} from '../../../src/hcl/types.js';
import type { Value } from '../../../src/hcl/value.js';
import {
  asBigFloat,
  asBool,
  asString,
  DynamicVal,
  elements,
  EmptyObjectVal,
  isNull,
  listVal,
  listValEmpty,
  mapVal,
  mapValEmpty,
  nullVal,
  objectVal,
  setVal,
  setValEmpty,
  tupleVal,
  unknownVal,
} from '../../../src/hcl/values.js';

export type Spec =
  | { readonly kind: 'object'; readonly attrs: ReadonlyMap<string, Spec> }
  | { readonly kind: 'array'; readonly elems: readonly Spec[] }
  | { readonly kind: 'attr'; readonly name: string; readonly type: Type; readonly required: boolean }
  | { readonly kind: 'block'; readonly typeName: string; readonly nested: Spec; readonly required: boolean }
  | {
      readonly kind: 'block_list' | 'block_set';
      readonly typeName: string;
      readonly nested: Spec;
      readonly minItems: number;
      readonly maxItems: number;
    }
  | {
      readonly kind: 'block_map';
      readonly typeName: string;
      readonly labelNames: readonly string[];
      readonly nested: Spec;
    }
  | { readonly kind: 'literal'; readonly value: Value }
  | { readonly kind: 'default'; readonly specs: readonly Spec[] };

export interface SpecFile {
  readonly root: Spec;
  readonly variables: ReadonlyMap<string, Value>;
  readonly functions: ReadonlyMap<string, HclFunction>;
}

const specBlockTypes = [
  'object',
  'array',
  'literal',
  'attr',
  'block',
  'block_list',
  'block_map',
  'block_set',
  'default',
  'transform',
];
const unlabelled: BodySchema = { blocks: specBlockTypes.map((type) => ({ type })) };
const labelled: BodySchema = { blocks: specBlockTypes.map((type) => ({ type, labelNames: ['key'] })) };

/** The context spec expressions (literal values, variables) are evaluated in. */
const specCtx: EvalContext = { functions: new Map() };

const errSpec: Spec = { kind: 'literal', value: nullVal(DynamicType) };

/** Reads a spec file's text. Problems come back as diagnostics pointing into the spec file. */
export function loadSpec(src: string, filename: string): { spec: SpecFile; diags: Diagnostic[] } {
  const parsed = parseConfig(src, filename);
  const diags: Diagnostic[] = [...parsed.diags];
  if (hasErrors(diags)) return { spec: { root: errSpec, variables: new Map(), functions: new Map() }, diags };

  const fns = decodeUserFunctions(nativeBody(parsed.body));
  diags.push(...fns.diags);
  const decls = fns.remain.partialContent({ blocks: [{ type: 'variables' }] });
  diags.push(...decls.diags);
  const variables = new Map<string, Value>();
  for (const block of decls.content.blocks) {
    const { attributes, diags: attrDiags } = block.body.justAttributes();
    diags.push(...attrDiags);
    for (const [name, attr] of attributes) {
      const r = attr.expr.value(specCtx);
      diags.push(...r.diags);
      variables.set(name, r.value);
    }
  }

  const { spec: root, diags: rootDiags } = singleSpec(
    decls.remain,
    'A spec file must have exactly one root block specifying how to map to a JSON value.',
  );
  diags.push(...rootDiags);
  return { spec: { root, variables, functions: fns.functions }, diags };
}

type SpecResult = { spec: Spec; diags: Diagnostic[] };

/** The one spec block `body` must hold; `requirement` is the diagnostics' detail when it holds none or more. */
function singleSpec(body: HclBody, requirement: string): SpecResult {
  const content = body.content(unlabelled);
  const diags = [...content.diags];
  const blocks = content.content.blocks;
  if (blocks.length === 0) {
    if (!hasErrors(content.diags))
      diags.push(errorDiag('Missing spec block', requirement, body.missingItemRange()));
    return { spec: errSpec, diags };
  }
  if (blocks.length > 1) {
    diags.push(errorDiag('Extraneous spec block', requirement, blocks[1]!.defRange));
    return { spec: errSpec, diags };
  }
  const r = decodeSpecBlock(blocks[0]!);
  return { spec: r.spec, diags: [...diags, ...r.diags] };
}

function decodeSpecBlock(block: HclBlock): SpecResult {
  const impliedName = block.labels[0] ?? '';
  switch (block.type) {
    case 'object': {
      const { content, diags } = block.body.content(labelled);
      const attrs = new Map<string, Spec>();
      for (const child of content.blocks) {
        const r = decodeSpecBlock(child);
        diags.push(...r.diags);
        attrs.set(child.labels[0]!, r.spec);
      }
      return { spec: { kind: 'object', attrs }, diags };
    }
    case 'array': {
      const { content, diags } = block.body.content(unlabelled);
      const elems = content.blocks.map((child) => {
        const r = decodeSpecBlock(child);
        diags.push(...r.diags);
        return r.spec;
      });
      return { spec: { kind: 'array', elems }, diags };
    }
    case 'attr':
      return decodeAttrSpec(block.body, impliedName);
    case 'block':
    case 'block_list':
    case 'block_set':
    case 'block_map':
      return decodeBlockSpec(block, impliedName);
    case 'literal': {
      const { content, diags } = block.body.content({ attributes: [{ name: 'value', required: true }] });
      if (hasErrors(diags)) return { spec: errSpec, diags };
      const r = content.attributes.get('value')!.expr.value(specCtx);
      diags.push(...r.diags);
      return { spec: { kind: 'literal', value: r.value }, diags };
    }
    case 'default': {
      const { content, diags } = block.body.content(unlabelled);
      const specs = content.blocks.map((child) => {
        const r = decodeSpecBlock(child);
        diags.push(...r.diags);
        return r.spec;
      });
      return { spec: specs.length > 0 ? { kind: 'default', specs } : errSpec, diags };
    }
    default:
      return {
        spec: errSpec,
        diags: [
          errorDiag(
            'Invalid spec block',
            `Blocks of type "${block.type}" are not supported here.`,
            block.typeRange,
          ),
        ],
      };
  }
}

/** Evaluates an optional spec argument with no context. */
function argValue(expr: Expression | undefined, diags: Diagnostic[]): Value | undefined {
  if (!expr) return undefined;
  const r = expr.value(undefined);
  diags.push(...r.diags);
  return hasErrors(r.diags) || isNull(r.value) ? undefined : r.value;
}

function decodeAttrSpec(body: HclBody, impliedName: string): SpecResult {
  const { content, diags } = body.content({
    attributes: [{ name: 'name' }, { name: 'type' }, { name: 'required' }],
  });
  if (hasErrors(diags)) return { spec: errSpec, diags };
  const name = argValue(content.attributes.get('name')?.expr, diags);
  const required = argValue(content.attributes.get('required')?.expr, diags);
  let type: Type = DynamicType;
  const typeExpr = content.attributes.get('type')?.expr;
  if (typeExpr) {
    const tc = typeConstraint(typeExpr);
    diags.push(...tc.diags);
    if (!hasErrors(tc.diags)) type = tc.type;
  }
  const spec: Spec = {
    kind: 'attr',
    name: name ? asString(name) : impliedName,
    type,
    required: required ? asBool(required) : false,
  };
  if (spec.name === '') {
    diags.push(
      errorDiag(
        'Missing name in attribute spec',
        'The name attribute is required, to specify the attribute name that is expected in an input HCL file.',
        body.missingItemRange(),
      ),
    );
    return { spec: errSpec, diags };
  }
  return { spec, diags };
}

function decodeBlockSpec(block: HclBlock, impliedName: string): SpecResult {
  const kind = block.type as 'block' | 'block_list' | 'block_set' | 'block_map';
  const argNames =
    kind === 'block'
      ? ['block_type', 'required']
      : kind === 'block_map'
        ? ['block_type', 'labels']
        : ['block_type', 'min_items', 'max_items'];
  const { content, remain, diags } = block.body.partialContent({
    attributes: argNames.map((name) => ({ name, required: name === 'labels' })),
  });
  if (hasErrors(diags)) return { spec: errSpec, diags };
  const arg = (name: string) => argValue(content.attributes.get(name)?.expr, diags);
  const typeNameVal = arg('block_type');
  const typeName = typeNameVal ? asString(typeNameVal) : impliedName;

  const { spec: nested, diags: nestedDiags } = singleSpec(
    remain,
    'A block spec must have exactly one child spec specifying how to decode block contents.',
  );
  diags.push(...nestedDiags);

  if (kind !== 'block' && typeName === '') {
    diags.push(
      errorDiag(
        `Missing block_type in ${kind} spec`,
        'The block_type attribute is required, to specify the block type name that is expected in an input HCL file.',
        block.body.missingItemRange(),
      ),
    );
    return { spec: errSpec, diags };
  }
  switch (kind) {
    case 'block': {
      const required = arg('required');
      return { spec: { kind, typeName, nested, required: required ? asBool(required) : false }, diags };
    }
    case 'block_map': {
      const labels = arg('labels');
      const labelNames = labels ? elements(labels).map(asString) : [];
      const spec: Spec = { kind, typeName, labelNames, nested };
      if (labelNames.length < 1) {
        diags.push(
          errorDiag(
            'Invalid block label name list',
            'A block_map must have at least one label specified.',
            block.body.missingItemRange(),
          ),
        );
        return { spec: errSpec, diags };
      }
      if (hasDynamicTypes(impliedType(spec))) {
        diags.push(
          errorDiag(
            'Invalid block_map spec',
            "A block_map spec may not contain attributes with type 'any'.",
            block.body.missingItemRange(),
          ),
        );
      }
      return { spec, diags };
    }
    default: {
      const min = arg('min_items');
      const max = arg('max_items');
      return {
        spec: {
          kind,
          typeName,
          nested,
          minItems: min ? asBigFloat(min).toNumber() : 0,
          maxItems: max ? asBigFloat(max).toNumber() : 0,
        },
        diags,
      };
    }
  }
}

/** `function "name" { params = [a, b]; variadic_param = rest; result = expr }` blocks (HCL's userfunc). */
function decodeUserFunctions(body: HclBody): {
  functions: Map<string, HclFunction>;
  remain: HclBody;
  diags: Diagnostic[];
} {
  const functions = new Map<string, HclFunction>();
  const { content, remain, diags } = body.partialContent({
    blocks: [{ type: 'function', labelNames: ['name'] }],
  });
  if (hasErrors(diags)) return { functions, remain, diags };
  nextBlock: for (const block of content.blocks) {
    const fn = block.body.content({
      attributes: [
        { name: 'params', required: true },
        { name: 'variadic_param' },
        { name: 'result', required: true },
      ],
    });
    diags.push(...fn.diags);
    if (hasErrors(fn.diags)) continue;
    const paramsExpr = fn.content.attributes.get('params')!.expr;
    const resultExpr = fn.content.attributes.get('result')!.expr;
    const varParamExpr = fn.content.attributes.get('variadic_param')?.expr;
    const paramExprs = paramsExpr.staticList();
    if (!paramExprs) {
      diags.push(errorDiag('Invalid expression', 'A static list expression is required.', paramsExpr.range));
      continue;
    }
    const params: string[] = [];
    for (const e of paramExprs) {
      const name = e.staticKeyword();
      if (name === undefined) {
        diags.push(errorDiag('Invalid param element', 'Each parameter name must be an identifier.', e.range));
        continue nextBlock;
      }
      params.push(name);
    }
    let varParam: string | undefined;
    if (varParamExpr) {
      varParam = varParamExpr.staticKeyword();
      if (varParam === undefined) {
        diags.push(
          errorDiag(
            'Invalid variadic_param',
            'The variadic parameter name must be an identifier.',
            varParamExpr.range,
          ),
        );
        continue;
      }
    }
    const call = (args: readonly Value[]): Value => {
      const variables = new Map<string, Value>(params.map((p, i) => [p, args[i]!]));
      if (varParam !== undefined) variables.set(varParam, tupleVal(args.slice(params.length)));
      const r = resultExpr.value({ variables, parent: specCtx });
      return hasErrors(r.diags) ? DynamicVal : r.value;
    };
    functions.set(block.labels[0]!, {
      params: params.map((name) => ({ name, type: DynamicType })),
      varParam: varParam === undefined ? undefined : { name: varParam, type: DynamicType },
      returnType: (args) => call(args).type,
      impl: (args) => call(args),
    });
  }
  return { functions, remain, diags };
}

// ---------------------------------------------------------------------------------------------
// Decoding an input body by a spec (HCL's hcldec package).

/** The schema a spec implies for the body it reads: its attributes and block types, not nested ones. */
export function impliedSchema(spec: Spec): BodySchema {
  const attributes: { name: string; required: boolean }[] = [];
  const blocks: { type: string; labelNames: string[] }[] = [];
  const visit = (s: Spec): void => {
    switch (s.kind) {
      case 'attr':
        attributes.push({ name: s.name, required: s.required });
        return;
      case 'block':
      case 'block_list':
      case 'block_set':
        blocks.push({ type: s.typeName, labelNames: [] });
        return;
      case 'block_map':
        blocks.push({ type: s.typeName, labelNames: [...s.labelNames] });
        return;
      case 'object':
        for (const child of s.attrs.values()) visit(child);
        return;
      case 'array':
        for (const child of s.elems) visit(child);
        return;
      case 'default':
        // Only the first spec of a default may constrain the body.
        if (s.specs[0]) visit(s.specs[0]);
        return;
      default:
        return;
    }
  };
  visit(spec);
  return { attributes, blocks };
}

export function impliedType(spec: Spec): Type {
  switch (spec.kind) {
    case 'object':
      return objectOf(new Map([...spec.attrs].map(([k, s]) => [k, impliedType(s)])));
    case 'array':
      return tupleOf(spec.elems.map(impliedType));
    case 'attr':
      return spec.type;
    case 'block':
      return impliedType(spec.nested);
    case 'block_list':
      return listOf(impliedType(spec.nested));
    case 'block_set':
      return setOf(impliedType(spec.nested));
    case 'block_map': {
      let t = impliedType(spec.nested);
      for (const _ of spec.labelNames) t = mapOf(t);
      return t;
    }
    case 'literal':
      return spec.value.type;
    case 'default':
      return spec.specs[0] ? impliedType(spec.specs[0]) : DynamicType;
  }
}

export function decode(
  body: HclBody,
  spec: Spec,
  ctx: EvalContext | undefined,
): { value: Value; diags: Diagnostic[] } {
  const { content, diags } = body.content(impliedSchema(spec));
  const r = decodeContent(content, spec, ctx);
  return { value: r.value, diags: [...diags, ...r.diags] };
}

function decodeContent(
  content: BodyContent,
  spec: Spec,
  ctx: EvalContext | undefined,
): { value: Value; diags: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  switch (spec.kind) {
    case 'object': {
      if (spec.attrs.size === 0) return { value: EmptyObjectVal, diags };
      const attrs = new Map<string, Value>();
      for (const [k, child] of spec.attrs) {
        const r = decodeContent(content, child, ctx);
        diags.push(...r.diags);
        attrs.set(k, r.value);
      }
      return { value: objectVal(attrs), diags };
    }
    case 'array': {
      const elems = spec.elems.map((child) => {
        const r = decodeContent(content, child, ctx);
        diags.push(...r.diags);
        return r.value;
      });
      return { value: tupleVal(elems), diags };
    }
    case 'attr': {
      const attr = content.attributes.get(spec.name);
      if (!attr) return { value: nullVal(spec.type), diags };
      const r = attr.expr.value(ctx);
      diags.push(...r.diags);
      const converted = convert(r.value, spec.type);
      if (!converted.ok) {
        diags.push(
          errorDiag(
            'Incorrect attribute value type',
            `Inappropriate value for attribute "${spec.name}": ${converted.message}.`,
            attr.expr.range,
            { filename: attr.nameRange.filename, start: attr.nameRange.start, end: attr.expr.range.end },
          ),
        );
        return { value: unknownVal(spec.type), diags };
      }
      return { value: converted.value, diags };
    }
    case 'literal':
      return { value: spec.value, diags };
    case 'default': {
      let last: Value = nullVal(DynamicType);
      for (const s of spec.specs) {
        const r = decodeContent(content, s, ctx);
        diags.push(...r.diags);
        last = r.value;
        if (!isNull(r.value)) break;
      }
      return { value: last, diags };
    }
    case 'block': {
      const matching = content.blocks.filter((b) => b.type === spec.typeName);
      const first = matching[0];
      if (matching.length > 1) {
        diags.push(
          errorDiag(
            `Duplicate ${spec.typeName} block`,
            `Only one block of type "${spec.typeName}" is allowed. Previous definition was at ${formatRange(first!.defRange)}.`,
            matching[1]!.defRange,
          ),
        );
      }
      if (!first) {
        if (spec.required) {
          diags.push(
            errorDiag(
              `Missing ${spec.typeName} block`,
              `A block of type "${spec.typeName}" is required here.`,
              content.missingItemRange,
            ),
          );
        }
        return { value: nullVal(impliedType(spec.nested)), diags };
      }
      const r = decode(first.body, spec.nested, ctx);
      diags.push(...r.diags);
      return { value: r.value, diags };
    }
    case 'block_list':
    case 'block_set':
      return decodeBlockCollection(content, spec, ctx);
    case 'block_map':
      return decodeBlockMap(content, spec, ctx);
  }
}

function decodeBlockCollection(
  content: BodyContent,
  spec: Extract<Spec, { kind: 'block_list' | 'block_set' }>,
  ctx: EvalContext | undefined,
): { value: Value; diags: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const blocks = content.blocks.filter((b) => b.type === spec.typeName);
  const elems = blocks.map((b) => {
    const r = decode(b.body, spec.nested, ctx);
    diags.push(...r.diags);
    return r.value;
  });
  if (elems.length < spec.minItems) {
    diags.push(
      errorDiag(
        `Insufficient ${spec.typeName} blocks`,
        `At least ${spec.minItems} "${spec.typeName}" blocks are required.`,
        content.missingItemRange,
      ),
    );
  } else if (spec.maxItems > 0 && elems.length > spec.maxItems) {
    diags.push(
      errorDiag(
        `Too many ${spec.typeName} blocks`,
        `No more than ${spec.maxItems} "${spec.typeName}" blocks are allowed`,
        blocks[spec.maxItems]!.body.missingItemRange(),
      ),
    );
  }
  const elemType = impliedType(spec.nested);
  if (elems.length === 0) {
    return { value: spec.kind === 'block_list' ? listValEmpty(elemType) : setValEmpty(elemType), diags };
  }
  const unified = unifyTypes(elems.map((e) => e.type));
  if (!unified) {
    diags.push(
      errorDiag(
        `Unconsistent argument types in ${spec.typeName} blocks`,
        'Corresponding attributes in all blocks of this type must be the same.',
        blocks[0]!.body.missingItemRange(),
      ),
    );
    return { value: DynamicVal, diags };
  }
  const converted: Value[] = [];
  for (const e of elems) {
    const c = convert(e, unified);
    if (!c.ok) return { value: DynamicVal, diags };
    converted.push(c.value);
  }
  return { value: spec.kind === 'block_list' ? listVal(converted) : setVal(converted), diags };
}

type NestedMap = Map<string, Value | NestedMap>;

function decodeBlockMap(
  content: BodyContent,
  spec: Extract<Spec, { kind: 'block_map' }>,
  ctx: EvalContext | undefined,
): { value: Value; diags: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const root: NestedMap = new Map();
  const depth = spec.labelNames.length;
  for (const block of content.blocks) {
    if (block.type !== spec.typeName) continue;
    const r = decode(block.body, spec.nested, ctx);
    let target = root;
    for (const key of block.labels.slice(0, depth - 1)) {
      if (!target.has(key)) target.set(key, new Map());
      target = target.get(key) as NestedMap;
    }
    diags.push(...r.diags);
    const key = block.labels[depth - 1]!;
    if (target.has(key)) {
      const labels = block.labels.map((l) => ` ${JSON.stringify(l)}`).join('');
      diags.push(
        errorDiag(
          `Duplicate ${spec.typeName} block`,
          `A block for ${spec.typeName}${labels} was already defined. The ${spec.typeName} labels must be unique.`,
          block.defRange,
        ),
      );
      continue;
    }
    target.set(key, r.value);
  }
  if (root.size === 0) return { value: mapValEmpty(impliedType(spec.nested)), diags };
  const toValue = (m: NestedMap, level: number): Value =>
    mapVal(
      new Map([...m].map(([k, v]) => [k, level === 1 ? (v as Value) : toValue(v as NestedMap, level - 1)])),
    );
  return { value: toValue(root, depth), diags };
}

/** Every variable reference the spec would evaluate in the body (HCL's hcldec.Variables). */
export function variables(body: HclBody, spec: Spec): Traversal[] {
  const { content } = body.partialContent(impliedSchema(spec));
  const out: Traversal[] = [];
  const visit = (s: Spec): void => {
    switch (s.kind) {
      case 'attr': {
        const attr = content.attributes.get(s.name);
        if (attr) out.push(...attr.expr.variables());
        return;
      }
      case 'block': {
        const first = content.blocks.find((b) => b.type === s.typeName);
        if (first) out.push(...variables(first.body, s.nested));
        return;
      }
      case 'block_list':
      case 'block_set':
      case 'block_map':
        for (const b of content.blocks) if (b.type === s.typeName) out.push(...variables(b.body, s.nested));
        return;
      case 'object':
        for (const child of s.attrs.values()) visit(child);
        return;
      case 'array':
        for (const child of s.elems) visit(child);
        return;
      case 'default':
        for (const child of s.specs) visit(child);
        return;
      default:
        return;
    }
  };
  visit(spec);
  return out;
}
