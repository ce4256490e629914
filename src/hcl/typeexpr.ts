/**
 * HCL's ext/typeexpr: types and type constraints written as expressions (`string`,
 * `list(number)`, `object({name=string, age=optional(number, 0)})`, `tuple([string, bool])`,
 * `any`), read through an expression's static analysis methods, never by evaluating it (except
 * optional() default values, which are evaluated without a context).
 */
import { convert } from './convert.js';
import { type Diagnostic, errorDiag, hasErrors } from './diagnostics.js';
import type { Expression } from './hcl.js';
import { validIdentifier } from './native/scanner.js';
import { rangeBetween } from './pos.js';
import { compareStrings, goQuote } from './go-strings.js';
import { BoolType, DynamicType, listOf, mapOf, NumberType, StringType, setOf, type Type } from './types.js';
import type { Value } from './value.js';

const INVALID = 'Invalid type specification';

/** Default values for optional object attributes, nested like the type (HCL typeexpr.Defaults). */
export interface TypeDefaults {
  readonly type: Type;
  /** Attribute name -> default value (already converted to the attribute's type). */
  readonly defaultValues?: ReadonlyMap<string, Value>;
  /** Attribute name, tuple index as decimal string, or "" for collection elements. */
  readonly children?: ReadonlyMap<string, TypeDefaults>;
}

export interface TypeResult {
  readonly type: Type;
  readonly defaults?: TypeDefaults;
  readonly diags: Diagnostic[];
}

export interface TypeOptions {
  /** Allow `any` and optional() (type constraints rather than exact types). */
  readonly constraint: boolean;
  /** Allow a second optional() argument giving a default value. */
  readonly withDefaults: boolean;
  /** Packer's variable handling: a bare `list` or `map` keyword means list(any)/map(any). */
  readonly legacyKeywords?: boolean;
}

/** typeexpr.TypeConstraintWithDefaults (add legacyKeywords for Packer's variable `type`). */
export function typeConstraint(expr: Expression, opts: Partial<TypeOptions> = {}): TypeResult {
  return getTypeWithOptions(expr, { constraint: true, withDefaults: true, ...opts });
}

/** typeexpr.Type: an exact type (no `any`, no optional()). */
export function exactType(expr: Expression): TypeResult {
  return getTypeWithOptions(expr, { constraint: false, withDefaults: false });
}

export function getTypeWithOptions(expr: Expression, opts: TypeOptions): TypeResult {
  if (opts.legacyKeywords) {
    const kw = expr.staticKeyword();
    if (kw === 'list') return { type: listOf(DynamicType), diags: [] };
    if (kw === 'map') return { type: mapOf(DynamicType), diags: [] };
  }
  return getType(expr, opts.constraint, opts.withDefaults);
}

function invalid(detail: string, subject: Expression['range'], context?: Expression['range']): Diagnostic {
  return errorDiag(INVALID, detail, subject, context);
}

const ELEMENT_DETAIL = (name: string) =>
  `The ${name} type constructor requires one argument specifying the element type.`;
const OBJECT_DETAIL =
  'The object type constructor requires one argument specifying the attribute types and values as a map.';
const TUPLE_DETAIL =
  'The tuple type constructor requires one argument specifying the element types as a list.';

function failed(diag: Diagnostic): TypeResult {
  return { type: DynamicType, diags: [diag] };
}

function getType(expr: Expression, constraint: boolean, withDefaults: boolean): TypeResult {
  const kw = expr.staticKeyword();
  switch (kw) {
    case undefined:
    case '':
      break;
    case 'bool':
      return { type: BoolType, diags: [] };
    case 'string':
      return { type: StringType, diags: [] };
    case 'number':
      return { type: NumberType, diags: [] };
    case 'any':
      if (constraint) return { type: DynamicType, diags: [] };
      return failed(
        invalid(
          `The keyword "${kw}" cannot be used in this type specification: an exact type is required.`,
          expr.range,
        ),
      );
    case 'list':
    case 'map':
    case 'set':
      return failed(invalid(ELEMENT_DETAIL(kw), expr.range));
    case 'object':
      return failed(invalid(OBJECT_DETAIL, expr.range));
    case 'tuple':
      return failed(invalid(TUPLE_DETAIL, expr.range));
    default:
      return failed(
        invalid(`The keyword ${JSON.stringify(kw)} is not a valid type specification.`, expr.range),
      );
  }

  const call = expr.staticCall();
  if (!call) {
    return failed(
      invalid(
        'A type specification is either a primitive type keyword (bool, number, string) or a complex type constructor call, like list(string).',
        expr.range,
      ),
    );
  }
  switch (call.name) {
    case 'bool':
    case 'string':
    case 'number':
      return failed(
        invalid(
          `Primitive type keyword ${JSON.stringify(call.name)} does not expect arguments.`,
          call.argsRange,
        ),
      );
    case 'any':
      return failed(
        invalid(
          `Type constraint keyword ${JSON.stringify(call.name)} does not expect arguments.`,
          call.argsRange,
        ),
      );
  }
  const args = call.args;
  if (args.length !== 1) {
    const context = call.argsRange;
    const subject =
      args.length > 1 ? rangeBetween(args[1]!.range, args[args.length - 1]!.range) : call.argsRange;
    switch (call.name) {
      case 'list':
      case 'set':
      case 'map':
        return failed(invalid(ELEMENT_DETAIL(call.name), subject, context));
      case 'object':
        return failed(invalid(OBJECT_DETAIL, subject, context));
      case 'tuple':
        return failed(invalid(TUPLE_DETAIL, subject, context));
    }
  }

  switch (call.name) {
    case 'list':
    case 'set':
    case 'map': {
      const inner = getType(args[0]!, constraint, withDefaults);
      const make = call.name === 'list' ? listOf : call.name === 'set' ? setOf : mapOf;
      const type = make(inner.type);
      return { type, defaults: collectionDefaults(type, inner.defaults), diags: inner.diags };
    }
    case 'object':
      return objectType(expr, args[0]!, constraint, withDefaults);
    case 'tuple': {
      const elemDefs = args[0]!.staticList();
      if (!elemDefs) {
        return failed(
          invalid('Tuple type constructor requires a list of element types.', args[0]!.range, expr.range),
        );
      }
      const diags: Diagnostic[] = [];
      const elems: Type[] = [];
      const children = new Map<string, TypeDefaults>();
      elemDefs.forEach((e, i) => {
        const r = getType(e, constraint, withDefaults);
        diags.push(...r.diags);
        elems.push(r.type);
        if (r.defaults) children.set(String(i), r.defaults);
      });
      const type: Type = { kind: 'tuple', elems };
      return { type, defaults: structuredDefaults(type, new Map(), children), diags };
    }
    case 'optional':
      return failed(
        invalid(
          `Keyword ${JSON.stringify(call.name)} is valid only as a modifier for object type attributes.`,
          call.nameRange,
        ),
      );
    default:
      return failed(
        invalid(`Keyword ${JSON.stringify(call.name)} is not a valid type constructor.`, expr.range),
      );
  }
}

function objectType(
  expr: Expression,
  arg: Expression,
  constraint: boolean,
  withDefaults: boolean,
): TypeResult {
  const attrDefs = arg.staticMap();
  if (!attrDefs) {
    return failed(
      invalid(
        'Object type constructor requires a map whose keys are attribute names and whose values are the corresponding attribute types.',
        arg.range,
        expr.range,
      ),
    );
  }
  const diags: Diagnostic[] = [];
  const atys = new Map<string, Type>();
  const defaultValues = new Map<string, Value>();
  const children = new Map<string, TypeDefaults>();
  const optional: string[] = [];
  for (const def of attrDefs) {
    const name = def.key.staticKeyword();
    if (!name) {
      diags.push(invalid('Object constructor map keys must be attribute names.', def.key.range, expr.range));
      continue;
    }
    if (atys.has(name)) {
      diags.push(invalid('Object constructor map keys must be unique.', def.key.range, expr.range));
      continue;
    }
    let atyExpr = def.value;
    let defaultExpr: Expression | undefined;
    const call = atyExpr.staticCall();
    if (call && call.name === 'optional') {
      if (call.args.length < 1) {
        diags.push(
          invalid(
            'Optional attribute modifier requires the attribute type as its argument.',
            call.argsRange,
            atyExpr.range,
          ),
        );
        continue;
      }
      if (!constraint) {
        diags.push(
          invalid(
            'Optional attribute modifier is only for type constraints, not for exact types.',
            call.nameRange,
            atyExpr.range,
          ),
        );
      } else if (withDefaults) {
        if (call.args.length === 2) {
          defaultExpr = call.args[1]!;
          const dv = defaultExpr.value(undefined);
          diags.push(...dv.diags);
          if (!hasErrors(dv.diags)) {
            optional.push(name);
            defaultValues.set(name, dv.value);
          }
        } else if (call.args.length === 1) {
          optional.push(name);
        } else {
          diags.push(
            invalid(
              'Optional attribute modifier expects at most two arguments: the attribute type, and a default value.',
              call.argsRange,
              atyExpr.range,
            ),
          );
        }
      } else if (call.args.length === 1) {
        optional.push(name);
      } else {
        diags.push(
          invalid(
            'Optional attribute modifier expects only one argument: the attribute type.',
            call.argsRange,
            atyExpr.range,
          ),
        );
      }
      atyExpr = call.args[0]!;
    }
    const r = getType(atyExpr, constraint, withDefaults);
    diags.push(...r.diags);
    const dv = defaultValues.get(name);
    if (dv !== undefined) {
      const converted = convert(dv, r.type);
      if (!converted.ok) {
        diags.push(
          errorDiag(
            'Invalid default value for optional attribute',
            `This default value is not compatible with the attribute's type constraint: ${converted.message}.`,
            defaultExpr!.range,
          ),
        );
        defaultValues.delete(name);
      } else {
        defaultValues.set(name, converted.value);
      }
    }
    atys.set(name, r.type);
    if (r.defaults) children.set(name, r.defaults);
  }
  const type = objectWithOptionalAttrs(atys, optional);
  return { type, defaults: structuredDefaults(type, defaultValues, children), diags };
}

/** cty.ObjectWithOptionalAttrs: attribute keys in lexical order, optional names recorded. */
function objectWithOptionalAttrs(atys: Map<string, Type>, optional: string[]): Type {
  const entries = [...atys.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const attrs = new Map(entries);
  return optional.length > 0
    ? { kind: 'object', attrs, optional: new Set(optional) }
    : { kind: 'object', attrs };
}

function collectionDefaults(type: Type, inner: TypeDefaults | undefined): TypeDefaults | undefined {
  if (!inner) return undefined;
  return { type, children: new Map([['', inner]]) };
}

function structuredDefaults(
  type: Type,
  defaultValues: Map<string, Value>,
  children: Map<string, TypeDefaults>,
): TypeDefaults | undefined {
  if (defaultValues.size === 0 && children.size === 0) return undefined;
  return {
    type,
    ...(defaultValues.size > 0 ? { defaultValues } : {}),
    ...(children.size > 0 ? { children } : {}),
  };
}

export { applyTypeDefaults } from './typeexpr-defaults.js';

/**
 * HCL typeexpr.TypeString: the type in constraint syntax, exactly as HCL writes it (no spaces,
 * attribute names quoted when not identifiers, optional markers not shown).
 */
export function typeExprString(t: Type): string {
  switch (t.kind) {
    case 'dynamic':
      return 'any';
    case 'list':
    case 'set':
    case 'map':
      return `${t.kind}(${typeExprString(t.elem)})`;
    case 'object': {
      const names = [...t.attrs.keys()].sort(compareStrings);
      const parts = names.map(
        (k) => `${validIdentifier(k) ? k : goQuote(k)}=${typeExprString(t.attrs.get(k)!)}`,
      );
      return `object({${parts.join(',')}})`;
    }
    case 'tuple':
      return `tuple([${t.elems.map(typeExprString).join(',')}])`;
    default:
      return t.kind;
  }
}
