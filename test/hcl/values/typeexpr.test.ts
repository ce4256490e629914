import assert from 'node:assert/strict';
import { test } from 'node:test';
import { convert } from '../../../src/hcl/convert.js';
import type { Diagnostic } from '../../../src/hcl/diagnostics.js';
import type { Expression, StaticCall } from '../../../src/hcl/hcl.js';
import { nativeExpression } from '../../../src/hcl/native/expression.js';
import { parseExpression } from '../../../src/hcl/native/parser.js';
import { formatRange, type Range } from '../../../src/hcl/pos.js';
import { NumberType, typeString } from '../../../src/hcl/types.js';
import { applyTypeDefaults, exactType, typeConstraint, typeExprString } from '../../../src/hcl/typeexpr.js';
import type { Value } from '../../../src/hcl/value.js';
import * as V from '../../../src/hcl/values.js';
import { show } from './show.js';

function parse(src: string): Expression {
  const { expr, diags } = parseExpression(src, 't.hcl');
  assert.deepEqual(diags, [], `parse ${src}`);
  return nativeExpression(expr);
}

function diagText(d: Diagnostic): string {
  const ctx = d.context ? ` ctx ${formatRange(d.context).slice(6)}` : '';
  return `${d.summary}: ${d.detail} @${d.subject ? formatRange(d.subject).slice(6) : '-'}${ctx}`;
}

const INVALID = 'Invalid type specification';

test('type constraints from native syntax', () => {
  const table: [string, string][] = [
    ['string', 'string'],
    ['number', 'number'],
    ['bool', 'bool'],
    ['any', 'any'],
    ['list(string)', 'list(string)'],
    ['set(number)', 'set(number)'],
    ['map(any)', 'map(any)'],
    ['list(map(bool))', 'list(map(bool))'],
    ['tuple([string, any])', 'tuple([string, any])'],
    ['tuple([])', 'tuple([])'],
    ['object({})', 'object({})'],
    ['object({b=number, a=string})', 'object({a=string, b=number})'],
    ['object({a=optional(string)})', 'object({a=optional(string)})'],
    ['object({a=optional(list(string), [])})', 'object({a=optional(list(string))})'],
    [
      'list(object({ name = string, tags = optional(map(string)) }))',
      'list(object({name=string, tags=optional(map(string))}))',
    ],
  ];
  for (const [src, want] of table) {
    const r = typeConstraint(parse(src));
    assert.deepEqual(r.diags.map(diagText), [], src);
    assert.equal(typeString(r.type), want, src);
  }
});

test('invalid type specifications, with HCL wording and ranges', () => {
  const table: [string, string[]][] = [
    ['int', [`${INVALID}: The keyword "int" is not a valid type specification. @1,1-4`]],
    [
      'list',
      [`${INVALID}: The list type constructor requires one argument specifying the element type. @1,1-5`],
    ],
    [
      'object',
      [
        `${INVALID}: The object type constructor requires one argument specifying the attribute types and values as a map. @1,1-7`,
      ],
    ],
    [
      'tuple',
      [
        `${INVALID}: The tuple type constructor requires one argument specifying the element types as a list. @1,1-6`,
      ],
    ],
    [
      '"string"',
      [
        `${INVALID}: A type specification is either a primitive type keyword (bool, number, string) or a complex type constructor call, like list(string). @1,1-9`,
      ],
    ],
    ['string()', [`${INVALID}: Primitive type keyword "string" does not expect arguments. @1,7-9`]],
    ['any(string)', [`${INVALID}: Type constraint keyword "any" does not expect arguments. @1,4-12`]],
    [
      'list()',
      [
        `${INVALID}: The list type constructor requires one argument specifying the element type. @1,5-7 ctx 1,5-7`,
      ],
    ],
    [
      'map(string, number, bool)',
      [
        `${INVALID}: The map type constructor requires one argument specifying the element type. @1,13-25 ctx 1,4-26`,
      ],
    ],
    ['list(int)', [`${INVALID}: The keyword "int" is not a valid type specification. @1,6-9`]],
    ['foo(string)', [`${INVALID}: Keyword "foo" is not a valid type constructor. @1,1-12`]],
    [
      'optional(string)',
      [`${INVALID}: Keyword "optional" is valid only as a modifier for object type attributes. @1,1-9`],
    ],
    [
      'object(string)',
      [
        `${INVALID}: Object type constructor requires a map whose keys are attribute names and whose values are the corresponding attribute types. @1,8-14 ctx 1,1-15`,
      ],
    ],
    [
      'tuple(string)',
      [`${INVALID}: Tuple type constructor requires a list of element types. @1,7-13 ctx 1,1-14`],
    ],
    [
      'object({"a"=string})',
      [`${INVALID}: Object constructor map keys must be attribute names. @1,9-12 ctx 1,1-21`],
    ],
    [
      'object({a=string, a=number})',
      [`${INVALID}: Object constructor map keys must be unique. @1,19-20 ctx 1,1-29`],
    ],
    [
      'object({a=optional()})',
      [
        `${INVALID}: Optional attribute modifier requires the attribute type as its argument. @1,19-21 ctx 1,11-21`,
      ],
    ],
    [
      'object({a=optional(string, "x", "y")})',
      [
        `${INVALID}: Optional attribute modifier expects at most two arguments: the attribute type, and a default value. @1,19-37 ctx 1,11-37`,
      ],
    ],
    [
      'object({a=optional(number, "x")})',
      [
        "Invalid default value for optional attribute: This default value is not compatible with the attribute's type constraint: a number is required. @1,28-31",
      ],
    ],
    [
      'tuple([int, list])',
      [
        `${INVALID}: The keyword "int" is not a valid type specification. @1,8-11`,
        `${INVALID}: The list type constructor requires one argument specifying the element type. @1,13-17`,
      ],
    ],
  ];
  for (const [src, want] of table) {
    const r = typeConstraint(parse(src));
    assert.deepEqual(r.diags.map(diagText), want, src);
  }
});

test('exact types reject any and optional()', () => {
  const r = exactType(parse('any'));
  assert.deepEqual(r.diags.map(diagText), [
    `${INVALID}: The keyword "any" cannot be used in this type specification: an exact type is required. @1,1-4`,
  ]);
  const o = exactType(parse('object({a=optional(string)})'));
  assert.deepEqual(o.diags.map(diagText), [
    `${INVALID}: Optional attribute modifier is only for type constraints, not for exact types. @1,11-19 ctx 1,11-27`,
  ]);
  assert.equal(typeString(o.type), 'object({a=string})');
  const noDefaults = typeConstraint(parse('object({a=optional(string, "x")})'), { withDefaults: false });
  assert.deepEqual(noDefaults.diags.map(diagText), [
    `${INVALID}: Optional attribute modifier expects only one argument: the attribute type. @1,19-32 ctx 1,11-32`,
  ]);
});

test("Packer's legacy list and map keywords", () => {
  assert.equal(typeString(typeConstraint(parse('list'), { legacyKeywords: true }).type), 'list(any)');
  assert.equal(typeString(typeConstraint(parse('map'), { legacyKeywords: true }).type), 'map(any)');
  assert.equal(typeConstraint(parse('set'), { legacyKeywords: true }).diags.length, 1);
});

/** Convert to the constraint, then apply its defaults (as Packer does for variables). */
function convertWithDefaults(typeSrc: string, v: Value): string {
  const { type, defaults, diags } = typeConstraint(parse(typeSrc));
  assert.deepEqual(diags, []);
  const r = convert(v, type);
  if (!r.ok) return `error: ${r.message}`;
  return show(defaults ? applyTypeDefaults(r.value, defaults) : r.value);
}

test('optional attribute defaults', () => {
  const s = V.stringVal;
  const n = V.numberVal;
  const table: [string, Value, string][] = [
    ['object({a=optional(string, "x"), b=number})', V.objectVal({ b: n(1) }), '{a="x", b=1}'],
    ['object({a=optional(string, "x"), b=number})', V.objectVal({ a: s('set'), b: n(1) }), '{a="set", b=1}'],
    ['object({a=optional(string), b=number})', V.objectVal({ b: n(1) }), '{a=null(string), b=1}'],
    ['object({a=optional(number, 5)})', V.objectVal({ a: V.nullVal(NumberType) }), '{a=5}'],
    [
      'list(object({a=optional(number, 5)}))',
      V.tupleVal([V.objectVal({}), V.objectVal({ a: n(2) })]),
      '[{a=5}, {a=2}]',
    ],
    [
      'map(object({a=optional(bool, true)}))',
      V.objectVal({ x: V.objectVal({}), y: V.objectVal({ a: V.False }) }),
      'map{x={a=true}, y={a=false}}',
    ],
    [
      'tuple([object({a=optional(string, "d")}), string])',
      V.tupleVal([V.objectVal({}), s('s')]),
      'tuple[{a="d"}, "s"]',
    ],
    ['object({inner=optional(object({x=optional(number, 1)}), {})})', V.objectVal({}), '{inner={x=1}}'],
    [
      'set(object({a=optional(string, "z")}))',
      V.tupleVal([V.objectVal({}), V.objectVal({ a: s('b') })]),
      'set[{a="b"}, {a="z"}]',
    ],
    [
      'object({a=optional(string, "x")})',
      V.unknownVal({ kind: 'object', attrs: new Map() }),
      'unknown(object({a=string}))',
    ],
    ['object({a=optional(string, "x")})', V.markValue(V.objectVal({}), 'sensitive'), '{a="x"}@sensitive'],
    ['object({a=optional(number, 1)})', V.objectVal({ a: s('q') }), 'error: a number is required'],
  ];
  for (const [typeSrc, v, want] of table)
    assert.equal(convertWithDefaults(typeSrc, v), want, `${typeSrc} ${show(v)}`);
});

/** A minimal Expression fake: only the static-analysis methods typeexpr uses. */
class FakeExpr implements Expression {
  constructor(
    readonly range: Range,
    private readonly shape: { keyword?: string; call?: StaticCall; list?: Expression[] },
  ) {}
  get startRange(): Range {
    return this.range;
  }
  value(): never {
    throw new Error('typeexpr must not evaluate type expressions');
  }
  variables() {
    return [];
  }
  staticList() {
    return this.shape.list;
  }
  staticMap() {
    return undefined;
  }
  staticTraversal() {
    return undefined;
  }
  staticCall() {
    return this.shape.call;
  }
  staticKeyword() {
    return this.shape.keyword;
  }
}

function rng(byte: number, len: number): Range {
  return {
    filename: 'fake',
    start: { line: 1, column: byte + 1, byte },
    end: { line: 1, column: byte + len + 1, byte: byte + len },
  };
}

test('works through any Expression implementation (a fake JSON-like expression)', () => {
  const elem = new FakeExpr(rng(6, 6), { keyword: 'number' });
  const bad = new FakeExpr(rng(14, 3), { keyword: 'int' });
  const tuple = new FakeExpr(rng(0, 20), {
    call: {
      name: 'tuple',
      nameRange: rng(0, 5),
      argsRange: rng(5, 15),
      args: [new FakeExpr(rng(6, 12), { list: [elem, bad] })],
    },
  });
  const r = typeConstraint(tuple);
  assert.equal(typeString(r.type), 'tuple([number, any])');
  assert.equal(r.diags.length, 1);
  assert.equal(r.diags[0]!.detail, 'The keyword "int" is not a valid type specification.');
  assert.deepEqual(r.diags[0]!.subject, rng(14, 3));
});

test('typeExprString writes types as HCL TypeString does', () => {
  const table: [string, string][] = [
    ['string', 'string'],
    ['any', 'any'],
    ['list(map(number))', 'list(map(number))'],
    ['set(bool)', 'set(bool)'],
    ['tuple([string, number])', 'tuple([string,number])'],
    ['object({b=number, a=optional(list(any))})', 'object({a=list(any),b=number})'],
  ];
  for (const [src, want] of table) assert.equal(typeExprString(typeConstraint(parse(src)).type), want, src);
  assert.equal(
    typeExprString({ kind: 'object', attrs: new Map([['not ident', NumberType]]) }),
    'object({"not ident"=number})',
  );
});
