import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createFileLedger, memoryLedger } from '../../../src/core/ledger/ledger.js';
import { journalPath, ledgerDir, stateDir } from '../../../src/core/ledger/location.js';
import { parseJournal, readRun } from '../../../src/core/ledger/read-journal.js';

describe('file ledger', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'imgbuild-ledger-test-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('the intent is on disk before the create call runs; confirm and release follow it', async () => {
    const ledger = await createFileLedger({ dir, runId: 'run-a', command: 'build' });
    const file = journalPath(dir, 'run-a');
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    const build = ledger.forBuild('amazon-ebs.x');
    let seenDuringCreate = '';
    const { value, resource } = await build.track(
      'ec2-key-pair',
      { region: 'eu-west-1', name: 'packer_1' },
      async () => {
        seenDuringCreate = await readFile(file, 'utf8');
        return { KeyPairId: 'key-0abc' };
      },
      (out) => ({ keyPairId: out.KeyPairId }),
    );
    assert.equal(value.KeyPairId, 'key-0abc');
    const intent = JSON.parse(seenDuringCreate.trim().split('\n')[1]!);
    assert.deepEqual(
      { t: intent.t, kind: intent.kind, build: intent.build, data: intent.data },
      {
        t: 'intent',
        kind: 'ec2-key-pair',
        build: 'amazon-ebs.x',
        data: { region: 'eu-west-1', name: 'packer_1' },
      },
    );
    assert.deepEqual(resource.data, { region: 'eu-west-1', name: 'packer_1', keyPairId: 'key-0abc' });
    const run = await readRun(file);
    assert.equal(run?.alive, true, 'this process is the run');
    assert.deepEqual(
      run?.leftovers.map((e) => [e.kind, e.state, e.data.keyPairId]),
      [['ec2-key-pair', 'confirmed', 'key-0abc']],
    );
    await resource.release();
    assert.equal((await readRun(file))?.leftovers.length, 0);
    await ledger.end('succeeded');
    await assert.rejects(stat(file), { code: 'ENOENT' }, 'nothing left: the journal is deleted');
  });

  test('a run that ends with something outstanding keeps its journal, marked ended', async () => {
    const ledger = await createFileLedger({ dir, runId: 'run-b' });
    const build = ledger.forBuild();
    const kept = await build.intend('ec2-ami', { region: 'r', name: 'golden' });
    await kept.keep();
    await build.intend('ec2-instance', { region: 'r' });
    await ledger.end('failed');
    const run = await readRun(journalPath(dir, 'run-b'));
    assert.equal(run?.ended, 'failed');
    assert.equal(run?.alive, false);
    assert.deepEqual(
      run?.entries.map((e) => [e.kind, e.state]),
      [
        ['ec2-ami', 'kept'],
        ['ec2-instance', 'intended'],
      ],
    );
  });

  test('parallel records of several builds stay whole lines', async () => {
    const ledger = await createFileLedger({ dir, runId: 'run-c' });
    const builds = ['a', 'b', 'c'].map((b) => ledger.forBuild(b));
    await Promise.all(
      Array.from({ length: 60 }, (_, i) => builds[i % 3]!.intend('temp-path', { path: `/tmp/x/${i}` })),
    );
    const text = await readFile(journalPath(dir, 'run-c'), 'utf8');
    const journal = parseJournal('f', text);
    assert.equal(journal?.badLines, 0);
    assert.equal(journal?.entries.length, 60);
    assert.equal(new Set(journal?.entries.map((e) => e.id)).size, 60);
  });

  test('credentials are refused and never reach the file', async () => {
    const ledger = await createFileLedger({ dir, runId: 'run-d' });
    const build = ledger.forBuild();
    await assert.rejects(
      build.intend('ec2-instance', { region: 'r', secretKey: 'x' }),
      /looks like a credential/,
    );
    await assert.rejects(
      build.intend('x', { note: '-----BEGIN OPENSSH PRIVATE KEY-----\nabc' }),
      /field "note".*credential/,
    );
    const ok = await build.intend('ec2-instance', { region: 'r' });
    await assert.rejects(ok.confirm({ accessKeyId: 'AKIAABCDEFGHIJKLMNOP' }), /credential/);
    const text = await readFile(journalPath(dir, 'run-d'), 'utf8');
    assert.doesNotMatch(text, /secretKey|PRIVATE|AKIA/);
  });

  test('a second ledger for the same run id is refused (the journal is created exclusively)', async () => {
    await createFileLedger({ dir, runId: 'run-e' });
    await assert.rejects(createFileLedger({ dir, runId: 'run-e' }), { code: 'EEXIST' });
  });

  test('a memory ledger tracks entries and writes no file', async () => {
    const ledger = memoryLedger('mem');
    const r = await ledger.forBuild('b').intend('temp-path', { path: '/tmp/nothing' });
    assert.equal(ledger.outstanding().length, 1);
    await r.release();
    assert.equal(ledger.outstanding().length, 0);
    await ledger.end('succeeded');
    assert.ok(!(await readdir(dir)).some((n) => n.startsWith('mem')));
  });
});

test('a journal cut short mid-line by a crash reads up to the last whole record', () => {
  const lines = [
    { t: 'run', v: 1, runId: 'r', pid: 1, started: '2026-01-01T00:00:00Z' },
    { t: 'intent', id: 'r1', kind: 'temp-path', data: { path: '/tmp/a/b' }, at: 'x' },
    { t: 'intent', id: 'r2', kind: 'local-process', data: { marker: 'm' }, at: 'x' },
    { t: 'confirm', id: 'r2', data: { pid: 42 }, at: 'x' },
    { t: 'release', id: 'r1', at: 'x' },
  ].map((r) => JSON.stringify(r));
  const text = `${lines.join('\n')}\n{"t":"release","id":"r2","a`;
  const j = parseJournal('f', text)!;
  assert.equal(j.badLines, 1);
  assert.deepEqual(
    j.entries.map((e) => [e.id, e.state, e.data]),
    [
      ['r1', 'released', { path: '/tmp/a/b' }],
      ['r2', 'confirmed', { marker: 'm', pid: 42 }],
    ],
  );
  assert.equal(parseJournal('f', '{"t":"intent","id":"r1"'), undefined, 'no run record: not a journal');
});

test('ledger location: IMGBUILD_STATE_DIR, then XDG_STATE_HOME, then ~/.local/state', () => {
  assert.equal(ledgerDir({ IMGBUILD_STATE_DIR: '/s/imgbuild' }), '/s/imgbuild/ledger');
  assert.equal(ledgerDir({ XDG_STATE_HOME: '/x' }), '/x/imgbuild/ledger');
  assert.equal(ledgerDir({ XDG_STATE_HOME: 'relative' }), path.join(stateDir({}), 'ledger'));
  assert.match(stateDir({}), /\/\.local\/state\/imgbuild$/);
});
