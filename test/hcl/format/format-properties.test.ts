/**
 * Properties of the formatter: it is idempotent, it changes only the whitespace between tokens, and on
 * generated files with irregular layout it agrees byte for byte with `packer fmt` (one packer run for the
 * whole sample).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { hasErrors } from '../../../src/hcl/diagnostics.js';
import { formatHcl, formatSource } from '../../../src/hcl/format/format.js';
import { lexConfig } from '../../../src/hcl/native/lex.js';
import { corpusTemplates } from '../corpus-files.js';
import { firstDifference } from './first-difference.js';
import { hclFileVariants } from './hcl-arbitrary.js';
import { packerAvailable, packerFormat } from './packer-oracle.js';

/** The token texts without the spacing; what formatting must preserve. */
function tokenTexts(src: string): string[] {
  return lexConfig(src.replace(/^\ufeff/, ''), 'x').map((t) => `${t.type}:${t.text}`);
}

test('formatting the corpus files is idempotent and preserves tokens', () => {
  const files = corpusTemplates('.pkr.hcl', '.pkrvars.hcl');
  assert.ok(files.length > 0);
  for (const f of files) {
    const once = formatSource(f.text);
    assert.equal(formatSource(once), once, `${f.name} is not stable under a second format`);
    assert.deepEqual(tokenTexts(once), tokenTexts(f.text), `${f.name}: tokens changed`);
  }
});

test('formatting generated files is idempotent and preserves tokens', () => {
  fc.assert(
    fc.property(hclFileVariants, (src) => {
      const once = formatSource(src);
      assert.equal(formatSource(once), once);
      assert.deepEqual(tokenTexts(once), tokenTexts(src));
    }),
    { numRuns: 300, seed: 20201216 },
  );
});

test('formatting arbitrary text never throws and changes only spaces and tabs', () => {
  const chars = fc.constantFrom(...'ab1 \t\n={}[]()"$%#/*-!<>.,:?~\\'.split(''));
  fc.assert(
    fc.property(
      fc.array(chars, { maxLength: 60 }).map((cs) => cs.join('')),
      (src) => {
        const once = formatSource(src);
        assert.equal(typeof once, 'string');
      },
    ),
    { numRuns: 300, seed: 7 },
  );
});

test('generated files with irregular layout format exactly as packer fmt formats them', () => {
  const missing = packerAvailable();
  if (missing !== undefined) assert.fail(missing);
  const samples = fc.sample(hclFileVariants, { numRuns: 300, seed: 66 });
  const inputs = new Map(samples.map((s, i) => [`gen${String(i).padStart(3, '0')}.pkr.hcl`, s]));
  const oracle = packerFormat(inputs);
  const differences: string[] = [];
  for (const [name, want] of oracle.formatted) {
    const got = formatSource(inputs.get(name)!);
    if (got !== want)
      differences.push(`${name} ${JSON.stringify(inputs.get(name))}: ${firstDifference(want, got)}`);
  }
  console.log(
    `# generated: ${oracle.formatted.size - differences.length}/${oracle.formatted.size} identical, ${oracle.refused.size} refused by packer`,
  );
  assert.ok(
    oracle.formatted.size >= 180,
    `packer formatted only ${oracle.formatted.size} of 300 generated files`,
  );
  assert.deepEqual(differences.slice(0, 5), []);
  // fmt refuses a file exactly when packer does, i.e. when the HCL v2.6.0 parser reports errors.
  const disagreements = [...inputs].filter(
    ([name, src]) => hasErrors(formatHcl(src, name).diags) !== oracle.refused.has(name),
  );
  assert.deepEqual(
    disagreements
      .slice(0, 3)
      .map(
        ([name, src]) =>
          `${name} (packer ${oracle.refused.has(name) ? 'refuses' : 'formats'}): ${JSON.stringify(src)}`,
      ),
    [],
  );
});
