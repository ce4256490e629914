/**
 * Differential test against Debian's `packer` (1.6.6, the oracle the CI installs): the same template
 * (null builder without a communicator; artifice, checksum, manifest and compress chains) built by
 * packer and by imgbuild in two directories holding the same files; every output compared byte for
 * byte (run ids aside; gzip streams after decompression; zips by member names and bytes).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { runBuilds } from '../../src/core/build-runner.js';
import { builtinRegistry } from '../../src/core/registry.js';
import { loadTemplate } from '../../src/template/load.js';
import { planBuilds } from '../../src/template/plan.js';
import { recordingUi } from './helpers/context.js';

function packerAvailable(): boolean {
  try {
    execFileSync('packer', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const skip = packerAvailable() ? false : 'packer is not installed (Debian package packer): no oracle';
if (skip) console.log(`# skipping the packer differential test: ${skip}`);

const CHECKSUM_TYPES = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'];
const TEMPLATE = `
source "null" "a" {
  communicator = "none"
}
build {
  sources = ["source.null.a"]
  post-processors {
    post-processor "artifice" {
      files = ["out/*"]
    }
    post-processor "checksum" {
      checksum_types = [${CHECKSUM_TYPES.map((t) => `"${t}"`).join(', ')}]
    }
    post-processor "manifest" {
      strip_time  = true
      custom_data = { b = "x<y&z", a = "{{ .BuildName }}", id = "{{ .ID }}" }
    }
  }
  post-processors {
    post-processor "artifice" {
      files = ["out/*"]
    }
    post-processor "compress" {
      output              = "c.tar"
      keep_input_artifact = true
    }
    post-processor "manifest" {
      output     = "m2.json"
      strip_path = true
      strip_time = true
    }
  }
  post-processors {
    post-processor "artifice" {
      files = ["out/*"]
    }
    post-processor "compress" {
      output              = "c.tar.gz"
      keep_input_artifact = true
    }
  }
  post-processor "manifest" {
    output     = "m3.json"
    strip_time = true
  }
  post-processors {
    post-processor "artifice" {
      files = ["out/*"]
    }
    post-processor "compress" {
      output              = "dist/{{.BuildName}}.zip"
      keep_input_artifact = true
    }
  }
}
`;

function zipMembers(path: string): Record<string, string> {
  const script =
    'import zipfile,sys,json\nz=zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\n' +
    'print(json.dumps({n: z.read(n).hex() for n in z.namelist()}))';
  return JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf8' }));
}

describe('post-processors against packer 1.6.6', { skip }, () => {
  let root: string;
  let packerDir: string;
  let oursDir: string;
  let packerArtifacts: string[] = [];
  let ourArtifacts: string[] = [];
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'imgbuild-oracle-'));
    packerDir = join(root, 'packer');
    oursDir = join(root, 'ours');
    const files: [string, Buffer, number][] = [
      ['a.txt', Buffer.from('hello\n'), 0o640],
      ['b.bin', randomBytes(100_000), 0o644],
      [`${'long-name-'.repeat(11)}.img`, Buffer.alloc(513, 1), 0o600],
    ];
    for (const dir of [packerDir, oursDir]) {
      await mkdir(join(dir, 'out'), { recursive: true });
      await writeFile(join(dir, 'build.pkr.hcl'), TEMPLATE);
      for (const [name, data, mode] of files) {
        await writeFile(join(dir, 'out', name), data);
        await chmod(join(dir, 'out', name), mode);
      }
    }
    const packerOutput = execFileSync('packer', ['build', '-color=false', 'build.pkr.hcl'], {
      cwd: packerDir,
      env: { ...process.env, CHECKPOINT_DISABLE: '1', PACKER_CACHE_DIR: join(root, 'cache') },
      encoding: 'utf8',
      timeout: 60_000,
    });
    packerArtifacts = packerOutput
      .split('\n')
      .filter((l) => l.startsWith('--> null.a: '))
      .map((l) => l.slice('--> null.a: '.length));

    const previous = process.cwd();
    process.chdir(oursDir);
    try {
      const registry = builtinRegistry();
      const file = join(oursDir, 'build.pkr.hcl');
      const loaded = await loadTemplate(file, { cwd: oursDir, env: {}, command: 'build', registry });
      assert.deepEqual(
        loaded.diags.filter((d) => d.severity === 'error').map((d) => d.summary),
        [],
      );
      const planned = planBuilds(loaded.value, { registry });
      const ui = recordingUi();
      const result = await runBuilds(planned.builds, { uiFor: () => ui, runId: 'our-run' });
      assert.equal(result.builds[0]?.error, undefined, ui.lines.join('\n'));
      ourArtifacts = result.builds[0]!.artifacts.map((a) => a.describe());
    } finally {
      process.chdir(previous);
    }
  });
  after(async () => {
    if (root && !process.env.KEEP_ORACLE) await rm(root, { recursive: true, force: true });
  });

  const both = async (name: string) =>
    [await readFile(join(packerDir, name)), await readFile(join(oursDir, name))] as const;
  const withoutRunIds = (text: Buffer) =>
    text.toString().replace(/"(packer_run_uuid|last_run_uuid)": "[^"]*"/g, '"$1": "RUN"');

  it('checksum files are identical for every type', async () => {
    for (const type of CHECKSUM_TYPES) {
      const [theirs, ours] = await both(`packer_a_null_${type}.checksum`);
      assert.equal(ours.toString(), theirs.toString(), type);
    }
  });

  it('manifests are identical (files, sizes, custom_data, strip_path, Go escaping, the Null artifact)', async () => {
    for (const name of ['packer-manifest.json', 'm2.json', 'm3.json']) {
      const [theirs, ours] = await both(name);
      assert.equal(withoutRunIds(ours), withoutRunIds(theirs), name);
    }
  });

  it('the tarball is identical byte for byte (GNU headers, long names), and so is the gzipped one once unzipped', async () => {
    const [theirTar, ourTar] = await both('c.tar');
    assert.ok(ourTar.equals(theirTar), 'c.tar differs');
    const [theirGz, ourGz] = await both('c.tar.gz');
    assert.ok(gunzipSync(ourGz).equals(gunzipSync(theirGz)), 'c.tar.gz content differs');
  });

  it("the build's artifacts are described as packer lists them", () => {
    assert.ok(packerArtifacts.length > 5);
    assert.deepEqual(ourArtifacts, packerArtifacts);
  });

  it('the zip holds the same members with the same bytes', () => {
    assert.deepEqual(zipMembers(join(oursDir, 'dist/a.zip')), zipMembers(join(packerDir, 'dist/a.zip')));
  });
});
