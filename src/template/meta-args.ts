/**
 * Decoding the meta-arguments of build, provisioner and post-processor blocks (name, only, except,
 * pause_before …) into plain values, as gohcl does: evaluate, convert to the Go field's type, and
 * report "Unsuitable value type" at the value. Null and unknown values count as unset: Packer would
 * reject some of them, but nothing useful is lost by accepting them, and no error cascades.
 */
import { convert } from '../hcl/convert.js';
import { type Diagnostic, errorDiag, hasErrors, warningDiag } from '../hcl/diagnostics.js';
import { parseGoDuration } from '../hcl/functions/gotime.js';
import type { EvalContext, HclAttribute } from '../hcl/hcl.js';
import { type Range, rangeBetween } from '../hcl/pos.js';
import { BoolType, listOf, NumberType, StringType, type Type } from '../hcl/types.js';
import type { Value } from '../hcl/value.js';
import {
  asBigFloat,
  asBool,
  asString,
  elements,
  isKnown,
  isNull,
  isWhollyKnown,
  unmarkDeep,
} from '../hcl/values.js';

export interface Decoded<T> {
  /** Undefined when unset, null, unknown or invalid. */
  readonly value?: T;
  readonly diags: Diagnostic[];
}

function evaluate(attr: HclAttribute, ctx: EvalContext | undefined, type: Type): Decoded<Value> {
  const { value, diags } = attr.expr.value(ctx);
  if (hasErrors(diags)) return { diags };
  const [plain] = unmarkDeep(value);
  if (isNull(plain) || !isWhollyKnown(plain)) return { diags };
  const converted = convert(plain, type);
  if (!converted.ok) {
    diags.push(
      errorDiag(
        'Unsuitable value type',
        `Unsuitable value: ${converted.message}`,
        attr.expr.startRange,
        attr.expr.range,
      ),
    );
    return { diags };
  }
  if (!isKnown(converted.value) || isNull(converted.value)) return { diags };
  return { value: converted.value, diags };
}

export function decodeString(attr: HclAttribute, ctx: EvalContext | undefined): Decoded<string> {
  const r = evaluate(attr, ctx, StringType);
  return { value: r.value && asString(r.value), diags: r.diags };
}

export function decodeBool(attr: HclAttribute, ctx: EvalContext | undefined): Decoded<boolean> {
  const r = evaluate(attr, ctx, BoolType);
  return { value: r.value && asBool(r.value), diags: r.diags };
}

/** A Go `int` field: a whole number. */
export function decodeInt(attr: HclAttribute, ctx: EvalContext | undefined): Decoded<number> {
  const r = evaluate(attr, ctx, NumberType);
  if (!r.value) return { diags: r.diags };
  const n = asBigFloat(r.value).toNumber();
  if (!Number.isSafeInteger(n)) {
    r.diags.push(
      errorDiag(
        'Unsuitable value type',
        'Unsuitable value: value must be a whole number, between -9223372036854775808 and 9223372036854775807',
        attr.expr.startRange,
        attr.expr.range,
      ),
    );
    return { diags: r.diags };
  }
  return { value: n, diags: r.diags };
}

export interface StringListItem {
  readonly value: string;
  /** The element's own expression range when the list is written literally, else the whole value's. */
  readonly range: Range;
}

export function decodeStringList(
  attr: HclAttribute,
  ctx: EvalContext | undefined,
): Decoded<StringListItem[]> {
  const r = evaluate(attr, ctx, listOf(StringType));
  if (!r.value) return { diags: r.diags };
  const literal = attr.expr.staticList();
  const items = elements(r.value).map((v, i) => ({
    value: asString(v),
    range: literal?.length === elements(r.value!).length ? literal[i]!.range : attr.expr.range,
  }));
  return { value: items, diags: r.diags };
}

/** A Go duration string ("5m", "1h30m") in milliseconds; Packer's "Failed to parse pause_before duration". */
export function decodeDuration(attr: HclAttribute, ctx: EvalContext | undefined): Decoded<number> {
  const r = decodeString(attr, ctx);
  if (r.value === undefined || r.value === '') return { diags: r.diags };
  try {
    const nanos = parseGoDuration(r.value);
    return { value: Number(nanos / 1_000_000n), diags: r.diags };
  } catch (e) {
    r.diags.push(
      errorDiag(`Failed to parse ${attr.name} duration`, (e as Error).message, attr.expr.range, attr.range),
    );
    return { diags: r.diags };
  }
}

export interface OnlyExcept {
  readonly only: string[];
  readonly except: string[];
  /** Every entry with where it is written, to check later that it names a source in use. */
  readonly entries: SourceNameEntry[];
}

export interface SourceNameEntry {
  readonly option: 'only' | 'except';
  readonly value: string;
  readonly range: Range;
}

/** `only`/`except` lists of source names (`TYPE.NAME`); setting both is an error, as in Packer. */
export function decodeOnlyExcept(
  only: HclAttribute | undefined,
  except: HclAttribute | undefined,
  ctx: EvalContext | undefined,
): Decoded<OnlyExcept> {
  const diags: Diagnostic[] = [];
  const entries: SourceNameEntry[] = [];
  const names = (option: 'only' | 'except', attr: HclAttribute | undefined): string[] => {
    if (!attr) return [];
    const r = decodeStringList(attr, ctx);
    diags.push(...r.diags);
    for (const item of r.value ?? []) {
      const prefixed = /^sources?\.([^.]+\.[^.]+)$/.exec(item.value);
      if (prefixed) diags.push(prefixedSourceName(attr.name, item.value, prefixed[1]!, item.range));
      else entries.push({ option, value: item.value, range: item.range });
    }
    return (r.value ?? []).map((item) => item.value);
  };
  const value = { only: names('only', only), except: names('except', except), entries };
  if (value.only.length > 0 && value.except.length > 0) {
    diags.push(
      errorDiag(
        "only one of 'only' or 'except' may be specified",
        undefined,
        except!.nameRange,
        rangeBetween(only!.range, except!.range),
      ),
    );
  }
  return hasErrors(diags) ? { diags } : { value, diags };
}

/**
 * Packer compares only/except entries with `TYPE.NAME` exactly, so a `source.`-prefixed entry (the
 * form `sources = […]` uses) silently never matches; we say so.
 */
function prefixedSourceName(option: string, written: string, meant: string, subject: Range): Diagnostic {
  return warningDiag(
    `The ${option} entry "${written}" matches no source`,
    `${option} lists the sources it applies to by TYPE.NAME, without the "source." prefix: "${meant}". As written, this entry matches nothing.`,
    subject,
  );
}
