/** The masked build log: IMGBUILD_LOG turns it on, IMGBUILD_LOG_PATH sends it to a file, secrets masked. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { createBuildLogger } from '../../src/ui/log.js';
import { createMasker } from '../../src/ui/mask.js';

process.env.TZ = 'UTC';
const now = () => new Date('2026-11-26T11:43:57Z');

function sink() {
  const s = new PassThrough();
  let text = '';
  s.on('data', (c) => (text += c));
  return { s, text: () => text };
}

test('off without IMGBUILD_LOG (or with 0): nothing is written', () => {
  for (const env of [{}, { IMGBUILD_LOG: '0' }, { IMGBUILD_LOG: '' }]) {
    const err = sink();
    const log = createBuildLogger(env, err.s, '/', createMasker(['hunter2secret']), now);
    assert.equal(log.enabled, false);
    log.log('x');
    log.forBuild('a').debug('y');
    assert.equal(err.text(), '');
  }
});

test('IMGBUILD_LOG=1: Go log lines on stderr, masked, build loggers prefixed with the build name', () => {
  const err = sink();
  const masker = createMasker(['hunter2secret']);
  const log = createBuildLogger({ IMGBUILD_LOG: '1' }, err.s, '/', masker, now);
  log.log('password hunter2secret');
  log.forBuild('web.null.a').debug('key:\nline hunter2secret');
  masker.add('learned-later');
  log.debug('learned-later too');
  assert.equal(
    err.text(),
    '2026/11/26 11:43:57 password <sensitive>\n' +
      '2026/11/26 11:43:57 [web.null.a] key:\n' +
      '2026/11/26 11:43:57 line <sensitive>\n' +
      '2026/11/26 11:43:57 <sensitive> too\n',
  );
});

test('IMGBUILD_LOG_PATH: appended to the file (relative to the working directory), masked', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'imgbuild-log-'));
  try {
    const err = sink();
    const env = { IMGBUILD_LOG: '1', IMGBUILD_LOG_PATH: 'build.log' };
    const log = createBuildLogger(env, err.s, dir, createMasker(['hunter2secret']), now);
    log.log("echo 'hunter2secret'");
    assert.equal(
      readFileSync(path.join(dir, 'build.log'), 'utf8'),
      "2026/11/26 11:43:57 echo '<sensitive>'\n",
    );
    assert.equal(err.text(), '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
