/**
 * hclwrite's `format`: rewrite, in place, the spaces before each token of a lexed file: indentation first,
 * then spacing inside each cell, then vertical alignment of `=` and trailing comments.
 */
import { formatCells } from './align.js';
import { formatIndent } from './indent.js';
import { linesForFormat } from './lines.js';
import { formatSpaces } from './spacing.js';
import type { FmtToken } from './tokens.js';

export function formatTokens(tokens: readonly FmtToken[]): void {
  const lines = linesForFormat(tokens);
  formatIndent(lines);
  formatSpaces(lines);
  formatCells(lines);
}
