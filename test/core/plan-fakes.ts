/** Plans builds from template text with the fake plugins registered, as the build command does. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { builtinRegistry } from '../../src/core/registry.js';
import { loadTemplate } from '../../src/template/load.js';
import { type PlannedBuild, planBuilds } from '../../src/template/plan.js';
import fakes from './fake-plugins.js';

export function fakeRegistry() {
  const registry = builtinRegistry();
  for (const p of fakes) registry.register(p);
  return registry;
}

export async function planFromHcl(
  text: string,
  opts: { only?: string[]; except?: string[] } = {},
): Promise<PlannedBuild[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'imgbuild-plan-'));
  try {
    writeFileSync(path.join(dir, 'build.pkr.hcl'), text);
    const registry = fakeRegistry();
    const loaded = await loadTemplate(path.join(dir, 'build.pkr.hcl'), {
      cwd: dir,
      env: {},
      command: 'build',
      registry,
    });
    const errors = loaded.diags.filter((d) => d.severity === 'error');
    assert.deepEqual(
      errors.map((d) => `${d.summary}: ${d.detail}`),
      [],
    );
    const planned = planBuilds(loaded.value, { registry, only: opts.only, except: opts.except });
    const planErrors = planned.diags.filter((d) => d.severity === 'error');
    assert.deepEqual(
      planErrors.map((d) => `${d.summary}: ${d.detail}`),
      [],
    );
    return planned.builds;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
