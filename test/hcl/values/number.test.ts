import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { BigFloat, BigFloatNaNError } from '../../../src/hcl/number.js';

const P = (s: string): BigFloat => {
  const n = BigFloat.parse(s);
  assert.ok(n, `parse ${s}`);
  return n;
};

test('HCL spec suite arithmetic results', () => {
  assert.equal(
    P('11').mod(P('5.1')).toString(),
    '0.80000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000024',
  );
  assert.equal(
    P('3.14159265358979323846264338327950288419716939937510582097494459').add(P('1')).toString(),
    '4.14159265358979323846264338327950288419716939937510582097494459',
  );
  assert.equal(P('2').add(P('3.5')).toString(), '5.5');
  assert.equal(P('3.5').sub(P('2')).toString(), '1.5');
  assert.equal(P('2').sub(P('3.5')).toString(), '-1.5');
  assert.equal(P('2').mul(P('4.5')).toString(), '9');
  assert.equal(P('1').div(P('10')).toString(), '0.1');
  assert.equal(P('11').mod(P('5')).toString(), '1');
});

test('parse accepts what Go big.ParseFloat(s, 10) accepts', () => {
  const table: [string, string | undefined][] = [
    ['0', '0'],
    ['-0', '-0'],
    ['+5', '5'],
    ['007', '7'],
    ['1.', '1'],
    ['.5', '0.5'],
    ['1.5e3', '1500'],
    ['1.5E-3', '0.0015'],
    ['1e+2', '100'],
    ['1p3', '8'],
    ['Inf', '+Inf'],
    ['-inf', '-Inf'],
    ['+Inf', '+Inf'],
    ['', undefined],
    ['.', undefined],
    ['1e', undefined],
    ['e5', undefined],
    ['--5', undefined],
    [' 1', undefined],
    ['1 ', undefined],
    ['1_000', undefined],
    ['0x10', undefined],
    ['NaN', undefined],
    ['infinity', undefined],
    ['1.2.3', undefined],
    ['1e99999999999', undefined],
  ];
  for (const [src, want] of table) assert.equal(BigFloat.parse(src)?.toString(), want, src);
});

test('precision follows Go: parsed 512, ints 64, floats 53, results take the larger', () => {
  assert.equal(P('1').prec, 512);
  assert.equal(BigFloat.fromInt(3).prec, 64);
  assert.equal(BigFloat.fromNumber(0.5).prec, 53);
  assert.equal(BigFloat.fromBigInt(1n << 100n).prec, 101);
  assert.equal(BigFloat.fromInt(1).add(BigFloat.fromNumber(0.5)).prec, 64);
  assert.equal(BigFloat.fromInt(1).div(BigFloat.fromInt(3)).toString(), '0.33333333333333333334');
  assert.equal(BigFloat.fromNumber(1).div(BigFloat.fromNumber(3)).toString(), '0.3333333333333333');
  assert.equal(BigFloat.fromNumber(0.1).toString(), '0.1');
  assert.equal(
    BigFloat.fromNumber(0.1).withPrec(512).toString(),
    '0.1000000000000000055511151231257827021181583404541015625',
  );
  assert.equal(P('1').div(P('3')).toString(), `0.${'3'.repeat(154)}5`);
});

test('text formats: f, g (Go String) and e', () => {
  assert.equal(P('1e21').toString(), `1${'0'.repeat(21)}`);
  assert.equal(P('1e1000').toString(), `1${'0'.repeat(1000)}`);
  assert.equal(P('-1.25e-5').toString(), '-0.0000125');
  assert.equal(P('1.5').goString(), '1.5');
  assert.equal(P('100').goString(), '100');
  assert.equal(P('12345678901').goString(), '1.23456789e+10');
  assert.equal(P('0.00001234').goString(), '1.234e-05');
  assert.equal(P('1e21').goString(), '1e+21');
  assert.equal(P('0').goString(), '0');
  assert.equal(P('2.5').text('f', 0), '2');
  assert.equal(P('3.5').text('f', 0), '4');
  assert.equal(P('0.0006').text('f', 3), '0.001');
  assert.equal(P('1234.5').text('e', 2), '1.23e+03');
  assert.equal(BigFloat.POS_INF.toString(), '+Inf');
  assert.equal(BigFloat.NEG_INF.toString(), '-Inf');
});

test('cty Modulo semantics', () => {
  assert.equal(P('-7').mod(P('3')).toString(), '-1');
  assert.equal(P('7').mod(P('-3')).toString(), '1');
  assert.equal(P('7.5').mod(P('2')).toString(), '1.5');
  assert.equal(P('5').mod(P('0')).toString(), '5');
  assert.equal(BigFloat.POS_INF.mod(P('2')).toString(), '+Inf');
  assert.equal(P('-3').mod(BigFloat.POS_INF).toString(), '-Inf');
  assert.equal(P('-0').mod(P('5')).toString(), '-0');
});

test('infinities, zeros and NaN panics', () => {
  assert.equal(P('1').div(P('0')).toString(), '+Inf');
  assert.equal(P('-1').div(P('0')).toString(), '-Inf');
  assert.equal(P('1').div(BigFloat.POS_INF).toString(), '0');
  assert.throws(() => P('0').div(P('0')), BigFloatNaNError);
  assert.throws(() => BigFloat.POS_INF.sub(BigFloat.POS_INF), BigFloatNaNError);
  assert.throws(() => BigFloat.POS_INF.mul(P('0')), BigFloatNaNError);
  assert.equal(P('5').sub(P('5')).toString(), '0');
  assert.equal(P('-0').add(P('-0')).toString(), '-0');
  assert.equal(P('-0').cmp(P('0')), 0);
  assert.equal(BigFloat.NEG_INF.cmp(P('-1e300')), -1);
  assert.equal(BigFloat.POS_INF.cmp(BigFloat.POS_INF), 0);
});

test('floor, ceil, trunc, integers', () => {
  const table: [string, string, string, boolean][] = [
    ['7.5', '7', '8', false],
    ['-7.5', '-8', '-7', false],
    ['3', '3', '3', true],
    ['-0.5', '-1', '-0', false],
    ['0', '0', '0', true],
  ];
  for (const [x, fl, ce, isInt] of table) {
    assert.equal(P(x).floor().toString(), fl, `floor ${x}`);
    assert.equal(P(x).ceil().toString(), ce, `ceil ${x}`);
    assert.equal(P(x).isInteger(), isInt, `isInteger ${x}`);
  }
  assert.equal(P('123456789012345678901234567890.9').toBigInt(), 123456789012345678901234567890n);
  assert.equal(P('-2.7').toBigInt(), -2n);
  assert.equal(P('-2.7').trunc().toString(), '-2');
  assert.equal(BigFloat.POS_INF.isInteger(), false);
});

test('toNumber rounds to the nearest float64', () => {
  assert.equal(P('0.1').toNumber(), 0.1);
  assert.equal(P('1.7976931348623157e308').toNumber(), 1.7976931348623157e308);
  assert.equal(P('1.8e308').toNumber(), Number.POSITIVE_INFINITY);
  assert.equal(P('5e-324').toNumber(), 5e-324);
  assert.equal(P('3e-324').toNumber(), 5e-324);
  assert.equal(P('2e-324').toNumber(), 0);
  assert.equal(P('9007199254740993').toNumber(), 9007199254740992);
  assert.equal(P('9007199254740995').toNumber(), 9007199254740996);
  assert.ok(Object.is(P('-0').toNumber(), -0));
});

// Subnormals keep 53 bits of precision in a big.Float, so they print longer than in JavaScript.
test('float64 values round-trip and print like JavaScript (normal values away from powers of two)', () => {
  fc.assert(
    fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
      const b = BigFloat.fromNumber(x);
      assert.ok(Object.is(b.toNumber(), x));
      if (Math.abs(x) < 2 ** -1022 || Math.log2(Math.abs(x)) % 1 === 0) return;
      const digits = (s: string) =>
        s.replace(/^-/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
      const js = Math.abs(x).toExponential().split('e')[0]!;
      assert.equal(digits(b.toString()), digits(js), `${x}`);
    }),
    { numRuns: 300 },
  );
});

/** The exact rational value of a finite BigFloat as [numerator, denominator]. */
function exact(x: BigFloat): [bigint, bigint] {
  const p = BigFloat.parts(x);
  if (p.form === 'zero') return [0n, 1n];
  const n = p.neg ? -p.mant : p.mant;
  return p.exp >= 0 ? [n << BigInt(p.exp), 1n] : [n, 1n << BigInt(-p.exp)];
}

/** |approx - (n/d)| <= half an ulp of approx at prec bits. */
function withinHalfUlp(approx: BigFloat, n: bigint, d: bigint, prec: number): boolean {
  const [an, ad] = exact(approx);
  const diffN = (an * d - n * ad) * 2n;
  const diffD = ad * d;
  const p = BigFloat.parts(approx);
  if (p.form === 'zero') return n === 0n;
  const bits = p.mant.toString(2).length;
  const ulpExp = p.exp + bits - prec;
  const abs = diffN < 0n ? -diffN : diffN;
  return ulpExp >= 0 ? abs <= diffD << BigInt(ulpExp) : abs << BigInt(-ulpExp) <= diffD;
}

test('arithmetic is correctly rounded at the result precision', () => {
  const num = fc
    .tuple(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), fc.integer({ min: -60, max: 60 }))
    .map(([m, e]) => P(`${m}e${e}`));
  fc.assert(
    fc.property(num, num, (a, b) => {
      const [an, ad] = exact(a);
      const [bn, bd] = exact(b);
      assert.ok(withinHalfUlp(a.add(b), an * bd + bn * ad, ad * bd, 512));
      assert.ok(withinHalfUlp(a.sub(b), an * bd - bn * ad, ad * bd, 512));
      assert.ok(withinHalfUlp(a.mul(b), an * bn, ad * bd, 512));
      if (!b.isZero()) {
        const [qn, qd] = bn < 0n ? [-an * bd, ad * -bn] : [an * bd, ad * bn];
        assert.ok(withinHalfUlp(a.div(b), qn, qd, 512));
      }
    }),
    { numRuns: 200 },
  );
});

test('shortest text parses back to the same value and no shorter text does', () => {
  const num = fc.tuple(fc.bigInt({ min: 1n, max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 30n }));
  fc.assert(
    fc.property(num, fc.constantFrom(53, 64, 512), ([n, d], prec) => {
      const x = BigFloat.fromBigInt(n, prec).div(BigFloat.fromBigInt(d, prec));
      const s = x.toString();
      assert.equal(BigFloat.parse(s, prec)?.cmp(x), 0, s);
      const frac = s.split('.')[1] ?? '';
      if (frac.length > 1) {
        const shorter = s.slice(0, -1);
        assert.notEqual(BigFloat.parse(shorter, prec)?.cmp(x), 0, `${shorter} also identifies ${s}`);
      }
    }),
    { numRuns: 200 },
  );
});
