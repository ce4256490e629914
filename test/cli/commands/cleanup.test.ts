/**
 * `imgbuild cleanup` against real runs of the real executable: a build holding a detached process and a
 * temp dir is killed with SIGKILL; the next build reports what it left; `cleanup -dry-run` lists it and
 * removes nothing; `cleanup` kills the process, removes the temp dir and forgets the run. A run that is
 * still going is never touched, and finishes (interrupted) with nothing left and no journal.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { repoRoot } from '../../hcl/corpus-files.js';

const tsxLoader = path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs');
const entry = path.join(repoRoot, 'src', 'cli', 'main.ts');
const plugin = path.join(repoRoot, 'test', 'cli', 'commands', 'fixtures', 'sleeper-plugin.ts');

let dir: string;
let state: string;
const children: ChildProcess[] = [];
const pids: number[] = [];
before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'imgbuild-cleanup-test-'));
  state = path.join(dir, 'state');
  writeFileSync(
    path.join(dir, 'quick.pkr.hcl'),
    'source "null" "q" {\n  communicator = "none"\n}\nbuild {\n  sources = ["source.null.q"]\n}\n',
  );
});
after(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const pid of pids) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {}
  }
  rmSync(dir, { recursive: true, force: true });
});

const env = () => ({ PATH: process.env.PATH, IMGBUILD_STATE_DIR: state });

function cli(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', tsxLoader, entry, ...args], {
    cwd: dir,
    env: env(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (err += c));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

function startSleeperBuild(
  name: string,
  extra: { fail?: boolean; stubborn?: boolean; flags?: string[] } = {},
) {
  const ready = path.join(dir, `${name}.ready`);
  const template = path.join(dir, `${name}.pkr.hcl`);
  writeFileSync(
    template,
    `source "sleeper" "${name}" {\n  ready_file = "${ready}"\n  fail = ${extra.fail === true}\n  stubborn = ${extra.stubborn === true}\n}\nbuild {\n  sources = ["source.sleeper.${name}"]\n}\n`,
  );
  const child = spawn(
    process.execPath,
    ['--import', tsxLoader, entry, 'build', ...(extra.flags ?? []), `-plugin=${plugin}`, template],
    {
      cwd: dir,
      env: env(),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const readyInfo = (async () => {
    const deadline = Date.now() + 30_000;
    while (!existsSync(ready) || readFileSync(ready, 'utf8') === '') {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`build never got ready:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const info = JSON.parse(readFileSync(ready, 'utf8')) as { pid: number; tempDir: string };
    pids.push(info.pid);
    return info;
  })();
  return { child, exited, readyInfo, output: () => output };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const journals = () =>
  existsSync(path.join(state, 'ledger'))
    ? readdirSync(path.join(state, 'ledger')).filter((n) => n.endsWith('.jsonl'))
    : [];

test('kill -9 of a build, then the next build reports it, cleanup -dry-run lists it, cleanup removes it', async () => {
  const run = startSleeperBuild('crash');
  const { pid, tempDir } = await run.readyInfo;
  assert.equal(journals().length, 1, 'the running build has its journal');
  run.child.kill('SIGKILL');
  await run.exited;
  assert.ok(alive(pid), 'the killed build left its process running');
  assert.ok(existsSync(path.join(tempDir, 'scratch')), 'and its temp dir');
  const runId = journals()[0]!.replace(/\.jsonl$/, '');

  const next = await cli(['build', 'quick.pkr.hcl']);
  assert.equal(next.code, 0, next.out + next.err);
  assert.match(
    next.out + next.err,
    new RegExp(
      `Run ${runId} \\(started [^)]+\\) did not finish and left 2 resource\\(s\\) behind: 'imgbuild cleanup ${runId}' removes them`,
    ),
  );
  assert.equal(journals().length, 1, "the quick build's own journal is gone once it ended with nothing left");

  const dry = await cli(['cleanup', '-dry-run']);
  assert.equal(dry.code, 0, dry.err);
  assert.match(
    dry.out,
    new RegExp(`^Run ${runId} \\(build of .*crash\\.pkr\\.hcl, started .*, did not finish\\):$`, 'm'),
  );
  assert.match(dry.out, new RegExp(`^  would remove sleeper of sleeper\\.crash \\(pid ${pid}\\)$`, 'm'));
  assert.match(
    dry.out,
    new RegExp(`^  would remove temporary path ${tempDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'),
  );
  assert.match(dry.out, /^2 resource\(s\) would be removed \(dry run: nothing removed\)\.$/m);
  assert.ok(alive(pid) && existsSync(tempDir) && journals().length === 1, 'dry run removed nothing');

  const clean = await cli(['cleanup', runId.slice(0, 8)]);
  assert.equal(clean.code, 0, clean.out + clean.err);
  assert.match(clean.out, /Removing sleeper of sleeper\.crash/);
  assert.match(clean.out, /^Removed 2 resource\(s\)\.$/m);
  assert.ok(!alive(pid), 'process killed');
  assert.ok(!existsSync(tempDir), 'temp dir removed');
  assert.deepEqual(journals(), [], 'run forgotten');

  const again = await cli(['cleanup']);
  assert.equal(again.code, 0);
  assert.equal(again.out, 'Nothing to clean up.\n');
});

test('a running build is left alone by cleanup; interrupted, it cleans up after itself and leaves no journal', async () => {
  const run = startSleeperBuild('live');
  const { pid, tempDir } = await run.readyInfo;
  const clean = await cli(['cleanup']);
  assert.equal(clean.code, 0, clean.err);
  assert.match(clean.out, /Runs still going were left alone/);
  assert.ok(alive(pid) && existsSync(tempDir));
  const named = await cli(['cleanup', journals()[0]!.replace(/\.jsonl$/, '')]);
  assert.equal(named.code, 1);
  assert.match(named.err, /still running\): not cleaned up while it runs/);
  run.child.kill('SIGINT');
  assert.equal(await run.exited, 130, run.output());
  assert.ok(!alive(pid), "the build's own cleanup killed it");
  assert.ok(!existsSync(tempDir));
  assert.deepEqual(journals(), []);
});

test('usage: unknown run, too many arguments, unknown flag', async () => {
  const unknown = await cli(['cleanup', 'no-such-run']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /no run "no-such-run" in the ledger/);
  assert.equal((await cli(['cleanup', 'a', 'b'])).code, 2);
  const flag = await cli(['cleanup', '-force']);
  assert.equal(flag.code, 2);
  assert.match(flag.err, /flag provided but not defined: -force/);
});

test('-on-error=abort keeps what the build made; the build says how to remove it, and cleanup does', async () => {
  const run = startSleeperBuild('abort', { fail: true, flags: ['-on-error=abort'] });
  const { pid } = await run.readyInfo;
  assert.equal(await run.exited, 1, run.output());
  const runId = journals()[0]!.replace(/\.jsonl$/, '');
  assert.match(
    run.output(),
    new RegExp(
      `This run left 1 temporary resource\\(s\\) in place: 'imgbuild cleanup ${runId}' removes them`,
    ),
  );
  assert.ok(alive(pid), 'abort left the process');
  const next = await cli(['build', 'quick.pkr.hcl']);
  assert.doesNotMatch(next.out + next.err, /did not finish/, 'an ended run is not reported as crashed');
  const clean = await cli(['cleanup']);
  assert.equal(clean.code, 0, clean.out + clean.err);
  assert.match(clean.out, new RegExp(`^Run ${runId} \\(.*ended: failed\\):$`, 'm'));
  assert.ok(!alive(pid));
  assert.deepEqual(journals(), []);
});

test('Ctrl-C during cleanup stops it (exit 130) and keeps what is left in the ledger; the next cleanup finishes', async () => {
  const run = startSleeperBuild('stubborn', { stubborn: true });
  const { pid } = await run.readyInfo;
  run.child.kill('SIGKILL');
  await run.exited;
  const child = spawn(process.execPath, ['--import', tsxLoader, entry, 'cleanup'], {
    cwd: dir,
    env: env(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (out += c));
  const code = new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  // The process ignores SIGTERM: cleanup waits 5 s before SIGKILL; interrupt it during that wait.
  const deadline = Date.now() + 30_000;
  while (!out.includes('Removing sleeper of sleeper.stubborn')) {
    if (Date.now() > deadline || child.exitCode !== null)
      assert.fail(`cleanup never started removing:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 1000));
  child.kill('SIGINT');
  assert.equal(await code, 130, out);
  assert.match(out, /Cleanup interrupted: what is left stays in the ledger/);
  assert.ok(alive(pid), 'not killed yet');
  assert.equal(journals().length, 1);
  assert.ok(!existsSync(path.join(state, 'ledger', `${journals()[0]}.lock`)), 'the lock is released');
  const again = await cli(['cleanup']);
  assert.equal(again.code, 0, again.out + again.err);
  assert.match(again.out, /ignored SIGTERM for 5 s: sending SIGKILL/);
  assert.ok(!alive(pid));
  assert.deepEqual(journals(), []);
});
