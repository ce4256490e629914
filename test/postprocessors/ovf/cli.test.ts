/**
 * The ovf post-processor through `imgbuild build` (null builder → artifice → ovf → manifest): the
 * registered plugin, its lazily loaded run and handlebars, the template found from src/ and, when the
 * bundle is built, from dist/cli/.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from '../../hcl/corpus-files.js';
import { runCli } from '../../cli/run-cli.js';
import { assertManifestMatches, assertSameContent, run as sh } from './helpers/ovf-checks.js';

const bundle = join(repoRoot, 'dist', 'cli', 'main.js');
/** Skipped (with the reason printed) without a bundle, or with one older than the plugin's registration. */
const bundleSkip = !existsSync(bundle)
  ? 'dist/cli/main.js is not built (npm run build)'
  : statSync(bundle).mtimeMs < statSync(join(repoRoot, 'src', 'postprocessors', 'ovf', 'config.ts')).mtimeMs
    ? 'dist/cli/main.js is older than src/postprocessors/ovf (npm run build)'
    : false;
if (bundleSkip) console.log(`# skipping the bundled-CLI ovf case: ${bundleSkip}`);

describe('imgbuild build with the ovf post-processor', () => {
  let work: string;
  let disk: string;
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'imgbuild-ovf-cli-'));
    disk = join(work, 'disk.qcow2');
    assert.equal(sh(['qemu-img', 'create', '-q', '-f', 'qcow2', disk, '32M']).status, 0);
    assert.equal(sh(['qemu-io', '-f', 'qcow2', '-c', 'write -P 0x33 0 1M', disk]).status, 0);
  });
  after(() => rm(work, { recursive: true, force: true }));

  const template = (out: string, format: string) => `
source "null" "box" {
  communicator = "none"
}
build {
  sources = ["source.null.box"]
  post-processors {
    post-processor "artifice" {
      files = ["${disk}"]
    }
    post-processor "ovf" {
      output              = "${join(work, out)}"
      format              = "${format}"
      os_type             = "Debian_64"
      keep_input_artifact = true
    }
    post-processor "manifest" {
      output = "${join(work, `${out}.manifest.json`)}"
    }
  }
}
`;

  test('in-process: the package is written and the manifest lists its files', async () => {
    await writeFile(join(work, 'a.pkr.hcl'), template('pkg-a', 'ovf'));
    const r = await runCli(['build', '-color=false', 'a.pkr.hcl'], { cwd: work });
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /OVF package in directory: /);
    assert.deepEqual((await readdir(join(work, 'pkg-a'))).sort(), ['box-disk1.vmdk', 'box.mf', 'box.ovf']);
    await assertManifestMatches(join(work, 'pkg-a', 'box.mf'));
    assertSameContent(disk, join(work, 'pkg-a', 'box-disk1.vmdk'));
    const manifest = JSON.parse(await readFile(join(work, 'pkg-a.manifest.json'), 'utf8')) as {
      builds: { files: { name: string }[] }[];
    };
    assert.deepEqual(
      manifest.builds[0]?.files.map((f) => f.name.split('/').pop()),
      ['box.ovf', 'box.mf', 'box-disk1.vmdk'],
    );
    // keep_input_artifact = true: the input disk is still there.
    assert.ok(existsSync(disk));
  });

  test('the bundled CLI finds the descriptor template (OVA)', { skip: bundleSkip }, async () => {
    await writeFile(join(work, 'b.pkr.hcl'), template('pkg-b', 'ova'));
    const r = spawnSync(process.execPath, [bundle, 'build', '-color=false', 'b.pkr.hcl'], {
      cwd: work,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.deepEqual(await readdir(join(work, 'pkg-b')), ['box.ova']);
    const list = sh(['tar', '-tf', join(work, 'pkg-b', 'box.ova')]);
    assert.deepEqual(list.stdout.trim().split('\n'), ['box.ovf', 'box.mf', 'box-disk1.vmdk']);
  });
});
