/**
 * One entry point for reading a configuration file in either syntax: `*.json` files use HCL's JSON
 * syntax, everything else the native syntax. The result also knows how to show itself in diagnostics.
 */
import type * as ast from './ast.js';
import type { Diagnostic } from './diagnostics.js';
import type { HclFile } from './hcl.js';
import { parseJson } from './json/index.js';
import { nativeBody } from './native/body.js';
import { parseConfig } from './native/parser.js';
import type { SourceFile } from './render.js';

export interface ParsedFile {
  readonly file: HclFile;
  readonly diags: Diagnostic[];
  /** The native AST (absent for JSON files). */
  readonly ast?: ast.Body;
  /** For the diagnostic renderer. */
  readonly source: SourceFile;
}

export function isJsonFilename(filename: string): boolean {
  return filename.toLowerCase().endsWith('.json');
}

export function parseHclFile(src: string, filename: string): ParsedFile {
  if (isJsonFilename(filename)) {
    const { file, diags } = parseJson(src, filename);
    return { file, diags, source: { text: src } };
  }
  const { body, diags } = parseConfig(src, filename);
  return {
    file: { body: nativeBody(body), bytes: src, filename },
    diags,
    ast: body,
    source: { text: src, contextAt: (byte) => enclosingBlockHeader(body, byte) },
  };
}

/**
 * The header of the top-level block containing `byte`, for "on FILE line N, in source "qemu" "x":".
 * Labels are always quoted (as the user wrote them), where HCL's ContextString drops the quotes.
 */
export function enclosingBlockHeader(body: ast.Body, byte: number): string | undefined {
  const block = body.blocks.find((b) => b.range.start.byte <= byte && byte < b.range.end.byte);
  if (!block) return undefined;
  const labels = block.labels.map((l) => JSON.stringify(l));
  return [block.type, ...labels].join(' ');
}
