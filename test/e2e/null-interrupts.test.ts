/**
 * A build against a real OpenSSH sshd that loses its link or is interrupted: sshd killed mid-script
 * (max_retries retries it over a new connection; without retries the build fails clearly), and SIGINT
 * or SIGTERM sent to the real executable while it waits for SSH, runs a remote script, uploads, and
 * compresses: exit 130, cleanup said, no process left behind, no half-written file or artifact.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../cli/run-cli.js';
import { type Sshd, sshdAvailable, startSshd } from '../helpers/sshd.js';
import { childEnv } from '../helpers/child-env.js';
import { spawnCli } from '../helpers/spawn-cli.js';

const skip = sshdAvailable() ? false : 'openssh-server is not installed (/usr/sbin/sshd missing)';
if (skip) console.log(`# skipping interrupted null builds: ${skip}`);

async function until(what: string, check: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Processes whose command line contains `needle` (pgrep -f), excluding pgrep itself. */
function processesMatching(needle: string): string[] {
  try {
    return execFileSync('pgrep', ['-af', needle], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter((l) => l !== '' && !l.includes('pgrep'));
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

describe('imgbuild build: a lost link and interrupts (real sshd)', { skip }, () => {
  let sshd: Sshd;
  let work: string;
  before(async () => {
    sshd = await startSshd();
    work = await mkdtemp(join(tmpdir(), 'imgbuild-e2e-interrupts-'));
  });
  after(async () => {
    await sshd?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const template = (body: string, port = sshd.port, timeout = '20s') => `
source "null" "box" {
  ssh_host             = "${sshd.host}"
  ssh_port             = ${port}
  ssh_username         = "${sshd.user}"
  ssh_private_key_file = "${sshd.clientKeyPath}"
  ssh_timeout          = "${timeout}"
}
build {
  sources = ["source.null.box"]
${body}
}
`;

  const retryingScript = (marker: string, retries: number) => `  provisioner "shell" {
    max_retries   = ${retries}
    remote_folder = "${work}"
    inline        = ["if [ ! -e ${marker} ]; then touch ${marker}; sleep 3000.${process.pid}; fi", "echo second attempt ran"]
  }`;

  test('sshd killed mid-script: max_retries = 1 retries over a new connection and the build succeeds', async () => {
    const marker = join(work, 'first-attempt-started');
    await writeFile(join(work, 'retry.pkr.hcl'), template(retryingScript(marker, 1)));
    const running = runCli(['build', '-color=false', 'retry.pkr.hcl'], { cwd: work });
    await until('the first attempt to start', () => existsSync(marker));
    await sshd.kill();
    await sshd.start();
    const r = await running;
    const all = r.out + r.err;
    assert.equal(r.code, 0, all);
    // Packer's words for a script whose link dropped, then its retry message.
    assert.match(
      all,
      /==> null\.box: Provisioner failed with "Script disconnected unexpectedly\..*", retrying with 1 trie\(s\) left/,
    );
    assert.match(all, /^ {4}null\.box: second attempt ran$/m);
    assert.deepEqual(processesMatching(`sleep 3000.${process.pid}`), []);
  });

  test('sshd killed mid-script without retries: the build fails and says the link was lost', async () => {
    const marker = join(work, 'no-retry-started');
    await writeFile(join(work, 'no-retry.pkr.hcl'), template(retryingScript(marker, 0)));
    const running = runCli(['build', '-color=false', 'no-retry.pkr.hcl'], { cwd: work });
    await until('the script to start', () => existsSync(marker));
    await sshd.kill();
    const r = await running;
    await sshd.start();
    const all = r.out + r.err;
    assert.equal(r.code, 1, all);
    assert.match(all, /Build 'null\.box' errored after [^:]+: Script disconnected unexpectedly\./);
    assert.doesNotMatch(all, /second attempt ran/);
  });

  /** The real executable, so the signal reaches imgbuild's own handlers. */
  function startBuild(name: string) {
    const file = join(work, `${name}.pkr.hcl`);
    const run = spawnCli(['build', '-color=false', file], { cwd: work, env: childEnv() });
    return { file, output: run.out, exited: run.done, kill: (s: NodeJS.Signals) => run.child.kill(s) };
  }

  const goName = { SIGINT: 'interrupt', SIGTERM: 'terminated' } as const;

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    test(`${signal} while a remote script runs: exit 130, the remote process is gone`, async () => {
      const needle = `sleep 3001${signal === 'SIGINT' ? 1 : 2}.${process.pid}`;
      const name = `remote-${signal}`;
      const folder = join(work, name);
      await mkdir(folder);
      await writeFile(
        join(work, `${name}.pkr.hcl`),
        template(`  provisioner "shell" {
    remote_folder = "${folder}"
    inline        = ["echo started", "${needle}"]
  }`),
      );
      const run = startBuild(name);
      await until('the remote script to start', () => processesMatching(needle).length > 0);
      run.kill(signal);
      assert.equal(await run.exited, 130, run.output());
      assert.match(run.output(), new RegExp(`Cancelling build after receiving ${goName[signal]}`));
      assert.match(run.output(), /Build 'null\.box' errored after [^:]+: Build was cancelled\./);
      await until('the remote process to end', () => processesMatching(needle).length === 0, 10_000);
      assert.deepEqual(await readdir(folder), [], 'the uploaded script is removed');
    });
  }

  test('SIGTERM while waiting for SSH (nothing listens): exit 130 at once, not after ssh_timeout', async () => {
    const closed = await unusedPort();
    await writeFile(join(work, 'waiting.pkr.hcl'), template('', closed, '5m'));
    const run = startBuild('waiting');
    await until('the wait to begin', () => run.output().includes('Waiting for SSH to become available'));
    const sent = Date.now();
    run.kill('SIGTERM');
    assert.equal(await run.exited, 130, run.output());
    assert.ok(Date.now() - sent < 10_000, `exited ${Date.now() - sent} ms after the signal`);
    assert.match(run.output(), /Build 'null\.box' errored after [^:]+: Build was cancelled\./);
  });

  test('SIGINT during an upload: exit 130, neither the destination nor a temporary is left', async () => {
    const payload = join(work, 'big.bin');
    execFileSync('truncate', ['-s', '1G', payload]); // sparse: quick to read, long enough to send
    const dest = join(work, 'dest');
    await rm(dest, { recursive: true, force: true });
    execFileSync('mkdir', [dest]);
    await writeFile(
      join(work, 'upload.pkr.hcl'),
      template(`  provisioner "file" {
    source      = "${payload}"
    destination = "${dest}/big.bin"
  }`),
    );
    const run = startBuild('upload');
    await until('bytes to arrive', () => {
      const names = existsSync(dest) ? execFileSync('ls', ['-A', dest], { encoding: 'utf8' }) : '';
      return names.includes('imgbuild-');
    });
    run.kill('SIGINT');
    assert.equal(await run.exited, 130, run.output());
    assert.deepEqual(await readdir(dest), [], 'no half-written file and no temporary');
  });

  test('SIGINT while compress writes the archive: exit 130, no partial archive', async () => {
    const input = join(work, 'to-compress.bin');
    execFileSync('sh', ['-c', `head -c ${256 * 1024 * 1024} /dev/urandom > '${input}'`]);
    const out = join(work, 'archive');
    execFileSync('mkdir', ['-p', out]);
    await writeFile(
      join(work, 'compress.pkr.hcl'),
      template(`  post-processors {
    post-processor "artifice" {
      files = ["${input}"]
    }
    post-processor "compress" {
      output            = "${out}/image.tar.gz"
      compression_level = 9
    }
  }`),
    );
    const run = startBuild('compress');
    await until('the archive to be started', () => run.output().includes('Tarring'), 60_000);
    await new Promise((r) => setTimeout(r, 500));
    run.kill('SIGINT');
    assert.equal(await run.exited, 130, run.output());
    assert.deepEqual(await readdir(out), [], 'no archive and no temporary');
  });
});

async function unusedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
