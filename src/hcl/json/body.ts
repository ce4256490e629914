/**
 * A JSON value read as an HCL body (as hcl/json's body). JSON cannot tell attributes from blocks, so
 * the schema decides: a property named like a schema attribute is that attribute; one named like a
 * block type holds blocks, with one level of nested object per label and an object (one block) or an
 * array of objects (several) as the body. A body may also be an array of objects, read in order, and
 * repeated property names are kept in document order. Properties named "//" are comments.
 */
import { type Diagnostic, errorDiag } from '../diagnostics.js';
import { nameSuggestion } from '../did-you-mean.js';
import type { BodyContent, BodySchema, HclAttribute, HclBlock, HclBody } from '../hcl.js';
import { formatRange, type Range, rangeBetween } from '../pos.js';
import { JsonExpression } from './expression.js';
import { type JsonNode, type JsonProperty, nodeStartRange } from './nodes.js';

const commentProperty = '//';

export class JsonBody implements HclBody {
  /**
   * @param node the JSON value holding the body (an object, or an array of objects)
   * @param hidden property names already consumed by partialContent, treated as absent
   */
  constructor(
    readonly node: JsonNode,
    private readonly hidden: ReadonlySet<string> = new Set(),
  ) {}

  content(schema: BodySchema): { content: BodyContent; diags: Diagnostic[] } {
    const { content, remain, diags } = this.partialContent(schema);
    const used = (remain as JsonBody).hidden;

    // Attributes can be suggested only while still unused; block types may repeat.
    const suggestions = [
      ...(schema.attributes ?? []).filter((a) => !used.has(a.name)).map((a) => a.name),
      ...(schema.blocks ?? []).map((b) => b.type),
    ];
    const { properties, diags: propDiags } = collectProperties(this.node);
    diags.push(...propDiags);
    for (const prop of properties) {
      if (prop.name === commentProperty || used.has(prop.name)) continue;
      const suggestion = firstSuggestion(prop.name, suggestions);
      diags.push(
        errorDiag(
          'Extraneous JSON object property',
          `No argument or block type is named ${JSON.stringify(prop.name)}.${suggestion}`,
          prop.nameRange,
          propertyRange(prop),
        ),
      );
    }
    return { content, diags };
  }

  partialContent(schema: BodySchema): { content: BodyContent; remain: HclBody; diags: Diagnostic[] } {
    const { properties, diags } = collectProperties(this.node);
    const used = new Set(this.hidden);
    const attributes = new Map<string, HclAttribute>();
    const blocks: HclBlock[] = [];
    const attrSchemas = new Map((schema.attributes ?? []).map((a) => [a.name, a]));
    const blockSchemas = new Map((schema.blocks ?? []).map((b) => [b.type, b]));

    for (const prop of properties) {
      if (this.hidden.has(prop.name)) continue;
      if (attrSchemas.has(prop.name)) {
        const existing = attributes.get(prop.name);
        if (existing) {
          diags.push(
            errorDiag(
              'Duplicate argument',
              `The argument ${JSON.stringify(prop.name)} was already set at ${formatRange(existing.range)}.`,
              prop.nameRange,
              propertyRange(prop),
            ),
          );
          continue;
        }
        attributes.set(prop.name, attributeOf(prop));
        used.add(prop.name);
      } else {
        const blockSchema = blockSchemas.get(prop.name);
        if (blockSchema) {
          unpackBlock(
            prop.value,
            blockSchema.type,
            prop.nameRange,
            blockSchema.labelNames ?? [],
            [],
            [],
            blocks,
            diags,
          );
          used.add(prop.name);
        }
      }
      // Anything else is left for the remaining body; content() reports it.
    }

    for (const a of schema.attributes ?? []) {
      if (a.required && !attributes.has(a.name)) {
        diags.push(
          errorDiag(
            'Missing required argument',
            `The argument ${JSON.stringify(a.name)} is required, but no definition was found.`,
            this.missingItemRange(),
          ),
        );
      }
    }

    return {
      content: { attributes, blocks, missingItemRange: this.missingItemRange() },
      remain: new JsonBody(this.node, used),
      diags,
    };
  }

  justAttributes(): { attributes: ReadonlyMap<string, HclAttribute>; diags: Diagnostic[] } {
    const attributes = new Map<string, HclAttribute>();
    const diags: Diagnostic[] = [];
    if (this.node.kind !== 'object') {
      diags.push(
        errorDiag(
          'Incorrect JSON value type',
          'A JSON object is required here, setting the arguments for this block.',
          nodeStartRange(this.node),
        ),
      );
      return { attributes, diags };
    }
    for (const prop of this.node.properties) {
      if (prop.name === commentProperty || this.hidden.has(prop.name)) continue;
      const existing = attributes.get(prop.name);
      if (existing) {
        diags.push(
          errorDiag(
            'Duplicate attribute definition',
            `The argument ${JSON.stringify(prop.name)} was already set at ${formatRange(existing.range)}.`,
            prop.nameRange,
          ),
        );
        continue;
      }
      attributes.set(prop.name, attributeOf(prop));
    }
    return { attributes, diags };
  }

  missingItemRange(): Range {
    switch (this.node.kind) {
      case 'object':
        return this.node.closeRange;
      case 'array':
        return this.node.openRange;
      default:
        return nodeStartRange(this.node);
    }
  }
}

function attributeOf(prop: JsonProperty): HclAttribute {
  return {
    name: prop.name,
    expr: new JsonExpression(prop.value),
    range: propertyRange(prop),
    nameRange: prop.nameRange,
  };
}

function propertyRange(prop: JsonProperty): Range {
  return rangeBetween(prop.nameRange, prop.value.range);
}

/** HCL's JSON syntax suggests the first candidate in schema order that is close enough. */
function firstSuggestion(given: string, candidates: readonly string[]): string {
  for (const c of candidates) {
    if (nameSuggestion(given, [c]) !== undefined) return ` Did you mean ${JSON.stringify(c)}?`;
  }
  return '';
}

/**
 * Peels one label level per remaining label name (each property name is a label), then reads the
 * innermost value as one block body (object) or several (array). null means no blocks.
 */
function unpackBlock(
  value: JsonNode,
  typeName: string,
  typeRange: Range,
  labelsLeft: readonly string[],
  labels: readonly string[],
  labelRanges: readonly Range[],
  blocks: HclBlock[],
  diags: Diagnostic[],
): void {
  if (labelsLeft.length > 0) {
    const labelName = labelsLeft[0]!;
    const { properties, diags: propDiags } = collectProperties(value, labelName);
    diags.push(...propDiags);
    if (properties.length === 0) {
      diags.push(
        errorDiag(
          'Missing block label',
          `At least one object property is required, whose name represents the ${typeName} block's ${labelName}.`,
          nodeStartRange(value),
        ),
      );
      return;
    }
    for (const prop of properties) {
      unpackBlock(
        prop.value,
        typeName,
        typeRange,
        labelsLeft.slice(1),
        [...labels, prop.name],
        [...labelRanges, prop.nameRange],
        blocks,
        diags,
      );
    }
    return;
  }

  const block = (body: JsonNode, defRange: Range): HclBlock => ({
    type: typeName,
    labels,
    body: new JsonBody(body),
    defRange,
    typeRange,
    labelRanges,
  });
  switch (value.kind) {
    case 'null':
      return;
    case 'object':
      blocks.push(block(value, value.openRange));
      return;
    case 'array':
      // An element that is not an object is reported when its body's content is requested.
      for (const element of value.values) blocks.push(block(element, value.openRange));
      return;
    default:
      diags.push(
        errorDiag(
          'Incorrect JSON value type',
          `Either a JSON object or a JSON array is required, representing the contents of one or more ${JSON.stringify(typeName)} blocks.`,
          nodeStartRange(value),
        ),
      );
  }
}

/**
 * The properties of an object, or of each object of an array, flattened in order. `labelName` only
 * tailors the messages for label levels.
 */
function collectProperties(
  value: JsonNode,
  labelName?: string,
): { properties: JsonProperty[]; diags: Diagnostic[] } {
  const properties: JsonProperty[] = [];
  const diags: Diagnostic[] = [];
  switch (value.kind) {
    case 'null':
      break;
    case 'object':
      properties.push(...value.properties);
      break;
    case 'array':
      for (const element of value.values) {
        if (element.kind === 'object') {
          properties.push(...element.properties);
          continue;
        }
        diags.push(
          errorDiag(
            'Incorrect JSON value type',
            labelName !== undefined
              ? `A JSON object is required here, to specify ${labelName} labels for this block.`
              : 'A JSON object is required here, to define arguments and child blocks.',
            nodeStartRange(element),
          ),
        );
      }
      break;
    default:
      diags.push(
        errorDiag(
          'Incorrect JSON value type',
          labelName !== undefined
            ? `Either a JSON object or JSON array of objects is required here, to specify ${labelName} labels for this block.`
            : 'Either a JSON object or JSON array of objects is required here, to define arguments and child blocks.',
          nodeStartRange(value),
        ),
      );
  }
  return { properties, diags };
}
