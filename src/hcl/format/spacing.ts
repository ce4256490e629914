/**
 * Spacing between tokens within a cell (hclwrite's `formatSpaces` / `spaceAfterToken`), as of HCL v2.6.0,
 * the version Packer 1.6.6 vendors (so `!x` is written `! x`, and `::` is two colons).
 */
import { type FormatLine, tokenBracketChange } from './lines.js';
import { type FmtToken, type FmtTokenType, nilToken } from './tokens.js';

export function formatSpaces(lines: readonly FormatLine[]): void {
  for (const line of lines) {
    spaceCell(line.lead);
    if (line.assign !== undefined) {
      // The `=` is always separated from what precedes it (alignment adjusts this later).
      line.assign[0]!.spacesBefore = 1;
      spaceCell(line.assign);
    }
  }
}

function spaceCell(cell: readonly FmtToken[]): void {
  for (let i = 0; i + 1 < cell.length; i++) {
    const before = i > 0 ? cell[i - 1]! : nilToken;
    const after = cell[i + 1]!;
    after.spacesBefore = spaceAfterToken(cell[i]!, before, after) ? 1 : 0;
  }
}

const templateText = new Set<FmtTokenType>(['TokenQuotedLit', 'TokenStringLit']);
const negationPredecessors = new Set<FmtTokenType>([
  'TokenNil',
  'TokenOParen',
  'TokenOBrace',
  'TokenOBrack',
  'TokenEqual',
  'TokenColon',
  'TokenComma',
  'TokenQuestion',
  'TokenPlus',
  'TokenStar',
  'TokenSlash',
  'TokenPercent',
  'TokenMinus',
  'TokenEqualOp',
  'TokenNotEqual',
  'TokenGreaterThan',
  'TokenGreaterThanEq',
  'TokenLessThan',
  'TokenLessThanEq',
  'TokenAnd',
  'TokenOr',
  'TokenBang',
]);

/** Whether `subject` is followed by one space (else none), given its neighbours on the same cell. */
export function spaceAfterToken(subject: FmtToken, before: FmtToken, after: FmtToken): boolean {
  const s = subject.type;
  const a = after.type;
  if (a === 'TokenNewline' || a === 'TokenNil') return false;
  if (s === 'TokenIdent' && a === 'TokenOParen') return false;
  if (s === 'TokenDot' || a === 'TokenDot') return false;
  if (a === 'TokenComma' || a === 'TokenEllipsis') return false;
  if (s === 'TokenComma') return true;
  if (
    templateText.has(s) ||
    s === 'TokenOQuote' ||
    s === 'TokenOHeredoc' ||
    templateText.has(a) ||
    a === 'TokenCQuote' ||
    a === 'TokenCHeredoc'
  ) {
    return false;
  }
  // `in` after an identifier is the for-expression keyword, so `in [foo]` keeps its space.
  if (s === 'TokenIdent' && subject.text === 'in' && before.type === 'TokenIdent') return true;
  if (
    a === 'TokenOBrack' &&
    (s === 'TokenIdent' || s === 'TokenNumberLit' || tokenBracketChange(subject) < 0)
  ) {
    return false;
  }
  // A minus after something that cannot end an operand is a negation, written without a space.
  if (s === 'TokenMinus') return !negationPredecessors.has(before.type);
  if (s === 'TokenOBrace' || a === 'TokenCBrace') return !(s === 'TokenOBrace' && a === 'TokenCBrace');
  if ((s === 'TokenTemplateInterp' || s === 'TokenTemplateControl') && a === 'TokenOBrace') return true;
  if (s === 'TokenCBrace' && a === 'TokenTemplateSeqEnd') return true;
  if (s === 'TokenTemplateSeqEnd' && (a === 'TokenTemplateInterp' || a === 'TokenTemplateControl'))
    return false;
  if (tokenBracketChange(subject) > 0) return false;
  if (tokenBracketChange(after) < 0) return false;
  return true;
}
