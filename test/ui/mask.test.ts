/** The Masker: every printed form of a secret becomes `<sensitive>`, also when split across chunks. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createMasker, secretForms } from '../../src/ui/mask.js';

const S = '<sensitive>';

test('a secret is masked as is, every occurrence, longest secret first', () => {
  const m = createMasker(['hunter2', 'hunter22']);
  assert.equal(m.mask('pw=hunter22 then hunter2, hunter2'), `pw=${S} then ${S}, ${S}`);
});

test('values shorter than four characters are left alone', () => {
  const m = createMasker(['abc', 'x', '']);
  assert.equal(m.empty, true);
  assert.equal(m.mask('abc x'), 'abc x');
});

const quoted = `it's "q" $HOME \\ end`;

const forms: [string, string][] = [
  ['as is', quoted],
  ["single-quoted with '\\''", `'it'\\''s "q" $HOME \\ end'`],
  [`single-quoted with '"'"'`, `'it'"'"'s "q" $HOME \\ end'`],
  ['double-quoted', `"it's \\"q\\" \\$HOME \\\\ end"`],
  ['backslash-escaped (printf %q)', `it\\'s\\ \\"q\\"\\ \\$HOME\\ \\\\\\ end`],
  ['JSON-escaped', JSON.stringify({ pw: quoted })],
  ['Go %q', `"it's \\"q\\" $HOME \\\\ end"`],
  ['URL-encoded', `https://u:${encodeURIComponent(quoted)}@host/`],
];

for (const [name, printed] of forms) {
  test(`the ${name} form is masked`, () => {
    const m = createMasker([quoted]);
    const out = m.mask(`before ${printed} after`);
    assert.ok(out.includes(S), out);
    for (const f of secretForms(quoted)) assert.ok(!out.includes(f), `${out} still has ${f}`);
    assert.ok(!out.includes('HOME'), out);
  });
}

const key = [
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
  'QyNTUxOQAAACD2q0rJx4FhZk1k2m3n4o5p6q7r8s9t0u1v2w3x4y5z6AAAAJgAAAAAAAAA',
  '-----END OPENSSH PRIVATE KEY-----',
].join('\n');

test('a multi-line value is masked whole, line by line, and in its escaped one-line forms', () => {
  const m = createMasker([key]);
  assert.equal(m.mask(`key:\n${key}\nend`), `key:\n${S}\nend`);
  const lines = key.split('\n');
  // Printed one line at a time (remote output), indented, or with CRLF line ends (a pty).
  assert.equal(m.mask(`    web: ${lines[1]}`), `    web: ${S}`);
  assert.equal(m.mask(`  ${lines[2]}  `), `  ${S}  `);
  assert.equal(m.mask(key.replaceAll('\n', '\r\n')), S);
  assert.equal(m.mask(JSON.stringify({ key })), `{"key":"${S}"}`);
  assert.equal(m.mask(JSON.stringify({ key: key.replaceAll('\n', '\r\n') })), `{"key":"${S}"}`);
  for (const line of lines) assert.ok(!m.mask(`x ${line} y`).includes(line.slice(5, -5)));
});

test('a secret split across chunks is held back until it can be masked', () => {
  const secret = 'correct-horse-battery';
  const text = `one ${secret} two\nthree ${secret}`;
  for (let cut = 0; cut <= text.length; cut++) {
    for (let cut2 = cut; cut2 <= text.length; cut2 += 3) {
      const s = createMasker([secret]).stream();
      const out =
        s.write(text.slice(0, cut)) + s.write(text.slice(cut, cut2)) + s.write(text.slice(cut2)) + s.end();
      assert.equal(out, `one ${S} two\nthree ${S}`, `cuts at ${cut}, ${cut2}`);
    }
  }
});

test('a stream shows text at once when no secret could be starting', () => {
  const s = createMasker(['correct-horse']).stream();
  assert.equal(s.write('hello wor'), 'hello wor');
  assert.equal(s.write('ld, corr'), 'ld, ');
  assert.equal(s.write('ect'), '');
  assert.equal(s.write('-horse!'), `${S}!`);
  assert.equal(s.end(), '');
});

test('a longer form that extends a complete shorter one is not cut in two', () => {
  const m = createMasker(['abcd-1', 'abcd-1-2345']);
  assert.equal(m.safePrefixLength('x abcd-1-23'), 2);
  assert.equal(m.safePrefixLength('x abcd-1 y'), 10);
});

test('maskError masks message, stack and cause, and leaves the original alone', () => {
  const m = createMasker(['s3cr3t-pass']);
  const original = new TypeError('login with s3cr3t-pass failed', { cause: new Error('s3cr3t-pass') });
  const masked = m.maskError(original);
  assert.equal(masked.message, `login with ${S} failed`);
  assert.equal(masked.name, 'TypeError');
  assert.ok(!masked.stack?.includes('s3cr3t'));
  assert.equal((masked.cause as Error).message, S);
  assert.equal(original.message, 'login with s3cr3t-pass failed');
  assert.equal(m.maskError('plain s3cr3t-pass').message, `plain ${S}`);
});

test('secrets learned at run time are added', () => {
  const m = createMasker();
  assert.equal(m.mask('generated-pw'), 'generated-pw');
  m.add('generated-pw');
  assert.equal(m.mask('pw generated-pw'), `pw ${S}`);
  assert.deepEqual(m.ranges('pw generated-pw'), [{ start: 3, end: 15 }]);
});

test('a secret pasted unescaped into a shell command is masked as the shell prints it', () => {
  const secret = `s3cret 'quoted' "dq" $dollar \\x`;
  const m = createMasker([secret]);
  // echo 'json "…"' around it: the secret's single quotes end and restart the quoting.
  assert.equal(m.mask(`json "s3cret quoted "dq" $dollar \\x"`), `json "${S}"`);
  // echo "…": double quotes removed, $dollar expanded to nothing, the backslash kept.
  assert.equal(m.mask(`s3cret 'quoted' dq  \\x`), S);
  assert.equal(m.mask(`s3cret quoted dq  x`), S);
});
