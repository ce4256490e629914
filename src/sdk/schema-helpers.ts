/**
 * Small constructors for configuration schemas, so a plugin's options read as a table:
 * `memory: int('Memory in MiB.', { default: 512 })`. Built-in and library plugins use the same ones.
 */
import type { JsonSchema, ObjectSchema } from './schema.js';

export type Extra = Omit<JsonSchema, 'type' | 'description'>;

export function str(description: string, extra: Extra = {}): JsonSchema {
  return { type: 'string', description, ...extra };
}

/** A Go duration string (`"5m"`, `"1h30m"`, `"10s"`); checked by prepare(). */
export function duration(description: string, extra: Extra = {}): JsonSchema {
  return { type: 'string', description, 'x-format': 'duration', ...extra };
}

export function num(description: string, extra: Extra = {}): JsonSchema {
  return { type: 'number', description, ...extra };
}

export function int(description: string, extra: Extra = {}): JsonSchema {
  return { type: 'integer', description, ...extra };
}

export function bool(description: string, extra: Extra = {}): JsonSchema {
  return { type: 'boolean', description, ...extra };
}

export function strList(description: string, extra: Extra = {}): JsonSchema {
  return { type: 'array', items: { type: 'string' }, description, ...extra };
}

export function numList(description: string, extra: Extra = {}): JsonSchema {
  return { type: 'array', items: { type: 'number' }, description, ...extra };
}

export function strMap(description: string, extra: Extra = {}): JsonSchema {
  return { type: 'object', additionalProperties: { type: 'string' }, description, ...extra };
}

/** A list of lists of strings (`qemuargs`, `boot_steps`). */
export function strListList(description: string, extra: Extra = {}): JsonSchema {
  return { type: 'array', items: { type: 'array', items: { type: 'string' } }, description, ...extra };
}

export function object(
  properties: Record<string, JsonSchema>,
  extra: Omit<ObjectSchema, 'type' | 'properties'> = {},
): ObjectSchema {
  return { type: 'object', properties, additionalProperties: false, ...extra };
}

/** A nested block written at most once: `name { … }`. */
export function block(description: string, item: ObjectSchema): JsonSchema {
  return { ...item, description, 'x-hcl-block': true };
}

/** A repeatable nested block: `name { … }` any number of times, optionally with labels. */
export function blocks(description: string, item: ObjectSchema, labels: readonly string[] = []): JsonSchema {
  return {
    type: 'array',
    description,
    items: item,
    'x-hcl-block': true,
    ...(labels.length > 0 ? { 'x-hcl-labels': labels } : {}),
  };
}
