/**
 * The must-show: `formatHcl` is byte-identical to `packer fmt` (Packer 1.6.6) on every corpus file that
 * packer formats, and refuses (reports syntax errors for) exactly the files packer refuses.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { hasErrors } from '../../../src/hcl/diagnostics.js';
import { formatHcl } from '../../../src/hcl/format/format.js';
import { type CorpusFile, corpusTemplates } from '../corpus-files.js';
import { firstDifference } from './first-difference.js';
import { type OracleResult, packerAvailable, packerFormat } from './packer-oracle.js';

let files: CorpusFile[] = [];
let oracle: OracleResult | undefined;
let missing: string | undefined;

before(() => {
  files = corpusTemplates('.pkr.hcl', '.pkrvars.hcl');
  missing = packerAvailable();
  if (missing === undefined) oracle = packerFormat(new Map(files.map((f) => [f.flatName, f.text])));
});

test('the corpus has Packer HCL files to compare', () => {
  assert.ok(
    files.length >= 70,
    `expected the corpus's ~76 *.pkr.hcl/*.pkrvars.hcl files, found ${files.length}`,
  );
});

test('formatHcl is byte-identical to packer fmt on every corpus file packer formats', () => {
  if (missing !== undefined) assert.fail(missing);
  const differences: string[] = [];
  let identical = 0;
  for (const f of files) {
    const want = oracle!.formatted.get(f.flatName);
    if (want === undefined) continue;
    const got = formatHcl(f.text, f.name).output;
    if (got === want) identical++;
    else differences.push(`${f.name}: ${firstDifference(want, got)}`);
  }
  const total = oracle!.formatted.size;
  console.log(
    `# packer fmt corpus: ${identical}/${total} byte-identical (${oracle!.refused.size} refused by packer)`,
  );
  assert.ok(total >= 70, `packer formatted only ${total} corpus files`);
  assert.deepEqual(differences, []);
});

test('formatHcl reports syntax errors for exactly the corpus files packer refuses', () => {
  if (missing !== undefined) assert.fail(missing);
  const disagreements: string[] = [];
  for (const f of files) {
    const refusedByPacker = oracle!.refused.has(f.flatName);
    const diags = formatHcl(f.text, f.name).diags;
    if (hasErrors(diags) !== refusedByPacker) {
      const ours = diags.map((d) => d.summary).join('; ') || 'no errors';
      disagreements.push(
        `${f.name}: packer ${refusedByPacker ? 'refuses' : 'formats'} it; we report ${ours}`,
      );
    }
  }
  assert.deepEqual(disagreements, []);
});
