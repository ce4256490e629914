import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { graphemeCount, graphemes, utf8Length } from '../../src/hcl/unicode.js';

const reference = new Intl.Segmenter('en', { granularity: 'grapheme' });
const referenceClusters = (s: string) => [...reference.segment(s)].map((x) => x.segment);

test('clusters agree with Intl.Segmenter on short and long mixed text', () => {
  const samples = [
    '',
    'abc',
    'a\r\nb',
    'e\u0301',
    '🤷‍♂️x',
    'क्ष',
    '🇫🇷🇩🇪',
    `${'ab\r\n'.repeat(300)}é${'x'.repeat(700)}👩‍👩‍👧`,
  ];
  for (const s of samples) {
    assert.deepEqual(graphemes(s), referenceClusters(s), JSON.stringify(s.slice(0, 20)));
    assert.equal(graphemeCount(s), referenceClusters(s).length);
  }
  const text = fc.array(
    fc.constantFrom('a', ' ', '\r', '\n', 'é', 'e\u0301', '🤷', '\u200d', '♂️', 'क', '्', 'ष', '🇫'),
    {
      maxLength: 1500,
    },
  );
  fc.assert(
    fc.property(text, (parts) => {
      const s = parts.join('');
      assert.deepEqual(graphemes(s), referenceClusters(s));
      assert.equal(graphemeCount(s), referenceClusters(s).length);
    }),
    { numRuns: 200 },
  );
});

test('counting clusters of a long string takes linear time', () => {
  const s = 'ab,é'.repeat(60000);
  const t0 = performance.now();
  assert.equal(graphemeCount(s), 240000);
  const elapsed = performance.now() - t0;
  assert.ok(elapsed < 1500, `240,000 clusters counted in ${elapsed.toFixed(0)} ms`);
});

test('UTF-8 length counts bytes, with astral characters as 4', () => {
  assert.equal(utf8Length('aé€🤷'), 1 + 2 + 3 + 4);
  assert.equal(utf8Length('\ud800'), 3);
  assert.equal(utf8Length('a'.repeat(10)), Buffer.byteLength('a'.repeat(10)));
});
