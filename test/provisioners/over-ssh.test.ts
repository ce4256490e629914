/**
 * The shell and file provisioners over the real SSH communicator, against Debian's sshd (running as the
 * current user, so "remote" paths are in a tmp dir of this machine and can be checked directly).
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { SshCommunicator } from '../../src/communicator/ssh/index.js';
import { fileProvisioner } from '../../src/provisioners/file/config.js';
import { shellProvisioner } from '../../src/provisioners/shell/config.js';
import { runShell } from '../../src/provisioners/shell/run.js';
import { type Sshd, sshdAvailable, startSshd, sshdLogin } from '../helpers/sshd.js';
import { decodeBody, provisionContext, type TestContext } from './fakes.js';

const skip = sshdAvailable() ? false : 'openssh-server is not installed (/usr/sbin/sshd missing)';

describe('provisioners over SSH (real sshd)', { skip }, () => {
  let sshd: Sshd;
  let comm: SshCommunicator;
  let remote: string;
  let ctx: TestContext | undefined;
  before(async () => {
    sshd = await startSshd();
    comm = await SshCommunicator.connect({
      ...sshdLogin(sshd),
      retryDelayMs: 100,
    });
  });
  after(async () => {
    await comm?.close();
    await sshd?.stop();
  });
  afterEach(async () => {
    await ctx?.dispose();
    ctx = undefined;
    if (remote) await rm(remote, { recursive: true, force: true });
  });
  const setup = async () => {
    remote = await mkdtemp(join(tmpdir(), 'imgbuild-remote-'));
    ctx = await provisionContext(comm);
    return ctx;
  };

  test('shell: inline commands run remotely with quoted variables; the script is removed', async () => {
    const ctx = await setup();
    const tricky = `it's "quoted" $HOME \`x\` ; echo no`;
    await runShell(
      decodeBody(
        shellProvisioner,
        [
          `inline = ["echo \\"[$TRICKY]\\"", "echo \\"$PACKER_BUILD_NAME $PACKER_BUILDER_TYPE\\"", "echo warn >&2"]`,
          `environment_vars = ["TRICKY=${tricky.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"]`,
          `remote_folder = "${remote}"`,
        ].join('\n'),
      ),
      ctx,
    );
    const lines = ctx.ui.output_().split('\n').filter(Boolean).sort();
    assert.deepEqual(lines, [`[${tricky}]`, 'example null', 'warn'].sort());
    assert.deepEqual(await readdir(remote), [], 'the uploaded script was removed');
  });

  test('shell: scripts with skip_clean stay at remote_path, executable', async () => {
    const ctx = await setup();
    const local = join(ctx.tempDir, 'setup.sh');
    await writeFile(local, `#!/bin/sh\r\necho "ran from $0" > ${remote}/marker\r\n`);
    await runShell(
      decodeBody(
        shellProvisioner,
        `script = "${local}"\nremote_path = "${remote}/setup.sh"\nskip_clean = true`,
      ),
      ctx,
    );
    assert.equal(await readFile(join(remote, 'marker'), 'utf8'), `ran from ${remote}/setup.sh\n`);
    assert.equal((await stat(join(remote, 'setup.sh'))).mode & 0o777, 0o755);
    assert.equal(
      await readFile(join(remote, 'setup.sh'), 'utf8'),
      `#!/bin/sh\necho "ran from $0" > ${remote}/marker\n`,
    );
  });

  test('shell: a failing script reports the remote exit status and its last output', async () => {
    const ctx = await setup();
    await assert.rejects(
      runShell(
        decodeBody(
          shellProvisioner,
          `inline = ["echo step 1", "echo oops >&2", "exit 42"]\nremote_folder = "${remote}"`,
        ),
        ctx,
      ),
      (err: Error & { exitCode?: number }) =>
        err.exitCode === 42 &&
        err.message ===
          'Script exited with non-zero exit status: 42.Allowed exit codes are: [0]\nLast output:\n  step 1\n  oops',
    );
  });

  test('shell: use_env_var_file sources the uploaded variables and removes the file', async () => {
    const ctx = await setup();
    await runShell(
      decodeBody(
        shellProvisioner,
        `inline = ["echo \\"$A\\""]\nenv = { A = "from file" }\nuse_env_var_file = true\nremote_folder = "${remote}"`,
      ),
      ctx,
    );
    assert.equal(ctx.ui.output_(), 'from file\n');
    assert.deepEqual(await readdir(remote), []);
  });

  test('shell: the upload is retried until sshd is back (start_retry_timeout)', async () => {
    const ctx = await setup();
    await sshd.kill();
    const back = (async () => {
      await new Promise((r) => setTimeout(r, 600));
      await sshd.start();
    })();
    try {
      await runShell(
        decodeBody(
          shellProvisioner,
          `inline = ["echo after restart"]\nremote_folder = "${remote}"\nstart_retry_timeout = "20s"`,
        ),
        ctx,
        { retryDelayMs: 200 },
      );
    } finally {
      await back;
    }
    assert.equal(ctx.ui.output_(), 'after restart\n');
    assert.ok(
      ctx.debug.some((d) => d.startsWith('Retryable error: Error uploading script:')),
      ctx.debug.join('\n'),
    );
  });

  test('shell: expect_disconnect accepts a dropped link and cleans up once sshd is back', async () => {
    const ctx = await setup();
    const restart = (async () => {
      // Wait for the script to be running, then take sshd (and the session) down and bring it back.
      for (let i = 0; i < 100 && !(await readdir(remote)).includes('started'); i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
      await sshd.kill();
      await new Promise((r) => setTimeout(r, 300));
      await sshd.start();
    })();
    try {
      await runShell(
        decodeBody(
          shellProvisioner,
          `inline = ["touch ${remote}/started", "sleep 20"]\nremote_path = "${remote}/reboot.sh"\nexpect_disconnect = true\nstart_retry_timeout = "20s"`,
        ),
        ctx,
        { retryDelayMs: 200 },
      );
    } finally {
      await restart;
    }
    assert.deepEqual(await readdir(remote), ['started'], 'the script was removed after reconnecting');
  });

  test('shell: without expect_disconnect a dropped link is an error', async () => {
    const ctx = await setup();
    const drop = (async () => {
      for (let i = 0; i < 100 && !(await readdir(remote)).includes('started'); i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
      await sshd.kill();
      await sshd.start();
    })();
    try {
      await assert.rejects(
        runShell(
          decodeBody(
            shellProvisioner,
            `inline = ["touch ${remote}/started", "sleep 20"]\nremote_folder = "${remote}"`,
          ),
          ctx,
          { retryDelayMs: 200 },
        ),
        (err: Error) => err.message.startsWith('Script disconnected unexpectedly.'),
      );
    } finally {
      await drop;
    }
  });

  test('shell: cancelling the build stops waiting for the remote script', async () => {
    const ctx = await setup();
    setTimeout(() => ctx.controller.abort(new Error('Build cancelled')), 300);
    const started = Date.now();
    await assert.rejects(
      runShell(decodeBody(shellProvisioner, `inline = ["sleep 20"]\nremote_folder = "${remote}"`), ctx),
      /Build cancelled/,
    );
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
  });

  test('file: a file, a directory with and without the trailing slash, content, and a download', async () => {
    const ctx = await setup();
    const local = join(ctx.tempDir, 'src');
    await mkdir(join(local, 'tree', 'sub'), { recursive: true });
    await writeFile(join(local, 'app.conf'), 'key = value\n');
    await writeFile(join(local, 'tree', 'a.txt'), 'a');
    await writeFile(join(local, 'tree', 'sub', 'b.txt'), 'b');
    const run = (body: string) => fileProvisioner.run!(decodeBody(fileProvisioner, body), ctx);

    await run(`source = "${local}/app.conf"\ndestination = "${remote}/"`);
    await mkdir(join(remote, 'with'));
    await mkdir(join(remote, 'contents'));
    await run(`source = "${local}/tree"\ndestination = "${remote}/with"`);
    await run(`source = "${local}/tree/"\ndestination = "${remote}/contents"`);
    await run(`content = "motd\\n"\ndestination = "${remote}/motd"`);
    assert.equal(await readFile(join(remote, 'app.conf'), 'utf8'), 'key = value\n');
    assert.equal(await readFile(join(remote, 'with', 'tree', 'sub', 'b.txt'), 'utf8'), 'b');
    assert.equal(await readFile(join(remote, 'contents', 'a.txt'), 'utf8'), 'a');
    assert.equal(await readFile(join(remote, 'motd'), 'utf8'), 'motd\n');

    const back = join(ctx.tempDir, 'back');
    await run(`source = "${remote}/app.conf"\ndestination = "${back}/"\ndirection = "download"`);
    await run(`source = "${remote}/motd"\ndestination = "${back}/deep/motd.txt"\ndirection = "download"`);
    assert.equal(await readFile(join(back, 'app.conf'), 'utf8'), 'key = value\n');
    assert.equal(await readFile(join(back, 'deep', 'motd.txt'), 'utf8'), 'motd\n');
  });
});
