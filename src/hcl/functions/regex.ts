/**
 * regex, regexall and regex_replace (cty stdlib regexp.go and string_replace.go) on RE2 patterns.
 */
import { FunctionArgError, FunctionError } from '../hcl.js';
import { DynamicType, listOf, objectOf, StringType, tupleOf, type Type } from '../types.js';
import type { Value } from '../value.js';
import {
  asString,
  listVal,
  listValEmpty,
  nullVal,
  objectVal,
  stringVal,
  tupleVal,
  unknownVal,
} from '../values.js';
import { defineFunction, param } from './call.js';
import {
  type CompiledRe2,
  compileRe2,
  findAll,
  findFirst,
  type Re2Match,
  Re2Error,
  replaceAll,
} from './re2.js';

function compileForType(pattern: string): CompiledRe2 {
  try {
    return compileRe2(pattern);
  } catch (e) {
    if (e instanceof Re2Error)
      throw new FunctionArgError(0, `invalid regexp pattern: ${e.code} in ${e.expr}`);
    throw e;
  }
}

/** The result type of one match: string (no groups), tuple (unnamed groups) or object (named groups). */
function patternResultType(pattern: string): Type {
  const { names } = compileForType(pattern);
  const groups = names.slice(1);
  const named = groups.filter((n) => n !== '');
  const unnamed = groups.length - named.length;
  if (groups.length === 0) return StringType;
  if (unnamed > 0 && named.length > 0) {
    throw new FunctionArgError(0, 'invalid regexp pattern: cannot mix both named and unnamed capture groups');
  }
  if (unnamed > 0) return tupleOf(groups.map(() => StringType));
  return objectOf(Object.fromEntries(named.map((n) => [n, StringType])));
}

function matchResult(c: CompiledRe2, s: string, m: Re2Match, type: Type): Value {
  if (type.kind === 'string') return stringVal(s.slice(m.start, m.end));
  const group = (i: number) => {
    const g = m.groups[i];
    return g === undefined ? nullVal(StringType) : stringVal(g);
  };
  if (type.kind === 'tuple') return tupleVal(type.elems.map((_, i) => group(i + 1)));
  return objectVal(new Map(c.names.slice(1).map((n, i) => [n, group(i + 1)])));
}

export const RegexFunc = defineFunction({
  params: [param('pattern', StringType), param('string', StringType)],
  returnType: ([pattern]) =>
    pattern!.state !== 'known' ? DynamicType : patternResultType(asString(pattern!)),
  impl: ([pattern, str], retType) => {
    if (retType.kind === 'dynamic') return unknownVal(DynamicType);
    const c = compileForType(asString(pattern!));
    const s = asString(str!);
    const m = findFirst(c, s);
    if (!m) throw new FunctionError('pattern did not match any part of the given string');
    return matchResult(c, s, m, retType);
  },
});

export const RegexAllFunc = defineFunction({
  params: [param('pattern', StringType), param('string', StringType)],
  returnType: ([pattern]) =>
    listOf(pattern!.state !== 'known' ? DynamicType : patternResultType(asString(pattern!))),
  impl: ([pattern, str], retType) => {
    const ety = (retType as { elem: Type }).elem;
    if (ety.kind === 'dynamic') return unknownVal(DynamicType);
    const c = compileForType(asString(pattern!));
    const s = asString(str!);
    const matches = findAll(c, s);
    if (matches.length === 0) return listValEmpty(ety);
    return listVal(matches.map((m) => matchResult(c, s, m, ety)));
  },
});

export const RegexReplaceFunc = defineFunction({
  params: [param('str', StringType), param('pattern', StringType), param('replace', StringType)],
  returnType: StringType,
  impl: ([str, pattern, rep]) => {
    let c: CompiledRe2;
    try {
      c = compileRe2(asString(pattern!));
    } catch (e) {
      if (e instanceof Re2Error) throw new FunctionError(`error parsing regexp: ${e.message}`);
      throw e;
    }
    return stringVal(replaceAll(c, asString(str!), asString(rep!)));
  },
});
