/**
 * The JSON Schema check of decoded plugin data (ajv), with each error mapped to an HCL-style
 * diagnostic at the argument's value (or the element inside it). Messages never quote the value, so
 * a sensitive value cannot leak through them.
 */
import type * as AjvModule from 'ajv';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { type Diagnostic, errorDiag } from '../hcl/diagnostics.js';
import type { Range } from '../hcl/pos.js';
import type { JsonSchema, ObjectSchema } from '../sdk/schema.js';
import type { RangeTable } from './config-ranges.js';
import { elementRange } from './conversion-path.js';
import { lazyModule } from '../lazy-module.js';

const ajvModule = lazyModule<typeof AjvModule>('ajv');
let ajvInstance: Ajv | undefined;

/** The validator instance, made on first use (ajv costs ~60 ms to load; -syntax-only never needs it). */
function ajv(): Ajv {
  if (!ajvInstance) {
    // Plugin schemas are code, checked by their tests: skip validating them against the meta-schema.
    ajvInstance = new (ajvModule().Ajv)({
      allErrors: true,
      strict: false,
      validateSchema: false,
      code: { optimize: false },
    });
    ajvInstance.addVocabulary([
      'x-hcl-block',
      'x-hcl-labels',
      'x-hcl-type',
      'x-deprecated',
      'x-sensitive',
      'x-format',
    ]);
  }
  return ajvInstance;
}

/**
 * Validators by schema, then by the set of top-level arguments present. A builder has well over a
 * hundred options but a template sets a few: compiling only the properties in use keeps ajv's
 * code generation (tens of milliseconds for a whole builder schema) off the validate path.
 */
const compiled = new WeakMap<ObjectSchema, Map<string, ValidateFunction>>();

function validator(schema: ObjectSchema, data: Record<string, unknown>): ValidateFunction {
  let bySet = compiled.get(schema);
  if (!bySet) {
    bySet = new Map();
    compiled.set(schema, bySet);
  }
  const present = Object.keys(schema.properties).filter((k) => k in data);
  const key = present.join('\u0000');
  let fn = bySet.get(key);
  if (!fn) {
    const properties = Object.fromEntries(present.map((k) => [k, schema.properties[k]!]));
    // Each variant is compiled on its own: an $id would clash with the previous variant's.
    const { $id: _id, ...rest } = schema;
    fn = ajv().compile({ ...rest, properties });
    bySet.set(key, fn);
  }
  return fn;
}

/** Fills schema defaults for absent properties, in objects and in arrays of objects (block items). */
export function applyDefaults(schema: JsonSchema, data: unknown): void {
  if (Array.isArray(data)) {
    if (schema.items) for (const item of data) applyDefaults(schema.items, item);
    return;
  }
  if (!data || typeof data !== 'object' || !schema.properties) return;
  const obj = data as Record<string, unknown>;
  for (const [name, prop] of Object.entries(schema.properties)) {
    if (obj[name] === undefined) {
      if (prop.default !== undefined) obj[name] = structuredClone(prop.default);
    } else applyDefaults(prop, obj[name]);
  }
}

/**
 * Validates `data`, then fills defaults into it. `structural` lists the paths whose presence the decoder
 * already checked (the body and each block element): ajv's `required` errors there are skipped,
 * since values unknown at validate time are left out of `data`.
 */
export function validateConfig(
  schema: ObjectSchema,
  data: Record<string, unknown>,
  ranges: RangeTable,
  structural: ReadonlySet<string>,
): Diagnostic[] {
  const validate = validator(schema, data);
  const valid = validate(data);
  applyDefaults(schema, data);
  if (valid) return [];
  const diags: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const err of validate.errors ?? []) {
    if (err.keyword === 'required' && structural.has(dotted(err.instancePath))) continue;
    // `if`/`anyOf` wrappers repeat what their sub-errors already say.
    if (err.keyword === 'if' || err.keyword === 'anyOf' || err.keyword === 'oneOf') continue;
    const diag = toDiagnostic(err, ranges);
    const key = `${diag.summary}\u0000${diag.detail}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diags.push(diag);
  }
  return diags;
}

function dotted(pointer: string): string {
  return pointer
    .split('/')
    .filter((p) => p !== '')
    .join('.');
}

function toDiagnostic(err: ErrorObject, ranges: RangeTable): Diagnostic {
  const found = ranges.nearest(err.instancePath);
  const subject: Range = found ? elementRange(found.entry, found.rest) : ranges.block;
  const context = found?.entry.attribute;
  const name = found ? lastName(found.key) : undefined;
  const where = found ? ctyPath(found.rest) : '';
  const params = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'type':
      return errorDiag(
        'Incorrect attribute value type',
        `Inappropriate value for attribute "${name}": ${where}${typeRequired(String(params.type))}.`,
        subject,
        context,
      );
    case 'required':
      return errorDiag(
        'Missing required argument',
        `The argument "${String(params.missingProperty)}" is required, but no definition was found.`,
        subject,
        context,
      );
    case 'additionalProperties':
      return errorDiag(
        'Unsupported argument',
        `An argument named "${String(params.additionalProperty)}" is not expected here.`,
        subject,
        context,
      );
    case 'enum':
      return errorDiag(
        'Invalid attribute value',
        `Inappropriate value for attribute "${name}": ${where}must be one of ${oneOf(params.allowedValues)}.`,
        subject,
        context,
      );
    default:
      return errorDiag(
        'Invalid attribute value',
        name === undefined
          ? `The configuration ${err.message ?? 'is invalid'}.`
          : `Inappropriate value for attribute "${name}": ${where}${err.message ?? 'is invalid'}.`,
        subject,
        context,
      );
  }
}

/** cty's words for a primitive type mismatch. */
function typeRequired(jsonType: string): string {
  switch (jsonType) {
    case 'integer':
      return 'a whole number is required';
    case 'number':
      return 'a number is required';
    case 'boolean':
      return 'a bool is required';
    case 'string':
      return 'string required';
    case 'array':
      return 'list required';
    case 'object':
      return 'object required';
    default:
      return `${jsonType} required`;
  }
}

function oneOf(values: unknown): string {
  const list = Array.isArray(values) ? values.map((v) => JSON.stringify(v)) : [];
  if (list.length <= 1) return list.join('');
  return `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
}

/** cty's path prefix inside a value: `element 0: attribute "x": `. */
function ctyPath(rest: readonly string[]): string {
  return rest.map((p) => (/^\d+$/.test(p) ? `element ${p}: ` : `attribute "${p}": `)).join('');
}

function lastName(key: string): string {
  const parts = key.split('.');
  for (let i = parts.length - 1; i >= 0; i--) if (!/^\d+$/.test(parts[i]!)) return parts[i]!;
  return key;
}
