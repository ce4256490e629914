/**
 * examples/custom-builder end to end: the `local-dir` builder (written only against the public API)
 * builds example.pkr.hcl from the TypeScript program build.ts and through `imgbuild build -plugin`,
 * both as separate processes; the image's files and the manifest are checked byte for byte.
 * Both ways import `imgbuild` itself (dist/, by the package's self-reference), so dist must be built.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from '../hcl/corpus-files.js';

const example = path.join(repoRoot, 'examples', 'custom-builder');
const cli = path.join(repoRoot, 'dist', 'cli', 'main.js');
const tsxLoader = import.meta.resolve('tsx');
const missingDist = ['dist/cli/main.js', 'dist/src/index.js'].find(
  (f) => !existsSync(path.join(repoRoot, f)),
);
const skip = missingDist ? `${missingDist} is missing: run npm run build first` : false;
if (skip) console.log(`# skipping examples/custom-builder tests: ${skip}`);

let dir: string;
before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'imgbuild-example-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number;
  out: string;
  err: string;
}

function run(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const env = { ...process.env, CI: 'true', IMGBUILD_LOG: '' };
    execFile(process.execPath, args, { cwd: dir, env, timeout: 20_000 }, (error, out, err) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, out, err }),
    );
  });
}

let counter = 0;
/** Fresh output and manifest paths, passed to the template as variables. */
function outputs() {
  const n = ++counter;
  const out = path.join(dir, `out${n}`);
  const manifest = path.join(dir, `manifest${n}.json`);
  const vars = ['base_dir', 'output_dir', 'manifest'].flatMap((name, i) => [
    '-var',
    `${name}=${[path.join(example, 'base'), out, manifest][i]}`,
  ]);
  return { out, manifest, vars };
}

const viaProgram = (vars: string[], template = path.join(example, 'example.pkr.hcl')) =>
  run(['--import', tsxLoader, path.join(example, 'build.ts'), template, ...vars]);
const viaCli = (vars: string[], template = path.join(example, 'example.pkr.hcl'), flags: string[] = []) =>
  run([cli, 'build', `-plugin=${path.join(example, 'plugin.js')}`, ...flags, ...vars, template]);

const expectedDescription = `${JSON.stringify(
  { name: 'demo', build: 'local-dir.demo', files: ['etc/release', 'motd.txt', 'provenance.txt'] },
  null,
  2,
)}\n`;

/** The image directory and the manifest entry a successful build of example.pkr.hcl leaves. */
function assertImage(out: string, manifestPath: string): void {
  const read = (f: string) => readFileSync(path.join(out, f), 'utf8');
  assert.deepEqual(readdirSync(out, { recursive: true }).sort(), [
    'etc',
    'etc/release',
    'image.json',
    'motd.txt',
    'provenance.txt',
  ]);
  assert.equal(read('etc/release'), 'base image\n');
  assert.equal(read('motd.txt'), 'built by demo\n');
  assert.equal(read('provenance.txt'), 'demo/local-dir\n');
  assert.equal(read('image.json'), expectedDescription);

  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  assert.equal(manifest.builds.length, 1);
  const [entry] = manifest.builds;
  assert.match(String(entry.build_time), /^\d{10}$/);
  assert.match(entry.packer_run_uuid, /^[0-9a-f-]{36}$/);
  assert.equal(manifest.last_run_uuid, entry.packer_run_uuid);
  assert.deepEqual(
    { ...entry, build_time: 0, packer_run_uuid: '' },
    {
      name: 'demo',
      builder_type: 'local-dir',
      build_time: 0,
      files: [
        { name: 'release', size: 11 },
        { name: 'image.json', size: Buffer.byteLength(expectedDescription) },
        { name: 'motd.txt', size: 14 },
        { name: 'provenance.txt', size: 15 },
      ],
      artifact_id: 'demo',
      packer_run_uuid: '',
      custom_data: { image_dir: out },
    },
  );
}

describe('examples/custom-builder', { skip }, () => {
  test('build.ts registers local-dir and builds example.pkr.hcl with loadTemplate/planBuilds/runBuilds', async () => {
    const { out, manifest, vars } = outputs();
    const r = await viaProgram(vars);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /^==> local-dir\.demo: Copying .+ to .+out\d+$/m);
    assert.match(r.out, /^--> local-dir\.demo: Directory image demo in .+out\d+$/m);
    assertImage(out, manifest);
  });

  test('imgbuild build -plugin=plugin.js builds the same image and manifest', async () => {
    const { out, manifest, vars } = outputs();
    const r = await viaCli(vars);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /^==> Builds finished\. The artifacts of successful builds are:$/m);
    assert.match(r.out, /^--> local-dir\.demo: Directory image demo in .+out\d+$/m);
    assertImage(out, manifest);

    // A second build refuses to overwrite the image; -force replaces it.
    const again = await viaCli(vars);
    assert.equal(again.code, 1, again.out + again.err);
    assert.match(again.out + again.err, /Output directory exists: .+out\d+ \(use -force to replace it\)/);
    assertImage(out, manifest);
    // A fresh manifest: whether -force restarts an existing one is the manifest post-processor's concern.
    rmSync(manifest);
    const forced = await viaCli(vars, undefined, ['-force']);
    assert.equal(forced.code, 0, forced.out + forced.err);
    assertImage(out, manifest);
  });

  test('a failing provisioner: exit 1, and the cleanups remove the half-made image', async () => {
    const { out, manifest, vars } = outputs();
    const template = path.join(dir, 'failing.pkr.hcl');
    writeFileSync(
      template,
      readFileSync(path.join(example, 'example.pkr.hcl'), 'utf8').replace(
        'provisioner "shell-local" {',
        'provisioner "shell-local" {\n    inline = ["echo going wrong; exit 3"]\n  }\n  provisioner "shell-local" {',
      ),
    );
    for (const build of [viaProgram, viaCli]) {
      const r = await build(vars, template);
      assert.equal(r.code, 1, r.out + r.err);
      assert.match(r.out + r.err, /going wrong/);
      assert.match(r.out + r.err, /non-zero exit status: 3/);
      assert.match(r.out, /Deleting .+out\d+$/m);
      assert.equal(existsSync(out), false, 'the image directory is removed');
      assert.equal(existsSync(manifest), false, 'no manifest for a failed build');
    }
  });
});
