import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseInfo } from '../../../src/postprocessors/ovf/disk-tool.js';
import {
  checkArgs,
  infoArgs,
  lastProgress,
  toStreamOptimizedArgs,
} from '../../../src/postprocessors/ovf/qemu-img-args.js';

describe('ovf qemu-img argv', () => {
  const cases: { name: string; got: string[]; want: string[] }[] = [
    {
      name: 'info as JSON',
      got: infoArgs('qemu-img', '/o/disk.qcow2'),
      want: ['qemu-img', 'info', '--output=json', '/o/disk.qcow2'],
    },
    {
      name: 'convert qcow2 to streamOptimized for IDE',
      got: toStreamOptimizedArgs('qemu-img', '/o/disk.qcow2', 'qcow2', '/p/w-disk1.vmdk', 'ide'),
      want: [
        'qemu-img',
        'convert',
        '-p',
        '-f',
        'qcow2',
        '-O',
        'vmdk',
        '-o',
        'subformat=streamOptimized,adapter_type=ide',
        '/o/disk.qcow2',
        '/p/w-disk1.vmdk',
      ],
    },
    {
      name: 'convert raw for LSI Logic, custom binary',
      got: toStreamOptimizedArgs('/opt/qemu-img', 'a b.raw', 'raw', 'x.vmdk', 'lsilogic'),
      want: [
        '/opt/qemu-img',
        'convert',
        '-p',
        '-f',
        'raw',
        '-O',
        'vmdk',
        '-o',
        'subformat=streamOptimized,adapter_type=lsilogic',
        'a b.raw',
        'x.vmdk',
      ],
    },
    {
      name: 'check with an explicit format',
      got: checkArgs('qemu-img', 'x.vmdk', 'vmdk'),
      want: ['qemu-img', 'check', '-f', 'vmdk', 'x.vmdk'],
    },
  ];
  for (const c of cases) test(c.name, () => assert.deepEqual(c.got, c.want));

  test('lastProgress reads the last `(NN.NN/100%)` of a chunk', () => {
    assert.equal(lastProgress('    (0.00/100%)\r    (12.50/100%)\r'), 12.5);
    assert.equal(lastProgress('    (100.00/100%)\n'), 100);
    assert.equal(lastProgress('no progress here'), undefined);
  });
  test('parseInfo reads format and virtual-size', () => {
    assert.deepEqual(parseInfo('{"format":"qcow2","virtual-size":1073741824}', 'd'), {
      format: 'qcow2',
      virtualSize: 1073741824,
    });
  });
  test('parseInfo rejects output without the fields, naming the file', () => {
    assert.throws(
      () => parseInfo('{"format":"qcow2"}', '/o/d'),
      /qemu-img info \/o\/d: no format or virtual-size/,
    );
    assert.throws(() => parseInfo('not json', '/o/d'), /qemu-img info \/o\/d: unreadable output/);
  });
});
