/**
 * Runs example.pkr.hcl from a program: register the `local-dir` builder next to the built-in plugins,
 * load and plan the template, run its builds, print the artifacts. Only the public API is used.
 *
 *   node --import tsx build.ts [TEMPLATE] [-var name=value …]
 */
import path from 'node:path';
import {
  builtinRegistry,
  type Diagnostic,
  loadTemplate,
  planBuilds,
  renderDiagnostics,
  runBuilds,
  type Ui,
} from 'imgbuild';
import localDir from './plugin.js';

const args = process.argv.slice(2);
const vars: string[] = [];
const positional: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '-var') vars.push(args[++i] ?? '');
  else positional.push(args[i]!);
}
const templatePath = positional[0] ?? path.join(import.meta.dirname, 'example.pkr.hcl');

/** A minimal Ui: prefixed lines on stdout/stderr, no prompts. */
function consoleUi(prefix: string): Ui {
  // Provisioners' output arrives in chunks: print whole lines only, each with the prefix.
  const pending = { stdout: '', stderr: '' };
  return {
    say: (m) => console.log(`==> ${prefix}: ${m}`),
    message: (m) => console.log(`    ${prefix}: ${m}`),
    error: (m) => console.error(`==> ${prefix}: ${m}`),
    output: (chunk, stream) => {
      const lines = (pending[stream] + chunk).split('\n');
      pending[stream] = lines.pop()!;
      for (const line of lines) console.log(`    ${prefix}: ${line}`);
    },
    ask: () => Promise.reject(new Error('no terminal to ask on')),
    progress: () => ({ update: () => {}, finish: () => {} }),
  };
}

function failOn(diags: readonly Diagnostic[], files: Parameters<typeof renderDiagnostics>[1]): void {
  if (diags.length > 0) console.error(renderDiagnostics(diags, files, { width: 79 }));
  if (diags.some((d) => d.severity === 'error')) process.exit(2);
}

const registry = builtinRegistry();
for (const plugin of localDir) registry.register(plugin);

const loaded = await loadTemplate(templatePath, {
  cwd: process.cwd(),
  env: process.env,
  vars,
  command: 'build',
  registry,
});
failOn(loaded.diags, loaded.value.files);
const planned = planBuilds(loaded.value, { registry });
failOn(planned.diags, loaded.value.files);

const controller = new AbortController();
process.once('SIGINT', () => controller.abort(new Error('interrupted')));
const result = await runBuilds(planned.builds, {
  uiFor: (b) => consoleUi(b.name),
  signal: controller.signal,
});
for (const b of result.builds) {
  for (const a of b.artifacts) console.log(`--> ${b.name}: ${a.describe()}`);
}
process.exit(result.builds.some((b) => b.error !== undefined) ? 1 : 0);
