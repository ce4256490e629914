/**
 * Start-up stays fast: the modules a command loads before it runs (static imports reachable from the CLI
 * entry and the library entry) include no heavy package. Dynamic import() and lazyModule() are the
 * ways to load those on demand.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from './hcl/corpus-files.js';

const heavy = [
  'ssh2',
  '@aws-sdk/',
  'yaml',
  'bcryptjs',
  'iconv-lite',
  'picomatch',
  'handlebars',
  'ora',
  'ajv',
  'yazl',
];

/** Every module reachable through static `import … from` / `export … from` statements (not `import type`). */
function staticClosure(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    const statements = text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)';/gms);
    const bare = text.matchAll(/^import\s+'([^']+)';/gm);
    for (const [, spec] of [...statements, ...bare]) {
      if (spec!.startsWith('.')) pending.push(resolve(dirname(file), spec!.replace(/\.js$/, '.ts')));
      else if (!spec!.startsWith('node:')) packages.add(spec!);
    }
  }
  return { files, packages };
}

for (const entry of ['src/cli/main.ts', 'src/index.ts']) {
  test(`${entry} loads no heavy package at start-up`, () => {
    const { files, packages } = staticClosure(join(repoRoot, entry));
    assert.ok(files.size >= 3, `followed the imports (${files.size} files)`);
    const loaded = [...packages].filter((p) => heavy.some((h) => p === h || p.startsWith(h)));
    assert.deepEqual(loaded, [], `statically imported from ${entry}`);
  });
}

test('the function table is in the library closure, so the check above covers its modules', () => {
  const { files } = staticClosure(join(repoRoot, 'src/index.ts'));
  assert.ok([...files].some((f) => f.endsWith(join('functions', 'yaml.ts'))));
});
