/**
 * Test helper: the plugin blocks of parsed template files (sources with their build-level fills,
 * provisioners, post-processors, data sources), with meta-arguments removed and dynamic blocks
 * expanded, ready for decodePluginConfig. It stands in for the template loader so the decoder can be
 * tested on its own.
 */
import { expandDynamicBlocks } from '../../src/hcl/dynblock.js';
import {
  DynamicType,
  DynamicVal,
  type EvalContext,
  type HclBlock,
  type HclBody,
  type HclFunction,
  packerFunctions,
  parseHclFile,
  rootContext,
} from '../../src/hcl/index.js';
import type { Range } from '../../src/hcl/pos.js';
import type { PluginKind } from '../../src/sdk/plugin.js';

export interface PluginBlock {
  readonly kind: PluginKind;
  readonly type: string;
  /** The top-level body first, then a build-level fill when there is one. */
  readonly bodies: HclBody[];
  readonly declRange: Range;
  readonly file: string;
}

const PROVISIONER_META = ['name', 'only', 'except', 'pause_before', 'max_retries', 'timeout', 'override'];
const POST_PROCESSOR_META = ['name', 'only', 'except', 'keep_input_artifact'];

/**
 * Every name a template can refer to is unknown, and so is what file functions read (the corpus
 * files are copied without the files they read): the decoder must accept what it cannot check yet.
 */
export function unknownContext(baseDir: string): EvalContext {
  const names = ['var', 'local', 'data', 'path', 'packer', 'build', 'source'];
  const functions = new Map(packerFunctions({ baseDir }));
  for (const [name, fn] of functions) {
    if (name.startsWith('file') || name === 'templatefile') functions.set(name, unknownResult(fn));
  }
  return rootContext(new Map(names.map((n) => [n, DynamicVal])), functions);
}

function unknownResult(fn: HclFunction): HclFunction {
  const { rawArgs: _raw, ...rest } = fn;
  return { ...rest, returnType: () => DynamicType, impl: () => DynamicVal };
}

interface FileBlocks {
  readonly sources: Map<string, { block: HclBlock; file: string }>;
  readonly fills: { ref: string; body: HclBody; file: string }[];
  readonly others: PluginBlock[];
  parseErrors: number;
}

/** The plugin blocks of a set of files loaded together (one template directory). */
export function pluginBlocks(
  files: readonly { name: string; text: string }[],
  ctx: EvalContext,
): {
  blocks: PluginBlock[];
  parseErrors: number;
} {
  const acc: FileBlocks = { sources: new Map(), fills: [], others: [], parseErrors: 0 };
  for (const f of files) collect(f.text, f.name, ctx, acc);
  const blocks: PluginBlock[] = [...acc.others];
  const filled = new Set(acc.fills.map((f) => f.ref));
  for (const [ref, { block, file }] of acc.sources) {
    const base = { kind: 'builder' as const, type: block.labels[0]!, declRange: block.defRange, file };
    if (!filled.has(ref)) blocks.push({ ...base, bodies: [block.body] });
  }
  for (const fill of acc.fills) {
    const source = acc.sources.get(fill.ref);
    if (!source) continue;
    blocks.push({
      kind: 'builder',
      type: source.block.labels[0]!,
      bodies: [source.block.body, fill.body],
      declRange: source.block.defRange,
      file: fill.file,
    });
  }
  return { blocks, parseErrors: acc.parseErrors };
}

function collect(text: string, name: string, ctx: EvalContext, acc: FileBlocks): void {
  const parsed = parseHclFile(text, name);
  acc.parseErrors += parsed.diags.filter((d) => d.severity === 'error').length;
  const { content } = parsed.file.body.partialContent({
    blocks: [
      { type: 'source', labelNames: ['type', 'name'] },
      { type: 'data', labelNames: ['type', 'name'] },
      { type: 'build' },
    ],
  });
  const add = (kind: PluginKind, b: HclBlock, meta: readonly string[]) => {
    const { remain } = b.body.partialContent({ attributes: meta.map((n) => ({ name: n })) });
    acc.others.push({
      kind,
      type: b.labels[0]!,
      bodies: [expandDynamicBlocks(remain, ctx)],
      declRange: b.defRange,
      file: name,
    });
  };
  for (const b of content.blocks) {
    if (b.type === 'source') {
      acc.sources.set(`source.${b.labels[0]}.${b.labels[1]}`, {
        block: { ...b, body: expandDynamicBlocks(b.body, ctx) },
        file: name,
      });
    } else if (b.type === 'data') add('datasource', b, []);
    else collectBuild(b, name, ctx, acc, add);
  }
}

function collectBuild(
  build: HclBlock,
  file: string,
  ctx: EvalContext,
  acc: FileBlocks,
  add: (kind: PluginKind, b: HclBlock, meta: readonly string[]) => void,
): void {
  const body = expandDynamicBlocks(build.body, ctx);
  const { content } = body.partialContent({
    blocks: [
      { type: 'source', labelNames: ['ref'] },
      { type: 'provisioner', labelNames: ['type'] },
      { type: 'error-cleanup-provisioner', labelNames: ['type'] },
      { type: 'post-processor', labelNames: ['type'] },
      { type: 'post-processors' },
    ],
  });
  for (const b of content.blocks) {
    if (b.type === 'source') {
      const { remain } = b.body.partialContent({ attributes: [{ name: 'name' }] });
      acc.fills.push({ ref: b.labels[0]!, body: remain, file });
    } else if (b.type === 'post-processors') {
      const inner = b.body.partialContent({ blocks: [{ type: 'post-processor', labelNames: ['type'] }] });
      for (const pp of inner.content.blocks) add('post-processor', pp, POST_PROCESSOR_META);
    } else if (b.type === 'post-processor') add('post-processor', b, POST_PROCESSOR_META);
    else add('provisioner', b, PROVISIONER_META);
  }
}
