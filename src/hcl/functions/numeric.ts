/**
 * Numeric functions: cty stdlib number.go (abs, ceil, floor, log, max, min, parseint, pow, signum) and
 * Packer's sum. log and pow work on float64, as cty's do.
 */
import { convert } from '../convert.js';
import { FunctionArgError, FunctionError } from '../hcl.js';
import { BigFloat, BigFloatNaNError } from '../number.js';
import { goQuote } from '../go-strings.js';
import { DynamicType, friendlyName, NumberType } from '../types.js';
import {
  asBigFloat,
  asString,
  elements,
  isWhollyKnown,
  lengthInt,
  numberVal,
  unknownVal,
  unmark,
  withMarks,
} from '../values.js';
import { defineFunction, param } from './call.js';
import { errorMessage, toGoFloat, toGoInt } from './util.js';

const num = (name = 'num') => param(name, NumberType);

/** cty.NumberFloatVal: NaN makes Go's big.Float panic. */
function floatVal(f: number) {
  if (Number.isNaN(f)) throw new FunctionError('panic in function implementation: Float.SetFloat64(NaN)');
  return numberVal(BigFloat.fromNumber(f));
}

function goFloat(v: Parameters<typeof asBigFloat>[0]): number {
  try {
    return toGoFloat(asBigFloat(v));
  } catch (e) {
    throw new FunctionError(errorMessage(e));
  }
}

export const AbsFunc = defineFunction({
  params: [param('num', NumberType, { allowDynamicType: true, allowMarked: true })],
  returnType: NumberType,
  impl: ([v]) => {
    const [n, marks] = unmark(v!);
    return withMarks(numberVal(asBigFloat(n).abs()), marks);
  },
});

export const CeilFunc = defineFunction({
  params: [num()],
  returnType: NumberType,
  impl: ([v]) => numberVal(asBigFloat(v!).ceil()),
});

export const FloorFunc = defineFunction({
  params: [num()],
  returnType: NumberType,
  impl: ([v]) => numberVal(asBigFloat(v!).floor()),
});

export const LogFunc = defineFunction({
  params: [num(), num('base')],
  returnType: NumberType,
  impl: ([n, base]) => floatVal(Math.log(goFloat(n!)) / Math.log(goFloat(base!))),
});

export const PowFunc = defineFunction({
  params: [num(), num('power')],
  returnType: NumberType,
  impl: ([n, p]) => floatVal(goPow(goFloat(n!), goFloat(p!))),
});

/** Go's math.Pow differs from JS's ** on a few special cases (e.g. pow(-1, ±Inf) and pow(1, NaN)). */
function goPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (x === -1 && !Number.isFinite(y)) return 1;
  return x ** y;
}

export const SignumFunc = defineFunction({
  params: [num()],
  returnType: NumberType,
  impl: ([v]) => {
    let n: number;
    try {
      n = toGoInt(v!);
    } catch (e) {
      throw new FunctionError(errorMessage(e));
    }
    return numberVal(n < 0 ? -1 : n > 0 ? 1 : 0);
  },
});

function extremum(name: 'min' | 'max') {
  return defineFunction({
    params: [],
    varParam: param('numbers', NumberType, { allowDynamicType: true }),
    returnType: NumberType,
    impl: (args) => {
      if (args.length === 0) throw new FunctionError('must pass at least one number');
      let best = name === 'min' ? BigFloat.POS_INF : BigFloat.NEG_INF;
      let bestVal = numberVal(best);
      for (const a of args) {
        const f = asBigFloat(a);
        if (name === 'min' ? f.cmp(best) < 0 : f.cmp(best) > 0) {
          best = f;
          bestVal = a;
        }
      }
      return bestVal;
    },
  });
}

export const MinFunc = extremum('min');
export const MaxFunc = extremum('max');

export const ParseIntFunc = defineFunction({
  params: [param('number', DynamicType), num('base')],
  returnType: ([n]) => {
    if (n!.type.kind !== 'string') {
      throw new FunctionArgError(0, `first argument must be a string, not ${friendlyName(n!.type)}`);
    }
    return NumberType;
  },
  impl: ([n, b]) => {
    const str = asString(n!);
    let base: number;
    try {
      base = toGoInt(b!);
    } catch (e) {
      throw new FunctionArgError(1, errorMessage(e));
    }
    if (base < 2 || base > 62) {
      throw new FunctionArgError(1, 'base must be a whole number between 2 and 62 inclusive');
    }
    const parsed = parseBigInt(str, base);
    if (parsed === undefined)
      throw new FunctionArgError(0, `cannot parse ${goQuote(str)} as a base ${base} integer`);
    return numberVal(BigFloat.fromBigInt(parsed));
  },
});

/** Go's big.Int SetString(s, base) for base 2..62: optional sign, digits only (no prefix, no underscores). */
function parseBigInt(s: string, base: number): bigint | undefined {
  let i = 0;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    i = 1;
  }
  if (i >= s.length) return undefined;
  let acc = 0n;
  const bigBase = BigInt(base);
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (c >= 97 && c <= 122) d = c - 97 + 10;
    else if (c >= 65 && c <= 90) d = base <= 36 ? c - 65 + 10 : c - 65 + 36;
    else return undefined;
    if (d >= base) return undefined;
    acc = acc * bigBase + BigInt(d);
  }
  return neg ? -acc : acc;
}

export const SumFunc = defineFunction({
  params: [param('list', DynamicType)],
  returnType: NumberType,
  impl: ([list]) => {
    const t = list!.type;
    if (
      t.kind !== 'list' &&
      t.kind !== 'set' &&
      t.kind !== 'tuple' &&
      t.kind !== 'map' &&
      t.kind !== 'object'
    ) {
      throw new FunctionArgError(0, 'cannot sum noniterable');
    }
    if (lengthInt(list!) === 0) throw new FunctionArgError(0, 'cannot sum an empty list');
    if (t.kind !== 'list' && t.kind !== 'set' && t.kind !== 'tuple') {
      throw new FunctionArgError(0, `argument must be list, set, or tuple. Received ${friendlyName(t)}`);
    }
    const els = elements(list!);
    if (!isWhollyKnown(list!)) return unknownVal(NumberType);
    const notNumbers = () => new FunctionArgError(0, 'argument must be list, set, or tuple of number values');
    let sum: BigFloat | undefined;
    for (const v of els) {
      if (v.state === 'null') throw notNumbers();
      const c = convert(v, NumberType);
      if (!c.ok) throw notNumbers();
      const f = asBigFloat(c.value);
      try {
        sum = sum === undefined ? f : sum.add(f);
      } catch (e) {
        if (e instanceof BigFloatNaNError)
          throw new FunctionError("can't compute sum of opposing infinities");
        throw e;
      }
    }
    return numberVal(sum!);
  },
});
