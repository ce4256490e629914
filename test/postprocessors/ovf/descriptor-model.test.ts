import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { descriptorModel, maxDisks } from '../../../src/postprocessors/ovf/descriptor-model.js';
import { OS_TYPES } from '../../../src/postprocessors/ovf/os-types.js';

const disk = (n: number) => ({ href: `w-disk${n}.vmdk`, fileSize: 1000 + n, capacity: n * 1024 ** 3 });
const base = {
  name: 'w',
  cpus: 2,
  memory: 1024,
  os: OS_TYPES.Debian_64!,
  network: 'NAT',
  hardwareFamily: 'vmx-07',
};

describe('OVF descriptor model', () => {
  test('one IDE disk: CPU 1, memory 2, controller 3, disk 4 at 0 on 3, NIC 5', () => {
    const m = descriptorModel({ ...base, controller: 'ide', disks: [disk(1)] });
    assert.deepEqual(
      m.controllers.map((c) => [c.instanceId, c.resourceType, c.subType, c.address]),
      [[3, 5, 'PIIX4', 0]],
    );
    assert.deepEqual(
      m.disks.map((d) => [d.fileId, d.diskId, d.instanceId, d.parent, d.addressOnParent, d.capacity]),
      [['file1', 'vmdisk1', 4, 3, 0, 1024 ** 3]],
    );
    assert.equal(m.nic.instanceId, 5);
  });

  test('three IDE disks take two controllers (master/slave each)', () => {
    const m = descriptorModel({ ...base, controller: 'ide', disks: [disk(1), disk(2), disk(3)] });
    assert.deepEqual(
      m.controllers.map((c) => [c.instanceId, c.address]),
      [
        [3, 0],
        [4, 1],
      ],
    );
    assert.deepEqual(
      m.disks.map((d) => [d.instanceId, d.parent, d.addressOnParent]),
      [
        [5, 3, 0],
        [6, 3, 1],
        [7, 4, 0],
      ],
    );
    assert.equal(m.nic.instanceId, 8);
  });

  test('SCSI skips target 7 (the HBA) and uses lsilogic', () => {
    const disks = Array.from({ length: 9 }, (_, i) => disk(i + 1));
    const m = descriptorModel({ ...base, controller: 'scsi', disks });
    assert.deepEqual(
      m.controllers.map((c) => [c.resourceType, c.subType]),
      [[6, 'lsilogic']],
    );
    assert.deepEqual(
      m.disks.map((d) => d.addressOnParent),
      [0, 1, 2, 3, 4, 5, 6, 8, 9],
    );
  });

  test('no disk, or more than the controllers hold, is an error', () => {
    assert.throws(() => descriptorModel({ ...base, controller: 'ide', disks: [] }), /at least one disk/);
    const many = Array.from({ length: maxDisks('ide') + 1 }, (_, i) => disk(i + 1));
    assert.throws(
      () => descriptorModel({ ...base, controller: 'ide', disks: many }),
      /5 disks do not fit on ide controllers \(at most 4\)/,
    );
  });
});
