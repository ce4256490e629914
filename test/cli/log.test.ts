/** The IMGBUILD_LOG debug log: off by default, stderr when on, or appended to IMGBUILD_LOG_PATH. */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { createLogger } from '../../src/cli/log.js';

const fixed = () => new Date(2026, 0, 2, 3, 4, 5);

function sink() {
  const s = new PassThrough();
  const got = { text: '' };
  s.on('data', (c) => (got.text += c));
  return { s, got };
}

test('without IMGBUILD_LOG (or with "0") nothing is logged', () => {
  for (const env of [{}, { IMGBUILD_LOG: '' }, { IMGBUILD_LOG: '0' }]) {
    const { s, got } = sink();
    const log = createLogger(env, s, '/');
    assert.equal(log.enabled, false);
    log.log('hidden');
    assert.equal(got.text, '');
  }
});

test('IMGBUILD_LOG=1 writes timestamped lines to stderr, one per line of the message', () => {
  const { s, got } = sink();
  const log = createLogger({ IMGBUILD_LOG: '1' }, s, '/', fixed);
  assert.equal(log.enabled, true);
  log.log('[INFO] one\ntwo');
  assert.equal(got.text, '2026/01/02 03:04:05 [INFO] one\n2026/01/02 03:04:05 two\n');
});

test('IMGBUILD_LOG_PATH appends to that file (relative to cwd), not stderr', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'imgbuild-log-'));
  try {
    const { s, got } = sink();
    const log = createLogger({ IMGBUILD_LOG: '1', IMGBUILD_LOG_PATH: 'debug.log' }, s, dir, fixed);
    log.log('a');
    log.log('b');
    assert.equal(got.text, '');
    assert.equal(
      readFileSync(path.join(dir, 'debug.log'), 'utf8'),
      '2026/01/02 03:04:05 a\n2026/01/02 03:04:05 b\n',
    );
    assert.deepEqual(readdirSync(dir), ['debug.log']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an unwritable log path falls back to stderr', () => {
  const { s, got } = sink();
  const log = createLogger(
    { IMGBUILD_LOG: '1', IMGBUILD_LOG_PATH: '/nonexistent-dir/x/y.log' },
    s,
    '/',
    fixed,
  );
  log.log('still here');
  assert.equal(got.text, '2026/01/02 03:04:05 still here\n');
});
