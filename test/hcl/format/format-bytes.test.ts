/**
 * Files that are not valid UTF-8: packer formats them when the bad bytes are inside comments (keeping the
 * bytes) and refuses them otherwise; formatHclBytes does the same.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasErrors } from '../../../src/hcl/diagnostics.js';
import { decodeLossless, encodeLossless, formatHclBytes } from '../../../src/hcl/format/bytes.js';
import { packerAvailable, packerFormat } from './packer-oracle.js';

const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

const inComment = bytes('a=1 # x', [0xff, 0xfe], '\nbb = 2 # \u00e9\n');
const inBlockComment = bytes('/* ', [0xc3], ' */ a=1\nbbb=2\n');
const inString = bytes('a="x', [0xff], '"\n');

test('decoding and encoding round-trip arbitrary bytes', () => {
  for (const b of [inComment, inBlockComment, inString, bytes([0xe2, 0x82], 'x', [0xf0, 0x9f, 0x98, 0x80])]) {
    const { text, escaped } = decodeLossless(b);
    assert.deepEqual(encodeLossless(text, escaped), b);
  }
  assert.equal(decodeLossless(Buffer.from('plain é')).escaped, false);
});

test('invalid UTF-8 outside comments is an encoding error', () => {
  const r = formatHclBytes(inString, 'x.pkr.hcl');
  assert.ok(hasErrors(r.diags));
  assert.equal(r.diags[0]!.summary, 'Invalid character encoding');
});

test('invalid UTF-8 inside comments formats byte for byte as packer fmt', () => {
  const missing = packerAvailable();
  if (missing !== undefined) assert.fail(missing);
  const inputs = new Map([
    ['comment.pkr.hcl', inComment],
    ['block.pkr.hcl', inBlockComment],
    ['string.pkr.hcl', inString],
  ]);
  const oracle = packerFormat(inputs);
  assert.deepEqual([...oracle.refused], ['string.pkr.hcl']);
  for (const name of ['comment.pkr.hcl', 'block.pkr.hcl']) {
    const r = formatHclBytes(inputs.get(name)!, name);
    assert.equal(hasErrors(r.diags), false, name);
    assert.deepEqual(r.output, oracle.formattedBytes.get(name), name);
  }
});
