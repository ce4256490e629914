import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  conformanceErrors,
  convert,
  unify,
  withoutOptionalAttributesDeep,
} from '../../../src/hcl/convert.js';
import { rawEquals } from '../../../src/hcl/equality.js';
import {
  BoolType,
  DynamicType,
  listOf,
  mapOf,
  NumberType,
  objectOf,
  StringType,
  setOf,
  type Type,
  tupleOf,
  typeString,
} from '../../../src/hcl/types.js';
import type { Value } from '../../../src/hcl/value.js';
import * as V from '../../../src/hcl/values.js';
import { show } from './show.js';

const names = fc.constantFrom('a', 'b', 'c');

const typeArb: fc.Arbitrary<Type> = fc.letrec<{ t: Type }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(StringType, NumberType, BoolType, DynamicType),
    tie('t').map(listOf),
    tie('t').map(mapOf),
    tie('t').map(setOf),
    fc.array(tie('t'), { maxLength: 3 }).map(tupleOf),
    fc
      .tuple(fc.dictionary(names, tie('t'), { maxKeys: 3 }), fc.array(names, { maxLength: 2 }))
      .map(([attrs, opt]) =>
        objectOf(
          attrs,
          opt.filter((n) => n in attrs),
        ),
      ),
  ),
})).t;

const scalar: fc.Arbitrary<Value> = fc.oneof(
  fc.constantFrom('true', 'false', '1', '0', '1.5', 'x', '').map(V.stringVal),
  fc.integer({ min: -3, max: 3 }).map((n) => V.numberVal(n)),
  fc.boolean().map(V.boolVal),
  fc.constantFrom(V.unknownVal(StringType), V.nullVal(NumberType), V.DynamicVal),
  fc.constant(V.markValue(V.stringVal('2'), 'sensitive')),
);

/** Values built only from tuples and objects (HCL literals), so any shape can be generated. */
const valueArb: fc.Arbitrary<Value> = fc.letrec<{ v: Value }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('v'), { maxLength: 3 }).map(V.tupleVal),
    fc.dictionary(names, tie('v'), { maxKeys: 3 }).map((d) => V.objectVal(d)),
  ),
})).v;

test('convert never throws, and successful results conform to the target type', () => {
  fc.assert(
    fc.property(valueArb, typeArb, (v, t) => {
      const r = convert(v, t);
      if (!r.ok) {
        assert.ok(r.message.length > 0);
        return;
      }
      const errs = conformanceErrors(r.value.type, withoutOptionalAttributesDeep(t));
      assert.deepEqual(errs, [], `${show(v)} -> ${typeString(t)} gave ${typeString(r.value.type)}`);
    }),
    { numRuns: 400 },
  );
});

test('collections made by conversion convert onwards without throwing', () => {
  fc.assert(
    fc.property(valueArb, typeArb, typeArb, (v, t1, t2) => {
      const first = convert(v, t1);
      if (!first.ok) return;
      const r = convert(first.value, t2);
      if (r.ok) assert.deepEqual(conformanceErrors(r.value.type, withoutOptionalAttributesDeep(t2)), []);
    }),
    { numRuns: 400 },
  );
});

test('converting to the value’s own type or to any is the identity', () => {
  fc.assert(
    fc.property(valueArb, (v) => {
      const same = convert(v, v.type);
      assert.ok(same.ok && rawEquals(same.value, v));
      const dyn = convert(v, DynamicType);
      assert.ok(dyn.ok && rawEquals(dyn.value, v));
    }),
    { numRuns: 200 },
  );
});

test('unify never throws and every type converts to the unified type', () => {
  fc.assert(
    fc.property(fc.array(typeArb, { minLength: 1, maxLength: 3 }), (types) => {
      const u = unify(types, true);
      if (!u) return;
      assert.equal(u.conversions.length, types.length);
    }),
    { numRuns: 300 },
  );
});
