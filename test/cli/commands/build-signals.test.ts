/**
 * Ctrl-C and SIGTERM against the real executable (`node --import tsx src/cli/main.ts build …`): the
 * first signal cancels the build, cleanup runs (and says so), exit 130; a second signal stops waiting
 * for a cleanup that hangs.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { repoRoot } from '../../hcl/corpus-files.js';
import { childEnv } from '../../helpers/child-env.js';

const tsxLoader = path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs');
const entry = path.join(repoRoot, 'src', 'cli', 'main.ts');
const plugin = path.join(repoRoot, 'test', 'core', 'fake-plugins.ts');

let dir: string;
before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'imgbuild-signals-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function readEvents(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean) : [];
}

async function until(what: string, check: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Run {
  readonly events: string;
  readonly output: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
}

let counter = 0;
function startBuild(source: string, provisioner: string): Run {
  const n = ++counter;
  const events = path.join(dir, `run${n}.events`);
  const template = path.join(dir, `run${n}.pkr.hcl`);
  writeFileSync(
    template,
    `source "fake" "a" {\n  events_file = "${events}"\n  ${source}\n}\n` +
      `build {\n  sources = ["source.fake.a"]\n  provisioner "record" {\n    events_file = "${events}"\n    ${provisioner}\n  }\n}\n`,
  );
  const child = spawn(
    process.execPath,
    ['--import', tsxLoader, entry, 'build', `-plugin=${plugin}`, template],
    {
      cwd: dir,
      env: childEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return { events, output: () => output, exited, kill: (s) => child.kill(s) };
}

for (const [signal, goName] of [
  ['SIGINT', 'interrupt'],
  ['SIGTERM', 'terminated'],
] as const) {
  test(`${signal} while a provisioner runs: the build is cancelled, cleanup runs, exit 130`, async () => {
    const run = startBuild('', 'hang = true');
    await until('the provisioner to start', () => readEvents(run.events).includes('fake.a: provision p #1'));
    run.kill(signal);
    const { code } = await run.exited;
    const events = readEvents(run.events);
    assert.equal(code, 130, run.output());
    assert.deepEqual(events.slice(events.indexOf('fake.a: provision p #1')), [
      'fake.a: provision p #1',
      'fake.a: p saw abort',
      'fake.a: cleanup provision (cancelled)',
      'fake.a: cleanup create-machine (cancelled)',
    ]);
    const out = run.output();
    assert.match(out, new RegExp(`Cancelling build after receiving ${goName}`));
    assert.match(out, /==> fake\.a: Cleaning up create-machine of machine m1\.\.\./);
    assert.match(out, /Build 'fake\.a' errored after .*: Build was cancelled\./);
    assert.match(out, /Cleanly cancelled builds after being interrupted\./);
  });
}

test('a second SIGINT stops waiting for a cleanup that hangs; exit 130', async () => {
  const run = startBuild('hang_cleanup = "create-machine"', 'hang = true');
  await until('the provisioner to start', () => readEvents(run.events).includes('fake.a: provision p #1'));
  run.kill('SIGINT');
  await until('the hanging cleanup', () =>
    readEvents(run.events).includes('fake.a: cleanup create-machine hanging'),
  );
  const started = Date.now();
  run.kill('SIGINT');
  const { code } = await run.exited;
  assert.equal(code, 130, run.output());
  assert.ok(Date.now() - started < 10_000);
  assert.ok(readEvents(run.events).includes('fake.a: cleanup create-machine gave up'));
  assert.match(run.output(), /Received interrupt again: stopping after best-effort cleanup/);
  assert.match(
    run.output(),
    /cleanup of step "create-machine" failed: .*Delete by hand: create-machine of machine m1\./,
  );
});

test('a cleanup that ignores cancellation: after a second SIGINT the process exits anyway, 130', async () => {
  const run = startBuild('stuck_cleanup = "create-machine"', 'hang = true');
  await until('the provisioner to start', () => readEvents(run.events).includes('fake.a: provision p #1'));
  run.kill('SIGINT');
  await until('the stuck cleanup', () =>
    readEvents(run.events).includes('fake.a: cleanup create-machine stuck'),
  );
  const started = Date.now();
  run.kill('SIGINT');
  const { code } = await run.exited;
  assert.equal(code, 130, run.output());
  assert.ok(Date.now() - started < 12_000);
  assert.match(run.output(), /Cleanup did not finish after the second interrupt: exiting now/);
  assertCleanupRemovesLeftovers(run.output());
});

/**
 * A forced exit leaves the build's temporary directory; `imgbuild cleanup` finds it in the run's
 * ledger and removes it.
 */
function assertCleanupRemovesLeftovers(buildOutput: string): void {
  const cleanup = spawnSync(
    process.execPath,
    ['--import', tsxLoader, entry, 'cleanup', `-plugin=${plugin}`],
    {
      cwd: dir,
      env: childEnv(),
      encoding: 'utf8',
    },
  );
  assert.equal(cleanup.status, 0, cleanup.stdout + cleanup.stderr);
  const removed = [...cleanup.stdout.matchAll(/Removing temporary path (\S+)\.\.\./g)].map((m) => m[1]!);
  assert.ok(removed.length > 0, `cleanup removed nothing after:\n${buildOutput}\n${cleanup.stdout}`);
  for (const path of removed) assert.equal(existsSync(path), false, `${path} is gone`);
}
