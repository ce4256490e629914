/**
 * A real run killed with SIGKILL (a child process with a file ledger and two detached `sh` processes),
 * then swept: the processes are gone (the confirmed one by pid and start time, the bare intent by its
 * command-line marker), the temporary directory is removed and the journal deleted.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cleanerRegistry } from '../../../src/core/ledger/cleaners.js';
import { createFileLedger } from '../../../src/core/ledger/ledger.js';
import { journalPath } from '../../../src/core/ledger/location.js';
import { localProcessCleaner } from '../../../src/core/ledger/local-cleaners.js';
import { isRunning, parseStartTime, processIdentity } from '../../../src/core/ledger/process-identity.js';
import { crashedRuns, readRun, readRuns } from '../../../src/core/ledger/read-journal.js';
import { sweepRun } from '../../../src/core/ledger/sweep.js';
import type { ResourceCleaner } from '../../../src/sdk/ledger.js';

const fixture = fileURLToPath(new URL('./fixtures/crashing-run.ts', import.meta.url));
const work = await mkdtemp(path.join(tmpdir(), 'imgbuild-sweep-test-'));
const pidsToReap: number[] = [];
after(async () => {
  for (const pid of pidsToReap) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {}
  }
  await rm(work, { recursive: true, force: true });
});

const quiet = {
  runId: 'test-run',
  signal: new AbortController().signal,
  log: { debug: () => {} },
  say: () => {},
};

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function runAndKill(dir: string, runId: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, dir, runId, work], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = await new Promise<{ confirmed: number; bare: number; temp: string }>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => {
      out += t;
      const m = /^ready (.*)$/m.exec(out);
      if (m) resolve(JSON.parse(m[1]!));
    });
    child.once('exit', (code) => reject(new Error(`fixture exited with ${code} before ready`)));
  });
  pidsToReap.push(ready.confirmed, ready.bare);
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  return ready;
}

test('after kill -9 of a run, the sweep removes its processes and temp dir, then forgets the run', async () => {
  const dir = path.join(work, 'ledger');
  const { confirmed, bare, temp } = await runAndKill(dir, 'crashed-1');
  assert.ok(alive(confirmed) && alive(bare), 'the killed run left both processes running');
  const crashed = await crashedRuns(dir);
  assert.equal(crashed.length, 1);
  const run = crashed[0]!;
  assert.equal(run.alive, false);
  assert.equal(run.ended, undefined);
  assert.deepEqual(
    run.leftovers.map((e) => [e.kind, e.state]),
    [
      ['temp-path', 'intended'],
      ['local-process', 'confirmed'],
      ['local-process', 'intended'],
    ],
  );
  const order: string[] = [];
  const result = await sweepRun(run, {
    ...quiet,
    cleaners: cleanerRegistry(),
    onRemoving: (e) => order.push(e.id),
  });
  assert.deepEqual(order, ['r3', 'r2', 'r1'], 'newest first');
  assert.equal(result.removed.length, 3);
  assert.equal(result.failed.length, 0);
  assert.equal(result.forgotten, true);
  assert.ok(!alive(confirmed), 'confirmed process killed');
  assert.ok(!alive(bare), 'bare intent found by its marker and killed');
  await assert.rejects(stat(temp), { code: 'ENOENT' });
  await assert.rejects(stat(journalPath(dir, 'crashed-1')), { code: 'ENOENT' });
});

test('a failing cleaner keeps its entry (marked as failed) and the journal; the others are released', async () => {
  const dir = path.join(work, 'ledger-2');
  const ledger = await createFileLedger({ dir, runId: 'r-2' });
  const b = ledger.forBuild('x');
  const gone = path.join(work, 'gone-dir');
  await b.intend('temp-path', { path: gone });
  await b.intend('flaky', { name: 'n' });
  await b.intend('nobody-knows', { name: 'm' });
  await ledger.end('cancelled');
  let calls = 0;
  const flaky: ResourceCleaner = {
    kind: 'flaky',
    describe: () => 'flaky',
    remove: async () => {
      calls++;
      throw new Error('DependencyViolation');
    },
  };
  const run = (await readRun(journalPath(dir, 'r-2')))!;
  const result = await sweepRun(run, {
    ...quiet,
    cleaners: cleanerRegistry([
      { kind: 'builder', type: 'f', schema: { type: 'object' } as never, cleaners: [flaky] },
    ]),
  });
  assert.deepEqual(
    result.removed.map((e) => e.kind),
    ['temp-path'],
  );
  assert.deepEqual(
    result.failed.map((f) => f.entry.kind),
    ['flaky'],
  );
  assert.equal(calls, 2, 'retried once after the pass that removed something');
  assert.deepEqual(
    result.unknown.map((e) => e.kind),
    ['nobody-knows'],
  );
  assert.equal(result.forgotten, false);
  const again = (await readRuns(dir))[0]!;
  assert.deepEqual(
    again.leftovers.map((e) => e.kind),
    ['flaky', 'nobody-knows'],
  );
});

test('a live run is never swept', async () => {
  const dir = path.join(work, 'ledger-3');
  const ledger = await createFileLedger({ dir, runId: 'live' });
  await ledger.forBuild().intend('temp-path', { path: path.join(work, 'live-temp') });
  const run = (await readRun(journalPath(dir, 'live')))!;
  assert.equal(run.alive, true);
  assert.deepEqual(await crashedRuns(dir), []);
  await assert.rejects(sweepRun(run, { ...quiet, cleaners: cleanerRegistry() }), /still running/);
  await ledger.end('succeeded');
});

test('a pid reused by another process is left alone', async () => {
  const self = await processIdentity(process.pid);
  assert.equal(await isRunning(self), true);
  assert.equal(await isRunning({ ...self, startTime: (self.startTime ?? 0) + 1 }), false);
  assert.equal(await isRunning({ ...self, bootId: 'another-boot' }), false);
  // The cleaner sees another start time: it must not signal this very process.
  await localProcessCleaner.remove({ pid: process.pid, startTime: (self.startTime ?? 0) + 1 }, quiet);
  assert.ok(alive(process.pid));
});

test('start time is read past a command name holding spaces and parentheses', () => {
  const fields = Array.from({ length: 50 }, (_, i) => String(i + 3));
  fields[0] = 'S';
  assert.equal(parseStartTime(`123 (qemu (x) y) ${fields.join(' ')}`), 22);
  assert.equal(parseStartTime('garbage'), undefined);
});

test('temp-path cleaner refuses paths too close to the root', async () => {
  const cleaners = cleanerRegistry();
  await assert.rejects(cleaners.get('temp-path')!.remove({ path: '/tmp' }, quiet), /too close to the root/);
  await assert.rejects(cleaners.get('temp-path')!.remove({ path: 'rel/x' }, quiet), /absolute/);
  const f = path.join(work, 'file-to-remove');
  await writeFile(f, 'x');
  await cleaners.get('temp-path')!.remove({ path: f }, quiet);
  await assert.rejects(stat(f), { code: 'ENOENT' });
});

test('one cleanup at a time per run; a lock left by a dead cleanup is taken over', async () => {
  const dir = path.join(work, 'ledger-lock');
  const ledger = await createFileLedger({ dir, runId: 'locked' });
  await ledger.forBuild().intend('slow', { name: 's' });
  await ledger.end('failed');
  let removals = 0;
  const slow: ResourceCleaner = {
    kind: 'slow',
    describe: () => 'slow',
    remove: async () => {
      removals++;
      await new Promise((r) => setTimeout(r, 300));
    },
  };
  const cleaners = cleanerRegistry([
    { kind: 'builder', type: 's', schema: { type: 'object' } as never, cleaners: [slow] },
  ]);
  const file = journalPath(dir, 'locked');
  const run = (await readRun(file))!;
  const first = sweepRun(run, { ...quiet, cleaners });
  await new Promise((r) => setTimeout(r, 50));
  await assert.rejects(sweepRun(run, { ...quiet, cleaners }), /another imgbuild cleanup \(pid \d+\)/);
  assert.equal((await first).forgotten, true);
  assert.equal(removals, 1);

  const ledger2 = await createFileLedger({ dir, runId: 'stale' });
  await ledger2.forBuild().intend('slow', { name: 's' });
  await ledger2.end('failed');
  const file2 = journalPath(dir, 'stale');
  await writeFile(`${file2}.lock`, JSON.stringify({ pid: 2 ** 22 + 1, startTime: 1 }));
  const result = await sweepRun((await readRun(file2))!, { ...quiet, cleaners });
  assert.equal(result.removed.length, 1);
  await assert.rejects(stat(`${file2}.lock`), { code: 'ENOENT' });
});
