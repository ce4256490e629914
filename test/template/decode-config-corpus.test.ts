/**
 * Every plugin block of the corpus whose type is built in decodes without errors: the schemas know
 * every option real templates use, with the right types, and prepare() accepts the complete ones.
 * Values the test cannot know (variables, locals, data sources, files) are unknown, as at validate
 * time before they are known. Files loaded together upstream are decoded together, so build-level
 * fills complete their sources.
 */
import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { test } from 'node:test';
import { builtinRegistry } from '../../src/core/registry.js';
import { renderDiagnostics } from '../../src/hcl/index.js';
import { decodePluginConfig } from '../../src/template/decode-config.js';
import { type CorpusFile, corpusTemplates } from '../hcl/corpus-files.js';
import { pluginBlocks, unknownContext } from './plugin-blocks.js';

/**
 * Packer's own parser fixtures decode against mock plugins that borrow built-in names (a "shell"
 * provisioner with `int64`, `trilean`… arguments), or are meant to fail; their plugin bodies are not
 * real configurations.
 */
const MOCK_FIXTURES = [
  'hashicorp__packer/hcl2template__testdata__complete__',
  'hashicorp__packer/hcl2template__testdata__build__',
];

/** Files loaded together: same corpus folder and same upstream directory. */
function groups(files: readonly CorpusFile[]): CorpusFile[][] {
  const byDir = new Map<string, CorpusFile[]>();
  for (const f of files) {
    const dir = f.name.includes('__', f.name.indexOf('/'))
      ? f.name.slice(0, f.name.lastIndexOf('__'))
      : f.name;
    byDir.set(dir, [...(byDir.get(dir) ?? []), f]);
  }
  return [...byDir.values()];
}

test('corpus: every built-in plugin block decodes cleanly', () => {
  const registry = builtinRegistry();
  const counts = new Map<string, number>();
  const failures: string[] = [];
  let skippedMocks = 0;
  for (const group of groups(corpusTemplates('.pkr.hcl'))) {
    const ctx = unknownContext(dirname(group[0]!.path));
    const { blocks, parseErrors } = pluginBlocks(group, ctx);
    if (parseErrors > 0) continue; // the syntax-error fixture: nothing to decode
    for (const b of blocks) {
      const def = registry.get(b.kind, b.type);
      if (!def) continue;
      if (MOCK_FIXTURES.some((p) => b.file.startsWith(p))) {
        skippedMocks++;
        continue;
      }
      const { diags } = decodePluginConfig(def, b.bodies, ctx, { declRange: b.declRange });
      const errors = diags.filter((d) => d.severity === 'error');
      const key = `${b.kind} ${b.type}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (errors.length > 0) {
        const sources = new Map(group.map((f) => [f.name, { text: f.text }]));
        failures.push(`${b.file}: ${key}\n${renderDiagnostics(errors, sources)}`);
      }
    }
  }
  const summary = [...counts]
    .sort()
    .map(([k, n]) => `${k}: ${n}`)
    .join(', ');
  console.log(`decoded corpus plugin blocks: ${summary} (skipped ${skippedMocks} in Packer mock fixtures)`);
  assert.deepEqual(failures, []);
  // How many blocks of each built-in type the corpus holds (sources counted once per build-level use).
  assert.deepEqual(Object.fromEntries(counts), {
    'builder amazon-ebs': 9,
    'builder null': 9,
    'builder qemu': 16,
    'datasource null': 2,
    'post-processor artifice': 5,
    'post-processor checksum': 2,
    'post-processor compress': 2,
    'post-processor manifest': 3,
    'post-processor shell-local': 13,
    'provisioner breakpoint': 1,
    'provisioner file': 9,
    'provisioner shell': 57,
    'provisioner shell-local': 20,
  });
});
