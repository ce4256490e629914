/**
 * The native-syntax body (hclsyntax.Body): decoding against a schema, with HCL's diagnostics for
 * unexpected, missing and mislabelled items. partialContent returns a body that hides what the
 * schema consumed, so a later content() call reports only the leftovers.
 */
import type * as ast from '../ast.js';
import { type Diagnostic, errorDiag } from '../diagnostics.js';
import { nameSuggestion } from '../did-you-mean.js';
import type { BodyContent, BodySchema, HclAttribute, HclBlock, HclBody } from '../hcl.js';
import { type Range, rangeBetween } from '../pos.js';
import { nativeExpression } from './expression.js';

export class NativeBody implements HclBody {
  constructor(
    readonly node: ast.Body,
    private readonly hiddenAttrs: ReadonlySet<string> = new Set(),
    private readonly hiddenBlocks: ReadonlySet<string> = new Set(),
  ) {}

  get range(): Range {
    return this.node.range;
  }

  missingItemRange(): Range {
    const r = this.node.range;
    return { filename: r.filename, start: r.start, end: r.start };
  }

  content(schema: BodySchema): { content: BodyContent; diags: Diagnostic[] } {
    const { content, remain, diags } = this.partialContent(schema);
    const leftover = remain as NativeBody;
    for (const attr of uniqueAttributes(this.node)) {
      if (leftover.hiddenAttrs.has(attr.name)) continue;
      const candidates = (schema.attributes ?? [])
        .map((a) => a.name)
        .filter((n) => !content.attributes.has(n));
      const suggestion = nameSuggestion(attr.name, candidates);
      let hint = suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`;
      if (suggestion === undefined && (schema.blocks ?? []).some((b) => b.type === attr.name)) {
        hint = ` Did you mean to define a block of type "${attr.name}"?`;
      }
      diags.push(
        errorDiag(
          'Unsupported argument',
          `An argument named "${attr.name}" is not expected here.${hint}`,
          attr.nameRange,
        ),
      );
    }
    for (const block of this.node.blocks) {
      if (leftover.hiddenBlocks.has(block.type)) continue;
      const suggestion = nameSuggestion(
        block.type,
        (schema.blocks ?? []).map((b) => b.type),
      );
      let hint = suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`;
      if (suggestion === undefined && (schema.attributes ?? []).some((a) => a.name === block.type)) {
        hint = ` Did you mean to define argument "${block.type}"? If so, use the equals sign to assign it a value.`;
      }
      diags.push(
        errorDiag(
          'Unsupported block type',
          `Blocks of type "${block.type}" are not expected here.${hint}`,
          block.typeRange,
        ),
      );
    }
    return { content, diags };
  }

  partialContent(schema: BodySchema): { content: BodyContent; remain: HclBody; diags: Diagnostic[] } {
    const diags: Diagnostic[] = [];
    const hiddenAttrs = new Set(this.hiddenAttrs);
    const hiddenBlocks = new Set(this.hiddenBlocks);
    const byName = new Map(uniqueAttributes(this.node).map((a) => [a.name, a]));

    const attributes = new Map<string, HclAttribute>();
    for (const attrS of schema.attributes ?? []) {
      const attr = byName.get(attrS.name);
      if (!attr || hiddenAttrs.has(attrS.name)) {
        if (attrS.required) {
          diags.push(
            errorDiag(
              'Missing required argument',
              `The argument "${attrS.name}" is required, but no definition was found.`,
              this.missingItemRange(),
            ),
          );
        }
        continue;
      }
      hiddenAttrs.add(attrS.name);
      attributes.set(attrS.name, asHclAttribute(attr));
    }

    const wanted = new Map((schema.blocks ?? []).map((b) => [b.type, b]));
    const blocks: HclBlock[] = [];
    for (const block of this.node.blocks) {
      if (hiddenBlocks.has(block.type)) continue;
      const blockS = wanted.get(block.type);
      if (!blockS) continue;
      const labelNames = blockS.labelNames ?? [];
      const header = rangeBetween(block.typeRange, block.openBraceRange);
      if (block.labels.length > labelNames.length) {
        const detail =
          labelNames.length === 0
            ? `No labels are expected for ${block.type} blocks.`
            : `Only ${labelNames.length} labels (${labelNames.join(', ')}) are expected for ${block.type} blocks.`;
        diags.push(
          errorDiag(
            `Extraneous label for ${block.type}`,
            detail,
            block.labelRanges[labelNames.length],
            header,
          ),
        );
        continue;
      }
      if (block.labels.length < labelNames.length) {
        diags.push(
          errorDiag(
            `Missing ${labelNames[block.labels.length]} for ${block.type}`,
            `All ${block.type} blocks must have ${labelNames.length} labels (${labelNames.join(', ')}).`,
            block.openBraceRange,
            header,
          ),
        );
        continue;
      }
      blocks.push(asHclBlock(block));
    }
    // Hidden only after the loop, so that every block of a wanted type is taken.
    for (const blockS of schema.blocks ?? []) hiddenBlocks.add(blockS.type);

    const remain = new NativeBody(this.node, hiddenAttrs, hiddenBlocks);
    return { content: { attributes, blocks, missingItemRange: this.missingItemRange() }, remain, diags };
  }

  justAttributes(): { attributes: ReadonlyMap<string, HclAttribute>; diags: Diagnostic[] } {
    const diags: Diagnostic[] = [];
    const example = this.node.blocks[0];
    if (example) {
      diags.push(
        errorDiag(`Unexpected "${example.type}" block`, 'Blocks are not allowed here.', example.typeRange),
      );
    }
    const attributes = new Map<string, HclAttribute>();
    for (const attr of uniqueAttributes(this.node)) {
      if (this.hiddenAttrs.has(attr.name)) continue;
      attributes.set(attr.name, asHclAttribute(attr));
    }
    return { attributes, diags };
  }
}

/** The body's attributes, keeping only the first definition of each name (the parser reports the rest). */
function uniqueAttributes(body: ast.Body): ast.Attribute[] {
  const seen = new Set<string>();
  const out: ast.Attribute[] = [];
  for (const attr of body.attributes) {
    if (seen.has(attr.name)) continue;
    seen.add(attr.name);
    out.push(attr);
  }
  return out;
}

const bodyCache = new WeakMap<ast.Body, NativeBody>();

/** The HclBody of an AST body (one wrapper per node). */
export function nativeBody(body: ast.Body): NativeBody {
  let b = bodyCache.get(body);
  if (!b) {
    b = new NativeBody(body);
    bodyCache.set(body, b);
  }
  return b;
}

export function asHclAttribute(attr: ast.Attribute): HclAttribute {
  return { name: attr.name, expr: nativeExpression(attr.expr), range: attr.range, nameRange: attr.nameRange };
}

export function asHclBlock(block: ast.Block): HclBlock {
  const lastHeader =
    block.labelRanges.length > 0 ? block.labelRanges[block.labelRanges.length - 1]! : block.typeRange;
  return {
    type: block.type,
    labels: block.labels,
    body: nativeBody(block.body),
    defRange: rangeBetween(block.typeRange, lastHeader),
    typeRange: block.typeRange,
    labelRanges: block.labelRanges,
  };
}
