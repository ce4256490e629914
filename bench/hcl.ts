/**
 * `npm run bench:hcl`: how fast imgbuild reads Packer templates.
 *  1. parse + evaluate every template of the shared corpus (native and JSON syntax, var files,
 *     templatefile inputs), every attribute evaluated with Packer's function table and the template's
 *     references (var., local., source., …) unknown, as `packer validate` sees them before a build;
 *  2. `imgbuild fmt -check` against Debian's `packer fmt -check` on the same copy of the corpus's
 *     *.pkr.hcl files, interleaved runs, medians. The last line reads
 *     `fmt: imgbuild X s, packer Y s, ratio R` (R = imgbuild / packer; below 1 means faster).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as ast from '../src/hcl/ast.js';
import { rootContext } from '../src/hcl/eval-context.js';
import { packerFunctions } from '../src/hcl/functions/registry.js';
import type { EvalContext, HclBody } from '../src/hcl/hcl.js';
import { nativeExpression } from '../src/hcl/native/expression.js';
import { parseTemplate } from '../src/hcl/native/parser.js';
import { parseHclFile } from '../src/hcl/parse.js';
import { DynamicVal } from '../src/hcl/values.js';
import { cli, median, templatesDir } from './common.js';

function corpus(): { name: string; path: string; text: string }[] {
  return readdirSync(templatesDir, { recursive: true, encoding: 'utf8' })
    .filter((rel) => /\.(pkr\.hcl|pkrvars\.hcl|pkrtpl\.hcl|pkr\.json)$/.test(rel))
    .sort()
    .map((rel) => ({
      name: rel,
      path: join(templatesDir, rel),
      text: readFileSync(join(templatesDir, rel), 'utf8'),
    }));
}

/** Evaluate every attribute of a native body tree; returns the number of expressions evaluated. */
function evaluateNative(body: ast.Body, ctx: EvalContext): number {
  let n = 0;
  for (const attr of body.attributes) {
    nativeExpression(attr.expr).value(ctx);
    n++;
  }
  for (const block of body.blocks) n += evaluateNative(block.body, ctx);
  return n;
}

/** JSON bodies have no structure without a schema: evaluate what reads as attributes at the top. */
function evaluateJson(body: HclBody, ctx: EvalContext): number {
  let n = 0;
  for (const attr of body.justAttributes().attributes.values()) {
    attr.expr.value(ctx);
    n++;
  }
  return n;
}

function parseAndEvaluate(files: ReturnType<typeof corpus>, ctx: EvalContext): { expressions: number } {
  let expressions = 0;
  for (const f of files) {
    if (f.name.endsWith('.pkrtpl.hcl')) {
      const { expr } = parseTemplate(f.text, f.name);
      nativeExpression(expr).value(ctx);
      expressions++;
      continue;
    }
    const parsed = parseHclFile(f.text, f.name);
    expressions += parsed.ast ? evaluateNative(parsed.ast, ctx) : evaluateJson(parsed.file.body, ctx);
  }
  return { expressions };
}

function timeCommand(cmd: string, args: string[], cwd: string): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.error) throw r.error;
  return (performance.now() - t0) / 1000;
}

function main(): void {
  const files = corpus();
  const unknown = new Map(
    ['var', 'local', 'source', 'build', 'path', 'packer', 'data'].map((n) => [n, DynamicVal]),
  );
  const ctx = rootContext(unknown, packerFunctions({ baseDir: templatesDir }));
  const bytes = files.reduce((s, f) => s + Buffer.byteLength(f.text), 0);
  parseAndEvaluate(files, ctx); // warm-up
  const rounds: number[] = [];
  let expressions = 0;
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    expressions = parseAndEvaluate(files, ctx).expressions;
    rounds.push(performance.now() - t0);
  }
  console.log(
    `parse+evaluate: ${files.length} files, ${(bytes / 1024).toFixed(0)} KiB, ${expressions} expressions: ` +
      `median ${median(rounds).toFixed(1)} ms per pass (20 passes, in process)`,
  );

  const packer = spawnSync('packer', ['version'], { encoding: 'utf8' });
  if (packer.error || packer.status !== 0) {
    console.log('fmt: packer not found on PATH (apt-get install packer); cannot compare');
    process.exitCode = 1;
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'imgbuild-bench-fmt-'));
  try {
    // Packer refuses the whole run on a file with syntax errors: leave out the one malformed fixture.
    const hcl = files.filter((f) => f.name.endsWith('.pkr.hcl') && !f.name.includes('fmt_errs__malformed'));
    for (const f of hcl) copyFileSync(f.path, join(dir, f.name.replaceAll('/', '__')));
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let i = 0; i < 7; i++) {
      ours.push(timeCommand(process.execPath, [cli, 'fmt', '-check', '.'], dir));
      theirs.push(timeCommand('packer', ['fmt', '-check', '.'], dir));
    }
    const a = median(ours);
    const b = median(theirs);
    console.log(
      `fmt -check on ${hcl.length} files, 7 interleaved runs each, medians (process start included)`,
    );
    console.log(`fmt: imgbuild ${a.toFixed(3)} s, packer ${b.toFixed(3)} s, ratio ${(a / b).toFixed(2)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
