import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { selectDisks } from '../../../src/postprocessors/ovf/input-disks.js';
import { manifestText, parseManifest } from '../../../src/postprocessors/ovf/manifest.js';
import { lookupOsType } from '../../../src/postprocessors/ovf/os-types.js';

describe('ovf input disks', () => {
  test("a qemu artifact's diskName and its numbered additional disks, in number order", () => {
    const files = ['/o/vm-10', '/o/vm-2', '/o/vm', '/o/vm-1', '/o/vm.log', '/o/other-1'];
    assert.deepEqual(selectDisks(files, { diskName: 'vm' }), ['/o/vm', '/o/vm-1', '/o/vm-2', '/o/vm-10']);
  });
  test('state.diskPaths (imgbuild qemu) wins when the artifact holds all of them', () => {
    const files = ['/o/vm', '/o/vm-1', '/o/vm.log'];
    assert.deepEqual(selectDisks(files, { diskPaths: ['/o/vm-1', '/o/vm'], diskName: 'vm' }), [
      '/o/vm-1',
      '/o/vm',
    ]);
    // Stale paths (not among the files) fall back to diskName.
    assert.deepEqual(selectDisks(files, { diskPaths: ['/elsewhere/vm'], diskName: 'vm' }), [
      '/o/vm',
      '/o/vm-1',
    ]);
  });
  test('diskName with regex characters matches literally', () => {
    assert.deepEqual(selectDisks(['/o/a.b', '/o/a.b-1', '/o/aXb-2'], { diskName: 'a.b' }), [
      '/o/a.b',
      '/o/a.b-1',
    ]);
  });
  test('without state: files with disk extensions, in artifact order', () => {
    assert.deepEqual(selectDisks(['/o/b.raw', '/o/notes.txt', '/o/a.QCOW2'], {}), ['/o/b.raw', '/o/a.QCOW2']);
  });
  test('a single file without extension is the disk', () => {
    assert.deepEqual(selectDisks(['/o/packer-web'], {}), ['/o/packer-web']);
  });
  test('several unrecognisable files, or none, are errors', () => {
    assert.throws(() => selectDisks(['/o/a', '/o/b'], {}), /cannot tell which .*\/o\/a, \/o\/b/);
    assert.throws(() => selectDisks([], {}), /no files/);
  });
});

describe('ovf manifest and os types', () => {
  test('manifest lines are `ALGO(file)= hex` and parse back', () => {
    const text = manifestText('sha256', [
      { name: 'w.ovf', digest: 'ab' },
      { name: 'w-disk1.vmdk', digest: 'cd' },
    ]);
    assert.equal(text, 'SHA256(w.ovf)= ab\nSHA256(w-disk1.vmdk)= cd\n');
    assert.deepEqual(
      [...parseManifest(text)],
      [
        ['w.ovf', { algorithm: 'sha256', digest: 'ab' }],
        ['w-disk1.vmdk', { algorithm: 'sha256', digest: 'cd' }],
      ],
    );
    assert.equal(manifestText('sha1', [{ name: 'x', digest: '00' }]), 'SHA1(x)= 00\n');
    assert.throws(() => parseManifest('SHA256(x) = ab\n'), /line 1/);
  });
  test('os types carry CIM OsType numbers (VirtualBox ids, case-insensitive)', () => {
    assert.equal(lookupOsType('debian_64')?.type.cimId, 96);
    assert.equal(lookupOsType('Ubuntu_64')?.type.cimId, 94);
    assert.equal(lookupOsType('Linux26_64')?.type.cimId, 100);
    assert.equal(lookupOsType('Other_64')?.type.cimId, 102);
    assert.equal(lookupOsType('Windows10_64'), undefined);
  });
});
