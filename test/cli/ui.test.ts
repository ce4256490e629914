/** Command output: plain and machine-readable UI, the secret scrubber, Packer's writeDiags. */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { errorDiag, warningDiag } from '../../src/hcl/diagnostics.js';
import { createUi, scrubber, writeDiagnostics } from '../../src/cli/ui.js';

function capture() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const got = { out: '', err: '' };
  stdout.on('data', (c) => (got.out += c));
  stderr.on('data', (c) => (got.err += c));
  return { io: { stdout, stderr }, got };
}

test('say goes to stdout and error to stderr, each with a newline', () => {
  const { io, got } = capture();
  const ui = createUi(io);
  ui.say('hello');
  ui.error('bad');
  assert.deepEqual(got, { out: 'hello\n', err: 'bad\n' });
});

test('machine-readable: timestamp,,ui,kind,text with commas and newlines escaped, all on stdout', () => {
  const { io, got } = capture();
  const ui = createUi(io, { machineReadable: true, now: () => new Date(1795690527000) });
  ui.say('Syntax-only check passed. Everything looks okay.');
  ui.error('Error: x, y\n\nz\r');
  assert.equal(
    got.out,
    '1795690527,,ui,say,Syntax-only check passed. Everything looks okay.\n' +
      '1795690527,,ui,error,Error: x%!(PACKER_COMMA) y\\n\\nz\\r\n',
  );
  assert.equal(got.err, '');
});

test('the scrubber hides secrets (longest first) but leaves very short values alone', () => {
  const scrub = scrubber(['hunter2', 'hunter22', 'x', 'abc']);
  assert.equal(scrub('pw=hunter22 and hunter2, x, abc'), 'pw=<sensitive> and <sensitive>, x, abc');
  const { io, got } = capture();
  createUi(io, { scrub }).error('Error: bad value "hunter2"');
  assert.equal(got.err, 'Error: bad value "<sensitive>"\n');
});

test('writeDiagnostics: errors on stderr (1), warnings only on stdout (0), nothing for none', () => {
  const a = capture();
  assert.equal(writeDiagnostics(createUi(a.io), [], new Map()), 0);
  assert.deepEqual(a.got, { out: '', err: '' });
  const b = capture();
  assert.equal(writeDiagnostics(createUi(b.io), [warningDiag('Careful', 'Some detail.')], new Map()), 0);
  assert.deepEqual(b.got, { out: 'Warning: Careful\n\nSome detail.\n\n\n', err: '' });
  const c = capture();
  const diags = [warningDiag('Careful', 'W.'), errorDiag('Broken', 'E.')];
  assert.equal(writeDiagnostics(createUi(c.io), diags, new Map()), 1);
  assert.deepEqual(c.got, { out: '', err: 'Warning: Careful\n\nW.\n\nError: Broken\n\nE.\n\n\n' });
});

test('the scrubber keeps carets under what they underline when a secret in the source line is masked', () => {
  const scrub = scrubber(['s3cr3t-Value']);
  const rendered = '  12:   x = ["s3cr3t-Value", bad]\n                            ^^^\n';
  assert.equal(scrub(rendered), '  12:   x = ["<sensitive>", bad]\n                           ^^^\n');
  const underlined = `   3:   a = "s3cr3t-Value"\n${' '.repeat(12)}${'^'.repeat(14)}\n`;
  assert.equal(scrub(underlined), `   3:   a = "<sensitive>"\n${' '.repeat(12)}${'^'.repeat(13)}\n`);
});
