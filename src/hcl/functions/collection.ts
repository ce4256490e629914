/**
 * Collection functions: cty stdlib collection.go, sequence.go and set.go, go-cty-funcs' coalesce, and
 * Packer's alltrue, anytrue, index and length. Result types follow cty exactly (keys/values of an object
 * are tuples, concat of tuples is a tuple, flatten always yields a tuple, and so on).
 */
import { convert, unifyTypes } from '../convert.js';
import { equals } from '../equality.js';
import { FunctionArgError, FunctionError } from '../hcl.js';
import { BigFloat } from '../number.js';
import { setHas } from '../set-internals.js';
import {
  BoolType,
  DynamicType,
  EmptyObjectType,
  EmptyTupleType,
  friendlyName,
  listOf,
  mapOf,
  NumberType,
  objectOf,
  setOf,
  StringType,
  tupleOf,
  type Type,
  typeEquals,
} from '../types.js';
import type { Mark, Value } from '../value.js';
import {
  asBigFloat,
  asBool,
  asString,
  EmptyTupleVal,
  elements,
  entries,
  False,
  isWhollyKnown,
  listVal,
  listValEmpty,
  mapVal,
  mapValEmpty,
  numberVal,
  objectVal,
  setVal,
  setValEmpty,
  stringVal,
  True,
  tupleVal,
  unknownVal,
  unmark,
  withMarks,
} from '../values.js';
import { defineFunction, param } from './call.js';
import { stringLength } from './string.js';
import { errorMessage, toGoInt } from './util.js';

const isTrue = (v: Value) => v.state === 'known' && v.v === true;
const isSeq = (t: Type) => t.kind === 'list' || t.kind === 'set' || t.kind === 'tuple';

function goInt(v: Value, prefix: string, argIndex?: number): number {
  try {
    return toGoInt(v);
  } catch (e) {
    const msg = `${prefix}${errorMessage(e)}`;
    throw argIndex === undefined ? new FunctionError(msg) : new FunctionArgError(argIndex, msg);
  }
}

function convertOrThrow(v: Value, t: Type, argIndex?: number): Value {
  const r = convert(v, t);
  if (r.ok) return r.value;
  throw argIndex === undefined ? new FunctionError(r.message) : new FunctionArgError(argIndex, r.message);
}

function listOrEmpty(elems: readonly Value[], elemType: Type): Value {
  return elems.length === 0 ? listValEmpty(elemType) : listVal(elems);
}

export const AllTrueFunc = defineFunction({
  params: [param('list', listOf(BoolType))],
  returnType: BoolType,
  impl: ([list]) => {
    for (const v of elements(list!)) {
      if (v.state === 'unknown') return unknownVal(BoolType);
      if (v.state === 'null' || !asBool(v)) return False;
    }
    return True;
  },
});

export const AnyTrueFunc = defineFunction({
  params: [param('list', listOf(BoolType))],
  returnType: BoolType,
  impl: ([list]) => {
    let hasUnknown = false;
    for (const v of elements(list!)) {
      if (v.state === 'unknown') hasUnknown = true;
      else if (v.state === 'known' && asBool(v)) return True;
    }
    return hasUnknown ? unknownVal(BoolType) : False;
  },
});

export const ChunklistFunc = defineFunction({
  params: [
    param('list', listOf(DynamicType), { allowMarked: true }),
    param('size', NumberType, { allowMarked: true }),
  ],
  returnType: ([list]) => listOf(list!.type),
  impl: ([listArg, sizeArg]) => {
    const [list, listMarks] = unmark(listArg!);
    const [sizeVal, sizeMarks] = unmark(sizeArg!);
    const size = goInt(sizeVal, 'invalid size: ');
    if (size < 0) throw new FunctionError('the size argument must be positive');
    if (list.state !== 'known') return withMarks(unknownVal(listOf(list.type)), listMarks, sizeMarks);
    const els = elements(list);
    let result: Value;
    if (els.length === 0) result = listValEmpty(list.type);
    else if (size === 0) result = listVal([list]);
    else {
      const chunks: Value[] = [];
      for (let i = 0; i < els.length; i += size) chunks.push(listVal(els.slice(i, i + size)));
      result = listVal(chunks);
    }
    return withMarks(result, listMarks, sizeMarks);
  },
});

export const CoalesceFunc = defineFunction({
  params: [],
  varParam: param('vals', DynamicType, { allowUnknown: true, allowDynamicType: true, allowNull: true }),
  returnType: (args) => {
    const t = args.length === 0 ? undefined : unifyTypes(args.map((a) => a.type));
    if (!t) throw new FunctionError('all arguments must have the same type');
    return t;
  },
  impl: (args, retType) => {
    for (const arg of args) {
      const r = convert(arg, retType);
      const v = r.ok ? r.value : arg;
      if (v.state === 'unknown') return unknownVal(retType);
      if (v.state === 'null') continue;
      if (retType.kind === 'string' && asString(v) === '') continue;
      return v;
    }
    throw new FunctionError('no non-null, non-empty-string arguments');
  },
});

export const CoalesceListFunc = defineFunction({
  params: [],
  varParam: param('vals', DynamicType, { allowUnknown: true, allowDynamicType: true, allowNull: true }),
  returnType: (args) => {
    if (args.length === 0) throw new FunctionError('at least one argument is required');
    for (const arg of args) {
      if (arg.state === 'unknown') return DynamicType;
      if (arg.type.kind !== 'list' && arg.type.kind !== 'tuple') {
        throw new FunctionError('coalescelist arguments must be lists or tuples');
      }
    }
    const first = args[0]!.type;
    return args.every((a) => typeEquals(a.type, first)) ? first : DynamicType;
  },
  impl: (args, retType) => {
    for (const arg of args) {
      if (arg.state === 'unknown') return unknownVal(retType);
      if (arg.state === 'null') continue;
      if (elements(arg).length > 0) return arg;
    }
    throw new FunctionError('no non-null arguments');
  },
});

export const CompactFunc = defineFunction({
  params: [param('list', listOf(StringType))],
  returnType: listOf(StringType),
  impl: ([list], retType) => {
    if (!isWhollyKnown(list!)) return unknownVal(retType);
    const out = elements(list!).filter((v) => v.state !== 'null' && asString(v) !== '');
    return listOrEmpty(out, StringType);
  },
});

export const ConcatFunc = defineFunction({
  params: [],
  varParam: param('seqs', DynamicType, { allowMarked: true }),
  returnType: (args) => {
    if (args.length === 0) throw new FunctionError('at least one argument is required');
    if (args.every((a) => a.type.kind === 'list')) {
      const common = unifyTypes(args.map((a) => a.type));
      if (common) return common;
    }
    const etys: Type[] = [];
    for (let i = 0; i < args.length; i++) {
      const [v] = unmark(args[i]!);
      const t = v.type;
      if (t.kind === 'tuple') etys.push(...t.elems);
      else if (t.kind === 'list') {
        if (v.state !== 'known') return DynamicType;
        for (let j = 0; j < elements(v).length; j++) etys.push(t.elem);
      } else {
        throw new FunctionArgError(i, `all arguments must be lists or tuples; got ${friendlyName(t)}`);
      }
    }
    return tupleOf(etys);
  },
  impl: (args, retType) => {
    const marks: Set<Mark>[] = [];
    const vals: Value[] = [];
    args.forEach((arg, i) => {
      const seq = retType.kind === 'list' ? convertOrThrow(arg, retType, i) : arg;
      const [v, m] = unmark(seq);
      marks.push(m);
      vals.push(...elements(v));
    });
    if (retType.kind === 'list') return withMarks(listOrEmpty(vals, retType.elem), ...marks);
    return withMarks(tupleVal(vals), ...marks);
  },
});

export const ContainsFunc = defineFunction({
  params: [param('list', DynamicType), param('value', DynamicType)],
  returnType: BoolType,
  impl: ([list, value]) => {
    if (!isSeq(list!.type)) throw new FunctionError('argument must be list, tuple, or set');
    const els = elements(list!);
    if (els.length === 0) return False;
    if (value!.state === 'unknown') return unknownVal(BoolType);
    let containsUnknown = false;
    for (const v of els) {
      const eq = equals(value!, v);
      if (eq.state !== 'known') containsUnknown = true;
      else if (isTrue(eq)) return True;
    }
    return containsUnknown ? unknownVal(BoolType) : False;
  },
});

export const DistinctFunc = defineFunction({
  params: [param('list', listOf(DynamicType))],
  returnType: ([list]) => list!.type,
  impl: ([list], retType) => {
    if (!isWhollyKnown(list!)) return unknownVal(retType);
    const out: Value[] = [];
    for (const v of elements(list!)) {
      if (!out.some((e) => isTrue(equals(e, v)))) out.push(v);
    }
    return listOrEmpty(out, (retType as { elem: Type }).elem);
  },
});

const negativeIndex = 'cannot use element function with a negative index';

export const ElementFunc = defineFunction({
  params: [param('list', DynamicType, { allowMarked: true }), param('index', NumberType)],
  returnType: ([list, index]) => {
    if (index!.state === 'known' && asBigFloat(index!).sign() < 0) throw new FunctionError(negativeIndex);
    const t = list!.type;
    if (t.kind === 'list') return t.elem;
    if (t.kind === 'tuple') {
      if (index!.state !== 'known') return DynamicType;
      const i = goInt(index!, 'invalid index: ');
      if (t.elems.length === 0) throw new FunctionError('cannot use element function with an empty list');
      return t.elems[i % t.elems.length]!;
    }
    throw new FunctionError(`cannot read elements from ${friendlyName(t)}`);
  },
  impl: ([list, index], retType) => {
    const i = goInt(index!, 'invalid index: ');
    if (i < 0) throw new FunctionError(negativeIndex);
    const [input, marks] = unmark(list!);
    if (input.state !== 'known') return withMarks(unknownVal(retType), marks);
    const els = elements(input);
    if (els.length === 0) throw new FunctionError('cannot use element function with an empty list');
    return withMarks(els[i % els.length]!, marks);
  },
});

interface Flattened {
  out: Value[];
  marks: Set<Mark>[];
  known: boolean;
}

function flattener(list: Value): Flattened {
  const [v, m] = unmark(list);
  const res: Flattened = { out: [], marks: m.size > 0 ? [m] : [], known: true };
  if (v.state !== 'known') {
    res.known = false;
    return res;
  }
  for (const el of elements(v)) {
    if (el.state === 'unknown' && el.type.kind === 'dynamic') res.known = false;
    if (el.state !== 'null' && isSeq(el.type)) {
      if (el.state !== 'known') {
        res.known = false;
        res.marks.push(unmark(el)[1]);
        continue;
      }
      const sub = flattener(el);
      res.marks.push(...sub.marks);
      if (sub.known) res.out.push(...sub.out);
      else res.known = false;
    } else {
      res.out.push(el);
    }
  }
  return res;
}

export const FlattenFunc = defineFunction({
  params: [param('list', DynamicType, { allowMarked: true })],
  returnType: ([list]) => {
    if (!isWhollyKnown(list!)) return DynamicType;
    const t = unmark(list!)[0].type;
    if (!isSeq(t)) throw new FunctionError('can only flatten lists, sets and tuples');
    const f = flattener(list!);
    if (!f.known) return DynamicType;
    return tupleOf(f.out.map((v) => v.type));
  },
  impl: ([list], retType) => {
    const [unmarked, marks] = unmark(list!);
    if (unmarked.state === 'known' && elements(unmarked).length === 0) return withMarks(EmptyTupleVal, marks);
    const f = flattener(list!);
    if (!f.known) return withMarks(unknownVal(retType), ...f.marks);
    return withMarks(tupleVal(f.out), ...f.marks);
  },
});

export const IndexFunc = defineFunction({
  params: [param('list', DynamicType), param('value', DynamicType)],
  returnType: NumberType,
  impl: ([list, value]) => {
    const k = list!.type.kind;
    if (k !== 'list' && k !== 'tuple') throw new FunctionError('argument must be a list or tuple');
    const els = elements(list!);
    if (els.length === 0) throw new FunctionError('cannot search an empty list');
    for (let i = 0; i < els.length; i++) {
      const eq = equals(els[i]!, value!);
      if (eq.state !== 'known') return unknownVal(NumberType);
      if (isTrue(eq)) return numberVal(i);
    }
    throw new FunctionError('item not found');
  },
});

export const KeysFunc = defineFunction({
  params: [param('inputMap', DynamicType, { allowUnknown: true, allowMarked: true })],
  returnType: ([m]) => {
    const t = m!.type;
    if (t.kind === 'map') return listOf(StringType);
    if (t.kind === 'object')
      return t.attrs.size === 0 ? EmptyTupleType : tupleOf([...t.attrs.keys()].map(() => StringType));
    throw new FunctionArgError(0, 'must have map or object type');
  },
  impl: ([arg], retType) => {
    const [m, marks] = unmark(arg!);
    if (m.type.kind === 'object') {
      return withMarks(tupleVal([...m.type.attrs.keys()].map((k) => stringVal(k))), marks);
    }
    if (m.state !== 'known') return withMarks(unknownVal(retType), marks);
    const keys = entries(m).map(([k]) => stringVal(k));
    return withMarks(listOrEmpty(keys, StringType), marks);
  },
});

export const LengthFunc = defineFunction({
  params: [param('value', DynamicType, { allowDynamicType: true, allowUnknown: true })],
  returnType: ([v]) => {
    const k = v!.type.kind;
    if (k === 'number' || k === 'bool') {
      throw new FunctionError('argument must be a string, a collection type, or a structural type');
    }
    return NumberType;
  },
  impl: ([v]) => {
    const t = v!.type;
    switch (t.kind) {
      case 'dynamic':
        return unknownVal(NumberType);
      case 'tuple':
        return numberVal(t.elems.length);
      case 'object':
        return numberVal(t.attrs.size);
      case 'string':
        return v!.state === 'known' ? numberVal(stringLength(asString(v!))) : unknownVal(NumberType);
      default:
        if (v!.state !== 'known') return unknownVal(NumberType);
        return numberVal(t.kind === 'map' ? entries(v!).length : elements(v!).length);
    }
  },
});

export const LookupFunc = defineFunction({
  params: [
    param('inputMap', DynamicType, { allowMarked: true }),
    param('key', StringType, { allowMarked: true }),
    param('default', DynamicType, { allowMarked: true }),
  ],
  returnType: ([m, key, dflt]) => {
    const t = m!.type;
    if (t.kind === 'object') {
      if (key!.state !== 'known') return DynamicType;
      const k = asString(unmark(key!)[0]);
      const at = t.attrs.get(k);
      if (at) return at;
      return dflt!.type;
    }
    if (t.kind === 'map') {
      if (!convert(dflt!, t.elem).ok) {
        throw new FunctionArgError(2, 'the default value must have the same type as the map elements');
      }
      return t.elem;
    }
    throw new FunctionArgError(0, 'lookup() requires a map as the first argument');
  },
  impl: ([mArg, keyArg, dflt], retType) => {
    const [m, mapMarks] = unmark(mArg!);
    const [keyVal, keyMarks] = unmark(keyArg!);
    const key = asString(keyVal);
    if (!isWhollyKnown(m)) return withMarks(unknownVal(retType), mapMarks, keyMarks);
    const found = entries(m).find(([k]) => k === key);
    if (found) return withMarks(found[1], mapMarks, keyMarks);
    return withMarks(convertOrThrow(dflt!, retType), mapMarks, keyMarks);
  },
});

export const MergeFunc = defineFunction({
  params: [],
  varParam: param('maps', DynamicType, { allowDynamicType: true, allowNull: true, allowMarked: true }),
  returnType: (args) => {
    if (args.length === 0) return EmptyObjectType;
    const attrs = new Map<string, Type>();
    let first: Type | undefined;
    let matching = true;
    let attrsKnown = true;
    for (const argMarked of args) {
      const t = argMarked.type;
      if (t.kind === 'dynamic') return DynamicType;
      if (t.kind !== 'map' && t.kind !== 'object') {
        throw new FunctionError(`arguments must be maps or objects, got "${friendlyName(t)}"`);
      }
      const [arg] = unmark(argMarked);
      if (t.kind === 'object') {
        if (arg.state !== 'null') for (const [k, at] of t.attrs) attrs.set(k, at);
      } else if (arg.state === 'known') {
        for (const [k] of entries(arg)) attrs.set(k, t.elem);
      } else if (arg.state === 'unknown') {
        attrsKnown = false;
      }
      if (first === undefined) first = t;
      else if (!typeEquals(t, first) && matching) matching = false;
    }
    if (matching) return first!;
    if (!attrsKnown) return DynamicType;
    return objectOf(attrs);
  },
  impl: (args, retType) => {
    const out = new Map<string, Value>();
    const marks: Set<Mark>[] = [];
    for (const argMarked of args) {
      if (argMarked.state === 'null') continue;
      const [arg, m] = unmark(argMarked);
      marks.push(m);
      for (const [k, v] of entries(arg)) out.set(k, v);
    }
    if (retType.kind === 'map') {
      return withMarks(out.size === 0 ? mapValEmpty(retType.elem) : mapVal(out), ...marks);
    }
    return withMarks(objectVal(out), ...marks);
  },
});

const ONE = BigFloat.fromInt(1);
const MINUS_ONE = BigFloat.fromInt(-1);
const ZERO = BigFloat.fromInt(0);

export const RangeFunc = defineFunction({
  params: [],
  varParam: param('params', NumberType),
  returnType: listOf(NumberType),
  impl: (args) => {
    const nums = args.map(asBigFloat);
    let start: BigFloat;
    let end: BigFloat;
    let step: BigFloat;
    switch (nums.length) {
      case 1:
        [start, end, step] = [ZERO, nums[0]!, nums[0]!.cmp(ZERO) < 0 ? MINUS_ONE : ONE];
        break;
      case 2:
        [start, end, step] = [nums[0]!, nums[1]!, nums[1]!.cmp(nums[0]!) < 0 ? MINUS_ONE : ONE];
        break;
      case 3:
        [start, end, step] = [nums[0]!, nums[1]!, nums[2]!];
        break;
      default:
        throw new FunctionError('must have one, two, or three arguments');
    }
    if (step.isZero()) throw new FunctionArgError(2, 'step must not be zero');
    const down = step.cmp(ZERO) < 0;
    if (down && end.cmp(start) > 0) {
      throw new FunctionArgError(1, 'end must be less than start when step is negative');
    }
    if (!down && end.cmp(start) < 0) {
      throw new FunctionArgError(1, 'end must be greater than start when step is positive');
    }
    const vals: Value[] = [];
    for (let num = start; down ? num.cmp(end) > 0 : num.cmp(end) < 0; num = num.add(step)) {
      if (vals.length >= 1024) {
        throw new FunctionError(
          'more than 1024 values were generated; either decrease the difference between start and end or use a smaller step',
        );
      }
      vals.push(numberVal(num));
    }
    return listOrEmpty(vals, NumberType);
  },
});

export const ReverseFunc = defineFunction({
  params: [param('list', DynamicType, { allowMarked: true })],
  returnType: ([list]) => {
    const t = list!.type;
    if (t.kind === 'tuple') return tupleOf([...t.elems].reverse());
    if (t.kind === 'list' || t.kind === 'set') return listOf(t.elem);
    throw new FunctionArgError(0, `can only reverse list or tuple values, not ${friendlyName(t)}`);
  },
  impl: ([list], retType) => {
    const [v, marks] = unmark(list!);
    const out = [...elements(v)].reverse();
    if (retType.kind === 'tuple') return withMarks(tupleVal(out), marks);
    return withMarks(listOrEmpty(out, (retType as { elem: Type }).elem), marks);
  },
});

function setOperationReturnType(args: readonly Value[]): Type {
  const etys: Type[] = [];
  for (const arg of args) {
    const ety = (arg.type as { elem: Type }).elem;
    if (arg.state === 'known' && elements(arg).length === 0 && ety.kind === 'dynamic') continue;
    etys.push(ety);
  }
  if (etys.length === 0) return setOf(DynamicType);
  const unified = unifyTypes(etys);
  if (!unified) throw new FunctionError('given sets must all have compatible element types');
  return setOf(unified);
}

function setOperation(
  op: (a: readonly Value[], b: readonly Value[]) => Value[],
  allowUnknowns: boolean,
): (args: readonly Value[], retType: Type) => Value {
  return (args, retType) => {
    let acc: readonly Value[] | undefined;
    for (let i = 0; i < args.length; i++) {
      const v = convertOrThrow(args[i]!, retType, i);
      if (!allowUnknowns && !isWhollyKnown(v)) return unknownVal(retType);
      const els = elements(v);
      acc = acc === undefined ? els : op(acc, els);
    }
    const elemType = (retType as { elem: Type }).elem;
    return acc!.length === 0 ? setValEmpty(elemType) : setVal(acc!);
  };
}

const setParams = {
  params: [param('first_set', setOf(DynamicType), { allowDynamicType: true })],
  varParam: param('other_sets', setOf(DynamicType), { allowDynamicType: true }),
  returnType: setOperationReturnType,
};

export const SetUnionFunc = defineFunction({
  ...setParams,
  impl: setOperation((a, b) => [...a, ...b.filter((e) => !setHas(a, e))], true),
});

export const SetIntersectionFunc = defineFunction({
  ...setParams,
  impl: setOperation((a, b) => a.filter((e) => setHas(b, e)), false),
});

export const SetProductFunc = defineFunction({
  params: [],
  varParam: param('sets', DynamicType, { allowMarked: true, allowUnknown: true }),
  returnType: (args) => {
    if (args.length < 2) throw new FunctionError('at least two arguments are required');
    let listCount = 0;
    const elemTys = args.map((arg, i) => {
      const t = arg.type;
      if (t.kind === 'set') return t.elem;
      if (t.kind === 'list') {
        listCount++;
        return t.elem;
      }
      if (t.kind === 'tuple') {
        listCount++;
        if (t.elems.length === 0) return DynamicType;
        const ety = unifyTypes(t.elems);
        if (!ety) throw new FunctionArgError(i, 'all elements must be of the same type');
        return ety;
      }
      throw new FunctionArgError(i, 'a set or a list is required');
    });
    return listCount === args.length ? listOf(tupleOf(elemTys)) : setOf(tupleOf(elemTys));
  },
  impl: (args, retType) => {
    const ety = (retType as { elem: Type }).elem as Extract<Type, { kind: 'tuple' }>;
    const marks: Set<Mark>[] = [];
    const argVals: (readonly Value[])[] = [];
    let unknownLength = false;
    for (const a of args) {
      const [v, m] = unmark(a);
      marks.push(m);
      if (v.state !== 'known') unknownLength = true;
      else argVals.push(elements(v));
    }
    if (unknownLength) return withMarks(unknownVal(retType), ...marks);
    const total = argVals.reduce((n, vs) => n * vs.length, 1);
    if (total === 0) {
      return withMarks(retType.kind === 'list' ? listValEmpty(ety) : setValEmpty(ety), ...marks);
    }
    const product: Value[] = [];
    const idx = argVals.map(() => 0);
    for (let n = 0; n < total; n++) {
      product.push(tupleVal(idx.map((k, j) => convertOrThrow(argVals[j]![k]!, ety.elems[j]!))));
      for (let j = idx.length - 1; j >= 0; j--) {
        idx[j]!++;
        if (idx[j]! < argVals[j]!.length) break;
        idx[j] = 0;
      }
    }
    return withMarks(retType.kind === 'list' ? listVal(product) : setVal(product), ...marks);
  },
});

function sliceIndexes(args: readonly Value[]): { start: number; end: number; known: boolean } {
  const [list] = unmark(args[0]!);
  const lengthKnown = list.type.kind === 'tuple' || list.state === 'known';
  const length = lengthKnown
    ? list.type.kind === 'tuple'
      ? list.type.elems.length
      : elements(list).length
    : 0;
  let start = 0;
  let end = 0;
  const startKnown = args[1]!.state === 'known';
  const endKnown = args[2]!.state === 'known';
  if (startKnown) {
    start = goInt(args[1]!, 'invalid start index: ', 1);
    if (start < 0) throw new FunctionArgError(1, 'start index must not be less than zero');
    if (lengthKnown && start > length) {
      throw new FunctionArgError(1, 'start index must not be greater than the length of the list');
    }
  }
  if (endKnown) {
    end = goInt(args[2]!, 'invalid end index: ', 2);
    if (end < 0) throw new FunctionArgError(2, 'end index must not be less than zero');
    if (lengthKnown && end > length) {
      throw new FunctionArgError(2, 'end index must not be greater than the length of the list');
    }
  }
  if (startKnown && endKnown && start > end) {
    throw new FunctionArgError(1, 'start index must not be greater than end index');
  }
  return { start, end, known: startKnown && endKnown };
}

export const SliceFunc = defineFunction({
  params: [
    param('list', DynamicType, { allowMarked: true }),
    param('start_index', NumberType),
    param('end_index', NumberType),
  ],
  returnType: (args) => {
    const t = unmark(args[0]!)[0].type;
    if (t.kind === 'set') {
      throw new FunctionArgError(
        0,
        'cannot slice a set, because its elements do not have indices; explicitly convert to a list if the ordering of the result is not important',
      );
    }
    if (t.kind !== 'list' && t.kind !== 'tuple')
      throw new FunctionArgError(0, 'must be a list or tuple value');
    const { start, end, known } = sliceIndexes(args);
    if (t.kind === 'list') return t;
    if (!known) return DynamicType;
    return tupleOf(t.elems.slice(start, end));
  },
  impl: (args, retType) => {
    const [list, marks] = unmark(args[0]!);
    if (retType.kind === 'dynamic') return withMarks(unknownVal(DynamicType), marks);
    const { start, end } = sliceIndexes(args);
    const out = elements(list).slice(start, end);
    if (retType.kind === 'tuple') return withMarks(tupleVal(out), marks);
    return withMarks(listOrEmpty(out, (retType as { elem: Type }).elem), marks);
  },
});

export const ValuesFunc = defineFunction({
  params: [param('mapping', DynamicType, { allowMarked: true })],
  returnType: ([m]) => {
    const t = m!.type;
    if (t.kind === 'map') return listOf(t.elem);
    if (t.kind === 'object') return tupleOf([...t.attrs.values()]);
    throw new FunctionError('values() requires a map as the first argument');
  },
  impl: ([arg], retType) => {
    const [m, marks] = unmark(arg!);
    const vals = entries(m).map(([, v]) => v);
    if (retType.kind === 'tuple') return withMarks(tupleVal(vals), marks);
    return withMarks(listOrEmpty(vals, (retType as { elem: Type }).elem), marks);
  },
});

export const ZipmapFunc = defineFunction({
  params: [
    param('keys', listOf(StringType), { allowMarked: true }),
    param('values', DynamicType, { allowMarked: true }),
  ],
  returnType: ([keys, values]) => {
    const vt = values!.type;
    if (vt.kind === 'list') return mapOf(vt.elem);
    if (vt.kind === 'tuple') {
      if (!isWhollyKnown(keys!)) return DynamicType;
      const ks = elements(unmark(keys!)[0]);
      if (ks.length !== vt.elems.length) {
        throw new FunctionError(
          `number of keys (${ks.length}) does not match number of values (${vt.elems.length})`,
        );
      }
      const attrs = new Map<string, Type>();
      ks.forEach((kMarked, i) => {
        const [k] = unmark(kMarked);
        if (k.state === 'null') throw new FunctionError(`keys list has null value at index ${i}`);
        attrs.set(asString(k), vt.elems[i]!);
      });
      return objectOf(attrs);
    }
    throw new FunctionError('values argument must be a list or tuple value');
  },
  impl: ([keysArg, valuesArg], retType) => {
    const [keys, keyMarks] = unmark(keysArg!);
    const [values, valueMarks] = unmark(valuesArg!);
    const marks: Set<Mark>[] = [keyMarks, valueMarks];
    if (!isWhollyKnown(keys)) return withMarks(unknownVal(retType), ...marks);
    const ks = elements(keys);
    const vs = values.state === 'known' ? elements(values) : [];
    if (ks.length !== vs.length) {
      throw new FunctionError(`number of keys (${ks.length}) does not match number of values (${vs.length})`);
    }
    const out = new Map<string, Value>();
    ks.forEach((kMarked, i) => {
      const [k, m] = unmark(kMarked);
      marks.push(m);
      out.set(asString(k), vs[i]!);
    });
    if (retType.kind === 'map')
      return withMarks(out.size === 0 ? mapValEmpty(retType.elem) : mapVal(out), ...marks);
    return withMarks(objectVal(out), ...marks);
  },
});
