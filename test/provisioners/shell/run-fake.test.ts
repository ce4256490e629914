/** The shell provisioner's exact remote commands and uploads, against a recording Communicator. */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, test } from 'node:test';
import { shellProvisioner } from '../../../src/provisioners/shell/config.js';
import { runShell } from '../../../src/provisioners/shell/run.js';
import { type Call, decodeBody, FakeCommunicator, provisionContext, type TestContext } from '../fakes.js';

const fast = { retryDelayMs: 5 };
let ctx: TestContext | undefined;
afterEach(async () => {
  await ctx?.dispose();
  ctx = undefined;
});

async function setup(body: string, buildVars: Record<string, unknown> = {}) {
  const comm = new FakeCommunicator();
  ctx = await provisionContext(comm, buildVars);
  return { comm, ctx, config: decodeBody(shellProvisioner, body) };
}

const ENV = "PACKER_BUILDER_TYPE='null' PACKER_BUILD_NAME='example' ";

describe('shell provisioner (fake communicator)', () => {
  test('inline: a shebang script uploaded to remote_path, chmod, the default execute_command, rm', async () => {
    const { comm, ctx, config } = await setup(
      'inline = ["echo one", "echo two"]\nremote_path = "/tmp/script_1.sh"\nenvironment_vars = ["GREETING=it\'s me"]',
    );
    await runShell(config, ctx, fast);
    assert.deepEqual(comm.calls, [
      { op: 'upload', path: '/tmp/script_1.sh', content: '#!/bin/sh -e\necho one\necho two\n' },
      { op: 'exec', command: 'chmod 0755 /tmp/script_1.sh' },
      {
        op: 'exec',
        command: `chmod +x /tmp/script_1.sh; GREETING='it'"'"'s me' ${ENV} /tmp/script_1.sh`,
      },
      { op: 'exec', command: 'rm -f /tmp/script_1.sh' },
    ] satisfies Call[]);
    const said = ctx.ui.said();
    assert.equal(said.length, 1);
    assert.match(said[0]!, /^Provisioning with shell script: .*\/packer-shell\d+$/);
  });

  test('remote_folder and remote_file make the path; the default file name is script_N.sh', async () => {
    let r = await setup('inline = ["true"]\nremote_folder = "/var/tmp"\nremote_file = "setup.sh"');
    await runShell(r.config, r.ctx, fast);
    assert.equal((r.comm.calls[0] as { path: string }).path, '/var/tmp/setup.sh');
    await r.ctx.dispose();
    r = await setup('inline = ["true"]');
    ctx = r.ctx;
    await runShell(r.config, r.ctx, fast);
    assert.match((r.comm.calls[0] as { path: string }).path, /^\/tmp\/script_\d{1,4}\.sh$/);
  });

  test('an inline script that brings its own shebang keeps it, unless inline_shebang is set', async () => {
    const { comm, ctx, config } = await setup(
      'inline = ["#!/bin/bash", "echo $BASH"]\nremote_path = "/tmp/s.sh"',
    );
    await runShell(config, ctx, fast);
    assert.equal((comm.calls[0] as { content: string }).content, '#!/bin/bash\necho $BASH\n');
    const comm2 = new FakeCommunicator();
    const set = decodeBody(
      shellProvisioner,
      'inline = ["#!/bin/bash", "true"]\ninline_shebang = "/bin/sh -x"',
    );
    await runShell(set, { ...ctx, communicator: comm2 }, fast);
    assert.equal((comm2.calls[0] as { content: string }).content, '#!/bin/sh -x\n#!/bin/bash\ntrue\n');
  });

  test("inline commands go through Packer's template interpolation with the build variables", async () => {
    const { comm, ctx, config } = await setup(
      'inline = ["echo {{ build `ID` }} {{.Host}} {{ upper \\"x\\" }}"]\nremote_path = "/tmp/s.sh"',
      { ID: 'i-123', Host: '10.1.2.3' },
    );
    await runShell(config, ctx, fast);
    assert.equal((comm.calls[0] as { content: string }).content, '#!/bin/sh -e\necho i-123 10.1.2.3 X\n');
    const bad = decodeBody(shellProvisioner, 'inline = ["{{ bogus }}"]');
    await assert.rejects(
      runShell(bad, ctx, fast),
      (err: Error) =>
        err.message === 'Error interpolating Inline: template: root:1: function "bogus" not defined',
    );
  });

  test('scripts run in order with CRLF turned into LF, unless binary', async () => {
    const r = await setup('inline = ["true"]');
    const a = join(r.ctx.tempDir, 'a.sh');
    const b = join(r.ctx.tempDir, 'b.sh');
    await writeFile(a, 'echo a\r\necho A');
    await writeFile(b, 'echo b\r\n');
    for (const binary of [false, true]) {
      const comm = new FakeCommunicator();
      const config = decodeBody(
        shellProvisioner,
        `scripts = ["${a}", "${b}"]\nremote_path = "/tmp/s.sh"\nbinary = ${binary}`,
      );
      await runShell(config, { ...r.ctx, communicator: comm }, fast);
      const uploads = comm.calls.flatMap((c) => (c.op === 'upload' ? [c.content] : []));
      assert.deepEqual(
        uploads,
        binary ? ['echo a\r\necho A', 'echo b\r\n'] : ['echo a\necho A\n', 'echo b\n'],
      );
    }
    assert.deepEqual(r.ctx.ui.said(), [
      `Provisioning with shell script: ${a}`,
      `Provisioning with shell script: ${b}`,
      `Provisioning with shell script: ${a}`,
      `Provisioning with shell script: ${b}`,
    ]);
  });

  test('a custom execute_command sees Vars, Path and the build variables', async () => {
    const { comm, ctx, config } = await setup(
      [
        'inline = ["true"]',
        'remote_path = "/tmp/s.sh"',
        'env = { B = "2", A = "1" }',
        `execute_command = "echo {{ .Host }}; {{ .Vars }}sudo -E sh '{{ .Path }}'"`,
      ].join('\n'),
      { Host: '10.0.0.9', PackerHTTPAddr: '10.0.2.2:8123' },
    );
    await runShell(config, ctx, fast);
    assert.equal(
      comm.commands()[1],
      "echo 10.0.0.9; A='1' B='2' PACKER_BUILDER_TYPE='null' PACKER_BUILD_NAME='example' PACKER_HTTP_ADDR='10.0.2.2:8123' sudo -E sh '/tmp/s.sh'",
    );
  });

  test('env_var_format changes how each variable is written', async () => {
    const { comm, ctx, config } = await setup(
      'inline = ["true"]\nremote_path = "/tmp/s.sh"\nenvironment_vars = ["A=1"]\nenv_var_format = "export %s=%s; "',
    );
    await runShell(config, ctx, fast);
    assert.equal(
      comm.commands()[1],
      'chmod +x /tmp/s.sh; export A=1; export PACKER_BUILDER_TYPE=null; export PACKER_BUILD_NAME=example;  /tmp/s.sh',
    );
  });

  test('use_env_var_file uploads the variables and sources them', async () => {
    const { comm, ctx, config } = await setup(
      'inline = ["true"]\nremote_path = "/tmp/s.sh"\nenvironment_vars = ["A=x y"]\nuse_env_var_file = true',
    );
    await runShell(config, ctx, fast);
    const varfile = comm.calls[0] as { op: string; path: string; content: string };
    assert.equal(varfile.op, 'upload');
    assert.match(varfile.path, /^\/tmp\/varfile_\d{1,4}\.sh$/);
    assert.equal(
      varfile.content,
      "export A='x y'\nexport PACKER_BUILDER_TYPE='null'\nexport PACKER_BUILD_NAME='example'\n",
    );
    assert.deepEqual(comm.commands(), [
      `chmod 0600 ${varfile.path}`,
      'chmod 0755 /tmp/s.sh',
      `chmod +x /tmp/s.sh; . ${varfile.path} && /tmp/s.sh`,
      'rm -f /tmp/s.sh',
      `rm -f ${varfile.path}`,
    ]);
  });

  test('skip_clean leaves the script in place', async () => {
    const { comm, ctx, config } = await setup(
      'inline = ["true"]\nremote_path = "/tmp/s.sh"\nskip_clean = true',
    );
    await runShell(config, ctx, fast);
    assert.deepEqual(comm.commands(), ['chmod 0755 /tmp/s.sh', `chmod +x /tmp/s.sh; ${ENV} /tmp/s.sh`]);
  });

  test('a non-zero exit fails with the status, the allowed codes and the last output lines', async () => {
    const { comm, ctx, config } = await setup('inline = ["false"]\nremote_path = "/tmp/s.sh"');
    comm.onExec = (c) =>
      c.startsWith('chmod +x')
        ? { exitCode: 3, stdout: 'working\n', stderr: 'E: no such package\n' }
        : { exitCode: 0 };
    await assert.rejects(runShell(config, ctx, fast), (err: Error & { exitCode?: number }) => {
      assert.equal(
        err.message,
        'Script exited with non-zero exit status: 3.Allowed exit codes are: [0]\nLast output:\n  working\n  E: no such package',
      );
      assert.equal(err.exitCode, 3);
      return true;
    });
    assert.equal(ctx.ui.output_(), 'working\nE: no such package\n');
    // Packer leaves the script behind after a failure; imgbuild removes what it uploaded.
    assert.ok(comm.commands().includes('rm -f /tmp/s.sh'), 'the script is removed after a failure');
  });

  test('valid_exit_codes accepts other codes', async () => {
    const { comm, ctx, config } = await setup(
      'inline = ["exit 2"]\nremote_path = "/tmp/s.sh"\nvalid_exit_codes = [0, 2]',
    );
    comm.onExec = (c) => (c.startsWith('chmod +x') ? { exitCode: 2 } : { exitCode: 0 });
    await runShell(config, ctx, fast);
    assert.equal(comm.commands().at(-1), 'rm -f /tmp/s.sh');
  });

  test('a signal counts as 128 + its number', async () => {
    const { comm, ctx, config } = await setup('inline = ["kill -9 $$"]\nremote_path = "/tmp/s.sh"');
    comm.onExec = (c) => (c.startsWith('chmod +x') ? { exitCode: null, signal: 'KILL' } : { exitCode: 0 });
    await assert.rejects(runShell(config, ctx, fast), /non-zero exit status: 137\./);
  });

  test('a dropped link fails unless expect_disconnect; then the cleanup waits for the machine', async () => {
    let r = await setup('inline = ["reboot"]\nremote_path = "/tmp/s.sh"');
    r.comm.onExec = (c) => (c.startsWith('chmod +x') ? { exitCode: null } : { exitCode: 0 });
    await assert.rejects(runShell(r.config, r.ctx, fast), (err: Error) =>
      /^Script disconnected unexpectedly\. If you expected/.test(err.message),
    );
    await r.ctx.dispose();

    r = await setup('inline = ["reboot"]\nremote_path = "/tmp/s.sh"\nexpect_disconnect = true');
    ctx = r.ctx;
    let rmTries = 0;
    r.comm.onExec = (c) => {
      if (c.startsWith('chmod +x')) return { exitCode: null };
      if (c.startsWith('rm -f') && ++rmTries < 3)
        return rmTries === 1 ? { throws: 'connection refused' } : { exitCode: null };
      return { exitCode: 0 };
    };
    await runShell(r.config, r.ctx, fast);
    assert.equal(rmTries, 3);
  });

  test('the upload and start are retried together while the machine is unreachable', async () => {
    const { comm, ctx, config } = await setup('inline = ["true"]\nremote_path = "/tmp/s.sh"');
    let failures = 2;
    comm.failUpload = () => (failures-- > 0 ? 'connection refused' : undefined);
    let starts = 0;
    comm.onExec = (c) =>
      c.startsWith('chmod +x') && ++starts === 1 ? { throws: 'session closed' } : { exitCode: 0 };
    await runShell(config, ctx, fast);
    assert.equal(
      comm.calls.filter((c) => c.op === 'upload').length,
      2,
      'uploaded again after the failed start',
    );
    assert.ok(ctx.debug.some((d) => d === 'Retryable error: Error uploading script: connection refused'));
  });

  test('start_retry_timeout bounds the retries', async () => {
    const { comm, ctx, config } = await setup(
      'inline = ["true"]\nremote_path = "/tmp/s.sh"\nstart_retry_timeout = "40ms"',
    );
    comm.failUpload = () => 'connection refused';
    const started = Date.now();
    await assert.rejects(
      runShell(config, ctx, fast),
      (err: Error) => err.message === 'Error uploading script: connection refused',
    );
    assert.ok(Date.now() - started < 2000);
  });

  test('cancelling stops the retries', async () => {
    const { comm, ctx, config } = await setup('inline = ["true"]\nremote_path = "/tmp/s.sh"');
    comm.failUpload = () => 'connection refused';
    setTimeout(() => ctx.controller.abort(new Error('Build cancelled')), 30);
    await assert.rejects(runShell(config, ctx, fast), /Build cancelled/);
  });

  test('pause_after waits after the scripts', async () => {
    const { ctx, config } = await setup('inline = ["true"]\npause_after = "150ms"');
    const started = Date.now();
    await runShell(config, ctx, fast);
    assert.ok(Date.now() - started >= 140);
    assert.equal(ctx.ui.said().at(-1), 'Pausing 150ms after this provisioner...');
  });

  test('without a communicator it says so', async () => {
    ctx = await provisionContext(undefined);
    await assert.rejects(
      runShell(decodeBody(shellProvisioner, 'inline = ["true"]'), ctx),
      /needs a communicator/,
    );
  });

  test('the definition runs it (loaded lazily)', async () => {
    const { comm, ctx, config } = await setup(
      'inline = ["true"]\nremote_path = "/tmp/s.sh"\nskip_clean = true',
    );
    await shellProvisioner.run!(config, ctx);
    assert.equal(comm.commands().length, 2);
  });
});
