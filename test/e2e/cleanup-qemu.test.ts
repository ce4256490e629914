/**
 * Issue 6 item 3, locally: `kill -9` of a real `imgbuild build` of a qemu template as soon as its VM
 * runs (recorded in the ledger with its pid) leaves QEMU running, the build's temp dir and the staging output; the next build says
 * so; `imgbuild cleanup -dry-run` lists them and changes nothing; `imgbuild cleanup` stops QEMU and
 * removes both directories; the base image is untouched and no output directory appears.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { readRuns } from '../../src/core/ledger/read-journal.js';
import { type BaseImage, baseImageUnavailableReason, ensureBaseImage } from '../../src/testing/base-image.js';
import { spawnCli } from '../helpers/spawn-cli.js';

const skip = baseImageUnavailableReason('tiny');
if (skip) console.log(`# skipping qemu cleanup e2e: ${skip}`);

let work: string;
let image: BaseImage;
const children: ChildProcess[] = [];
const qemuPids: number[] = [];
before(async () => {
  if (skip) return;
  work = await mkdtemp(path.join(tmpdir(), 'imgbuild-cleanup-qemu-'));
  image = await ensureBaseImage('tiny');
});
after(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const pid of qemuPids) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {}
  }
  if (work) await rm(work, { recursive: true, force: true });
});

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function start(args: string[]) {
  const run = spawnCli(args, {
    cwd: work,
    env: { PATH: process.env.PATH, IMGBUILD_STATE_DIR: path.join(work, 'state'), TMPDIR: work },
  });
  children.push(run.child);
  return run;
}

async function cli(args: string[]) {
  const r = start(args);
  const code = await r.done;
  return { code, out: r.out() };
}

test('kill -9 of a qemu build with its VM running, then imgbuild cleanup leaves nothing', {
  skip,
  timeout: 600_000,
}, async () => {
  const started = performance.now();
  const baseBefore = sha256(image.disk);
  const output = path.join(work, 'out');
  const template = path.join(work, 'crash.pkr.hcl');
  await writeFile(
    template,
    `source "qemu" "crash" {
  disk_image       = true
  iso_url          = "${image.disk}"
  iso_checksum     = "none"
  skip_resize_disk = true
  accelerator      = "tcg"
  headless         = true
  memory           = 256
  output_directory = "${output}"
  vm_name          = "crash.qcow2"
  ssh_username     = "${image.user}"
  ssh_private_key_file = "${image.privateKeyPath}"
  ssh_timeout      = "4m"
  shutdown_command = "poweroff"
}

build {
  sources = ["source.qemu.crash"]
  provisioner "shell" {
    inline = ["sleep 600"]
  }
}
`,
  );
  const build = start(['build', '-color=false', template]);
  // Killed as soon as the ledger holds QEMU's pid: every kind of resource this build makes exists then.
  const deadline = Date.now() + 300_000;
  const ledgerDir = path.join(work, 'state', 'ledger');
  for (;;) {
    const [r] = await readRuns(ledgerDir);
    if (r?.entries.some((e) => e.kind === 'local-process' && e.state === 'confirmed')) break;
    if (Date.now() > deadline || build.child.exitCode !== null) {
      assert.fail(`QEMU was never started:\n${build.out()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  build.child.kill('SIGKILL');
  await build.done;

  const [run] = await readRuns(ledgerDir);
  assert.ok(run, 'the killed build left its journal');
  const vm = run.leftovers.find((e) => e.kind === 'local-process');
  const paths = run.leftovers.filter((e) => e.kind === 'temp-path').map((e) => String(e.data.path));
  assert.ok(
    vm && typeof vm.data.pid === 'number',
    `QEMU recorded with its pid: ${JSON.stringify(run.leftovers)}`,
  );
  const pid = vm.data.pid as number;
  qemuPids.push(pid);
  assert.ok(alive(pid), 'QEMU outlived the killed build');
  assert.equal(paths.length, 2, 'the temp dir and the staging output');
  for (const p of paths) assert.ok(existsSync(p), `${p} exists after the crash`);

  const dry = await cli(['cleanup', '-dry-run']);
  assert.equal(dry.code, 0, dry.out);
  assert.match(dry.out, new RegExp(`would remove QEMU VM crash\\.qcow2 \\(pid ${pid}\\)`));
  assert.match(dry.out, /^3 resource\(s\) would be removed/m);
  assert.ok(alive(pid) && paths.every((p) => existsSync(p)), 'the dry run changed nothing');

  const t0 = performance.now();
  const clean = await cli(['cleanup']);
  const took = performance.now() - t0;
  assert.equal(clean.code, 0, clean.out);
  assert.match(clean.out, /^Removed 3 resource\(s\)\.$/m);
  console.log(`cleanup took ${(took / 1000).toFixed(1)} s`);
  assert.ok(!alive(pid), 'QEMU stopped');
  for (const p of paths) assert.ok(!existsSync(p), `${p} removed`);
  assert.ok(!existsSync(output), 'no output directory');
  assert.deepEqual(readdirSync(path.join(work, 'state', 'ledger')), [], 'the run is forgotten');
  assert.equal(sha256(image.disk), baseBefore, 'base image untouched');
  console.log(`qemu cleanup e2e: ${((performance.now() - started) / 1000).toFixed(1)} s in all`);
});
