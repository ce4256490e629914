/**
 * Plugin configuration schemas. Each builder, provisioner, post-processor and data source declares its
 * configuration once, as a JSON Schema (checked with ajv) whose properties map 1:1 to HCL arguments.
 * Extensions (ignored by ajv, read by the HCL decoder):
 *  - `x-hcl-block: true` on a property: it is written as nested block(s) (`tag { … }`), not `name = …`.
 *    Its schema is `{ type: 'array', items: {type:'object', …} }` for repeatable blocks or an object schema
 *    for a single block; `x-hcl-labels: ['name']` names block labels, which become properties of the item.
 *  - `x-hcl-type: '<type constraint>'` when the HCL type differs from what the JSON Schema implies
 *    (e.g. a `map(string)` argument), so values are converted with cty rules before ajv sees them.
 *  - `x-deprecated: 'message'` warns when the argument is set.
 */
export type JsonSchema = Record<string, unknown> & {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly description?: string;
  readonly default?: unknown;
  readonly 'x-hcl-block'?: boolean;
  readonly 'x-hcl-labels'?: readonly string[];
  readonly 'x-hcl-type'?: string;
  readonly 'x-deprecated'?: string;
};

/** An object schema: the shape of every plugin configuration. */
export interface ObjectSchema extends JsonSchema {
  readonly type: 'object';
  readonly properties: Readonly<Record<string, JsonSchema>>;
}
