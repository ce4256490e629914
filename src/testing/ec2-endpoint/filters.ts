/** EC2 `Filter.N.Name` / `Filter.N.Value.M`: values OR'ed within a filter, filters AND'ed. */
import { Ec2Error } from './errors.js';
import { globMatch } from './faults.js';
import type { Tags } from './model.js';
import type { QueryParams } from './query.js';

export interface Filter {
  readonly name: string;
  readonly values: readonly string[];
}

export function readFilters(params: QueryParams): Filter[] {
  return params.structs('Filter').map((f) => ({ name: f.required('Name'), values: f.strings('Value') }));
}

/**
 * `fields` gives a record's values for each filter name it supports; tag filters are handled here.
 * An unknown filter name is an error, as on EC2.
 */
export function matchesFilters(
  filters: readonly Filter[],
  tags: Tags,
  fields: Readonly<Record<string, string | readonly string[] | undefined>>,
): boolean {
  return filters.every((filter) => {
    let candidates: readonly string[];
    if (filter.name.startsWith('tag:')) {
      const value = tags.get(filter.name.slice(4));
      candidates = value === undefined ? [] : [value];
    } else if (filter.name === 'tag-key') {
      candidates = [...tags.keys()];
    } else if (filter.name === 'tag-value') {
      candidates = [...tags.values()];
    } else if (filter.name in fields) {
      const value = fields[filter.name];
      candidates = value === undefined ? [] : typeof value === 'string' ? [value] : value;
    } else {
      throw new Ec2Error('InvalidParameterValue', `The filter '${filter.name}' is invalid`);
    }
    return filter.values.some((pattern) => candidates.some((c) => globMatch(pattern, c)));
  });
}
