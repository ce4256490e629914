/**
 * What a plugin's JSON Schema means in HCL: which properties are arguments and which are nested
 * blocks (x-hcl-block), the body schema to decode a body with, and each argument's cty type (from
 * x-hcl-type when given, else from the JSON Schema type) so values convert with cty's rules.
 */
import type { BodySchema } from '../hcl/hcl.js';
import { nativeExpression } from '../hcl/native/expression.js';
import { parseExpression } from '../hcl/native/parser.js';
import { typeConstraint } from '../hcl/typeexpr.js';
import {
  BoolType,
  DynamicType,
  listOf,
  mapOf,
  NumberType,
  objectOf,
  StringType,
  type Type,
} from '../hcl/types.js';
import type { JsonSchema, ObjectSchema } from '../sdk/schema.js';

export interface BlockProperty {
  readonly name: string;
  /** The schema of one block's content. */
  readonly item: ObjectSchema;
  /** Whether the block may repeat (the property is an array of items). */
  readonly repeated: boolean;
  readonly labels: readonly string[];
}

export interface SchemaLayout {
  readonly attributes: ReadonlyMap<string, JsonSchema>;
  readonly blocks: ReadonlyMap<string, BlockProperty>;
  readonly bodySchema: BodySchema;
  readonly required: ReadonlySet<string>;
}

const layouts = new WeakMap<ObjectSchema, SchemaLayout>();

/** The HCL layout of an object schema (cached per schema object). */
export function schemaLayout(schema: ObjectSchema): SchemaLayout {
  const cached = layouts.get(schema);
  if (cached) return cached;
  const attributes = new Map<string, JsonSchema>();
  const blocks = new Map<string, BlockProperty>();
  for (const [name, prop] of Object.entries(schema.properties)) {
    if (prop['x-hcl-block']) blocks.set(name, blockProperty(name, prop));
    else attributes.set(name, prop);
  }
  const layout: SchemaLayout = {
    attributes,
    blocks,
    bodySchema: {
      // Presence is checked after merging a source with its build-level fill, so none is required here.
      attributes: [...attributes.keys()].map((name) => ({ name })),
      blocks: [...blocks.values()].map((b) => ({ type: b.name, labelNames: b.labels })),
    },
    required: new Set(schema.required ?? []),
  };
  layouts.set(schema, layout);
  return layout;
}

function blockProperty(name: string, prop: JsonSchema): BlockProperty {
  const repeated = prop.type === 'array';
  const item = (repeated ? prop.items : prop) as ObjectSchema | undefined;
  const labels = prop['x-hcl-labels'] ?? item?.['x-hcl-labels'] ?? [];
  const content: ObjectSchema = {
    ...(item ?? {}),
    type: 'object',
    properties: item?.properties ?? {},
  };
  // Labels are properties of the item, but they are written in the block header, not as arguments.
  const withoutLabels: ObjectSchema = {
    ...content,
    properties: Object.fromEntries(Object.entries(content.properties).filter(([k]) => !labels.includes(k))),
    required: (content.required ?? []).filter((r) => !labels.includes(r)),
  };
  return { name, item: withoutLabels, repeated, labels };
}

const parsedTypes = new Map<string, Type>();

/** The cty type an argument's value is converted to. */
export function hclType(prop: JsonSchema): Type {
  const explicit = prop['x-hcl-type'];
  if (explicit !== undefined) return parseTypeConstraint(explicit);
  switch (prop.type) {
    case 'string':
      return StringType;
    case 'number':
    case 'integer':
      return NumberType;
    case 'boolean':
      return BoolType;
    case 'array':
      return listOf(prop.items ? hclType(prop.items) : DynamicType);
    case 'object': {
      const additional = prop.additionalProperties;
      if (additional && typeof additional === 'object' && !prop.properties) {
        return mapOf(hclType(additional as JsonSchema));
      }
      if (prop.properties && additional === false) {
        const attrs: Record<string, Type> = {};
        for (const [k, v] of Object.entries(prop.properties)) attrs[k] = hclType(v);
        const required = new Set(prop.required ?? []);
        return objectOf(
          attrs,
          Object.keys(attrs).filter((k) => !required.has(k)),
        );
      }
      return DynamicType;
    }
    default:
      return DynamicType;
  }
}

function parseTypeConstraint(text: string): Type {
  const cached = parsedTypes.get(text);
  if (cached) return cached;
  const { expr, diags } = parseExpression(text, '<x-hcl-type>');
  const result = typeConstraint(nativeExpression(expr));
  if (diags.length > 0 || result.diags.length > 0) {
    throw new Error(`invalid x-hcl-type ${JSON.stringify(text)}: ${[...diags, ...result.diags][0]!.summary}`);
  }
  parsedTypes.set(text, result.type);
  return result.type;
}
