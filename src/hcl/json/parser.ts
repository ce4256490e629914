/**
 * The JSON syntax parser (as hcl/json's parser): a recursive-descent parser over scanJson's tokens that
 * keeps duplicate properties and exact ranges, and explains common mistakes (trailing commas, `=` for
 * `:`, mismatched brackets, JavaScript-only keywords).
 */
import { type Diagnostic, errorDiag } from '../diagnostics.js';
import { editDistance } from '../did-you-mean.js';
import { BigFloat } from '../number.js';
import { type Pos, type Range, rangeBetween } from '../pos.js';
import type { JsonNode, JsonProperty } from './nodes.js';
import { nodeStartRange } from './nodes.js';
import { type JsonToken, scanJson } from './scanner.js';
import { decodeJsonString } from './string-literal.js';

const initial: Pos = { line: 1, column: 1, byte: 0 };

class Peeker {
  private index = 0;
  constructor(private readonly tokens: readonly JsonToken[]) {}
  peek(): JsonToken {
    return this.tokens[this.index]!;
  }
  read(): JsonToken {
    const t = this.tokens[this.index]!;
    if (t.type !== 'eof') this.index++;
    return t;
  }
}

/** Parses one JSON value, which must be followed only by whitespace. */
export function parseJsonValue(
  src: string,
  filename: string,
  start: Pos = initial,
): { node: JsonNode; diags: Diagnostic[] } {
  const p = new Peeker(scanJson(src, filename, start));
  const { node, diags } = parseValue(p);
  if (diags.length === 0 && p.peek().type !== 'eof') {
    diags.push(
      errorDiag(
        'Extraneous data after value',
        'Extra characters appear after the JSON value.',
        p.peek().range,
      ),
    );
  }
  return { node, diags };
}

type Parsed = { node: JsonNode | undefined; diags: Diagnostic[] };

function parseValue(p: Peeker): { node: JsonNode; diags: Diagnostic[] } {
  const tok = p.peek();
  const orInvalid = ({ node, diags }: Parsed) => ({
    node: node ?? { kind: 'invalid' as const, range: tok.range },
    diags,
  });
  const fail = (summary: string, detail: string) =>
    orInvalid({ node: undefined, diags: [errorDiag(summary, detail, tok.range)] });
  const badStart = 'A JSON value must start with a brace, a bracket, a number, a string, or a keyword.';
  switch (tok.type) {
    case '{':
      return orInvalid(parseObject(p));
    case '[':
      return orInvalid(parseArray(p));
    case 'number':
      return orInvalid(parseNumber(p));
    case 'string':
      return orInvalid(parseString(p));
    case 'keyword':
      return orInvalid(parseKeyword(p));
    case '}':
      return fail('Missing JSON value', badStart);
    case ']':
      return fail('Missing array element value', badStart);
    case 'eof':
      return fail('Missing value', 'The JSON data ends prematurely.');
    default:
      return fail('Invalid start of value', badStart);
  }
}

/** Skips ahead to what looks like the end of the current container, after an error inside it. */
function recover(p: Peeker, tok: JsonToken, open: '{' | '[', close: '}' | ']'): void {
  let depth = 1;
  for (;;) {
    if (tok.type === open) depth++;
    else if (tok.type === close) {
      depth--;
      if (depth <= 1) return;
    } else if (tok.type === 'eof') return;
    tok = p.read();
  }
}

function parseObject(p: Peeker): Parsed {
  const diags: Diagnostic[] = [];
  const open = p.read();
  const properties: JsonProperty[] = [];
  const failWith = (summary: string, detail: string, subject: Range): Parsed => {
    diags.push(errorDiag(summary, detail, subject));
    return { node: undefined, diags };
  };

  while (p.peek().type !== '}') {
    const key = parseValue(p);
    diags.push(...key.diags);
    if (key.node.kind !== 'string') {
      return failWith(
        'Invalid object property name',
        'A JSON object property name must be a string',
        nodeStartRange(key.node),
      );
    }

    const colon = p.read();
    if (colon.type !== ':') {
      recover(p, colon, '{', '}');
      if (colon.type === '}' || colon.type === ',') {
        return failWith(
          'Missing object value',
          'A JSON object attribute must have a value, introduced by a colon.',
          colon.range,
        );
      }
      if (colon.type === '=') {
        return failWith(
          'Missing property value colon',
          'JSON uses a colon as its name/value delimiter, not an equals sign.',
          colon.range,
        );
      }
      return failWith(
        'Missing property value colon',
        "A colon must appear between an object property's name and its value.",
        colon.range,
      );
    }

    const value = parseValue(p);
    diags.push(...value.diags);
    properties.push({ name: key.node.value, value: value.node, nameRange: key.node.range });

    const next = p.peek();
    if (next.type === ',') {
      const comma = p.read();
      if (p.peek().type === '}') {
        return failWith(
          'Trailing comma in object',
          'JSON does not permit a trailing comma after the final property in an object.',
          comma.range,
        );
      }
      continue;
    }
    if (next.type === 'eof') {
      return failWith('Unclosed object', 'No closing brace was found for this JSON object.', open.range);
    }
    if (next.type === ']') {
      p.read();
      return failWith(
        'Mismatched braces',
        'A JSON object must be closed with a brace, not a bracket.',
        p.peek().range,
      );
    }
    if (next.type === '}') break;
    recover(p, p.read(), '{', '}');
    return failWith(
      'Missing attribute seperator comma',
      'A comma must appear between each property definition in an object.',
      p.peek().range,
    );
  }

  const close = p.read();
  return {
    node: {
      kind: 'object',
      properties,
      range: rangeBetween(open.range, close.range),
      openRange: open.range,
      closeRange: close.range,
    },
    diags,
  };
}

function parseArray(p: Peeker): Parsed {
  const diags: Diagnostic[] = [];
  const open = p.read();
  const values: JsonNode[] = [];
  const failWith = (summary: string, detail: string, subject: Range): Parsed => {
    diags.push(errorDiag(summary, detail, subject));
    return { node: undefined, diags };
  };

  while (p.peek().type !== ']') {
    const value = parseValue(p);
    diags.push(...value.diags);
    values.push(value.node);

    const next = p.peek();
    if (next.type === ',') {
      const comma = p.read();
      if (p.peek().type === ']') {
        return failWith(
          'Trailing comma in array',
          'JSON does not permit a trailing comma after the final value in an array.',
          comma.range,
        );
      }
      continue;
    }
    if (next.type === ']') break;
    recover(p, p.read(), '[', ']');
    if (next.type === ':') {
      return failWith(
        'Invalid array value',
        'A colon is not used to introduce values in a JSON array.',
        p.peek().range,
      );
    }
    if (next.type === 'eof') {
      return failWith('Unclosed object', 'No closing bracket was found for this JSON array.', open.range);
    }
    if (next.type === '}') {
      return failWith(
        'Mismatched brackets',
        'A JSON array must be closed with a bracket, not a brace.',
        p.peek().range,
      );
    }
    return failWith(
      'Missing attribute seperator comma',
      'A comma must appear between each value in an array.',
      p.peek().range,
    );
  }

  const close = p.read();
  return {
    node: { kind: 'array', values, range: rangeBetween(open.range, close.range), openRange: open.range },
    diags,
  };
}

const jsonNumber = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

function parseNumber(p: Peeker): Parsed {
  const tok = p.read();
  const value = jsonNumber.test(tok.text) ? BigFloat.parse(tok.text) : undefined;
  if (value === undefined) {
    return {
      node: undefined,
      diags: [
        errorDiag('Invalid JSON number', 'There is a syntax error in the given JSON number.', tok.range),
      ],
    };
  }
  return { node: { kind: 'number', value, range: tok.range }, diags: [] };
}

function parseString(p: Peeker): Parsed {
  const tok = p.read();
  const decoded = decodeJsonString(tok.text);
  if (decoded.ok) return { node: { kind: 'string', value: decoded.value, range: tok.range }, diags: [] };

  // HCL moves the start by the error's byte offset in both byte and column, and marks one character.
  const at: Pos = {
    line: tok.range.start.line,
    column: tok.range.start.column + decoded.offset,
    byte: tok.range.start.byte + decoded.offset,
  };
  const subject: Range = {
    filename: tok.range.filename,
    start: at,
    end: { ...at, column: at.column + 1, byte: at.byte + 1 },
  };
  return {
    node: undefined,
    diags: [
      errorDiag(
        'Invalid JSON string',
        'There is a syntax error in the given JSON string.',
        subject,
        tok.range,
      ),
    ],
  };
}

const keywords = ['false', 'true', 'null'];

function parseKeyword(p: Peeker): Parsed {
  const tok = p.read();
  const s = tok.text;
  if (s === 'true' || s === 'false')
    return { node: { kind: 'bool', value: s === 'true', range: tok.range }, diags: [] };
  if (s === 'null') return { node: { kind: 'null', range: tok.range }, diags: [] };
  let detail: string;
  if (s === 'undefined' || s === 'NaN' || s === 'Infinity') {
    detail = `The JavaScript identifier ${JSON.stringify(s)} cannot be used in JSON.`;
  } else {
    // The first keyword that is close enough, in HCL's order.
    const suggestion = keywords.find((k) => editDistance(s, k) < 3);
    detail = `${JSON.stringify(s)} is not a valid JSON keyword.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`;
  }
  return { node: undefined, diags: [errorDiag('Invalid JSON keyword', detail, tok.range)] };
}
