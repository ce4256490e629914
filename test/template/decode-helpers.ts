/** Decoding snippets of template text with one plugin definition, for the decode-config tests. */
import type { Diagnostic } from '../../src/hcl/diagnostics.js';
import {
  DynamicVal,
  type EvalContext,
  type HclBlock,
  markValue,
  objectVal,
  parseHclFile,
  rootContext,
  SensitiveMark,
  stringVal,
  type Value,
} from '../../src/hcl/index.js';
import type { Range } from '../../src/hcl/pos.js';
import type { PluginDefinition } from '../../src/sdk/plugin.js';
import {
  type DecodeConfigOptions,
  type DecodedConfig,
  decodePluginConfig,
} from '../../src/template/decode-config.js';

/** `var.unknown` is unknown, `var.secret` a sensitive string, `var.n` the number-like string "7". */
export function testContext(extra: Record<string, Value> = {}): EvalContext {
  return rootContext(
    new Map([
      [
        'var',
        objectVal({
          unknown: DynamicVal,
          secret: markValue(stringVal('hunter2'), SensitiveMark),
          n: stringVal('7'),
          ...extra,
        }),
      ],
    ]),
  );
}

/** The first block of each file, in order: the source body, then fills. */
export function firstBlocks(files: Record<string, string>): HclBlock[] {
  return Object.entries(files).map(([name, text]) => {
    const parsed = parseHclFile(text, name);
    if (parsed.diags.length > 0) throw new Error(`test input does not parse: ${parsed.diags[0]!.summary}`);
    const { content } = parsed.file.body.partialContent({
      blocks: [
        { type: 'source', labelNames: ['type', 'name'] },
        { type: 'fill', labelNames: ['ref'] },
      ],
    });
    return content.blocks[0]!;
  });
}

export function decodeText<C>(
  def: PluginDefinition<C>,
  files: Record<string, string>,
  ctx: EvalContext = testContext(),
  opts: DecodeConfigOptions = {},
): DecodedConfig<C> {
  const blocks = firstBlocks(files);
  return decodePluginConfig(
    def,
    blocks.map((b) => b.body),
    ctx,
    { declRange: blocks[0]!.defRange, ...opts },
  );
}

/** `line:col-line:col` of a range, for compact assertions. */
export function at(r: Range | undefined): string {
  return r ? `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}` : '(none)';
}

/** Each diagnostic as `severity summary @range: detail`. */
export function show(diags: readonly Diagnostic[]): string[] {
  return diags.map((d) => `${d.severity} ${d.summary} @${at(d.subject)}: ${d.detail ?? ''}`);
}
