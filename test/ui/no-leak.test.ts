/**
 * A secret used every way a build might print it — in messages, errors, remote output split at every
 * byte, shell-quoted and JSON-escaped, multi-line, in prompts, progress labels, machine-readable fields
 * and the debug log — never reaches a byte of output: every 8-character piece of it is searched for.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { createUi } from '../../src/ui/create.js';
import { createBuildLogger } from '../../src/ui/log.js';
import { createMasker } from '../../src/ui/mask.js';
import type { UiOptions } from '../../src/ui/types.js';

const password = `pa'ss"w$rd-XYZZY-42`;
const privateKey = [
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
  'QyNTUxOQAAACBqT8yF4vQ9nLm2Zk7W1pXc3dE5rTgH6uJiKo0aSbDlYwAAAJiV3mZblmZb',
  '-----END OPENSSH PRIVATE KEY-----',
].join('\n');

/** Every 8-character piece of the secrets (the PEM armour lines excepted: they are not secret). */
const pieces = [password, ...privateKey.split('\n').filter((l) => !l.startsWith('-----'))].flatMap((s) =>
  Array.from({ length: s.length - 7 }, (_, i) => s.slice(i, i + 8)),
);

function assertNoLeak(where: string, bytes: Buffer) {
  for (const p of pieces) assert.equal(bytes.indexOf(p), -1, `${where} contains "${p}"`);
}

const shellSingle = `'${password.replaceAll("'", `'\\''`)}'`;
const shellDouble = `"${password.replace(/[\\"$`]/g, '\\$&')}"`;
const json = JSON.stringify({ password, privateKey });

async function useEverywhere(opts: Partial<UiOptions> & Pick<UiOptions, 'mode'>, logPath: string) {
  const bytes: Buffer[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (c) => bytes.push(Buffer.from(c)));
  stderr.on('data', (c) => bytes.push(Buffer.from(c)));
  const masker = createMasker([password]);
  const logger = createBuildLogger({ IMGBUILD_LOG: '1', IMGBUILD_LOG_PATH: logPath }, stderr, '/', masker);
  const stdin = new PassThrough();
  const ui = await createUi({ stdout, stderr, stdin, interactive: true, masker, log: logger, ...opts });
  // A secret learned at run time: the temporary key pair.
  masker.add(privateKey);
  ui.introduceBuilds(['web.null.a']);
  const b = ui.forBuild('web.null.a');
  const log = logger.forBuild('web.null.a');
  b.say(`Connecting with password ${password}`);
  b.message(`Key:\n${privateKey}`);
  b.error(`ssh: handshake failed for ${shellSingle}`);
  b.bare.say(`env PASSWORD=${shellDouble}`);
  b.forPostProcessor('manifest').message(json);
  b.machine('artifact', '0', 'id', password, privateKey);
  ui.machine('error', password);
  ui.say(`==> ${password}`);
  ui.error(ui.masker.maskError(new Error(`exit 1: echo ${shellSingle}`)).message);
  log.debug(`running: echo ${shellSingle} ${json}`);
  logger.log(`key:\n${privateKey}`);
  const p = b.progress(`upload ${password}`, 10);
  p.update(5);
  p.finish();
  const asked = b.ask(`Use ${password}?`);
  stdin.write('yes\n');
  await asked.catch(() => {});
  // Remote output split at every position, on both streams, in every printed form.
  const remote = `pw=${password}\nquoted ${shellSingle} ${shellDouble}\n${privateKey}\n${json}\n`;
  for (let cut = 1; cut < remote.length; cut += 1) {
    const stream = cut % 2 ? 'stdout' : 'stderr';
    b.output(remote.slice(0, cut), stream);
    b.output(remote.slice(cut), stream);
  }
  b.output(`no newline at the end ${password}`, 'stdout');
  b.done();
  ui.close();
  return Buffer.concat(bytes);
}

const modes: [string, Partial<UiOptions> & Pick<UiOptions, 'mode'>][] = [
  ['plain', { mode: 'plain' }],
  [
    'plain, colored, timestamped, errors on stderr',
    { mode: 'plain', color: true, timestamps: true, errorsToStderr: true },
  ],
  ['machine-readable', { mode: 'machine-readable' }],
  ['machine-readable, timestamped', { mode: 'machine-readable', timestamps: true }],
];

for (const [name, opts] of modes) {
  test(`no byte of ${name} output or of the debug log holds the secrets`, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imgbuild-noleak-'));
    try {
      const logPath = path.join(dir, 'build.log');
      const out = await useEverywhere(opts, logPath);
      const log = readFileSync(logPath);
      assert.ok(out.length > 10_000, `output was produced (${out.length} bytes)`);
      assert.ok(log.includes('<sensitive>'), 'the log was written, masked');
      assertNoLeak('output', out);
      assertNoLeak('log', log);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
