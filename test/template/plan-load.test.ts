/** Loading corpus templates with the loader, then planning them: the whole path validate takes. */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { builtinRegistry } from '../../src/core/registry.js';
import { loadTemplate } from '../../src/template/load.js';
import { planBuilds } from '../../src/template/plan.js';
import { templatesDir } from '../hcl/corpus-files.js';

/** Copies corpus files into a fresh directory under the names Packer's fixtures have. */
async function withDir<T>(files: Record<string, string>, run: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'imgbuild-plan-load-'));
  try {
    for (const [name, corpusName] of Object.entries(files)) {
      copyFileSync(join(templatesDir, corpusName), join(dir, name));
    }
    return await run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function plan(dir: string, only: string[] = []) {
  const loaded = await loadTemplate(dir, { command: 'validate', cwd: dir, env: {} });
  assert.deepEqual(loaded.diags, []);
  return planBuilds(loaded.value, { registry: builtinRegistry(), only });
}

test("recipes directory: three builds, in Packer's order", async () => {
  await withDir(
    {
      'build.pkr.hcl': 'hashicorp__packer/command__test-fixtures__hcl__recipes__build.pkr.hcl',
      'sources.pkr.hcl': 'hashicorp__packer/command__test-fixtures__hcl__recipes__sources.pkr.hcl',
    },
    async (dir) => {
      const { builds, diags } = await plan(dir);
      assert.deepEqual(diags, []);
      assert.deepEqual(
        builds.map((b) => b.name),
        ['null.tiramisu', 'recipes.null.spaghetti_carbonara', 'recipes.null.lasagna'],
      );
      // Packer's "-only *lasagna" build test.
      assert.deepEqual(
        (await plan(dir, ['*lasagna'])).builds.map((b) => b.name),
        ['recipes.null.lasagna'],
      );
    },
  );
});

test('build__variables: the build name comes from a variable, its description from a local block', async () => {
  await withDir(
    { 'variables.pkr.hcl': 'hashicorp__packer/hcl2template__testdata__build__variables.pkr.hcl' },
    async (dir) => {
      const loaded = await loadTemplate(dir, { command: 'validate', cwd: dir, env: {} });
      assert.deepEqual(loaded.diags, []);
      const build = loaded.value.builds[0]!;
      assert.equal(build.name, 'build-name');
      assert.equal(build.description, 'This is the description for build-name.');
      const { builds, diags } = planBuilds(loaded.value, { registry: builtinRegistry() });
      assert.deepEqual(builds, []);
      assert.deepEqual(
        diags.map((d) => d.summary),
        ['Unknown builder type "virtualbox-iso"'],
      );
    },
  );
});

test('var-in-pp-name: a local named "true", only/except and name from variables', async () => {
  await withDir(
    { 'var-in-pp-name.pkr.hcl': 'hashicorp__packer/command__test-fixtures__hcl__var-in-pp-name.pkr.hcl' },
    async (dir) => {
      const { builds, diags } = await plan(dir);
      assert.deepEqual(diags, []);
      assert.deepEqual(
        builds.map((b) => [b.name, b.postProcessors.map((c) => c.map((p) => p.config.inline))]),
        [
          ['null.example1', [[['echo 1 > example1.1.txt']]]],
          ['null.example2', [[['echo 2 > example2.2.txt']]]],
        ],
      );
    },
  );
});
