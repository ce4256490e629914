import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseConfig, parseTemplate } from '../../../src/hcl/native/parser.js';
import { corpusTemplates, templatesDir } from '../corpus-files.js';
import { showRange } from './ast-print.js';

const malformed = 'hashicorp__packer/command__test-fixtures__fmt_errs__malformed.pkr.hcl';
// Syntactically fine for the parser, but HCL itself reports the duplicated argument (Packer's test expects an error).
const duplicate =
  'hashicorp__packer/hcl2template__testdata__init__duplicate_required_plugins__packer.pkr.hcl';

test('every Packer HCL file in the corpus parses without diagnostics (except the known-bad fixtures)', () => {
  let count = 0;
  for (const { name: rel, text: src } of corpusTemplates('.pkr.hcl', '.pkrvars.hcl', '.pkrtpl.hcl')) {
    const isTemplate = rel.endsWith('.pkrtpl.hcl');
    if (rel === malformed || rel === duplicate) continue;
    count++;
    const { diags } = isTemplate ? parseTemplate(src, rel) : parseConfig(src, rel);
    assert.deepEqual(
      diags.map((d) => `${d.summary} @ ${showRange(d.subject)}`),
      [],
      rel,
    );
  }
  assert.ok(count >= 70, `only ${count} files found`);
});

test('the malformed fmt fixture reports the stray word on line 5, as packer validate does', () => {
  const src = readFileSync(join(templatesDir, malformed), 'utf8');
  const { body, diags } = parseConfig(src, 'malformed.pkr.hcl');
  assert.equal(diags.length, 1);
  assert.equal(diags[0]?.summary, 'Argument or block definition required');
  assert.equal(
    diags[0]?.detail,
    'An argument or block definition is required here. To set an argument, use the equals sign "=" to introduce the argument value.',
  );
  assert.equal(showRange(diags[0]?.subject), '5:1-5:8@38-45');
  // Recovery keeps the blocks around the error.
  assert.deepEqual(
    body.blocks.map((b) => `${b.type} ${b.labels.join(' ')}`),
    ['variable region', 'source amazon-ebs example', 'build '],
  );
});

test('duplicate required_plugins entries are an "Attribute redefined" error', () => {
  const { diags } = parseConfig(readFileSync(join(templatesDir, duplicate), 'utf8'), 'p.pkr.hcl');
  assert.deepEqual(
    diags.map((d) => d.summary),
    ['Attribute redefined'],
  );
});

test('block order is preserved: provisioner shell, file, shell', () => {
  const src = [
    'build {',
    '  sources = ["source.null.x"]',
    '  provisioner "shell" {',
    '    inline = ["echo one"]',
    '  }',
    '  provisioner "file" {',
    '    source      = "a"',
    '    destination = "/tmp/a"',
    '  }',
    '  post-processor "manifest" {}',
    '  provisioner "shell" {',
    '    inline = ["echo two"]',
    '  }',
    '}',
    '',
  ].join('\n');
  const { body, diags } = parseConfig(src, 'order.pkr.hcl');
  assert.deepEqual(diags, []);
  const build = body.blocks[0];
  assert.ok(build);
  assert.deepEqual(
    build.body.blocks.map((b) => `${b.type}:${b.labels[0]}`),
    ['provisioner:shell', 'provisioner:file', 'post-processor:manifest', 'provisioner:shell'],
  );
});
