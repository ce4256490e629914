/**
 * HCL's JSON syntax (for *.pkr.json and *.pkrvars.json): parse a file into an HclBody, or a value
 * into an Expression.
 */
import { type Diagnostic, errorDiag } from '../diagnostics.js';
import type { HclBody, HclFile } from '../hcl.js';
import { initialPos, type Pos, type Range } from '../pos.js';
import { JsonBody } from './body.js';
import { JsonExpression } from './expression.js';
import { type JsonNode, nodeStartRange } from './nodes.js';
import { parseJsonValue } from './parser.js';

export { JsonBody } from './body.js';
export { JsonExpression } from './expression.js';
export type { JsonNode, JsonProperty } from './nodes.js';

/**
 * Parses a JSON configuration file. The root must be an object or an array of objects; otherwise an
 * error is reported and the body is empty. The file is returned even with errors (partial content).
 */
export function parseJson(
  src: string,
  filename: string,
  start: Pos = initialPos,
): { file: HclFile; body: HclBody; diags: Diagnostic[] } {
  let { node, diags } = parseJsonValue(src, filename, start);
  if (node.kind !== 'object' && node.kind !== 'array') {
    diags = [
      ...diags,
      errorDiag(
        'Root value must be object',
        'The root value in a JSON-based configuration must be either a JSON object or a JSON array of objects.',
        nodeStartRange(node),
      ),
    ];
    // An empty placeholder, so that decoding the body does not repeat the complaint.
    const here: Range = { filename, start: initialPos, end: initialPos };
    node = {
      kind: 'object',
      properties: [],
      range: here,
      openRange: here,
      closeRange: here,
    } satisfies JsonNode;
  }
  const body = new JsonBody(node);
  return { file: { body, bytes: src, filename }, body, diags };
}

/** Parses a standalone JSON value as an expression. */
export function parseJsonExpression(
  src: string,
  filename: string,
  start: Pos = initialPos,
): { expr: JsonExpression; diags: Diagnostic[] } {
  const { node, diags } = parseJsonValue(src, filename, start);
  return { expr: new JsonExpression(node), diags };
}
