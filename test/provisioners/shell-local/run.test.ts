/** shell-local runs real local processes: /bin/sh with the build's variables. */
import assert from 'node:assert/strict';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, test } from 'node:test';
import { shellLocalProvisioner } from '../../../src/provisioners/shell-local/config.js';
import { convertToLinuxPath, runShellLocal } from '../../../src/provisioners/shell-local/run.js';
import { decodeBody, provisionContext, type TestContext } from '../fakes.js';

let ctx: TestContext | undefined;
afterEach(async () => {
  await ctx?.dispose();
  ctx = undefined;
});

/** The process has ended: no longer listed, or a zombie its (non-reaping) new parent has not collected. */
async function gone(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

const config = (body: string) => decodeBody(shellLocalProvisioner, body);

describe('shell-local provisioner', () => {
  test('inline commands run through /bin/sh -e with the environment variables; the temp script is removed', async () => {
    ctx = await provisionContext(undefined, { PackerHTTPAddr: '127.0.0.1:8000', ID: 'b-7' });
    await runShellLocal(
      config(
        [
          'inline = ["echo \\"$GREETING from $PACKER_BUILD_NAME/$PACKER_BUILDER_TYPE at $PACKER_HTTP_ADDR ($ID, {{.ID}})\\"", "echo err >&2"]',
          'env = { EXTRA = "x" }',
          'environment_vars = ["GREETING=it\'s me", "ID={{ build `ID` }}"]',
        ].join('\n'),
      ),
      ctx,
    );
    assert.equal(
      ctx.ui.output_().split('\n').sort().join('|'),
      "|err|it's me from example/null at 127.0.0.1:8000 (b-7, b-7)",
    );
    assert.match(ctx.ui.said()[0]!, /^Running local shell script: .*\/packer-shell\d+$/);
    assert.deepEqual(await readdir(ctx.tempDir), []);
  });

  test('inline_shebang -e stops at the first failing command; the error has the status and last output', async () => {
    ctx = await provisionContext(undefined);
    await assert.rejects(
      runShellLocal(config('inline = ["echo before", "exit 7", "echo after"]'), ctx),
      (err: Error & { exitCode?: number }) => {
        assert.equal(
          err.message,
          'Script exited with non-zero exit status: 7.Allowed exit codes are: [0]\nLast output:\n  before',
        );
        assert.equal(err.exitCode, 7);
        return true;
      },
    );
    assert.equal(ctx.ui.output_(), 'before\n');
  });

  test('valid_exit_codes', async () => {
    ctx = await provisionContext(undefined);
    await runShellLocal(config('command = "exit 3"\nvalid_exit_codes = [0, 3]'), ctx);
  });

  test('scripts run in order with a custom execute_command (absolute {{.Script}}, {{.Vars}})', async () => {
    ctx = await provisionContext(undefined, { ID: 'build-42' });
    const out = join(ctx.tempDir, 'out.txt');
    await writeFile(join(ctx.tempDir, 'a.sh'), `echo "a $1 $V" >> ${out}\n`);
    await writeFile(join(ctx.tempDir, 'b.sh'), `echo "b $1 $V" >> ${out}\n`);
    await runShellLocal(
      config(
        [
          `scripts = ["${ctx.tempDir}/a.sh", "${ctx.tempDir}/b.sh"]`,
          'environment_vars = ["V=v1"]',
          'execute_command = ["/bin/sh", "-c", "{{.Vars}} /bin/sh {{.Script}} {{.ID}}"]',
        ].join('\n'),
      ),
      ctx,
    );
    assert.equal(await readFile(out, 'utf8'), 'a build-42 v1\nb build-42 v1\n');
  });

  test('tempfile_extension names the inline script; {{.Command}} is the old name of {{.Script}}', async () => {
    ctx = await provisionContext(undefined);
    await runShellLocal(
      config(
        'inline = ["echo \\"$0\\""]\ntempfile_extension = ".sh"\nexecute_command = ["/bin/sh", "-c", "{{.Vars}} {{.Command}}"]',
      ),
      ctx,
    );
    assert.match(ctx.ui.output_(), /\/packer-shell\d+\.sh\n$/);
  });

  test('only_on skips other operating systems', async () => {
    ctx = await provisionContext(undefined);
    await runShellLocal(config('command = "exit 1"\nonly_on = ["windows"]'), ctx);
    assert.deepEqual(ctx.ui.said(), ['Skipping shell-local due to runtime OS']);
    await assert.rejects(
      runShellLocal(config('command = "true"\nonly_on = ["plan9"]'), ctx),
      /Invalid OS specified in only_on: 'plan9'/,
    );
  });

  test('a missing interpreter is reported', async () => {
    ctx = await provisionContext(undefined);
    await assert.rejects(
      runShellLocal(config('command = "true"\nexecute_command = ["/nonexistent/sh", "{{.Script}}"]'), ctx),
      (err: Error) =>
        /^Error executing script: .*\n\nPlease see output above for more information\.\n\(spawn \/nonexistent\/sh ENOENT\)$/.test(
          err.message,
        ),
    );
  });

  test('cancelling kills the script and what it started', async () => {
    ctx = await provisionContext(undefined);
    const pidFile = join(ctx.tempDir, 'pid');
    const started = Date.now();
    setTimeout(() => ctx!.controller.abort(new Error('Build cancelled')), 300);
    await assert.rejects(
      runShellLocal(config(`inline = ["sleep 30 & echo $! > ${pidFile}", "wait"]`), ctx),
      /Build cancelled/,
    );
    assert.ok(Date.now() - started < 5000);
    const pid = Number(await readFile(pidFile, 'utf8'));
    await new Promise((r) => setTimeout(r, 50));
    assert.ok(await gone(pid), 'the background sleep was killed too');
  });

  test('use_linux_pathing maps drive paths, and refuses inline', async () => {
    assert.equal(convertToLinuxPath('C:\\Users\\me\\x.sh'), '/mnt/c/Users/me/x.sh');
    ctx = await provisionContext(undefined);
    await assert.rejects(
      runShellLocal(config('inline = ["true"]\nuse_linux_pathing = true'), ctx),
      /unable to use the Command and Inline features with the Windows Linux Subsystem/,
    );
  });

  test('the definition runs it', async () => {
    ctx = await provisionContext(undefined);
    await shellLocalProvisioner.run!(config('command = "echo via-definition"'), ctx);
    assert.equal(ctx.ui.output_(), 'via-definition\n');
  });
});
