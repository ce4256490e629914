/**
 * cty's number: an arbitrary-precision binary float with the semantics of Go's math/big.Float in
 * round-to-nearest-even mode. Every value carries its precision (mantissa bits) because Go's does:
 * numbers parsed from text have 512 bits, NumberIntVal 64, NumberFloatVal 53, and an arithmetic
 * result takes the larger precision of its operands. The precision decides rounding and the
 * "shortest" decimal text, and cty compares non-integers by that text, so it must be modelled.
 *
 * A finite value is (-1)^neg * mant * 2^exp with mant odd (trailing zero bits stripped).
 */

/** Thrown where Go's big.Float panics with ErrNaN (e.g. Inf - Inf, 0 * Inf, 0 / 0). */
export class BigFloatNaNError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BigFloatNaNError';
  }
}

/** The precision cty uses for numbers parsed from decimal text. */
export const PARSE_PRECISION = 512;
const MAX_EXP = 2147483647;
const MIN_EXP = -2147483648;

export type Form = 'zero' | 'finite' | 'inf';

function bitLength(n: bigint): number {
  if (n === 0n) return 0;
  const hex = n.toString(16);
  const first = Number.parseInt(hex[0]!, 16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(first));
}

function trailingZeroBits(n: bigint): number {
  if (n === 0n) return 0;
  let count = 0;
  while ((n & 0xffffffffn) === 0n) {
    n >>= 32n;
    count += 32;
  }
  while ((n & 1n) === 0n) {
    n >>= 1n;
    count++;
  }
  return count;
}

export class BigFloat {
  private constructor(
    private readonly form: Form,
    private readonly negative: boolean,
    /** Odd positive mantissa for finite values, 0n otherwise. */
    private readonly mant: bigint,
    /** Binary exponent of the mantissa's least significant bit. */
    private readonly exp: number,
    /** Mantissa precision in bits, as Go's Float.Prec(). */
    readonly prec: number,
  ) {}

  static readonly POS_INF = new BigFloat('inf', false, 0n, 0, PARSE_PRECISION);
  static readonly NEG_INF = new BigFloat('inf', true, 0n, 0, PARSE_PRECISION);
  static readonly ZERO = new BigFloat('zero', false, 0n, 0, PARSE_PRECISION);

  private static zero(neg: boolean, prec: number): BigFloat {
    return new BigFloat('zero', neg, 0n, 0, prec);
  }

  private static inf(neg: boolean, prec: number): BigFloat {
    return new BigFloat('inf', neg, 0n, 0, prec);
  }

  /**
   * Build neg * mant * 2^exp rounded to prec bits (nearest even). `sticky` says that nonzero
   * bits were already discarded below mant's least significant bit.
   */
  private static rounded(neg: boolean, mant: bigint, exp: number, prec: number, sticky = false): BigFloat {
    if (mant === 0n) return BigFloat.zero(neg, prec);
    const len = bitLength(mant);
    const excess = len - prec;
    if (excess > 0) {
      const shift = BigInt(excess);
      const rest = mant & ((1n << shift) - 1n);
      const half = 1n << (shift - 1n);
      mant >>= shift;
      exp += excess;
      if (rest > half || (rest === half && (sticky || (mant & 1n) === 1n))) mant += 1n;
    }
    const tz = trailingZeroBits(mant);
    if (tz > 0) {
      mant >>= BigInt(tz);
      exp += tz;
    }
    // Go keeps the exponent of the most significant bit in an int32.
    const top = exp + bitLength(mant);
    if (top > MAX_EXP) return BigFloat.inf(neg, prec);
    if (top < MIN_EXP) return BigFloat.zero(neg, prec);
    return new BigFloat('finite', neg, mant, exp, prec);
  }

  /** Go's SetFloat64: exact, precision 53. */
  static fromNumber(n: number, prec = 53): BigFloat {
    if (Number.isNaN(n)) throw new BigFloatNaNError('NaN has no BigFloat representation');
    if (n === Number.POSITIVE_INFINITY) return BigFloat.inf(false, prec);
    if (n === Number.NEGATIVE_INFINITY) return BigFloat.inf(true, prec);
    if (n === 0) return BigFloat.zero(Object.is(n, -0), prec);
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, n);
    const bits = view.getBigUint64(0);
    const neg = bits >> 63n === 1n;
    const biased = Number((bits >> 52n) & 0x7ffn);
    const fraction = bits & ((1n << 52n) - 1n);
    const mant = biased === 0 ? fraction : fraction | (1n << 52n);
    const exp = biased === 0 ? -1074 : biased - 1075;
    return BigFloat.rounded(neg, mant, exp, prec);
  }

  /** Go's SetInt on a fresh Float: precision is the larger of 64 and the integer's bit length. */
  static fromBigInt(b: bigint, prec?: number): BigFloat {
    const neg = b < 0n;
    const mag = neg ? -b : b;
    return BigFloat.rounded(neg, mag, 0, prec ?? Math.max(64, bitLength(mag)));
  }

  /** Go's SetInt64 (cty.NumberIntVal): precision 64. */
  static fromInt(n: number): BigFloat {
    if (!Number.isInteger(n)) throw new RangeError(`${n} is not an integer`);
    return BigFloat.fromBigInt(BigInt(n), 64);
  }

  /**
   * Go's big.ParseFloat(s, 10, prec, ToNearestEven), as cty.ParseNumberVal uses with prec 512.
   * Returns undefined where Go reports an error.
   */
  static parse(s: string, prec = PARSE_PRECISION): BigFloat | undefined {
    if (s === 'Inf' || s === 'inf') return BigFloat.inf(false, prec);
    if (s.length === 4 && (s[0] === '+' || s[0] === '-') && (s.slice(1) === 'Inf' || s.slice(1) === 'inf')) {
      return BigFloat.inf(s[0] === '-', prec);
    }
    const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(?:([eEpP])([+-]?[0-9]+))?$/.exec(s);
    if (!m) return undefined;
    const neg = m[1] === '-';
    const intDigits = m[2]!;
    const fracDigits = m[3] ?? '';
    if (intDigits.length + fracDigits.length === 0) return undefined;
    const mantissa = BigInt(intDigits + fracDigits);
    const expValue = m[4] ? Number(m[5]) : 0;
    if (!Number.isSafeInteger(expValue)) return undefined;
    if (mantissa === 0n) return BigFloat.zero(neg, prec);
    let exp2 = bitLength(mantissa);
    let exp5 = 0;
    if (fracDigits.length > 0) {
      exp5 = -fracDigits.length;
      exp2 -= fracDigits.length;
    }
    if (m[4] === 'e' || m[4] === 'E') exp5 += expValue;
    exp2 += expValue;
    if (exp2 < MIN_EXP || exp2 > MAX_EXP) return undefined;
    // The mantissa is scaled by 2^(exp2 - bitlen) exactly; powers of five are approximated as Go does.
    const scaled = new BigFloat('finite', neg, mantissa, exp2 - bitLength(mantissa), prec);
    if (exp5 === 0) return BigFloat.rounded(neg, mantissa, exp2 - bitLength(mantissa), prec);
    const p5 = pow5(Math.abs(exp5), prec + 64);
    return exp5 < 0 ? quoRaw(scaled, p5, prec) : mulRaw(scaled, p5, prec);
  }

  /** A copy carrying a different precision, rounded to it (Go's SetPrec). */
  withPrec(prec: number): BigFloat {
    if (this.form !== 'finite') return new BigFloat(this.form, this.negative, 0n, 0, prec);
    return BigFloat.rounded(this.negative, this.mant, this.exp, prec);
  }

  isInfinite(): boolean {
    return this.form === 'inf';
  }

  isZero(): boolean {
    return this.form === 'zero';
  }

  /** True for negative values including -0 and -Inf (Go's Signbit). */
  signbit(): boolean {
    return this.negative;
  }

  sign(): -1 | 0 | 1 {
    if (this.form === 'zero') return 0;
    return this.negative ? -1 : 1;
  }

  isInteger(): boolean {
    if (this.form === 'zero') return true;
    return this.form === 'finite' && this.exp >= 0;
  }

  neg(): BigFloat {
    return new BigFloat(this.form, !this.negative, this.mant, this.exp, this.prec);
  }

  abs(): BigFloat {
    return new BigFloat(this.form, false, this.mant, this.exp, this.prec);
  }

  add(o: BigFloat): BigFloat {
    return addRaw(this, o, Math.max(this.prec, o.prec));
  }

  sub(o: BigFloat): BigFloat {
    return addRaw(this, o.neg(), Math.max(this.prec, o.prec));
  }

  mul(o: BigFloat): BigFloat {
    return mulRaw(this, o, Math.max(this.prec, o.prec));
  }

  /** Go's Quo: x/0 is ±Inf; 0/0 and Inf/Inf throw BigFloatNaNError. */
  div(o: BigFloat): BigFloat {
    return quoRaw(this, o, Math.max(this.prec, o.prec));
  }

  /**
   * cty's Value.Modulo: infinities behave as multiplication, x % 0 is x, otherwise
   * x - y * trunc(x / y) computed at x's precision.
   */
  mod(o: BigFloat): BigFloat {
    if (this.form === 'inf' || o.form === 'inf') return this.mul(o);
    if (o.form === 'zero') return this;
    // Go converts the truncated quotient through big.Int, so a zero quotient is +0.
    const work = BigFloat.fromBigInt(this.div(o).toBigInt(), this.prec);
    return addRaw(this, mulRaw(o, work, this.prec).neg(), this.prec);
  }

  cmp(o: BigFloat): -1 | 0 | 1 {
    const sa = this.sign();
    const sb = o.sign();
    if (sa !== sb) return sa < sb ? -1 : 1;
    if (sa === 0) return 0;
    const mag = cmpAbs(this, o);
    return (sa < 0 ? -mag : mag) as -1 | 0 | 1;
  }

  eq(o: BigFloat): boolean {
    return this.cmp(o) === 0;
  }

  /** Truncation toward zero, as Go's Float.Int; keeps the precision. Infinities are returned as is. */
  trunc(): BigFloat {
    if (this.form !== 'finite' || this.exp >= 0) return this;
    const shift = BigInt(-this.exp);
    const whole = this.mant >> shift;
    if (whole === 0n) return BigFloat.zero(this.negative, this.prec);
    return BigFloat.rounded(this.negative, whole, 0, this.prec);
  }

  floor(): BigFloat {
    if (this.isInteger() || this.form === 'inf') return this;
    const t = this.trunc();
    return this.negative ? t.sub(BigFloat.fromBigInt(1n, this.prec)) : t;
  }

  ceil(): BigFloat {
    if (this.isInteger() || this.form === 'inf') return this;
    const t = this.trunc();
    return this.negative ? t : t.add(BigFloat.fromBigInt(1n, this.prec));
  }

  /** The integer part (truncated toward zero). Throws for infinities. */
  toBigInt(): bigint {
    if (this.form === 'inf') throw new RangeError('infinity has no integer value');
    if (this.form === 'zero') return 0n;
    const mag = this.exp >= 0 ? this.mant << BigInt(this.exp) : this.mant >> BigInt(-this.exp);
    return this.negative ? -mag : mag;
  }

  /** The nearest float64 (Go's Float64 with ToNearestEven), ±Infinity on overflow. */
  toNumber(): number {
    if (this.form === 'zero') return this.negative ? -0 : 0;
    if (this.form === 'inf') return this.negative ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    const top = this.exp + bitLength(this.mant); // value in [2^(top-1), 2^top)
    // Subnormals have fewer mantissa bits available.
    const precision = top - 1 >= -1022 ? 53 : 53 - (-1022 - (top - 1));
    let result: number;
    if (precision <= 0) {
      // Only values in (2^-1075, 2^-1074) round up to the smallest subnormal; 2^-1075 ties to zero.
      result = precision === 0 && this.mant !== 1n ? 2 ** -1074 : 0;
    } else {
      const r = BigFloat.rounded(false, this.mant, this.exp, precision);
      result = r.form === 'zero' ? 0 : ldexp(Number(r.mant), r.exp);
    }
    return this.negative ? -result : result;
  }

  /** Go's Text('f', -1): the shortest decimal that rounds back to this value at its precision. */
  toString(): string {
    return this.text('f', -1);
  }

  /**
   * Go's Float.Text(format, prec) for formats 'f', 'e', 'g'. A negative prec asks for the
   * shortest representation that identifies the value at its precision.
   */
  text(format: 'f' | 'e' | 'g', prec: number): string {
    if (this.form === 'inf') return this.negative ? '-Inf' : '+Inf';
    const sign = this.negative ? '-' : '';
    const d: Decimal = this.form === 'finite' ? decimalOf(this.mant, this.exp) : { digits: '', exp: 0 };
    let shortest = false;
    if (prec < 0) {
      shortest = true;
      if (this.form === 'finite') roundShortest(d, this.mant, this.exp, this.prec);
      if (format === 'e') prec = d.digits.length - 1;
      else if (format === 'f') prec = Math.max(d.digits.length - d.exp, 0);
      else prec = d.digits.length;
    } else if (format === 'e') {
      roundDecimal(d, 1 + prec);
    } else if (format === 'f') {
      roundDecimal(d, d.exp + prec);
    } else {
      if (prec === 0) prec = 1;
      roundDecimal(d, prec);
    }
    switch (format) {
      case 'e':
        return sign + formatE(prec, d);
      case 'f':
        return sign + formatF(prec, d);
      default: {
        let eprec = prec;
        if (eprec > d.digits.length && d.digits.length >= d.exp) eprec = d.digits.length;
        if (shortest) eprec = 6;
        const exp = d.exp - 1;
        if (exp < -4 || exp >= eprec) {
          if (prec > d.digits.length) prec = d.digits.length;
          return sign + formatE(prec - 1, d);
        }
        if (prec > d.exp) prec = d.digits.length;
        return sign + formatF(Math.max(prec - d.exp, 0), d);
      }
    }
  }

  /** Go's Float.String(): Text('g', 10). cty uses it when hashing set elements. */
  goString(): string {
    return this.text('g', 10);
  }

  /** Internal access for the arithmetic helpers below. */
  static parts(x: BigFloat): { form: Form; neg: boolean; mant: bigint; exp: number } {
    return { form: x.form, neg: x.negative, mant: x.mant, exp: x.exp };
  }

  static make(neg: boolean, mant: bigint, exp: number, prec: number, sticky = false): BigFloat {
    return BigFloat.rounded(neg, mant, exp, prec, sticky);
  }

  static infinity(neg: boolean, prec: number): BigFloat {
    return BigFloat.inf(neg, prec);
  }

  static zeroOf(neg: boolean, prec: number): BigFloat {
    return BigFloat.zero(neg, prec);
  }
}

function ldexp(m: number, e: number): number {
  // Split the scaling so intermediate powers of two stay representable.
  while (e > 1000) {
    m *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    m *= 2 ** -1000;
    e += 1000;
  }
  return m * 2 ** e;
}

function cmpAbs(a: BigFloat, b: BigFloat): -1 | 0 | 1 {
  const pa = BigFloat.parts(a);
  const pb = BigFloat.parts(b);
  const rank = (f: Form) => (f === 'zero' ? 0 : f === 'finite' ? 1 : 2);
  if (pa.form !== pb.form) return rank(pa.form) < rank(pb.form) ? -1 : 1;
  if (pa.form !== 'finite') return 0;
  const ta = pa.exp + bitLength(pa.mant);
  const tb = pb.exp + bitLength(pb.mant);
  if (ta !== tb) return ta < tb ? -1 : 1;
  const e = Math.min(pa.exp, pb.exp);
  const ma = pa.mant << BigInt(pa.exp - e);
  const mb = pb.mant << BigInt(pb.exp - e);
  return ma === mb ? 0 : ma < mb ? -1 : 1;
}

function addRaw(x: BigFloat, y: BigFloat, prec: number): BigFloat {
  const a = BigFloat.parts(x);
  const b = BigFloat.parts(y);
  if (a.form === 'inf' || b.form === 'inf') {
    if (a.form === 'inf' && b.form === 'inf' && a.neg !== b.neg) {
      throw new BigFloatNaNError('addition of infinities with opposite signs');
    }
    return BigFloat.infinity(a.form === 'inf' ? a.neg : b.neg, prec);
  }
  if (a.form === 'zero' && b.form === 'zero') return BigFloat.zeroOf(a.neg && b.neg, prec);
  if (a.form === 'zero') return BigFloat.make(b.neg, b.mant, b.exp, prec);
  if (b.form === 'zero') return BigFloat.make(a.neg, a.mant, a.exp, prec);
  let am = a.mant;
  let ae = a.exp;
  let bm = b.mant;
  let be = b.exp;
  // A far smaller operand only matters as a sticky bit: shrink it to avoid huge shifts.
  const ta = ae + bitLength(am);
  const tb = be + bitLength(bm);
  const limit = prec + 4;
  if (ta - tb > limit && tb < ae) {
    bm = 1n;
    be = Math.min(ae, ta - limit) - 2;
  } else if (tb - ta > limit && ta < be) {
    am = 1n;
    ae = Math.min(be, tb - limit) - 2;
  }
  const e = Math.min(ae, be);
  const sa = (a.neg ? -1n : 1n) * (am << BigInt(ae - e));
  const sb = (b.neg ? -1n : 1n) * (bm << BigInt(be - e));
  const sum = sa + sb;
  if (sum === 0n) return BigFloat.zeroOf(false, prec);
  return BigFloat.make(sum < 0n, sum < 0n ? -sum : sum, e, prec);
}

function mulRaw(x: BigFloat, y: BigFloat, prec: number): BigFloat {
  const a = BigFloat.parts(x);
  const b = BigFloat.parts(y);
  const neg = a.neg !== b.neg;
  if (a.form === 'inf' || b.form === 'inf') {
    if (a.form === 'zero' || b.form === 'zero')
      throw new BigFloatNaNError('multiplication of zero with infinity');
    return BigFloat.infinity(neg, prec);
  }
  if (a.form === 'zero' || b.form === 'zero') return BigFloat.zeroOf(neg, prec);
  return BigFloat.make(neg, a.mant * b.mant, a.exp + b.exp, prec);
}

function quoRaw(x: BigFloat, y: BigFloat, prec: number): BigFloat {
  const a = BigFloat.parts(x);
  const b = BigFloat.parts(y);
  const neg = a.neg !== b.neg;
  if (a.form === 'zero' && b.form === 'zero') throw new BigFloatNaNError('division of zero by zero');
  if (a.form === 'inf' && b.form === 'inf') throw new BigFloatNaNError('division of infinity by infinity');
  if (a.form === 'zero' || b.form === 'inf') return BigFloat.zeroOf(neg, prec);
  if (a.form === 'inf' || b.form === 'zero') return BigFloat.infinity(neg, prec);
  // Scale the dividend so the quotient has at least prec+2 bits; the remainder is the sticky bit.
  const shift = Math.max(0, prec + 2 + bitLength(b.mant) - bitLength(a.mant));
  const num = a.mant << BigInt(shift);
  const q = num / b.mant;
  const r = num % b.mant;
  return BigFloat.make(neg, q, a.exp - b.exp - shift, prec, r !== 0n);
}

const POW5_SMALL: bigint[] = [];
for (let i = 0, p = 1n; i <= 27; i++, p *= 5n) POW5_SMALL.push(p);

/** Go's Float.pow5 on a Float of precision prec: exact up to 5^27, then squaring at prec+64 bits. */
function pow5(n: number, prec: number): BigFloat {
  if (n <= 27) return BigFloat.make(false, POW5_SMALL[n]!, 0, prec);
  let z = BigFloat.make(false, POW5_SMALL[27]!, 0, prec);
  n -= 27;
  let f = BigFloat.make(false, 5n, 0, prec + 64);
  while (n > 0) {
    if (n & 1) z = mulRaw(z, f, prec);
    f = mulRaw(f, f, prec + 64);
    n = Math.floor(n / 2);
  }
  return z;
}

// ---- decimal conversion (Go's math/big decimal.go and ftoa.go) ----

/** Value = 0.digits * 10^exp; digits has no trailing zeros; empty digits means zero. */
interface Decimal {
  digits: string;
  exp: number;
}

function decimalOf(mant: bigint, exp: number): Decimal {
  // Drop trailing zero bits first: a whole number held in 512 bits would otherwise cost a
  // multiplication by 5^500 and a 500-digit conversion.
  const tz = exp < 0 ? Math.min(trailingZeroBits(mant), -exp) : 0;
  if (tz > 0) {
    mant >>= BigInt(tz);
    exp += tz;
  }
  let digits: string;
  let point: number;
  if (exp >= 0) {
    digits = (mant << BigInt(exp)).toString();
    point = digits.length;
  } else {
    // m / 2^k = m * 5^k / 10^k
    const k = -exp;
    digits = (mant * 5n ** BigInt(k)).toString();
    point = digits.length - k;
  }
  // A loop, not /0+$/: V8 retries that regex at every zero, which is quadratic on long mantissas.
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === 48) end--;
  return { digits: digits.slice(0, end), exp: point };
}

function shouldRoundUp(d: Decimal, n: number): boolean {
  if (d.digits[n] === '5' && n + 1 === d.digits.length) {
    return n > 0 && (d.digits.charCodeAt(n - 1) - 48) % 2 === 1;
  }
  return d.digits[n]! >= '5';
}

function roundDecimal(d: Decimal, n: number): void {
  if (n < 0 || n >= d.digits.length) return;
  if (shouldRoundUp(d, n)) roundUp(d, n);
  else roundDown(d, n);
}

function roundUp(d: Decimal, n: number): void {
  if (n < 0 || n >= d.digits.length) return;
  while (n > 0 && d.digits[n - 1]! >= '9') n--;
  if (n === 0) {
    d.digits = '1';
    d.exp++;
    return;
  }
  d.digits = d.digits.slice(0, n - 1) + String.fromCharCode(d.digits.charCodeAt(n - 1) + 1);
}

function roundDown(d: Decimal, n: number): void {
  if (n < 0 || n >= d.digits.length) return;
  d.digits = d.digits.slice(0, n).replace(/0+$/, '');
  if (d.digits === '') d.exp = 0;
}

function digitAt(d: Decimal, i: number): string {
  return i >= 0 && i < d.digits.length ? d.digits[i]! : '0';
}

/** Go's roundShortest: fewest digits that still lie strictly within half an ulp at prec bits. */
function roundShortest(d: Decimal, mant: bigint, exp: number, prec: number): void {
  // A whole number below 2^(prec-1) has an ulp of at most 1/2: dropping any of its digits would move it by
  // at least 1, so all its digits are needed. Skips two long decimal expansions for the common case.
  if (d.exp >= d.digits.length && bitLength(mant) + exp <= prec - 1) return;
  let m = mant;
  let e = exp;
  const s = bitLength(m) - (prec + 1);
  if (s < 0) m <<= BigInt(-s);
  else if (s > 0) m >>= BigInt(s);
  e += s;
  const lower = decimalOf(m - 1n, e);
  const upper = decimalOf(m + 1n, e);
  const inclusive = (m & 2n) === 0n;
  for (let i = 0; i < d.digits.length; i++) {
    const digit = d.digits[i]!;
    // Like Go, the bounds are indexed digit by digit without aligning their exponents.
    const l = digitAt(lower, i);
    const u = digitAt(upper, i);
    const okDown = l !== digit || (inclusive && i + 1 === lower.digits.length);
    const okUp =
      digit !== u && (inclusive || digit.charCodeAt(0) + 1 < u.charCodeAt(0) || i + 1 < upper.digits.length);
    if (okDown && okUp) {
      roundDecimal(d, i + 1);
      return;
    }
    if (okDown) {
      roundDown(d, i + 1);
      return;
    }
    if (okUp) {
      roundUp(d, i + 1);
      return;
    }
  }
}

function formatF(prec: number, d: Decimal): string {
  let out = '';
  if (d.exp > 0) {
    const m = Math.min(d.digits.length, d.exp);
    out += d.digits.slice(0, m);
    out += '0'.repeat(d.exp - m);
  } else {
    out += '0';
  }
  if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) out += digitAt(d, d.exp + i);
  }
  return out;
}

function formatE(prec: number, d: Decimal): string {
  let out = d.digits.length > 0 ? d.digits[0]! : '0';
  if (prec > 0) {
    out += '.';
    let i = 1;
    const m = Math.min(d.digits.length, prec + 1);
    if (i < m) {
      out += d.digits.slice(i, m);
      i = m;
    }
    out += '0'.repeat(Math.max(0, prec + 1 - i));
  }
  let exp = d.digits.length > 0 ? d.exp - 1 : 0;
  let sign = '+';
  if (exp < 0) {
    sign = '-';
    exp = -exp;
  }
  return `${out}e${sign}${exp < 10 ? '0' : ''}${exp}`;
}
