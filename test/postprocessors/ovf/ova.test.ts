import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ustarHeader, writeOva } from '../../../src/postprocessors/ovf/ova.js';

describe('OVA writer (ustar)', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'imgbuild-ova-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('GNU tar lists the members in the given order and extracts the same bytes', async () => {
    const contents: Record<string, Buffer> = {
      'w.ovf': Buffer.from('<Envelope/>\n'),
      'w.mf': Buffer.alloc(0),
      'w-disk1.vmdk': Buffer.alloc(1024 * 1024 + 3, 0xa5),
      'w-disk2.vmdk': Buffer.from('x'.repeat(513)),
    };
    const src = join(dir, 'src');
    await mkdir(src);
    for (const [name, data] of Object.entries(contents)) await writeFile(join(src, name), data);
    const ova = join(dir, 'w.ova');
    await writeOva(
      Object.keys(contents).map((n) => ({ path: join(src, n) })),
      ova,
      new AbortController().signal,
      1_700_000_000,
    );
    const list = spawnSync('tar', ['-tvf', ova], { encoding: 'utf8' });
    assert.equal(list.status, 0, list.stderr);
    assert.deepEqual(
      list.stdout
        .trim()
        .split('\n')
        .map((l) => l.split(/\s+/).pop()),
      Object.keys(contents),
    );
    const out = join(dir, 'out');
    await mkdir(out);
    const x = spawnSync('tar', ['-xf', ova, '-C', out], { encoding: 'utf8' });
    assert.equal(x.status, 0, x.stderr);
    for (const [name, data] of Object.entries(contents)) {
      assert.ok((await readFile(join(out, name))).equals(data), name);
    }
    // Each member is a header and its data padded to 512 bytes; two zero blocks end the archive.
    const size = (await readFile(ova)).length;
    const blocks = (n: number) => Math.ceil(n / 512) * 512;
    const want = Object.values(contents).reduce((sum, d) => sum + 512 + blocks(d.length), 0) + 1024;
    assert.equal(size, want);
  });

  test('headers are POSIX ustar (magic "ustar\\0", version "00"), mode 0644, owner 0', () => {
    const h = ustarHeader('w.ovf', 12, 1_700_000_000);
    assert.equal(h.length, 512);
    assert.equal(h.subarray(257, 263).toString('latin1'), 'ustar\0');
    assert.equal(h.subarray(263, 265).toString('latin1'), '00');
    assert.equal(h.subarray(100, 108).toString('latin1'), '0000644\0');
    assert.equal(h.subarray(124, 136).toString('latin1'), '00000000014\0');
    assert.equal(h[156], '0'.charCodeAt(0));
  });

  test('a member over 8 GiB gets a base-256 size that GNU tar reads', async () => {
    const size = 9 * 1024 ** 3;
    const h = ustarHeader('big.vmdk', size, 1_700_000_000);
    assert.equal(h[124], 0x80);
    const file = join(dir, 'big-header.tar');
    await writeFile(file, h);
    const list = spawnSync('tar', ['-tvf', file], { encoding: 'utf8' });
    // Only the header is there, so tar stops at EOF, but it has decoded the size.
    assert.match(list.stdout, new RegExp(`\\b${size}\\b.*big\\.vmdk`));
  });

  test('names over 100 bytes are refused (ustar has no room, and OVA readers want no extensions)', () => {
    assert.throws(() => ustarHeader(`${'n'.repeat(101)}.vmdk`, 1, 0), /over 100 bytes/);
  });

  test('a cancelled write rejects with the reason', async () => {
    const src = join(dir, 'c.bin');
    await writeFile(src, Buffer.alloc(1024));
    const controller = new AbortController();
    controller.abort(new Error('cancelled by the test'));
    await assert.rejects(
      writeOva([{ path: src }], join(dir, 'c.ova'), controller.signal),
      /cancelled by the test|aborted/,
    );
  });
});
