/** Throwaway template trees and a loader shorthand for the template tests. */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';
import type { Diagnostic } from '../../src/hcl/diagnostics.js';
import { renderDiagnostics } from '../../src/hcl/render.js';
import type { Value } from '../../src/hcl/value.js';
import { isWhollyKnown, unmarkDeep, valueToJs } from '../../src/hcl/values.js';
import { type LoadOptions, loadTemplate } from '../../src/template/load.js';
import type { Loaded, Template } from '../../src/template/model.js';

/** A new temporary directory holding `files` (relative name -> content), removed after the test file. */
export function tree(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'imgbuild-load-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

export function load(dir: string, path = '.', opts: Partial<LoadOptions> = {}): Promise<Loaded<Template>> {
  return loadTemplate(path, { cwd: dir, env: {}, command: 'validate', ...opts });
}

export const summaries = (diags: readonly Diagnostic[]): string[] =>
  diags.map((d) => `${d.severity}: ${d.summary}`);

export const errors = (diags: readonly Diagnostic[]): string[] =>
  diags.filter((d) => d.severity === 'error').map((d) => d.summary);

export function rendered(loaded: Loaded<Template>): string {
  return renderDiagnostics(loaded.diags, loaded.value.files);
}

/** Plain JS for a value; `'<unknown>'` when any part of it is unknown. */
export function js(v: Value | undefined): unknown {
  if (v === undefined) return undefined;
  const [plain] = unmarkDeep(v);
  return isWhollyKnown(plain) ? valueToJs(plain) : '<unknown>';
}

export function varValue(t: Template, name: string): unknown {
  return js(t.variables.get(name)?.value);
}
