/**
 * A provisioner body with one source's `override` applied: the overriding attributes replace the
 * body's attributes of the same name (Packer merges the override map over the decoded config).
 * Overrides naming no argument of the schema are reported as HCL reports an unsupported argument.
 */
import { type Diagnostic, errorDiag } from '../hcl/diagnostics.js';
import { nameSuggestion } from '../hcl/did-you-mean.js';
import type {
  BodyContent,
  BodySchema,
  EvalContext,
  Expression,
  HclAttribute,
  HclBody,
  ValueResult,
} from '../hcl/hcl.js';
import type { Range } from '../hcl/pos.js';
import type { Traversal } from '../hcl/traversal.js';
import type { Value } from '../hcl/value.js';
import { entries, hasIndex } from '../hcl/values.js';
import type { ProvisionerBlock } from './model.js';

export function applyOverrides(body: HclBody, overrides: ReadonlyMap<string, HclAttribute>): HclBody {
  return overrides.size === 0 ? body : new OverriddenBody(body, overrides);
}

class OverriddenBody implements HclBody {
  constructor(
    private readonly base: HclBody,
    private readonly overrides: ReadonlyMap<string, HclAttribute>,
  ) {}

  content(schema: BodySchema): { content: BodyContent; diags: Diagnostic[] } {
    const { content, diags } = this.base.content(this.relaxed(schema));
    const { attributes, leftovers } = this.merge(schema, content.attributes);
    for (const attr of leftovers.values()) diags.push(unsupported(attr, schema));
    return { content: { ...content, attributes }, diags };
  }

  partialContent(schema: BodySchema): { content: BodyContent; remain: HclBody; diags: Diagnostic[] } {
    const { content, remain, diags } = this.base.partialContent(this.relaxed(schema));
    const { attributes, leftovers } = this.merge(schema, content.attributes);
    return { content: { ...content, attributes }, remain: applyOverrides(remain, leftovers), diags };
  }

  justAttributes(): { attributes: ReadonlyMap<string, HclAttribute>; diags: Diagnostic[] } {
    const { attributes, diags } = this.base.justAttributes();
    const merged = new Map(attributes);
    for (const [name, attr] of this.overrides) merged.set(name, attr);
    return { attributes: merged, diags };
  }

  missingItemRange(): Range {
    return this.base.missingItemRange();
  }

  /** An overridden required argument is present even when the base body lacks it. */
  private relaxed(schema: BodySchema): BodySchema {
    return {
      ...schema,
      attributes: schema.attributes?.map((a) => (this.overrides.has(a.name) ? { name: a.name } : a)),
    };
  }

  private merge(
    schema: BodySchema,
    base: ReadonlyMap<string, HclAttribute>,
  ): { attributes: Map<string, HclAttribute>; leftovers: Map<string, HclAttribute> } {
    const wanted = new Set((schema.attributes ?? []).map((a) => a.name));
    const attributes = new Map(base);
    const leftovers = new Map<string, HclAttribute>();
    for (const [name, attr] of this.overrides) {
      if (wanted.has(name)) attributes.set(name, attr);
      else leftovers.set(name, attr);
    }
    return { attributes, leftovers };
  }
}

function unsupported(attr: HclAttribute, schema: BodySchema): Diagnostic {
  const suggestion = nameSuggestion(
    attr.name,
    (schema.attributes ?? []).map((a) => a.name),
  );
  const hint = suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`;
  return errorDiag(
    'Unsupported argument',
    `An argument named "${attr.name}" is not expected here.${hint}`,
    attr.nameRange,
  );
}

/** An expression standing for an already evaluated value (for overrides not written literally). */
export function valueExpression(value: Value, range: Range): Expression {
  return {
    range,
    startRange: range,
    value: (_ctx: EvalContext | undefined): ValueResult => ({ value, diags: [] }),
    variables: (): Traversal[] => [],
    staticList: () => undefined,
    staticMap: () => undefined,
    staticTraversal: () => undefined,
    staticCall: () => undefined,
    staticKeyword: () => undefined,
  };
}

/** A model built without literal override attributes (legacy JSON) has only the evaluated value. */
export function overridesFromValue(
  p: Pick<ProvisionerBlock, 'override' | 'declRange'>,
  sourceName: string,
): Map<string, HclAttribute> | undefined {
  if (!p.override || !hasIndex(p.override, sourceName)) return undefined;
  const options = entries(p.override).find(([name]) => name === sourceName)![1];
  if (options.state !== 'known' || (options.type.kind !== 'object' && options.type.kind !== 'map')) {
    return undefined;
  }
  const attrs = new Map<string, HclAttribute>();
  for (const [name, value] of entries(options)) {
    attrs.set(name, {
      name,
      expr: valueExpression(value, p.declRange),
      range: p.declRange,
      nameRange: p.declRange,
    });
  }
  return attrs;
}
