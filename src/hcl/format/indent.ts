/**
 * Indentation (hclwrite's `formatIndent`): two spaces per level, where a level is opened by a line whose
 * brackets net-open and closed by lines that net-close, tracked on a stack so that lines with unbalanced
 * brackets cannot push the indent too far either way.
 */
import { type FormatLine, tokenBracketChange } from './lines.js';

export function formatIndent(lines: readonly FormatLine[]): void {
  const indents: number[] = [];
  for (const line of lines) {
    const first = line.lead[0];
    if (first === undefined) continue;
    if (first.type === 'TokenNewline') {
      first.spacesBefore = 0;
      continue;
    }

    let net = 0;
    for (const tok of line.lead) {
      net += tokenBracketChange(tok);
      // A heredoc's body is on later lines; brackets inside it do not count for this line.
      if (tok.type === 'TokenOHeredoc') break;
    }
    for (const tok of line.assign ?? []) net += tokenBracketChange(tok);

    if (net > 0) {
      first.spacesBefore = 2 * indents.length;
      indents.push(net);
      continue;
    }
    let closed = -net;
    while (closed > 0 && indents.length > 0) {
      const top = indents[indents.length - 1]!;
      if (closed > top) {
        closed -= top;
        indents.pop();
      } else if (closed < top) {
        indents[indents.length - 1] = top - closed;
        closed = 0;
      } else {
        indents.pop();
        closed = 0;
      }
    }
    first.spacesBefore = 2 * indents.length;
  }
}
