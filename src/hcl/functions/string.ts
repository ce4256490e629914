/**
 * String functions: cty stdlib's string.go and string_replace.go, plus Packer's startswith, endswith and
 * strcontains. Character counts are grapheme clusters, as cty's are.
 */
import { compareStrings } from '../go-strings.js';
import { FunctionArgError, FunctionError, type HclFunction } from '../hcl.js';
import { BoolType, listOf, StringType, NumberType } from '../types.js';
import type { Value } from '../value.js';
import {
  asString,
  boolVal,
  elements,
  isWhollyKnown,
  listVal,
  listValEmpty,
  stringVal,
  unknownVal,
} from '../values.js';
import { defineFunction, param } from './call.js';
import {
  errorMessage,
  goTitle,
  goToLower,
  goToUpper,
  goTrim,
  goTrimSpace,
  graphemeCount,
  graphemes,
  toGoInt,
} from './util.js';

/** A function from one string to one string. */
function stringToString(f: (s: string) => string, allowDynamicType = false): HclFunction {
  return defineFunction({
    params: [param('str', StringType, { allowDynamicType })],
    returnType: StringType,
    impl: ([s]) => stringVal(f(asString(s!))),
  });
}

/** A function of two strings. */
function twoStrings(
  names: [string, string],
  ret: 'string' | 'bool',
  f: (a: string, b: string) => string | boolean,
) {
  return defineFunction({
    params: [param(names[0], StringType), param(names[1], StringType)],
    returnType: ret === 'string' ? StringType : BoolType,
    impl: ([a, b]) => {
      const r = f(asString(a!), asString(b!));
      return typeof r === 'string' ? stringVal(r) : boolVal(r);
    },
  });
}

export const UpperFunc = stringToString(goToUpper, true);
export const LowerFunc = stringToString(goToLower, true);
export const StrrevFunc = stringToString((s) => graphemes(s).reverse().join(''), true);
export const TitleFunc = stringToString(goTitle);
export const TrimSpaceFunc = stringToString(goTrimSpace);
export const ChompFunc = stringToString((s) => s.replace(/(?:\r\n?|\n)*$/, ''));

export const TrimFunc = twoStrings(['str', 'cutset'], 'string', goTrim);
export const TrimPrefixFunc = twoStrings(['str', 'prefix'], 'string', (s, p) =>
  s.startsWith(p) ? s.slice(p.length) : s,
);
export const TrimSuffixFunc = twoStrings(['str', 'suffix'], 'string', (s, x) =>
  x !== '' && s.endsWith(x) ? s.slice(0, s.length - x.length) : s,
);
export const StartsWithFunc = twoStrings(['str', 'prefix'], 'bool', (s, p) => s.startsWith(p));
export const EndsWithFunc = twoStrings(['str', 'suffix'], 'bool', (s, x) => s.endsWith(x));
export const StrContainsFunc = twoStrings(['str', 'substr'], 'bool', (s, x) => s.includes(x));

export const ReplaceFunc = defineFunction({
  params: [param('str', StringType), param('substr', StringType), param('replace', StringType)],
  returnType: StringType,
  impl: ([str, sub, rep]) => stringVal(goReplaceAll(asString(str!), asString(sub!), asString(rep!))),
});

/** Go's strings.Replace(s, old, new, -1): an empty `old` matches before every code point and at the end. */
function goReplaceAll(s: string, old: string, rep: string): string {
  if (old === '') return [...s].map((c) => rep + c).join('') + rep;
  return s.split(old).join(rep);
}

export const SubstrFunc = defineFunction({
  params: [
    param('str', StringType, { allowDynamicType: true }),
    param('offset', NumberType, { allowDynamicType: true }),
    param('length', NumberType, { allowDynamicType: true }),
  ],
  returnType: StringType,
  impl: ([str, off, len]) => {
    const offset = goIntOrFail(off!);
    const length = goIntOrFail(len!);
    return stringVal(substr(asString(str!), offset, length));
  },
});

/** cty's substr, including its quirks (a negative offset with length 0 yields the rest of the string). */
function substr(s: string, offset: number, length: number): string {
  const clusters = graphemes(s);
  if (offset < 0) offset += clusters.length;
  else if (length === 0) return '';
  let start = 0;
  if (offset > 0) {
    if (offset > clusters.length) return '';
    start = offset;
  }
  const rest = clusters.slice(start);
  if (length <= 0) return rest.join('');
  return rest.slice(0, length).join('');
}

function goIntOrFail(v: Value): number {
  try {
    return toGoInt(v);
  } catch (e) {
    throw new FunctionError(errorMessage(e));
  }
}

export const IndentFunc = defineFunction({
  params: [param('spaces', NumberType), param('str', StringType)],
  returnType: StringType,
  impl: ([n, str]) => {
    const spaces = goIntOrFail(n!);
    if (spaces < 0)
      throw new FunctionError('panic in function implementation: strings: negative Repeat count');
    return stringVal(
      asString(str!)
        .split('\n')
        .join(`\n${' '.repeat(spaces)}`),
    );
  },
});

export const JoinFunc = defineFunction({
  params: [param('separator', StringType)],
  varParam: param('lists', listOf(StringType)),
  returnType: StringType,
  impl: (args) => {
    const sep = asString(args[0]!);
    const lists = args.slice(1);
    if (lists.length < 1) throw new FunctionError('at least one list is required');
    if (!lists.every(isWhollyKnown)) return unknownVal(StringType);
    const items: string[] = [];
    lists.forEach((list, ai) => {
      elements(list).forEach((el, ei) => {
        if (el.state === 'null') {
          throw new FunctionArgError(
            ai + 1,
            lists.length > 1
              ? `element ${ei} of list ${ai + 1} is null; cannot concatenate null values`
              : `element ${ei} is null; cannot concatenate null values`,
          );
        }
        items.push(asString(el));
      });
    });
    return stringVal(items.join(sep));
  },
});

export const SplitFunc = defineFunction({
  params: [param('separator', StringType), param('str', StringType)],
  returnType: listOf(StringType),
  impl: ([sepV, strV]) => {
    const sep = asString(sepV!);
    const str = asString(strV!);
    const parts = sep === '' ? [...str] : str.split(sep);
    return parts.length === 0 ? listValEmpty(StringType) : listVal(parts.map(stringVal));
  },
});

export const SortFunc = defineFunction({
  params: [param('list', listOf(StringType), { allowUnknown: true })],
  returnType: listOf(StringType),
  impl: ([list], retType) => {
    if (!isWhollyKnown(list!)) return unknownVal(retType);
    const els = elements(list!);
    if (els.length === 0) return list!;
    const strs = els.map((v, i) => {
      if (v.state === 'null')
        throw new FunctionError(`given list element ${i} is null; a null string cannot be sorted`);
      return asString(v);
    });
    strs.sort(compareStrings);
    return listVal(strs.map(stringVal));
  },
});

/** strlen, used by Packer's length() for strings. */
export function stringLength(s: string): number {
  return graphemeCount(s);
}
