/** The qemu-img argv builders against exact argument lists (packer-plugin-qemu's step tests' tables). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkImageArgs,
  convertImageArgs,
  createImageArgs,
  infoImageArgs,
  qemuImgSize,
  resizeImageArgs,
} from '../../../src/builders/qemu/qemu-img-args.js';

describe('qemu-img argv', () => {
  const cases: Array<{ name: string; got: string[]; want: string[] }> = [
    {
      name: 'create',
      got: createImageArgs({ format: 'qcow2', path: 'target.qcow2', size: '1234M' }),
      want: ['create', '-f', 'qcow2', 'target.qcow2', '1234M'],
    },
    {
      name: 'create with a backing file and extra args',
      got: createImageArgs({
        format: 'qcow2',
        path: 'target.qcow2',
        size: '1234M',
        backingFile: 'source.qcow2',
        extra: ['-o', 'preallocation=metadata'],
      }),
      want: [
        'create',
        '-f',
        'qcow2',
        '-b',
        'source.qcow2',
        '-F',
        'qcow2',
        '-o',
        'preallocation=metadata',
        'target.qcow2',
        '1234M',
      ],
    },
    {
      name: 'convert (compaction)',
      got: convertImageArgs({ source: 'a', target: 'a.convert', outputFormat: 'qcow2' }),
      want: ['convert', '-O', 'qcow2', 'a', 'a.convert'],
    },
    {
      name: 'convert compressed with progress, extra args and a known source format',
      got: convertImageArgs({
        source: 'a',
        target: 'b',
        outputFormat: 'qcow2',
        sourceFormat: 'qcow2',
        compress: true,
        progress: true,
        extra: ['-m', '4', '-W'],
      }),
      want: ['convert', '-p', '-c', '-m', '4', '-W', '-f', 'qcow2', '-O', 'qcow2', 'a', 'b'],
    },
    {
      name: 'convert to a streamOptimized vmdk',
      got: convertImageArgs({
        source: 'a',
        target: 'b.vmdk',
        outputFormat: 'vmdk',
        options: ['subformat=streamOptimized'],
      }),
      want: ['convert', '-O', 'vmdk', '-o', 'subformat=streamOptimized', 'a', 'b.vmdk'],
    },
    {
      name: 'resize with extra args',
      got: resizeImageArgs({ format: 'raw', path: 'd.raw', size: '4G', extra: ['--shrink'] }),
      want: ['resize', '-f', 'raw', '--shrink', 'd.raw', '4G'],
    },
    { name: 'info', got: infoImageArgs('d.qcow2'), want: ['info', '--output=json', 'd.qcow2'] },
    {
      name: 'info with format',
      got: infoImageArgs('d', 'raw'),
      want: ['info', '--output=json', '-f', 'raw', 'd'],
    },
    {
      name: 'check',
      got: checkImageArgs('d.vmdk', 'vmdk'),
      want: ['check', '--output=json', '-f', 'vmdk', 'd.vmdk'],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(c.got, c.want));

  it('disk_size: a bare number is MiB, a unit is kept', () => {
    assert.deepEqual(['40960', '10G', '512m', ' 3t '].map(qemuImgSize), ['40960M', '10G', '512m', '3t']);
  });
});
