/**
 * The diagnostic text writer, in the shape of HCL's: severity and summary, the file and line with the
 * enclosing top-level block, the numbered source line(s) with the subject underlined by carets, then
 * the detail.
 */
import type { Diagnostic } from './diagnostics.js';
import type { Range } from './pos.js';
import { graphemeCount } from './unicode.js';

/** What the renderer knows of a source file: its text and, optionally, a way to name the enclosing block. */
export interface SourceFile {
  readonly text: string;
  /** e.g. `source "qemu" "base"` for a byte offset inside that block, or undefined. */
  readonly contextAt?: (byte: number) => string | undefined;
}

/** A registry of the files diagnostics may point into, keyed by the filename used in ranges. */
export type SourceFiles = ReadonlyMap<string, SourceFile>;

export interface RenderOptions {
  /** Wrap the detail paragraph at this many columns; 0 = no wrapping. */
  readonly width?: number;
  readonly color?: boolean;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function renderDiagnostic(diag: Diagnostic, files: SourceFiles, opts: RenderOptions = {}): string {
  const color = opts.color ?? false;
  const paint = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const label = diag.severity === 'error' ? paint('1;31', 'Error: ') : paint('1;33', 'Warning: ');
  let out = `${label}${paint('1', diag.summary)}\n\n`;
  if (diag.subject) {
    const subject = diag.subject;
    const file = files.get(subject.filename);
    const context = file?.contextAt?.(subject.start.byte);
    out += `  on ${subject.filename} line ${subject.start.line}${context ? `, in ${context}` : ''}:\n`;
    out += file ? snippet(file.text, subject, diag.context, paint) : '  (source code not available)\n';
    out += '\n';
  }
  if (diag.detail) out += `${wrap(diag.detail, opts.width ?? 0)}\n\n`;
  return out;
}

export function renderDiagnostics(
  diags: readonly Diagnostic[],
  files: SourceFiles,
  opts: RenderOptions = {},
): string {
  return diags.map((d) => renderDiagnostic(d, files, opts)).join('');
}

/** The numbered lines covering subject ∪ context, with carets under the part of each line in the subject. */
function snippet(
  text: string,
  subject: Range,
  context: Range | undefined,
  paint: (c: string, s: string) => string,
): string {
  const bytes = encoder.encode(text);
  const firstLine = Math.min(subject.start.line, context?.start.line ?? Number.POSITIVE_INFINITY);
  const lastLine = Math.max(lastLineOf(subject), context ? lastLineOf(context) : 0);
  let out = '';
  let lineStart = 0;
  let lineNo = 1;
  while (lineStart <= bytes.length && lineNo <= lastLine) {
    let lineEnd = bytes.indexOf(0x0a, lineStart);
    if (lineEnd < 0) lineEnd = bytes.length;
    if (lineNo >= firstLine) {
      const contentEnd = lineEnd > lineStart && bytes[lineEnd - 1] === 0x0d ? lineEnd - 1 : lineEnd;
      const line = decoder.decode(bytes.subarray(lineStart, contentEnd));
      const hiStart = Math.max(subject.start.byte, lineStart);
      const hiEnd = Math.min(subject.end.byte, contentEnd);
      const gutter = `${String(lineNo).padStart(4)}: `;
      if (hiStart <= hiEnd && lineNo >= subject.start.line && lineNo <= lastLineOf(subject)) {
        const before = decoder.decode(bytes.subarray(lineStart, hiStart));
        const hi = decoder.decode(bytes.subarray(hiStart, hiEnd));
        const after = decoder.decode(bytes.subarray(hiEnd, contentEnd));
        out += `${gutter}${before}${paint('4', hi)}${after}\n`;
        const pad = ' '.repeat(gutter.length + displayWidth(before));
        out += `${pad}${paint('1;31', '^'.repeat(Math.max(1, displayWidth(hi))))}\n`;
      } else {
        out += `${gutter}${line}\n`;
      }
    }
    lineStart = lineEnd + 1;
    lineNo++;
  }
  return out;
}

/** The last line a range covers: its end is exclusive, so a range ending at column 1 stops the line before. */
function lastLineOf(r: Range): number {
  return r.end.column === 1 && r.end.line > r.start.line ? r.end.line - 1 : r.end.line;
}

/** Columns a string occupies: one per grapheme cluster, tabs included (as HCL numbers columns). */
const displayWidth = graphemeCount;

function wrap(text: string, width: number): string {
  if (width <= 0) return text;
  return text
    .split('\n')
    .map((para) => {
      const words = para.split(' ');
      const lines: string[] = [];
      let cur = '';
      for (const w of words) {
        if (cur && cur.length + 1 + w.length > width) {
          lines.push(cur);
          cur = w;
        } else cur = cur ? `${cur} ${w}` : w;
      }
      lines.push(cur);
      return lines.join('\n');
    })
    .join('\n');
}
