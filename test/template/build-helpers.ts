/** Parsing template text into source and build models, for the tests of sources/builds/plan. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../../src/hcl/diagnostics.js';
import { rootContext } from '../../src/hcl/eval-context.js';
import type { EvalContext, HclBlock } from '../../src/hcl/hcl.js';
import { parseHclFile } from '../../src/hcl/parse.js';
import type { Value } from '../../src/hcl/value.js';
import { objectVal } from '../../src/hcl/values.js';
import { decodeBuilds, BUILD_BLOCK_HEADER } from '../../src/template/builds.js';
import type { Build, SourceBlock, Template } from '../../src/template/model.js';
import { decodeSources, SOURCE_BLOCK_HEADER } from '../../src/template/sources.js';
import { templatesDir } from '../hcl/corpus-files.js';
import { packerFunctions } from '../../src/hcl/functions/registry.js';

export interface Decoded {
  readonly sources: Map<string, SourceBlock>;
  readonly builds: Build[];
  readonly diags: Diagnostic[];
  readonly ctx: EvalContext;
}

/** The top-level source and build blocks of some files (as the loader's root schema gives them). */
export function topBlocks(files: Record<string, string>): { blocks: HclBlock[]; diags: Diagnostic[] } {
  const blocks: HclBlock[] = [];
  const diags: Diagnostic[] = [];
  for (const [name, text] of Object.entries(files)) {
    const parsed = parseHclFile(text, name);
    diags.push(...parsed.diags);
    const {
      content,
      remain,
      diags: more,
    } = parsed.file.body.partialContent({
      blocks: [SOURCE_BLOCK_HEADER, BUILD_BLOCK_HEADER],
    });
    void remain;
    diags.push(...more);
    blocks.push(...content.blocks);
  }
  return { blocks, diags };
}

/** Sources first (from every file), then builds, as Packer decodes them. */
export function decodeTemplate(
  files: Record<string, string>,
  vars: Record<string, Value> = {},
  locals: Record<string, Value> = {},
  /** Other root variables, e.g. `data`. */
  extra: Record<string, Value> = {},
): Decoded {
  const { blocks, diags } = topBlocks(files);
  const ctx = rootContext(
    { var: objectVal(vars), local: objectVal(locals), ...extra },
    packerFunctions({ baseDir: '.' }),
  );
  const s = decodeSources(blocks);
  const b = decodeBuilds(blocks, ctx, s.sources);
  return { sources: s.sources, builds: b.builds, diags: [...diags, ...s.diags, ...b.diags], ctx };
}

export function corpusText(flatName: string): string {
  const [dir, file] = flatName.split('/') as [string, string];
  return readFileSync(join(templatesDir, dir, file), 'utf8');
}

export function summaries(diags: readonly Diagnostic[]): string[] {
  return diags.map((d) => d.summary);
}

/** A Template from some files' sources and builds (variables and locals given as values). */
export function makeTemplate(
  files: Record<string, string>,
  vars: Record<string, Value> = {},
  locals: Record<string, Value> = {},
  extra: Record<string, Value> = {},
): { template: Template; diags: Diagnostic[] } {
  const d = decodeTemplate(files, vars, locals, extra);
  const template: Template = {
    path: '.',
    rootDir: '.',
    files: new Map(
      Object.entries(files).map(([name, text]) => [name, { text }]),
    ) as unknown as Template['files'],
    packer: { requiredPlugins: [] },
    variables: new Map(),
    locals: new Map(),
    datasources: new Map(),
    sources: d.sources,
    builds: d.builds,
    evalContext: d.ctx,
  };
  return { template, diags: d.diags };
}
