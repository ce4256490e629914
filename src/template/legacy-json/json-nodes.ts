/** Small helpers over JSON syntax nodes for the legacy template reader. */
import type { JsonNode, JsonProperty } from '../../hcl/json/index.js';
import type { Range } from '../../hcl/pos.js';

export type ObjectNode = Extract<JsonNode, { kind: 'object' }>;

/** Go's name for a JSON value's decoded type, as mapstructure prints it. */
export function goKind(n: JsonNode): string {
  switch (n.kind) {
    case 'object':
      return 'map';
    case 'array':
      return 'slice';
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
    case 'bool':
      return 'bool';
    default:
      return 'invalid';
  }
}

/** The type mapstructure names in "unconvertible type" messages. */
export function goTypeName(n: JsonNode): string {
  switch (n.kind) {
    case 'object':
      return 'map[string]interface {}';
    case 'array':
      return '[]interface {}';
    default:
      return goKind(n);
  }
}

export function property(obj: ObjectNode, name: string): JsonProperty | undefined {
  return obj.properties.find((p) => p.name === name);
}

/** A string, or a number/bool read weakly as a string (mapstructure's WeaklyTypedInput). */
export function weakString(n: JsonNode): string | undefined {
  switch (n.kind) {
    case 'string':
      return n.value;
    case 'number':
      return n.value.toString();
    case 'bool':
      return n.value ? '1' : '0';
    default:
      return undefined;
  }
}

export interface Located<T> {
  readonly value: T;
  readonly range: Range;
}

/** The object `{}` standing for a post-processor written as a bare type string. */
export function emptyObjectAt(range: Range): ObjectNode {
  return { kind: 'object', properties: [], range, openRange: range, closeRange: range };
}
