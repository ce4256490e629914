/**
 * createUi's output, byte for byte, in each mode. The colored plain table is what Debian's packer 1.6.6
 * prints for a null build with a shell-local provisioner (captured with `packer build`, cat -A).
 */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { createUi } from '../../src/ui/create.js';
import type { UiOptions } from '../../src/ui/types.js';

process.env.TZ = 'UTC';
const at = new Date('2026-11-26T11:43:57Z');
const unix = '1795693437';

function capture() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const got = { out: '', err: '' };
  stdout.on('data', (c) => (got.out += c));
  stderr.on('data', (c) => (got.err += c));
  return { stdout, stderr, got };
}

/** The same scenario in every mode: a build that says, prints remote output, fails a line, finishes. */
async function scenario(opts: Partial<UiOptions> & Pick<UiOptions, 'mode'>) {
  const io = capture();
  const ui = await createUi({
    stdout: io.stdout,
    stderr: io.stderr,
    now: () => at,
    secrets: ['hunter2secret'],
    ...opts,
  });
  ui.introduceBuilds(['null.a']);
  const b = ui.forBuild('null.a');
  b.say('Running local shell script: /tmp/packer-shell1');
  b.output('hello, hunter2secret\nx\n', 'stdout');
  b.output('err\n', 'stderr');
  b.output('y', 'stdout');
  b.done();
  b.bare.say("Build 'null.a' finished after 14 milliseconds.");
  ui.say('\n==> Wait completed after 14 milliseconds');
  b.machine('artifact-count', '1');
  b.machine('artifact', '0', 'string', 'Did not export anything, hunter2secret');
  ui.close();
  return io.got;
}

const E = '\x1b';

test('plain, colored: Packer 1.6.6 byte for byte (errors on stdout too)', async () => {
  const got = await scenario({ mode: 'plain', color: true });
  assert.equal(
    got.out,
    `${E}[1;32mnull.a: output will be in this color.${E}[0m\n` +
      '\n' +
      `${E}[1;32m==> null.a: Running local shell script: /tmp/packer-shell1${E}[0m\n` +
      `${E}[0;32m    null.a: hello, <sensitive>${E}[0m\n` +
      `${E}[0;32m    null.a: x${E}[0m\n` +
      `${E}[1;31m==> null.a: err${E}[0m\n` +
      `${E}[0;32m    null.a: y${E}[0m\n` +
      `${E}[1;32mBuild 'null.a' finished after 14 milliseconds.${E}[0m\n` +
      '\n==> Wait completed after 14 milliseconds\n',
  );
  assert.equal(got.err, '');
});

test('plain (CI default): no color, no spinner; errorsToStderr sends error lines to stderr', async () => {
  const got = await scenario({ mode: 'plain', errorsToStderr: true });
  assert.equal(
    got.out,
    '==> null.a: Running local shell script: /tmp/packer-shell1\n' +
      '    null.a: hello, <sensitive>\n' +
      '    null.a: x\n' +
      '    null.a: y\n' +
      "Build 'null.a' finished after 14 milliseconds.\n" +
      '\n==> Wait completed after 14 milliseconds\n',
  );
  assert.equal(got.err, '==> null.a: err\n');
});

test('-timestamp-ui: RFC 3339 before the build lines (inside the color), not before command lines', async () => {
  const got = await scenario({ mode: 'plain', color: true, timestamps: true });
  const ts = '2026-11-26T11:43:57Z: ';
  assert.equal(
    got.out,
    `${E}[1;32mnull.a: output will be in this color.${E}[0m\n` +
      '\n' +
      `${E}[1;32m${ts}==> null.a: Running local shell script: /tmp/packer-shell1${E}[0m\n` +
      `${E}[0;32m${ts}    null.a: hello, <sensitive>${E}[0m\n` +
      `${E}[0;32m${ts}    null.a: x${E}[0m\n` +
      `${E}[1;31m${ts}==> null.a: err${E}[0m\n` +
      `${E}[0;32m${ts}    null.a: y${E}[0m\n` +
      `${E}[1;32m${ts}Build 'null.a' finished after 14 milliseconds.${E}[0m\n` +
      '\n==> Wait completed after 14 milliseconds\n',
  );
});

test('-machine-readable: Packer 1.6.6 lines, commas and newlines escaped, but the secret masked', async () => {
  const got = await scenario({ mode: 'machine-readable', color: true });
  assert.equal(
    got.out,
    `${unix},,ui,say,==> null.a: Running local shell script: /tmp/packer-shell1\n` +
      `${unix},,ui,message,    null.a: hello%!(PACKER_COMMA) <sensitive>\n` +
      `${unix},,ui,message,    null.a: x\n` +
      `${unix},,ui,error,==> null.a: err\n` +
      `${unix},,ui,message,    null.a: y\n` +
      `${unix},,ui,say,Build 'null.a' finished after 14 milliseconds.\n` +
      `${unix},,ui,say,\\n==> Wait completed after 14 milliseconds\n` +
      `${unix},null.a,artifact-count,1\n` +
      `${unix},null.a,artifact,0,string,Did not export anything%!(PACKER_COMMA) <sensitive>\n`,
  );
  assert.equal(got.err, '');
});

test('-machine-readable with -timestamp-ui: the time is inside the data field, as in Packer', async () => {
  const got = await scenario({ mode: 'machine-readable', timestamps: true });
  assert.ok(got.out.startsWith(`${unix},,ui,say,2026-11-26T11:43:57Z: ==> null.a: Running`), got.out);
});

test('multi-line messages: every line prefixed (a trailing newline too, as Packer), one color around it all', async () => {
  const io = capture();
  const ui = await createUi({ mode: 'plain', color: true, stdout: io.stdout, now: () => at });
  const b = ui.forBuild('web.null.a');
  b.say('first\nsecond\n');
  b.message('a\nb');
  ui.forBuild('other').error('x');
  b.forPostProcessor('manifest').say('Creating manifest');
  ui.close();
  assert.equal(
    io.got.out,
    `${E}[1;32m==> web.null.a: first\n==> web.null.a: second\n==> web.null.a:${E}[0m\n` +
      `${E}[0;32m    web.null.a: a\n    web.null.a: b${E}[0m\n` +
      `${E}[1;31m==> other: x${E}[0m\n` +
      `${E}[1;32m==> web.null.a (manifest): Creating manifest${E}[0m\n`,
  );
});

test('builds take Packer colors in order: green, cyan, magenta, yellow, blue, then green again', async () => {
  const io = capture();
  const ui = await createUi({ mode: 'plain', color: true, stdout: io.stdout });
  const names = ['a', 'b', 'c', 'd', 'e', 'f'];
  ui.introduceBuilds(names);
  const colors = [...io.got.out.matchAll(/\[1;(\d+)m(\w): output/g)].map((m) => `${m[2]}${m[1]}`);
  assert.deepEqual(colors, ['a32', 'b36', 'c35', 'd33', 'e34', 'f32']);
});

test('remote output: CR-overwritten text dropped, trailing spaces trimmed, lines joined across chunks', async () => {
  const io = capture();
  const ui = await createUi({ mode: 'plain', stdout: io.stdout });
  const b = ui.forBuild('n');
  for (const c of ['progress 10%\rprogress 100%   \n', 'par', 'tial ', 'line\n', 'no newline'])
    b.output(c, 'stdout');
  assert.equal(io.got.out, '    n: progress 100%\n    n: partial line\n');
  b.done();
  assert.equal(io.got.out, '    n: progress 100%\n    n: partial line\n    n: no newline\n');
});

test('a partial line is shown after a quiet spell, holding back what may start a secret', async () => {
  const io = capture();
  const ui = await createUi({
    mode: 'plain',
    stdout: io.stdout,
    secrets: ['topsecret-value'],
    partialLineDelay: 20,
  });
  const b = ui.forBuild('n');
  b.output('Password: topsec', 'stdout');
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(io.got.out, '    n: Password:\n');
  b.output('ret-value ok\n', 'stdout');
  assert.equal(io.got.out, '    n: Password:\n    n: <sensitive> ok\n');
  ui.close();
});

test('plain progress: a line at most every interval, none for quick transfers', async () => {
  const io = capture();
  let t = 0;
  const ui = await createUi({
    mode: 'plain',
    stdout: io.stdout,
    now: () => new Date(t),
    progressInterval: 1000,
  });
  const p = ui.forBuild('n').progress('upload disk.img', 4 * 1024 * 1024);
  t = 500;
  p.update(1024 * 1024);
  t = 1500;
  p.update(2 * 1024 * 1024);
  t = 1600;
  p.update(3 * 1024 * 1024);
  p.finish();
  assert.equal(io.got.out, '    n: upload disk.img: 50% (2.0 MiB of 4.0 MiB)\n');
});

test('ask: prompts with the prefix and reads a line; refuses without a tty and in machine mode', async () => {
  const io = capture();
  const stdin = new PassThrough();
  const ui = await createUi({ mode: 'plain', stdout: io.stdout, stdin, interactive: true });
  const answer = ui.forBuild('n').ask('[c] Clean up and exit, [a] abort?');
  stdin.write('a\nleft over\n');
  assert.equal(await answer, 'a');
  assert.equal(io.got.out, '==> n: [c] Clean up and exit, [a] abort? ');

  const plain = await createUi({ mode: 'plain', stdout: capture().stdout, stdin: new PassThrough() });
  await assert.rejects(plain.forBuild('n').ask('?'), /no available tty/);
  const machine = await createUi({ mode: 'machine-readable', stdout: capture().stdout, stdin });
  await assert.rejects(machine.forBuild('n').ask('?'), /machine-readable UI can't ask/);
});

test('ask rejects when the signal aborts (Ctrl-C while prompting)', async () => {
  const ac = new AbortController();
  const io = capture();
  const ui = await createUi({
    mode: 'plain',
    stdout: io.stdout,
    stdin: new PassThrough(),
    interactive: true,
    signal: ac.signal,
  });
  const answer = ui.forBuild('n').ask('Continue?');
  ac.abort();
  await assert.rejects(answer, /interrupted/);
  assert.equal(io.got.out, '==> n: Continue? \n');
});

test('every UI line also goes to the log, masked', async () => {
  const logged: string[] = [];
  const ui = await createUi({
    mode: 'plain',
    stdout: capture().stdout,
    secrets: ['hunter2secret'],
    log: { log: (m) => logged.push(m) },
  });
  ui.forBuild('n').say('pw hunter2secret');
  ui.forBuild('n').error('bad');
  ui.forBuild('n').machine('artifact', '0', 'id', 'hunter2secret');
  assert.deepEqual(logged, [
    'ui: ==> n: pw <sensitive>',
    'ui error: ==> n: bad',
    'machine readable: n,artifact ["0","id","<sensitive>"]',
  ]);
});

test('two builds asking at once: one prompt at a time, each gets its own answer', async () => {
  const io = capture();
  const stdin = new PassThrough();
  const ui = await createUi({ mode: 'plain', stdout: io.stdout, stdin, interactive: true });
  const first = ui.forBuild('a').ask('First?');
  const second = ui.forBuild('b').ask('Second?');
  await new Promise((r) => setImmediate(r));
  assert.equal(io.got.out, '==> a: First? ');
  stdin.write('one\n');
  assert.equal(await first, 'one');
  await new Promise((r) => setImmediate(r));
  assert.equal(io.got.out, '==> a: First? ==> b: Second? ');
  stdin.write('two\n');
  assert.equal(await second, 'two');
});

test('a plugin hides a value it learns at run time through ui.sensitive()', async () => {
  const io = capture();
  const logged: string[] = [];
  const ui = await createUi({ mode: 'plain', stdout: io.stdout, log: { log: (m) => logged.push(m) } });
  const b = ui.forBuild('n');
  b.sensitive?.('generated-password-1');
  b.say('password is generated-password-1');
  ui.say("it's 'generated-password-1'");
  assert.equal(io.got.out, "==> n: password is <sensitive>\nit's '<sensitive>'\n");
  assert.ok(!logged.join('\n').includes('generated'));
});
