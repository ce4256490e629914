/**
 * Vertical alignment (hclwrite's `formatCells`): on runs of consecutive lines that have an `assign` cell,
 * the `=` signs line up one column after the longest lead; then, on runs of lines with a trailing comment,
 * the comments line up one column after the longest lead+assign.
 */
import { columns } from './columns.js';
import type { FormatLine } from './lines.js';

export function formatCells(lines: readonly FormatLine[]): void {
  alignRuns(
    lines,
    (line) => line.assign !== undefined,
    (line) => columns(line.lead),
    (line, spaces) => {
      line.assign![0]!.spacesBefore = spaces;
    },
  );
  alignRuns(
    lines,
    (line) => line.comment !== undefined,
    (line) => columns(line.lead) + columns(line.assign ?? []),
    (line, spaces) => {
      line.comment![0]!.spacesBefore = spaces;
    },
  );
}

function alignRuns(
  lines: readonly FormatLine[],
  inRun: (line: FormatLine) => boolean,
  width: (line: FormatLine) => number,
  place: (line: FormatLine, spaces: number) => void,
): void {
  let start = -1;
  let max = 0;
  const close = (end: number) => {
    for (const line of lines.slice(start, end)) place(line, max - width(line) + 1);
    start = -1;
    max = 0;
  };
  lines.forEach((line, i) => {
    if (!inRun(line)) {
      if (start !== -1) close(i);
      return;
    }
    if (start === -1) start = i;
    max = Math.max(max, width(line));
  });
  if (start !== -1) close(lines.length);
}
