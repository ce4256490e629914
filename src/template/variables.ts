/**
 * Input variable declarations: `variable "name" { type, default, description, sensitive, validation {…} }`
 * and the legacy `variables { name = default … }` block. Defaults may call only env() and see no
 * variables; the other settings are evaluated without any context.
 */
import { convert } from '../hcl/convert.js';
import { type Diagnostic, errorDiag, hasErrors } from '../hcl/diagnostics.js';
import type { EvalContext, Expression, HclAttribute, HclBlock } from '../hcl/hcl.js';
import { validIdentifier } from '../hcl/native/scanner.js';
import type { Range } from '../hcl/pos.js';
import { applyTypeDefaults, type TypeDefaults, typeConstraint } from '../hcl/typeexpr.js';
import { DynamicType, type Type, typeEquals, EmptyObjectType, EmptyTupleType } from '../hcl/types.js';
import type { Value } from '../hcl/value.js';
import { DynamicVal, isNull } from '../hcl/values.js';
import type { VariableValidation, VariableValueSource } from './model.js';
import { staticBool, staticString } from './static-decode.js';
import { decodeValidationBlock } from './variable-validation.js';

export const badIdentifierDetail =
  'A name must start with a letter or underscore and may contain only letters, digits, underscores, and dashes.';

/** One way a variable was set; the last assignment wins. */
export interface Assignment {
  readonly from: VariableValueSource;
  readonly value: Value;
  /** The expression that set it (absent for a plain-string -var or env value). */
  readonly expr?: Expression;
  /** Where to point diagnostics about this value. */
  readonly range?: Range;
}

/** A declared variable while the template loads (mutable: values are collected after declarations). */
export interface VariableDecl {
  readonly name: string;
  type: Type;
  typeDefaults?: TypeDefaults;
  description?: string;
  sensitive: boolean;
  readonly validations: VariableValidation[];
  readonly assignments: Assignment[];
  readonly declRange: Range;
  /** The block's label (or the legacy attribute's name), for "Unset variable" diagnostics. */
  readonly nameRange: Range;
  /** Its declaration had errors (already reported): its value is unknown, and no more is said of it. */
  broken?: boolean;
}

export type VariableDecls = Map<string, VariableDecl>;

const variableBlockSchema = {
  attributes: [{ name: 'description' }, { name: 'default' }, { name: 'type' }, { name: 'sensitive' }],
  blocks: [{ type: 'validation' }],
};

function duplicate(name: string, subject: Range, context?: Range): Diagnostic {
  return errorDiag('Duplicate variable', `Duplicate ${name} variable definition found.`, subject, context);
}

/** Type defaults from optional(), then conversion to the declared type (Packer's order). */
export function conformToType(
  decl: Pick<VariableDecl, 'type' | 'typeDefaults'>,
  v: Value,
): { ok: true; value: Value } | { ok: false; message: string } {
  const withDefaults = decl.typeDefaults && !isNull(v) ? applyTypeDefaults(v, decl.typeDefaults) : v;
  const conv = convert(withDefaults, decl.type);
  return conv.ok ? { ok: true, value: conv.value } : { ok: false, message: conv.message };
}

export function decodeVariableBlock(
  block: HclBlock,
  decls: VariableDecls,
  defaultCtx: EvalContext,
): Diagnostic[] {
  const name = block.labels[0]!;
  const nameRange = block.labelRanges[0] ?? block.defRange;
  if (decls.has(name)) return [duplicate(name, nameRange, block.defRange)];
  const { content, diags } = block.body.content(variableBlockSchema);
  if (!validIdentifier(name)) diags.push(errorDiag('Invalid variable name', badIdentifierDetail, nameRange));
  const decl: VariableDecl = {
    name,
    type: DynamicType,
    sensitive: false,
    validations: [],
    assignments: [],
    declRange: block.defRange,
    nameRange,
  };
  const attrs = content.attributes;
  const description = attrs.get('description');
  if (description) {
    const r = staticString(description.expr);
    diags.push(...r.diags);
    decl.description = r.value;
  }
  const typeAttr = attrs.get('type');
  if (typeAttr) {
    const r = typeConstraint(typeAttr.expr);
    diags.push(...r.diags);
    if (hasErrors(r.diags)) {
      // Still declared, so references to it do not pile up "Unsupported attribute" errors.
      decl.broken = true;
      decls.set(name, decl);
      return diags;
    }
    decl.type = r.type;
    decl.typeDefaults = r.defaults;
  }
  const sensitive = attrs.get('sensitive');
  if (sensitive) {
    const r = staticBool(sensitive.expr);
    diags.push(...r.diags);
    decl.sensitive = r.value ?? false;
  }
  const def = attrs.get('default');
  if (def) {
    const { value, diags: valDiags } = def.expr.value(defaultCtx);
    diags.push(...valDiags);
    if (hasErrors(valDiags)) {
      decl.broken = true;
      decls.set(name, decl);
      return diags;
    }
    let defaultValue = value;
    const conformed = conformToType(decl, value);
    if (conformed.ok) defaultValue = conformed.value;
    else {
      diags.push(
        errorDiag(
          'Invalid default value for variable',
          `This default value is not compatible with the variable's type constraint: ${conformed.message}.`,
          def.expr.range,
        ),
      );
      defaultValue = DynamicVal;
    }
    decl.assignments.push({ from: 'default', value: defaultValue, expr: def.expr, range: def.expr.range });
    // Without a type, a default (other than {} or []) gives the variable its type.
    const t = defaultValue.type;
    if (decl.type.kind === 'dynamic' && !typeEquals(t, EmptyObjectType) && !typeEquals(t, EmptyTupleType)) {
      decl.type = t;
    }
  }
  for (const inner of content.blocks) {
    const r = decodeValidationBlock(name, inner);
    diags.push(...r.diags);
    // A rule that is itself wrong was reported; checking values with it would only add noise.
    if (!hasErrors(r.diags)) decl.validations.push(r.validation);
  }
  decls.set(name, decl);
  return diags;
}

/** One attribute of a legacy `variables {}` block: its value is the default and gives the type. */
export function decodeLegacyVariable(
  attr: HclAttribute,
  decls: VariableDecls,
  defaultCtx: EvalContext,
): Diagnostic[] {
  if (decls.has(attr.name)) return [duplicate(attr.name, attr.nameRange)];
  const { value, diags } = attr.expr.value(defaultCtx);
  if (hasErrors(diags)) return diags;
  decls.set(attr.name, {
    name: attr.name,
    type: value.type,
    sensitive: false,
    validations: [],
    assignments: [{ from: 'default', value, expr: attr.expr, range: attr.expr.range }],
    declRange: attr.range,
    nameRange: attr.nameRange,
  });
  return diags;
}
