/** The ovf post-processor end to end with the real qemu-img: OVF directory, OVA, several disks. */
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { ovfPostProcessor } from '../../../src/postprocessors/ovf/config.js';
import { ovfBootDisk, readOvfPackage } from '../../../src/postprocessors/ovf/find-disks.js';
import { inputArtifact, postProcessContext, tmpWorkdir } from '../helpers/context.js';
import {
  assertManifestMatches,
  assertQemuImgCheck,
  assertSameContent,
  assertWellFormed,
  run as sh,
  XMLLINT_SKIP,
  xpath,
} from './helpers/ovf-checks.js';

const runOvf = ovfPostProcessor.run!;
const MiB = 1024 * 1024;

/** A disk image with recognisable content (a pattern at 1 MiB) in the given format. */
function makeDisk(path: string, format: 'qcow2' | 'raw', size = 64 * MiB, pattern = 0x5a): void {
  assert.equal(sh(['qemu-img', 'create', '-q', '-f', format, path, String(size)]).status, 0);
  const w = sh(['qemu-io', '-f', format, '-c', `write -P ${pattern} 1M 2M`, path]);
  assert.equal(w.status, 0, w.stderr);
}

describe('ovf post-processor with qemu-img', () => {
  let work: Awaited<ReturnType<typeof tmpWorkdir>>;
  beforeEach(async () => {
    work = await tmpWorkdir();
    await mkdir(join(work.dir, 'output-web'));
  });
  afterEach(() => work.done());

  test('format ovf: descriptor, manifest and a streamOptimized VMDK with the same content', async () => {
    const disk = join(work.dir, 'output-web', 'web.qcow2');
    makeDisk(disk, 'qcow2');
    const ctx = postProcessContext(work.dir, { sourceName: 'web', builderType: 'qemu' });
    const bars: { label: string; total: number; updates: number[]; finished: boolean }[] = [];
    ctx.ui.progress = (label, total) => {
      const bar = { label, total, updates: [] as number[], finished: false };
      bars.push(bar);
      return { update: (n) => bar.updates.push(n), finish: () => (bar.finished = true) };
    };
    const result = await runOvf({ os_type: 'Debian_64', cpus: 2, memory: 1024 }, inputArtifact([disk]), ctx);

    const out = join(work.dir, 'output-web-ovf');
    assert.deepEqual((await readdir(out)).sort(), ['web-disk1.vmdk', 'web.mf', 'web.ovf']);
    assert.deepEqual(result.artifact.files, [
      join(out, 'web.ovf'),
      join(out, 'web.mf'),
      join(out, 'web-disk1.vmdk'),
    ]);
    assert.equal(result.artifact.builderId, 'imgbuild.post-processor.ovf');
    assert.equal(result.artifact.describe(), 'OVF package in directory: output-web-ovf');
    assert.equal(result.keepInput, false);
    // Nothing else beside the output: the staging directory is gone.
    assert.deepEqual((await readdir(work.dir)).sort(), ['output-web', 'output-web-ovf']);

    // qemu-img's -p progress, scaled to the disk's virtual size.
    assert.equal(bars.length, 1);
    assert.deepEqual(
      [bars[0]?.label, bars[0]?.total, bars[0]?.finished],
      ['Converting web-disk1.vmdk', 64 * MiB, true],
    );
    assert.equal(bars[0]?.updates.at(-1), 64 * MiB);

    const vmdk = join(out, 'web-disk1.vmdk');
    assertQemuImgCheck(vmdk);
    assertSameContent(disk, vmdk);
    assert.deepEqual(await assertManifestMatches(join(out, 'web.mf')), ['web.ovf', 'web-disk1.vmdk']);
    assert.match(await readFile(join(out, 'web.mf'), 'utf8'), /^SHA256\(web\.ovf\)= [0-9a-f]{64}\n/);
    assert.equal(await ovfBootDisk(out), vmdk);
    assert.deepEqual(await readOvfPackage(join(out, 'web.ovf')), {
      descriptor: join(out, 'web.ovf'),
      disks: [vmdk],
      manifest: join(out, 'web.mf'),
    });

    const ovf = await readFile(join(out, 'web.ovf'), 'utf8');
    assert.ok(ovf.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<Envelope '), ovf.slice(0, 80));
    assert.match(
      ovf,
      new RegExp(`<File ovf:href="web-disk1.vmdk" ovf:id="file1" ovf:size="${(await stat(vmdk)).size}"/>`),
    );
    assert.match(
      ovf,
      /<Disk ovf:capacity="67108864" ovf:capacityAllocationUnits="byte" ovf:diskId="vmdisk1" ovf:fileRef="file1" ovf:format="http:\/\/www\.vmware\.com\/interfaces\/specifications\/vmdk\.html#streamOptimized"\/>/,
    );
    assert.match(ovf, /<OperatingSystemSection ovf:id="96" vmw:osType="debian10_64Guest">/);
  });

  test('the descriptor is well-formed and its references hold together (xmllint)', {
    skip: XMLLINT_SKIP,
  }, async () => {
    const disk = join(work.dir, 'output-web', 'web.qcow2');
    makeDisk(disk, 'qcow2');
    await runOvf(
      { vm_name: 'a&b "c"', cpus: 3, memory: 2048 },
      inputArtifact([disk]),
      postProcessContext(work.dir),
    );
    const out = join(work.dir, 'output-a-ovf');
    const file = join(out, 'a&b "c".ovf');
    assertWellFormed(file);
    const item = (type: number, field: string) =>
      xpath(
        file,
        `string(//*[local-name()='Item'][*[local-name()='ResourceType']='${type}']/*[local-name()='${field}'])`,
      );
    assert.equal(item(3, 'VirtualQuantity'), '3');
    assert.equal(item(4, 'VirtualQuantity'), '2048');
    assert.equal(item(4, 'AllocationUnits'), 'byte * 2^20');
    assert.equal(item(10, 'Connection'), 'NAT');
    assert.equal(xpath(file, "string(//*[local-name()='Network']/@*[local-name()='name'])"), 'NAT');
    // Escaped names come back as written.
    assert.equal(xpath(file, "string(//*[local-name()='VirtualSystem']/*[local-name()='Name'])"), 'a&b "c"');
    assert.equal(await ovfBootDisk(out), join(out, 'a&b "c"-disk1.vmdk'));
    // Disk → File and disk Item → Disk → controller references resolve.
    assert.equal(xpath(file, "string(//*[local-name()='Disk']/@*[local-name()='fileRef'])"), 'file1');
    assert.equal(xpath(file, "string(//*[local-name()='File']/@*[local-name()='id'])"), 'file1');
    assert.equal(item(17, 'HostResource'), 'ovf:/disk/vmdisk1');
    assert.equal(item(17, 'Parent'), item(5, 'InstanceID'));
    // rasd elements in the CIM schema's (alphabetical) order, in every Item.
    const items = xpath(file, "//*[local-name()='Item']").split('</Item>');
    const withRasd = items.filter((s) => s.includes('rasd:'));
    assert.equal(withRasd.length, 5, 'CPU, memory, controller, disk, network adapter');
    for (const it of withRasd) {
      const names = [...it.matchAll(/<rasd:(\w+)>/g)].map((m) => m[1] as string);
      assert.deepEqual(names, [...names].sort(), `element order in ${it}`);
    }
  });

  test('format ova: one tar with descriptor, manifest, disk in that order, extracting to a valid package', async () => {
    const disk = join(work.dir, 'output-web', 'web.qcow2');
    makeDisk(disk, 'qcow2');
    const result = await runOvf(
      { format: 'ova', output: 'dist/{{.BuildName}}', vm_name: 'svc' },
      inputArtifact([disk]),
      postProcessContext(work.dir, { sourceName: 'web' }),
    );
    const ova = join(work.dir, 'dist', 'web', 'svc.ova');
    assert.deepEqual(result.artifact.files, [ova]);
    assert.deepEqual(await readdir(join(work.dir, 'dist', 'web')), ['svc.ova']);
    assert.equal(result.artifact.describe(), 'OVA: dist/web/svc.ova');
    const list = sh(['tar', '-tf', ova]);
    assert.equal(list.status, 0, list.stderr);
    assert.deepEqual(list.stdout.trim().split('\n'), ['svc.ovf', 'svc.mf', 'svc-disk1.vmdk']);
    const x = join(work.dir, 'x');
    await mkdir(x);
    assert.equal(sh(['tar', '-xf', ova, '-C', x]).status, 0);
    assert.deepEqual(await assertManifestMatches(join(x, 'svc.mf')), ['svc.ovf', 'svc-disk1.vmdk']);
    assertQemuImgCheck(join(x, 'svc-disk1.vmdk'));
    assertSameContent(disk, join(x, 'svc-disk1.vmdk'));
    assert.equal(await ovfBootDisk(x), join(x, 'svc-disk1.vmdk'));
  });

  test('a qcow2 overlay (use_backing_file) is flattened: the VMDK holds base and overlay data', async () => {
    const base = join(work.dir, 'output-web', 'base.qcow2');
    makeDisk(base, 'qcow2', 64 * MiB, 0x44);
    const overlay = join(work.dir, 'output-web', 'web.qcow2');
    assert.equal(
      sh(['qemu-img', 'create', '-q', '-f', 'qcow2', '-b', base, '-F', 'qcow2', overlay]).status,
      0,
    );
    assert.equal(sh(['qemu-io', '-f', 'qcow2', '-c', 'write -P 0x55 8M 1M', overlay]).status, 0);
    await runOvf({}, inputArtifact([overlay]), postProcessContext(work.dir));
    const vmdk = join(work.dir, 'output-a-ovf', 'a-disk1.vmdk');
    assertSameContent(overlay, vmdk);
    const info = JSON.parse(sh(['qemu-img', 'info', '--output=json', vmdk]).stdout) as Record<
      string,
      unknown
    >;
    assert.equal(info['backing-filename'], undefined);
    // qemu-io exits 0 on a pattern mismatch: its output says whether the bytes matched.
    for (const [pattern, offset] of [
      ['0x44', '1M'],
      ['0x55', '8M'],
    ]) {
      const read = sh(['qemu-io', '-f', 'vmdk', '-r', '-c', `read -P ${pattern} ${offset} 1M`, vmdk]);
      assert.match(read.stdout, /read 1048576\/1048576 bytes/);
      assert.doesNotMatch(read.stdout, /Pattern verification failed/, `${pattern} at ${offset}`);
    }
  });

  test('descriptor_template renders a user template; a field the model lacks is an error, leaving nothing', async () => {
    const disk = join(work.dir, 'output-web', 'web.qcow2');
    makeDisk(disk, 'qcow2');
    await writeFile(
      'mine.hbs',
      '<Envelope name="{{name}}" cpus="{{cpus}}">{{#each disks}}<F h="{{href}}"/>{{/each}}</Envelope>\n',
    );
    await runOvf(
      { descriptor_template: 'mine.hbs', vm_name: 'x<y', cpus: 4 },
      inputArtifact([disk]),
      postProcessContext(work.dir),
    );
    assert.equal(
      await readFile(join('output-a-ovf', 'x<y.ovf'), 'utf8'),
      '<Envelope name="x&lt;y" cpus="4"><F h="x&lt;y-disk1.vmdk"/></Envelope>\n',
    );
    await writeFile('bad.hbs', '<Envelope>{{nosuchfield}}</Envelope>');
    await assert.rejects(
      runOvf(
        { descriptor_template: 'bad.hbs', output: 'bad-out' },
        inputArtifact([disk]),
        postProcessContext(work.dir),
      ),
      /rendering the OVF descriptor template bad\.hbs: "nosuchfield" not defined/,
    );
    assert.deepEqual((await readdir(work.dir)).sort(), ['bad.hbs', 'mine.hbs', 'output-a-ovf', 'output-web']);
  });

  test("a qemu artifact's main and additional disks (qcow2 and raw) on SCSI, no network, sha1 manifest", async () => {
    const main = join(work.dir, 'output-web', 'vm');
    const extra = join(work.dir, 'output-web', 'vm-1');
    makeDisk(main, 'qcow2', 64 * MiB, 0x11);
    makeDisk(extra, 'raw', 32 * MiB, 0x22);
    await writeFile(join(work.dir, 'output-web', 'notes.txt'), 'not a disk');
    await runOvf(
      { disk_controller: 'scsi', network: '', manifest_algorithm: 'sha1' },
      inputArtifact([extra, join(work.dir, 'output-web', 'notes.txt'), main], { state: { diskName: 'vm' } }),
      postProcessContext(work.dir),
    );
    const out = join(work.dir, 'output-a-ovf');
    const pkg = await readOvfPackage(out);
    assert.deepEqual(pkg.disks, [join(out, 'a-disk1.vmdk'), join(out, 'a-disk2.vmdk')]);
    assertSameContent(main, join(out, 'a-disk1.vmdk'));
    assertSameContent(extra, join(out, 'a-disk2.vmdk'));
    for (const d of pkg.disks) assertQemuImgCheck(d);
    assert.deepEqual(await assertManifestMatches(join(out, 'a.mf')), [
      'a.ovf',
      'a-disk1.vmdk',
      'a-disk2.vmdk',
    ]);
    assert.match(await readFile(join(out, 'a.mf'), 'utf8'), /^SHA1\(a\.ovf\)= [0-9a-f]{40}\n/);
    const ovf = await readFile(join(out, 'a.ovf'), 'utf8');
    assert.match(ovf, /ovf:capacity="67108864"[^>]*ovf:diskId="vmdisk1"/);
    assert.match(ovf, /ovf:capacity="33554432"[^>]*ovf:diskId="vmdisk2"/);
    assert.match(ovf, /<rasd:ResourceSubType>lsilogic<\/rasd:ResourceSubType>/);
    assert.doesNotMatch(ovf, /NetworkSection|<rasd:ResourceType>10</);
    // The VMDK descriptor names the same adapter as the OVF.
    assert.match(
      (await readFile(join(out, 'a-disk1.vmdk'))).toString('latin1'),
      /ddb\.adapterType = "lsilogic"/,
    );
  });
});
