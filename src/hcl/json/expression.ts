/**
 * A JSON value read as an HCL expression (as hcl/json's expression). With an evaluation context,
 * strings (and object property names) are native-syntax templates, so `"${a + b}"` yields a number;
 * without one they are literal. Static analysis reads strings as native traversals or calls, arrays
 * as lists and objects as maps.
 */
import { convert } from '../convert.js';
import { type Diagnostic, errorDiag } from '../diagnostics.js';
import type { EvalContext, Expression, StaticCall, ValueResult } from '../hcl.js';
import { formatRange, type Pos, type Range } from '../pos.js';
import type { Traversal } from '../traversal.js';
import { DynamicType, StringType } from '../types.js';
import type { Value } from '../value.js';
import {
  asString,
  boolVal,
  DynamicVal,
  isKnown,
  isNull,
  nullVal,
  numberVal,
  objectVal,
  stringVal,
  tupleVal,
} from '../values.js';
import { nativeExpressionOf, templateExpression, traversalOf } from './native-bridge.js';
import { type JsonNode, type JsonStringNode, nodeStartRange } from './nodes.js';

export class JsonExpression implements Expression {
  constructor(readonly node: JsonNode) {}

  get range(): Range {
    return this.node.range;
  }

  get startRange(): Range {
    return nodeStartRange(this.node);
  }

  value(ctx: EvalContext | undefined): ValueResult {
    const n = this.node;
    switch (n.kind) {
      case 'string':
        return ctx ? evalTemplate(n, ctx) : { value: stringVal(n.value), diags: [] };
      case 'number':
        return { value: numberVal(n.value), diags: [] };
      case 'bool':
        return { value: boolVal(n.value), diags: [] };
      case 'null':
        return { value: nullVal(DynamicType), diags: [] };
      case 'array': {
        const diags: Diagnostic[] = [];
        const values = n.values.map((v) => {
          const r = new JsonExpression(v).value(ctx);
          diags.push(...r.diags);
          return r.value;
        });
        return { value: tupleVal(values), diags };
      }
      case 'object':
        return this.objectValue(n, ctx);
      default:
        // Invalid nodes still evaluate, so that a partly broken file can be partly evaluated.
        return { value: DynamicVal, diags: [] };
    }
  }

  private objectValue(n: Extract<JsonNode, { kind: 'object' }>, ctx: EvalContext | undefined): ValueResult {
    const diags: Diagnostic[] = [];
    const attrs = new Map<string, Value>();
    const nameRanges = new Map<string, Range>();
    let known = true;
    for (const prop of n.properties) {
      // Property names may be templates too (with a context), as object keys may be in native syntax.
      const name = keyExpression(prop.name, prop.nameRange).value(ctx);
      const val = new JsonExpression(prop.value).value(ctx);
      diags.push(...name.diags, ...val.diags);

      const converted = convert(name.value, StringType);
      if (!converted.ok) {
        diags.push(
          errorDiag(
            'Invalid object key expression',
            `Cannot use this expression as an object key: ${converted.message}.`,
            prop.nameRange,
          ),
        );
        continue;
      }
      if (isNull(converted.value)) {
        diags.push(
          errorDiag(
            'Invalid object key expression',
            'Cannot use null value as an object key.',
            prop.nameRange,
          ),
        );
        continue;
      }
      if (!isKnown(converted.value)) {
        // An unknown key makes the whole object's type unknown; keep going to collect other errors.
        known = false;
        continue;
      }
      const key = asString(converted.value);
      const previous = nameRanges.get(key);
      if (previous) {
        diags.push(
          errorDiag(
            'Duplicate object attribute',
            `An attribute named ${JSON.stringify(key)} was already defined at ${formatRange(previous)}.`,
            prop.nameRange,
          ),
        );
        continue;
      }
      attrs.set(key, val.value);
      nameRanges.set(key, prop.nameRange);
    }
    return { value: known ? objectVal(attrs) : DynamicVal, diags };
  }

  variables(): Traversal[] {
    const n = this.node;
    switch (n.kind) {
      case 'string': {
        const { expr } = templateExpression(n.value, n.range.filename, afterQuote(n.range));
        return expr ? expr.variables() : [];
      }
      case 'array':
        return n.values.flatMap((v) => new JsonExpression(v).variables());
      case 'object':
        return n.properties.flatMap((p) => [
          ...keyExpression(p.name, p.nameRange).variables(),
          ...new JsonExpression(p.value).variables(),
        ]);
      default:
        return [];
    }
  }

  staticList(): Expression[] | undefined {
    return this.node.kind === 'array' ? this.node.values.map((v) => new JsonExpression(v)) : undefined;
  }

  staticMap(): { key: Expression; value: Expression }[] | undefined {
    if (this.node.kind !== 'object') return undefined;
    return this.node.properties.map((p) => ({
      key: keyExpression(p.name, p.nameRange),
      value: new JsonExpression(p.value),
    }));
  }

  staticTraversal(): Traversal | undefined {
    const n = this.node;
    return n.kind === 'string' ? traversalOf(n.value, n.range.filename, n.range.start) : undefined;
  }

  staticCall(): StaticCall | undefined {
    const n = this.node;
    if (n.kind !== 'string') return undefined;
    return nativeExpressionOf(n.value, n.range.filename, n.range.start)?.staticCall();
  }

  staticKeyword(): string | undefined {
    const t = this.staticTraversal();
    const root = t?.[0];
    return t?.length === 1 && root?.type === 'root' ? root.name : undefined;
  }
}

function keyExpression(name: string, nameRange: Range): JsonExpression {
  const node: JsonStringNode = { kind: 'string', value: name, range: nameRange };
  return new JsonExpression(node);
}

/**
 * Where a string's template starts: just inside the opening quote. Escapes removed by JSON decoding
 * make later positions approximate, as in HCL.
 */
function afterQuote(r: Range): Pos {
  return { line: r.start.line, column: r.start.column + 1, byte: r.start.byte + 1 };
}

function evalTemplate(n: JsonStringNode, ctx: EvalContext): ValueResult {
  const { expr, diags } = templateExpression(n.value, n.range.filename, afterQuote(n.range));
  if (!expr) return { value: DynamicVal, diags };
  const result = expr.value(ctx);
  return { value: result.value, diags: [...diags, ...result.diags] };
}
