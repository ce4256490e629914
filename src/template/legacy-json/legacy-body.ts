/**
 * Plugin configuration bodies of a legacy JSON template, as HCL bodies so that the same schema
 * decoder reads them. The JSON syntax decides attributes and blocks by the schema as usual; only the
 * values differ: in a legacy template strings are Go templates, not HCL templates, so `${…}` is
 * literal text, and the `{{user `x`}}`-style calls that can be rendered now are rendered
 * (go-template.ts); the rest stays for the plugin.
 */
import { type Diagnostic, errorDiag, warningDiag } from '../../hcl/diagnostics.js';
import type {
  BodyContent,
  BodySchema,
  EvalContext,
  Expression,
  HclAttribute,
  HclBlock,
  HclBody,
  StaticCall,
  ValueResult,
} from '../../hcl/hcl.js';
import { JsonBody, JsonExpression, type JsonNode } from '../../hcl/json/index.js';
import type { Range } from '../../hcl/pos.js';
import type { Traversal } from '../../hcl/traversal.js';
import { DynamicType, type Type } from '../../hcl/types.js';
import { SensitiveMark, type Value } from '../../hcl/value.js';
import { boolVal, markValue, nullVal, numberVal, objectVal, stringVal, tupleVal } from '../../hcl/values.js';
import { type GoTemplateContext, renderGoTemplate } from './go-template.js';
import { weakValue } from './weak-decode.js';

export class LegacyBody implements HclBody {
  constructor(
    private readonly inner: HclBody,
    private readonly ctx: GoTemplateContext,
  ) {}

  /** The body of a JSON object, without the meta keys (type, name, only…) the template consumed. */
  static of(node: JsonNode, hidden: readonly string[], ctx: GoTemplateContext): LegacyBody {
    return new LegacyBody(new JsonBody(node, new Set(hidden)), ctx);
  }

  content(schema: BodySchema): { content: BodyContent; diags: Diagnostic[] } {
    const { content, diags } = this.inner.content(schema);
    return { content: this.wrapContent(content), diags };
  }

  partialContent(schema: BodySchema): { content: BodyContent; remain: HclBody; diags: Diagnostic[] } {
    const { content, remain, diags } = this.inner.partialContent(schema);
    return { content: this.wrapContent(content), remain: new LegacyBody(remain, this.ctx), diags };
  }

  justAttributes(): { attributes: ReadonlyMap<string, HclAttribute>; diags: Diagnostic[] } {
    const { attributes, diags } = this.inner.justAttributes();
    return { attributes: this.wrapAttributes(attributes), diags };
  }

  missingItemRange(): Range {
    return this.inner.missingItemRange();
  }

  private wrapContent(c: BodyContent): BodyContent {
    return {
      attributes: this.wrapAttributes(c.attributes),
      blocks: c.blocks.map((b: HclBlock) => ({ ...b, body: new LegacyBody(b.body, this.ctx) })),
      missingItemRange: c.missingItemRange,
    };
  }

  private wrapAttributes(attrs: ReadonlyMap<string, HclAttribute>): ReadonlyMap<string, HclAttribute> {
    const out = new Map<string, HclAttribute>();
    for (const [name, attr] of attrs) {
      const node = (attr.expr as JsonExpression).node;
      out.set(name, node ? { ...attr, expr: new LegacyExpression(node, this.ctx) } : attr);
    }
    return out;
  }
}

/** A JSON value of a legacy template: literal, with Go templates rendered where possible. */
export class LegacyExpression implements Expression {
  constructor(
    readonly node: JsonNode,
    private readonly ctx: GoTemplateContext,
  ) {}

  get range(): Range {
    return this.node.range;
  }

  get startRange(): Range {
    return this.json().startRange;
  }

  /** The caller's context is not used: legacy values have no HCL references. */
  value(_ctx?: EvalContext): ValueResult {
    const diags: Diagnostic[] = [];
    return { value: this.valueOf(this.node, diags), diags };
  }

  /**
   * The value shaped towards the type a plugin's schema wants, by Packer's weak decoding of legacy
   * configurations (comma-separated strings for lists, "1"/"true" for bools, "" for zero…).
   */
  valueAs(want: Type): ValueResult {
    const r = this.value();
    return { value: weakValue(r.value, want), diags: r.diags };
  }

  variables(): Traversal[] {
    return [];
  }

  staticList(): Expression[] | undefined {
    return this.node.kind === 'array'
      ? this.node.values.map((v) => new LegacyExpression(v, this.ctx))
      : undefined;
  }

  staticMap(): { key: Expression; value: Expression }[] | undefined {
    if (this.node.kind !== 'object') return undefined;
    return this.node.properties.map((p) => ({
      key: new LegacyExpression({ kind: 'string', value: p.name, range: p.nameRange }, this.ctx),
      value: new LegacyExpression(p.value, this.ctx),
    }));
  }

  /** Legacy strings are never references, calls or keywords. */
  staticTraversal(): Traversal | undefined {
    return undefined;
  }

  staticCall(): StaticCall | undefined {
    return undefined;
  }

  staticKeyword(): string | undefined {
    return undefined;
  }

  private json(): JsonExpression {
    return new JsonExpression(this.node);
  }

  private valueOf(n: JsonNode, diags: Diagnostic[]): Value {
    switch (n.kind) {
      case 'string':
        return renderString(n.value, n.range, this.ctx, diags);
      case 'number':
        return numberVal(n.value);
      case 'bool':
        return boolVal(n.value);
      case 'null':
        return nullVal(DynamicType);
      case 'array':
        return tupleVal(n.values.map((v) => this.valueOf(v, diags)));
      case 'object': {
        const attrs = new Map<string, Value>();
        for (const p of n.properties) attrs.set(p.name, this.valueOf(p.value, diags));
        return objectVal(attrs);
      }
      default:
        return this.json().value(undefined).value;
    }
  }
}

/** A legacy string value rendered now, with diagnostics at the string. */
export function renderString(text: string, range: Range, ctx: GoTemplateContext, diags: Diagnostic[]): Value {
  const r = renderGoTemplate(text, ctx);
  for (const name of r.undefinedUsers) {
    diags.push(
      warningDiag(
        'Undefined user variable',
        `{{user \`${name}\`}} refers to a variable that is not declared in the "variables" section; it renders as an empty string.`,
        range,
      ),
    );
  }
  for (const message of r.errors) diags.push(errorDiag('Error interpolating template', message, range));
  const v = stringVal(r.text);
  return r.sensitive ? markValue(v, SensitiveMark) : v;
}

/**
 * An attribute's value for a plugin schema's type: legacy JSON values are weakly decoded as Packer
 * does (see valueAs); any other expression is simply evaluated in `ctx`.
 */
export function attributeValueFor(expr: Expression, want: Type, ctx: EvalContext | undefined): ValueResult {
  return expr instanceof LegacyExpression ? expr.valueAs(want) : expr.value(ctx);
}
