/** Tags written either as a map (`tags = {…}`) or as repeatable blocks (`tag { key = … value = … }`). */
import type { JsonSchema } from '../../../sdk/schema.js';
import { blocks, object, str, strMap } from '../../../sdk/schema-helpers.js';

const keyValue = object({ key: str('Tag key.'), value: str('Tag value.') });
const nameValue = object({ name: str('Tag name.'), value: str('Tag value.') });

/** `<plural> = {…}` and `<singular> { key, value }` for the same set of tags. */
export function tagProperties(
  plural: string,
  singular: string,
  what: string,
  style: 'key' | 'name' = 'key',
): Record<string, JsonSchema> {
  return {
    [plural]: strMap(`Tags for ${what}.`),
    [singular]: blocks(
      `A tag for ${what} (block form; allows dynamic blocks).`,
      style === 'key' ? keyValue : nameValue,
    ),
  };
}

/** A `filters` map with repeatable `filter { name, value }` blocks (security group, subnet, VPC filters). */
export function nameValueFilter(extra: Record<string, JsonSchema> = {}) {
  return object({
    filters: strMap('Filters by name, as in the EC2 Describe APIs.'),
    filter: blocks('A filter (block form).', nameValue),
    ...extra,
  });
}
