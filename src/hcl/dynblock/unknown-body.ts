/**
 * The body of a block generated from an unknown for_each (HCL dynblock's unknownBody): it has the
 * attributes and nested blocks of the content template, with their source ranges, but every attribute
 * evaluates to an unknown value, because a block itself cannot be unknown. Diagnostics about the
 * template not matching the schema are kept.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { BodyContent, BodySchema, HclAttribute, HclBody } from '../hcl.js';
import type { Range } from '../pos.js';
import type { Mark } from '../value.js';
import { DynamicVal, withMarks } from '../values.js';
import { StaticExpression } from './expr-wrap.js';

export class UnknownBody implements HclBody {
  /** Lets callers tell a block of unknown count/content from an ordinary one. */
  readonly unknown = true;

  constructor(
    readonly template: HclBody,
    private readonly valueMarks: ReadonlySet<Mark>,
  ) {}

  content(schema: BodySchema): { content: BodyContent; diags: Diagnostic[] } {
    const { content, diags } = this.template.content(schema);
    return { content: this.fixContent(content), diags };
  }

  partialContent(schema: BodySchema): { content: BodyContent; remain: HclBody; diags: Diagnostic[] } {
    const { content, remain, diags } = this.template.partialContent(schema);
    return { content: this.fixContent(content), remain: new UnknownBody(remain, this.valueMarks), diags };
  }

  justAttributes(): { attributes: ReadonlyMap<string, HclAttribute>; diags: Diagnostic[] } {
    const { attributes, diags } = this.template.justAttributes();
    return { attributes: this.fixAttributes(attributes), diags };
  }

  missingItemRange(): Range {
    return this.template.missingItemRange();
  }

  private fixContent(got: BodyContent): BodyContent {
    return {
      attributes: this.fixAttributes(got.attributes),
      blocks: got.blocks.map((b) => ({ ...b, body: new UnknownBody(b.body, this.valueMarks) })),
      missingItemRange: got.missingItemRange,
    };
  }

  private fixAttributes(got: ReadonlyMap<string, HclAttribute>): ReadonlyMap<string, HclAttribute> {
    const unknown = withMarks(DynamicVal, this.valueMarks);
    const out = new Map<string, HclAttribute>();
    for (const [name, attr] of got) {
      out.set(name, { ...attr, expr: new StaticExpression(unknown, attr.expr.range) });
    }
    return out;
  }
}

/** True for the body of a block that a dynamic block with an unknown for_each produced. */
export function isUnknownBody(body: HclBody): boolean {
  return body instanceof UnknownBody;
}
