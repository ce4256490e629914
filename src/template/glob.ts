/**
 * Glob patterns as Packer's -only/-except read them (github.com/gobwas/glob, compiled without
 * separators): `*` and `**` match any text (dots included), `?` one character, `[abc]`, `[a-z]`,
 * `[!…]` one character in (or not in) a set, `{a,b}` alternatives, `\` escapes. Compiled to an
 * anchored RegExp; compile errors carry gobwas's messages.
 */

export type GlobResult =
  | { readonly ok: true; readonly glob: Glob }
  | { readonly ok: false; readonly error: string };

export interface Glob {
  readonly pattern: string;
  match(text: string): boolean;
}

export function compileGlob(pattern: string): GlobResult {
  try {
    const source = new GlobParser(pattern).parse();
    const re = new RegExp(`^(?:${source})$`, 'u');
    return { ok: true, glob: { pattern, match: (text) => re.test(text) } };
  } catch (e) {
    if (e instanceof GlobSyntaxError) return { ok: false, error: e.message };
    throw e;
  }
}

class GlobSyntaxError extends Error {}

const TEXT_BREAKERS = ['?', '*', '[', '{'];
const TERMS_BREAKERS = [...TEXT_BREAKERS, '}', ','];

class GlobParser {
  private readonly chars: string[];
  private pos = 0;
  private termsLevel = 0;

  constructor(pattern: string) {
    this.chars = [...pattern];
  }

  parse(): string {
    let out = '';
    while (this.pos < this.chars.length) {
      const c = this.chars[this.pos++]!;
      if (c === '{') {
        this.termsLevel++;
        out += '(?:';
      } else if (c === ',' && this.termsLevel > 0) {
        out += '|';
      } else if (c === '}' && this.termsLevel > 0) {
        this.termsLevel--;
        out += ')';
      } else if (c === '[') {
        out += this.range();
      } else if (c === '?') {
        out += '[\\s\\S]';
      } else if (c === '*') {
        if (this.chars[this.pos] === '*') this.pos++;
        out += '[\\s\\S]*';
      } else {
        this.pos--;
        out += escapeRegExp(this.text(this.termsLevel > 0 ? TERMS_BREAKERS : TEXT_BREAKERS));
      }
    }
    // gobwas accepts an unclosed `{`: the alternatives run to the end of the pattern.
    return out + ')'.repeat(this.termsLevel);
  }

  /** After `[`: `[!]lo-hi]` or `[!]chars]`. */
  private range(): string {
    let not = false;
    if (this.chars[this.pos] === '!') {
      not = true;
      this.pos++;
    }
    if (this.pos >= this.chars.length) throw new GlobSyntaxError('unexpected end of input');
    let body: string;
    if (this.chars[this.pos + 1] === '-') {
      const lo = this.chars[this.pos]!;
      this.pos += 2;
      const hi = this.chars[this.pos++];
      if (hi === undefined) throw new GlobSyntaxError('unexpected end of input');
      if (hi.codePointAt(0)! < lo.codePointAt(0)!) {
        throw new GlobSyntaxError(`hi character '${hi}' should be greater than lo '${lo}'`);
      }
      body = `${escapeClassChar(lo)}-${escapeClassChar(hi)}`;
    } else {
      const chars = this.text([']']);
      if (chars === '') {
        if (this.pos >= this.chars.length) throw new GlobSyntaxError('unexpected end of input');
        this.pos++;
        throw new GlobSyntaxError('could not parse range');
      }
      body = [...chars].map(escapeClassChar).join('');
    }
    const close = this.chars[this.pos++];
    if (close === undefined) throw new GlobSyntaxError('unexpected end of input');
    if (close !== ']') throw new GlobSyntaxError('expected close range character');
    return `[${not ? '^' : ''}${body}]`;
  }

  /** Literal text up to a breaker (a `\` escapes the next character; a trailing one is dropped). */
  private text(breakers: readonly string[]): string {
    let out = '';
    while (this.pos < this.chars.length) {
      const c = this.chars[this.pos]!;
      if (c === '\\') {
        this.pos++;
        if (this.pos < this.chars.length) out += this.chars[this.pos++]!;
        continue;
      }
      if (breakers.includes(c)) break;
      out += c;
      this.pos++;
    }
    return out;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

function escapeClassChar(c: string): string {
  return /[\\\]^-]/.test(c) ? `\\${c}` : c;
}
