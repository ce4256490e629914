import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ChecksumSpecError,
  findChecksumInFile,
  parseChecksumLine,
  parseChecksumSpec,
} from '../../../src/builders/common/download/checksum.js';

const MD5 = 'd41d8cd98f00b204e9800998ecf8427e';
const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const SHA512 =
  'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e';

describe('parseChecksumSpec: every iso_checksum form Packer accepts', () => {
  const table: [string, unknown][] = [
    ['none', { kind: 'none' }],
    ['NONE', { kind: 'none' }],
    ['', { kind: 'none' }],
    [`md5:${MD5}`, { kind: 'value', checksum: { type: 'md5', value: MD5 } }],
    [`sha1:${SHA1}`, { kind: 'value', checksum: { type: 'sha1', value: SHA1 } }],
    [`sha256:${SHA256}`, { kind: 'value', checksum: { type: 'sha256', value: SHA256 } }],
    [`SHA256:${SHA256.toUpperCase()}`, { kind: 'value', checksum: { type: 'sha256', value: SHA256 } }],
    [`sha512:${SHA512}`, { kind: 'value', checksum: { type: 'sha512', value: SHA512 } }],
    // A bare hash: the type follows from its length.
    [MD5, { kind: 'value', checksum: { type: 'md5', value: MD5 } }],
    [SHA1, { kind: 'value', checksum: { type: 'sha1', value: SHA1 } }],
    [SHA256, { kind: 'value', checksum: { type: 'sha256', value: SHA256 } }],
    [SHA512, { kind: 'value', checksum: { type: 'sha512', value: SHA512 } }],
    ['file:http://example.test/SHA256SUMS', { kind: 'file', location: 'http://example.test/SHA256SUMS' }],
    ['file:./sums.txt', { kind: 'file', location: './sums.txt' }],
    ['file:file://./sums.txt', { kind: 'file', location: 'file://./sums.txt' }],
  ];
  for (const [input, want] of table) {
    it(JSON.stringify(input), () => assert.deepEqual(parseChecksumSpec(input), want));
  }

  const bad: [string, RegExp][] = [
    ['sha256:abc', /not a hex string/],
    [`sha256:${MD5}`, /a sha256 hash has 64 hex digits, got 32/],
    ['crc32:deadbeef', /unsupported checksum type: crc32/],
    ['abcdef', /Unknown type for checksum abcdef/],
    ['xyz', /not a hex string/],
    ['file:', /needs a URL or a path/],
  ];
  for (const [input, message] of bad) {
    it(`rejects ${JSON.stringify(input)}`, () => {
      assert.throws(
        () => parseChecksumSpec(input),
        (e: unknown) => e instanceof ChecksumSpecError && message.test(e.message),
      );
    });
  }
});

describe('checksum files: GNU and BSD lines', () => {
  const lines: [string, unknown][] = [
    [`${SHA256}  disk.iso`, { checksum: { type: 'sha256', value: SHA256 }, filename: 'disk.iso' }],
    [`${SHA256} *disk.iso`, { checksum: { type: 'sha256', value: SHA256 }, filename: 'disk.iso' }],
    [`${SHA1} ?disk.iso`, { checksum: { type: 'sha1', value: SHA1 }, filename: 'disk.iso' }],
    [`${MD5}  my disk.iso`, { checksum: { type: 'md5', value: MD5 }, filename: 'my disk.iso' }],
    [`SHA256 (disk.iso) = ${SHA256}`, { checksum: { type: 'sha256', value: SHA256 }, filename: 'disk.iso' }],
    [`MD5 (a b.iso) = ${MD5}`, { checksum: { type: 'md5', value: MD5 }, filename: 'a b.iso' }],
    // openssl dgst output.
    [`SHA2-256(disk.iso)= ${SHA256}`, { checksum: { type: 'sha256', value: SHA256 }, filename: 'disk.iso' }],
    [SHA512, { checksum: { type: 'sha512', value: SHA512 }, filename: '' }],
    ['', undefined],
    ['# comment', undefined],
    ['not a checksum line', undefined],
    [`SHA256 (disk.iso) = ${MD5}`, undefined],
  ];
  for (const [line, want] of lines) {
    it(JSON.stringify(line.slice(0, 40)), () => assert.deepEqual(parseChecksumLine(line), want));
  }

  it('picks the line for the file, under any name go-getter accepts', () => {
    const other = 'a'.repeat(64);
    const file = [`${other}  other.iso`, `${SHA256}  ./images/disk.iso`, ''].join('\n');
    assert.deepEqual(findChecksumInFile(file, ['disk.iso', 'images/disk.iso', './images/disk.iso']), {
      type: 'sha256',
      value: SHA256,
    });
    assert.equal(findChecksumInFile(file, ['missing.iso']), undefined);
    // A line without a file name is taken as it is.
    assert.deepEqual(findChecksumInFile(`\n${MD5}\n`, ['x']), { type: 'md5', value: MD5 });
  });
});
