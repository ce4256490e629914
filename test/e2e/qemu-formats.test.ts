/**
 * `imgbuild build` with the qemu builder (real qemu-system under TCG, real qemu-img, the tiny base
 * image) writing qcow2 (compressed), raw and vmdk: every output passes `qemu-img info` and
 * `qemu-img check`, has the requested format, and holds the file the provisioner wrote (read back
 * from the ext4 partition with debugfs, no boot needed). No QEMU is left running.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createQemuDriver } from '../../src/builders/qemu/real-driver.js';
import {
  killLeftovers,
  processesWith,
  qemuE2eSkipReason,
  spawnBuild,
  type TinyImage,
  tinyImage,
  tinySource,
} from '../builders/qemu/e2e-helpers.js';

const skip =
  qemuE2eSkipReason() ?? (existsSync('/usr/sbin/debugfs') ? undefined : 'debugfs (e2fsprogs) is missing');
if (skip) console.log(`# skipping qemu formats e2e: ${skip}`);

const marker = `q2fmt${process.pid}`;

/** The provisioner's stamp, read from the image's first partition (MBR, 1 MiB offset). */
function readStamp(image: string, format: string, work: string): string {
  let raw = image;
  if (format !== 'raw') {
    raw = join(work, `${format}-check.raw`);
    execFileSync('qemu-img', ['convert', '-f', format, '-O', 'raw', image, raw]);
  }
  return execFileSync('/usr/sbin/debugfs', ['-R', 'cat /etc/imgbuild-stamp', `${raw}?offset=1048576`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim();
}

describe('qemu builder: output formats (real qemu, TCG)', { skip, timeout: 20 * 60_000 }, () => {
  let work: string;
  let image: TinyImage;
  before(async () => {
    image = await tinyImage();
    work = await mkdtemp(join(tmpdir(), 'imgbuild-e2e-qemu-fmt-'));
  });
  after(async () => {
    killLeftovers(marker);
    if (work) await rm(work, { recursive: true, force: true });
  });

  test('qcow2 (compressed), raw and vmdk outputs are valid images holding the provisioned file', async () => {
    const formats = [
      { format: 'qcow2', extra: '  disk_compression = true' },
      { format: 'raw', extra: '' },
      { format: 'vmdk', extra: '' },
    ];
    const sources = formats.map(({ format, extra }) =>
      tinySource({
        name: format,
        image,
        outputDir: join(work, `out-${format}`),
        vmName: `${marker}-${format}.${format}`,
        extra: `  format = "${format}"\n${extra}`,
      }),
    );
    await writeFile(
      join(work, 'formats.pkr.hcl'),
      `${sources.join('\n')}
build {
  sources = [${formats.map((f) => `"source.qemu.${f.format}"`).join(', ')}]
  provisioner "shell" {
    inline = ["echo \${source.name}-provisioned > /etc/imgbuild-stamp", "sync"]
  }
}
`,
    );
    // One VM at a time: the test machines are small.
    const build = spawnBuild(['-parallel-builds=1', 'formats.pkr.hcl'], work);
    const result = await build.done;
    assert.equal(result.code, 0, result.output);
    assert.deepEqual(processesWith(marker), [], 'no QEMU or qemu-img left running');
    const driver = createQemuDriver();
    for (const { format } of formats) {
      const dir = join(work, `out-${format}`);
      const name = `${marker}-${format}.${format}`;
      assert.deepEqual(await readdir(dir), [name], `${format}: only the disk in the output directory`);
      const file = join(dir, name);
      const info = await driver.imageInfo(file);
      assert.equal(info.format, format, `${format}: qemu-img info format`);
      assert.equal(info.virtualSize, 1024 ** 3, `${format}: virtual size kept (skip_resize_disk)`);
      assert.equal(info.backingFile, undefined, `${format}: standalone image`);
      const check = await driver.checkImage(file, format);
      if (format === 'raw') assert.equal(check.supported, false, 'raw has no consistency check');
      else
        assert.deepEqual(
          [check.supported, check.errors, check.leaks],
          [true, 0, 0],
          `${format}: qemu-img check`,
        );
      assert.equal(readStamp(file, format, work), `${format}-provisioned`);
      assert.match(result.output, new RegExp(`qemu\\.${format}: VM files in directory: .*out-${format}`));
    }
    const entries = await readdir(work);
    assert.deepEqual(
      entries.filter((e) => e.startsWith('.')),
      [],
      'no staging directories left next to the outputs',
    );
  });
});
