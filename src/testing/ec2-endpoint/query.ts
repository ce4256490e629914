/**
 * Decoding an EC2 Query request body (`Action=RunInstances&ImageId=ami-1&Filter.1.Name=name&
 * Filter.1.Value.1=x`) into nested values: a numeric path segment is a 1-based list index, any other
 * segment a member name.
 */
import { Ec2Error } from './errors.js';

export type QueryValue = string | QueryList | QueryStruct;
export interface QueryStruct {
  [member: string]: QueryValue;
}
export type QueryList = QueryValue[];

export function decodeQuery(body: string): QueryStruct {
  const root: QueryStruct = {};
  for (const [key, value] of new URLSearchParams(body)) setPath(root, key.split('.'), value);
  return root;
}

function setPath(root: QueryStruct, path: readonly string[], value: string): void {
  let node: QueryStruct | QueryList = root;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const last = i === path.length - 1;
    const nextIsIndex = !last && /^\d+$/.test(path[i + 1]!);
    const slot: string | number = Array.isArray(node) ? Number(segment) - 1 : segment;
    if (Array.isArray(node) && (!Number.isInteger(slot) || (slot as number) < 0)) return;
    const container = node as Record<string | number, QueryValue>;
    if (last) {
      container[slot] = value;
      return;
    }
    let child: QueryValue | undefined = container[slot];
    if (child === undefined || typeof child === 'string') {
      child = nextIsIndex ? [] : {};
      container[slot] = child;
    }
    node = child;
  }
}

/** Typed reads of a decoded request, with EC2's own error for a malformed parameter. */
export class QueryParams {
  constructor(readonly raw: QueryStruct) {}

  string(name: string): string | undefined {
    const value = this.raw[name];
    return typeof value === 'string' ? value : undefined;
  }

  required(name: string): string {
    const value = this.string(name);
    if (value === undefined || value === '') {
      throw new Ec2Error('MissingParameter', `The request must contain the parameter ${name}`);
    }
    return value;
  }

  int(name: string): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n))
      throw new Ec2Error('InvalidParameterValue', `Invalid value '${value}' for ${name}`);
    return n;
  }

  bool(name: string): boolean | undefined {
    const value = this.string(name);
    return value === undefined ? undefined : value === 'true';
  }

  /** `Name.1=a&Name.2=b` → ['a', 'b'] (gaps dropped). */
  strings(name: string): string[] {
    return listOf(this.raw[name]).filter((v): v is string => typeof v === 'string');
  }

  structs(name: string): QueryParams[] {
    return listOf(this.raw[name])
      .filter((v): v is QueryStruct => typeof v === 'object' && !Array.isArray(v))
      .map((v) => new QueryParams(v));
  }

  struct(name: string): QueryParams | undefined {
    const value = this.raw[name];
    return typeof value === 'object' && !Array.isArray(value) ? new QueryParams(value) : undefined;
  }
}

function listOf(value: QueryValue | undefined): QueryValue[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.filter((v) => v !== undefined);
  return [];
}
