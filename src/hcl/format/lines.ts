/**
 * Splitting a token sequence into lines of up to three cells (hclwrite's `formatLine`): `lead` (everything
 * up to the others), `assign` (from an attribute's `=` to the end of the line, when the right-hand side
 * looks complete) and `comment` (a trailing single-line comment after other tokens).
 */
import type { FmtToken } from './tokens.js';

export interface FormatLine {
  lead: FmtToken[];
  assign: FmtToken[] | undefined;
  comment: FmtToken[] | undefined;
}

/** Newline tokens end a line, and so do `#`/`//` comments, which include their terminating newline. */
export function tokenIsNewline(tok: FmtToken): boolean {
  if (tok.type === 'TokenNewline') return true;
  return tok.type === 'TokenComment' && tok.text.endsWith('\n');
}

export function tokenBracketChange(tok: FmtToken): number {
  switch (tok.type) {
    case 'TokenOBrace':
    case 'TokenOBrack':
    case 'TokenOParen':
    case 'TokenTemplateControl':
    case 'TokenTemplateInterp':
      return 1;
    case 'TokenCBrace':
    case 'TokenCBrack':
    case 'TokenCParen':
    case 'TokenTemplateSeqEnd':
      return -1;
    default:
      return 0;
  }
}

function netBracketChange(tokens: readonly FmtToken[]): number {
  let n = 0;
  for (const t of tokens) n += tokenBracketChange(t);
  return n;
}

/** The EOF token belongs to no line, so its spacing is left as found. */
export function linesForFormat(tokens: readonly FmtToken[]): FormatLine[] {
  const lines: FormatLine[] = [];
  let current: FmtToken[] = [];
  for (const tok of tokens) {
    if (tok.type === 'TokenEOF') break;
    current.push(tok);
    if (tokenIsNewline(tok)) {
      lines.push({ lead: current, assign: undefined, comment: undefined });
      current = [];
    }
  }
  lines.push({ lead: current, assign: undefined, comment: undefined });

  for (const line of lines) splitCells(line);
  return lines;
}

function splitCells(line: FormatLine): void {
  const lead = line.lead;
  if (lead.length === 0) return;
  if (lead.length > 1 && lead[lead.length - 1]!.type === 'TokenComment') {
    line.comment = lead.slice(-1);
    line.lead = lead.slice(0, -1);
  }
  for (let i = 1; i < line.lead.length; i++) {
    if (line.lead[i]!.type !== 'TokenEqual') continue;
    // A net-opening bracket count means the expression continues on later lines: not an alignable cell.
    if (netBracketChange(line.lead.slice(i)) === 0) {
      line.assign = line.lead.slice(i);
      line.lead = line.lead.slice(0, i);
    }
    break;
  }
}
