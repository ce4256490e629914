/** Template and var files must be UTF-8 text: one diagnostic naming the file and its first bad byte. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeTextFile, firstInvalidUtf8 } from '../../src/template/text-file.js';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

function detail(name: string, b: Uint8Array): string {
  const r = decodeTextFile(name, b);
  assert.ok('diag' in r, 'expected a diagnostic');
  assert.equal(r.diag.summary, 'Invalid character encoding');
  assert.equal(r.diag.subject, undefined);
  return r.diag.detail!;
}

test('UTF-8 text is decoded, multi-byte characters included; a UTF-8 BOM is dropped', () => {
  const text = 'a = "héllo 🌍"\n';
  assert.deepEqual(decodeTextFile('t.pkr.hcl', bytes(text)), { text });
  assert.deepEqual(decodeTextFile('t.pkr.hcl', bytes(`\ufeff${text}`)), { text });
});

test('the first invalid byte is named with its line and column (characters, not bytes)', () => {
  assert.equal(
    detail('t.pkr.hcl', bytes('a = 1\nb = "é', [0xff], '"\n')),
    't.pkr.hcl is not UTF-8 encoded text: the byte 0xFF at line 2, column 7 is not valid UTF-8. All input files must be UTF-8 encoded; is it a binary file?',
  );
});

test('NUL bytes in valid UTF-8 (UTF-16 without a BOM, binaries) are not text', () => {
  assert.equal(
    detail('v.pkrvars.hcl', bytes([0x61, 0x00, 0x3d, 0x00])),
    'v.pkrvars.hcl is not a text file: it has a NUL byte at line 1, column 2. All input files must be UTF-8 encoded text; is it a binary file?',
  );
});

test('a UTF-16 byte order mark is named as such', () => {
  for (const bom of [
    [0xff, 0xfe],
    [0xfe, 0xff],
  ]) {
    assert.match(detail('t.pkr.json', bytes(bom, [0x7b, 0x00])), /^t\.pkr\.json is UTF-16 encoded text/);
  }
});

test('firstInvalidUtf8 agrees with the platform decoder on malformed sequences', () => {
  const fatal = new TextDecoder('utf-8', { fatal: true });
  const cases: [number[], number | undefined][] = [
    [[0x61, 0xc3, 0xa9], undefined],
    [[0xf0, 0x9f, 0x8c, 0x8d], undefined],
    [[0x61, 0x80], 1], // stray continuation byte
    [[0xc0, 0x80], 0], // overlong
    [[0xe0, 0x80, 0x80], 0], // overlong
    [[0xed, 0xa0, 0x80], 0], // surrogate
    [[0xf4, 0x90, 0x80, 0x80], 0], // above U+10FFFF
    [[0x61, 0x62, 0xe2, 0x82], 2], // truncated at the end
    [[0xe2, 0x28, 0xa1], 0], // bad continuation
  ];
  for (const [b, at] of cases) {
    const u = Uint8Array.from(b);
    assert.equal(firstInvalidUtf8(u), at, b.join(' '));
    assert.equal(
      (() => {
        try {
          fatal.decode(u);
          return true;
        } catch {
          return false;
        }
      })(),
      at === undefined,
      b.join(' '),
    );
  }
});
