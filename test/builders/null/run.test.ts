/**
 * The null builder against a real OpenSSH sshd (test/helpers/sshd.ts): directly with the engine's step
 * runner, and end to end through a template, the build runner, the shell provisioner and the manifest.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { nullBuilder } from '../../../src/builders/null/config.js';
import { runBuilds } from '../../../src/core/build-runner.js';
import { builtinRegistry } from '../../../src/core/registry.js';
import { runSteps } from '../../../src/core/steps.js';
import type { Communicator } from '../../../src/sdk/communicator.js';
import type { BuildRunContext } from '../../../src/sdk/plugin.js';
import { loadTemplate } from '../../../src/template/load.js';
import { planBuilds } from '../../../src/template/plan.js';
import { nullSshArguments, type Sshd, sshdAvailable, startSshd } from '../../helpers/sshd.js';
import { recordingUi } from '../../postprocessors/helpers/context.js';
import { memoryLedger } from '../../../src/core/ledger/ledger.js';

const skip = sshdAvailable()
  ? false
  : 'openssh-server is not installed (/usr/sbin/sshd): the null builder needs a real sshd';
if (skip) console.log(`# skipping null builder tests: ${skip}`);

function buildContext(
  overrides: Partial<BuildRunContext> & Pick<BuildRunContext, 'provision'>,
): BuildRunContext & { ui: ReturnType<typeof recordingUi> } {
  const ui = (overrides.ui as ReturnType<typeof recordingUi> | undefined) ?? recordingUi();
  const signal = overrides.signal ?? new AbortController().signal;
  const log = { debug: () => undefined };
  return {
    signal,
    ui,
    log,
    buildName: 'null.a',
    runId: 'run-id',
    tempDir: tmpdir(),
    ledger: memoryLedger('run-id').forBuild('null.a'),
    force: false,
    runSteps: (steps, state) => runSteps(steps, state, { signal, ui, log }),
    ...overrides,
  } as BuildRunContext & { ui: ReturnType<typeof recordingUi> };
}

describe('null builder', { skip }, () => {
  let sshd: Sshd;
  let work: string;
  before(async () => {
    sshd = await startSshd();
    work = await mkdtemp(join(tmpdir(), 'imgbuild-null-'));
  });
  after(async () => {
    await sshd?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const sshConfig = () => ({
    communicator: 'ssh',
    ssh_host: sshd.host,
    ssh_port: sshd.port,
    ssh_username: sshd.user,
    ssh_private_key_file: sshd.clientKeyPath,
    ssh_timeout: '20s',
  });

  it('connects, provisions over the link with the build variables, closes it, returns the Null artifact', async () => {
    let seen: { comm: Communicator | undefined; vars: Readonly<Record<string, unknown>> } | undefined;
    let output = '';
    const hidden: string[] = [];
    const ctx = buildContext({
      ui: { ...recordingUi(), sensitive: (...values: string[]) => void hidden.push(...values) },
      provision: async (comm, vars) => {
        seen = { comm, vars };
        const r = await comm!.exec('echo "hello from $(id -un)"', {
          onStdout: (c) => (output += c.toString()),
        });
        assert.equal(r.exitCode, 0);
      },
    });
    const artifact = await nullBuilder.run!(sshConfig(), ctx);
    assert.ok(artifact);
    assert.equal(artifact.id, 'Null');
    assert.equal(artifact.builderId, 'fnoeding.null');
    assert.deepEqual(artifact.files, []);
    assert.deepEqual(artifact.state, { generated_data: { ID: 'Null' } });
    assert.equal(artifact.describe(), 'Did not export anything. This is the null builder');
    assert.equal(output, `hello from ${sshd.user}\n`);
    assert.deepEqual(
      { ...seen!.vars, SSHPrivateKey: '…' },
      {
        ID: 'Null',
        PackerRunUUID: 'run-id',
        PackerHTTPIP: 'ERR_HTTP_IP_NOT_IMPLEMENTED_BY_BUILDER',
        PackerHTTPPort: 'ERR_HTTP_PORT_NOT_IMPLEMENTED_BY_BUILDER',
        PackerHTTPAddr: 'ERR_HTTP_ADDR_NOT_IMPLEMENTED_BY_BUILDER',
        Host: sshd.host,
        Port: sshd.port,
        User: sshd.user,
        Password: '',
        ConnType: 'ssh',
        SSHPublicKey: '',
        SSHPrivateKey: '…',
        SSHPrivateKeyFile: sshd.clientKeyPath,
        SSHAgentAuth: false,
        WinRMPassword: '',
      },
    );
    assert.equal(seen!.vars.SSHPrivateKey, sshd.clientPrivateKey);
    // …and registered as a secret, so the engine's masker hides it everywhere.
    assert.deepEqual(hidden, [sshd.clientPrivateKey]);
    assert.deepEqual(ctx.ui.lines.slice(0, 3), [
      `say: Using SSH communicator to connect: ${sshd.host}`,
      'say: Waiting for SSH to become available...',
      'say: Connected to SSH!',
    ]);
    // The step's cleanup closed the link.
    await assert.rejects(seen!.comm!.exec('true'), /closed/);
  });

  it('communicator = "none" provisions without a link', async () => {
    const calls: (Communicator | undefined)[] = [];
    const ctx = buildContext({ provision: async (comm) => void calls.push(comm) });
    const artifact = await nullBuilder.run!({ communicator: 'none' }, ctx);
    assert.equal(artifact?.id, 'Null');
    assert.deepEqual(calls, [undefined]);
    assert.deepEqual(ctx.ui.lines, []);
  });

  it('says why SSH is not up while waiting, and fails with the reason at ssh_timeout', async () => {
    const ctx = buildContext({ provision: async () => assert.fail('provisioned without a connection') });
    const config = { ...sshConfig(), ssh_port: await closedPort(), ssh_timeout: '1s' };
    await assert.rejects(nullBuilder.run!(config, ctx), /connection refused/i);
    assert.ok(
      ctx.ui.lines.some((l) =>
        /^message: SSH not available yet \(attempt 1\): .*connection refused/i.test(l),
      ),
      ctx.ui.lines.join('\n'),
    );
  });

  it('a key the host does not accept fails with the reason (auth failed), without provisioning', async () => {
    const keyPath = join(work, 'stranger_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', keyPath]);
    const ctx = buildContext({ provision: async () => assert.fail('provisioned without authenticating') });
    const config = { ...sshConfig(), ssh_private_key_file: keyPath, ssh_handshake_attempts: 1 };
    await assert.rejects(nullBuilder.run!(config, ctx), /auth/i);
  });

  it('a cancel during provisioning closes the link and rejects with the reason', async () => {
    const controller = new AbortController();
    let comm: Communicator | undefined;
    const ctx = buildContext({
      signal: controller.signal,
      provision: async (c) => {
        comm = c;
        const running = c!.exec('sleep 5', { signal: controller.signal });
        setTimeout(() => controller.abort(new Error('cancelled by the test')), 100);
        await running;
      },
    });
    const started = Date.now();
    await assert.rejects(nullBuilder.run!(sshConfig(), ctx), /cancelled by the test/);
    assert.ok(Date.now() - started < 4_000, 'did not wait for the remote command');
    await assert.rejects(comm!.exec('true'), /closed/);
  });

  it('builds end to end from a template: shell provisioner on the host, manifest of the Null artifact', async () => {
    const remoteFile = join(work, 'remote.txt');
    const manifest = join(work, 'packer-manifest.json');
    const template = `
source "null" "a" {
${nullSshArguments(sshd, ['  ssh_timeout          = "20s"'])}
}
build {
  sources = ["source.null.a"]
  provisioner "shell" {
    inline = ["echo \\"built by $PACKER_BUILDER_TYPE as $(id -un)\\" > ${remoteFile}"]
  }
  post-processor "manifest" {
    output     = "${manifest}"
    strip_time = true
  }
}
`;
    const file = join(work, 'build.pkr.hcl');
    await writeFile(file, template);
    const registry = builtinRegistry();
    const loaded = await loadTemplate(file, { cwd: work, env: {}, command: 'build', registry });
    assert.deepEqual(
      loaded.diags.filter((d) => d.severity === 'error').map((d) => d.summary),
      [],
    );
    const planned = planBuilds(loaded.value, { registry });
    assert.deepEqual(
      planned.diags.filter((d) => d.severity === 'error').map((d) => d.summary),
      [],
    );
    const ui = recordingUi();
    const result = await runBuilds(planned.builds, { uiFor: () => ui, runId: 'e2e-run' });
    const build = result.builds[0]!;
    assert.equal(build.error, undefined, ui.lines.join('\n'));
    assert.equal(await readFile(remoteFile, 'utf8'), `built by null as ${sshd.user}\n`);
    // As Packer lists them: the kept builder artifact, then the manifest chain's (the same artifact).
    assert.deepEqual(
      build.artifacts.map((a) => a.id),
      ['Null', 'Null'],
    );
    assert.equal(
      await readFile(manifest, 'utf8'),
      `{
  "builds": [
    {
      "name": "a",
      "builder_type": "null",
      "files": null,
      "artifact_id": "Null",
      "packer_run_uuid": "e2e-run",
      "custom_data": null
    }
  ],
  "last_run_uuid": "e2e-run"
}`,
    );
  });
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}
