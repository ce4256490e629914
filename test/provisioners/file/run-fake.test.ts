/** The file provisioner's transfers, against a recording Communicator. */
import assert from 'node:assert/strict';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, test } from 'node:test';
import { fileProvisioner } from '../../../src/provisioners/file/config.js';
import { runFile } from '../../../src/provisioners/file/run.js';
import { decodeBody, FakeCommunicator, provisionContext, type TestContext } from '../fakes.js';

let ctx: TestContext | undefined;
afterEach(async () => {
  await ctx?.dispose();
  ctx = undefined;
});

async function setup() {
  const comm = new FakeCommunicator();
  ctx = await provisionContext(comm);
  const dir = ctx.tempDir;
  await writeFile(join(dir, 'app.conf'), 'key = value\n');
  await writeFile(join(dir, 'b.txt'), 'b');
  await mkdir(join(dir, 'tree'));
  await writeFile(join(dir, 'tree', 'x'), 'x');
  return { comm, ctx, dir };
}

describe('file provisioner (fake communicator)', () => {
  test('a file to a file path, with progress', async () => {
    const { comm, ctx, dir } = await setup();
    await runFile(
      decodeBody(fileProvisioner, `source = "${dir}/app.conf"\ndestination = "/etc/app.conf"`),
      ctx,
    );
    assert.deepEqual(comm.calls, [{ op: 'upload', path: '/etc/app.conf', content: 'key = value\n' }]);
    assert.deepEqual(ctx.ui.said(), [`Uploading ${dir}/app.conf => /etc/app.conf`]);
    assert.ok(ctx.ui.records.some((r) => r.kind === 'progress' && r.text === 'app.conf 12'));
  });

  test('files into a directory destination (trailing slash) keep their names; sources and source both count', async () => {
    const { comm, ctx, dir } = await setup();
    await runFile(
      decodeBody(fileProvisioner, `sources = ["${dir}/app.conf", "${dir}/b.txt"]\ndestination = "/opt/"`),
      ctx,
    );
    assert.deepEqual(
      comm.calls.map((c) => (c.op === 'upload' ? c.path : c.op)),
      ['/opt/app.conf', '/opt/b.txt'],
    );
  });

  test('directories go through uploadDir with the source as written (trailing slash rule)', async () => {
    const { comm, ctx, dir } = await setup();
    await runFile(decodeBody(fileProvisioner, `source = "${dir}/tree/"\ndestination = "/srv"`), ctx);
    await runFile(decodeBody(fileProvisioner, `source = "${dir}/tree"\ndestination = "/srv"`), ctx);
    assert.deepEqual(comm.calls, [
      { op: 'uploadDir', remote: '/srv', local: `${dir}/tree/` },
      { op: 'uploadDir', remote: '/srv', local: `${dir}/tree` },
    ]);
  });

  test('content is written to the destination through a temporary file that is removed', async () => {
    const { comm, ctx } = await setup();
    await runFile(decodeBody(fileProvisioner, 'content = "hello\\n"\ndestination = "/etc/motd"'), ctx);
    assert.deepEqual(comm.calls, [{ op: 'upload', path: '/etc/motd', content: 'hello\n' }]);
    assert.match(ctx.ui.said()[0]!, /^Uploading .*\/pkr-file-content\d+ => \/etc\/motd$/);
    const temp = ctx.ui.said()[0]!.split(' ')[1]!;
    await assert.rejects(stat(temp), /ENOENT/);
  });

  test("a missing (generated) source fails when it is uploaded, with Go's stat message", async () => {
    const { ctx, dir } = await setup();
    await assert.rejects(
      runFile(
        decodeBody(fileProvisioner, `source = "${dir}/later.bin"\ndestination = "/tmp/"\ngenerated = true`),
        ctx,
      ),
      (err: Error) => err.message === `stat ${dir}/later.bin: no such file or directory`,
    );
  });

  test('an upload failure is reported on the Ui and rethrown', async () => {
    const { comm, ctx, dir } = await setup();
    comm.failUpload = () => 'permission denied';
    await assert.rejects(
      runFile(decodeBody(fileProvisioner, `source = "${dir}/b.txt"\ndestination = "/root/b.txt"`), ctx),
      /permission denied/,
    );
    assert.deepEqual(
      ctx.ui.records.filter((r) => r.kind === 'error').map((r) => r.text),
      ['Upload failed: permission denied'],
    );
  });

  test('download: a file to a path, a file into a directory, a directory; local directories are made', async () => {
    const { comm, ctx, dir } = await setup();
    const d = (source: string, destination: string) =>
      runFile(
        decodeBody(
          fileProvisioner,
          `source = "${source}"\ndestination = "${destination}"\ndirection = "download"`,
        ),
        ctx,
      );
    await d('/var/log/syslog', `${dir}/out/logs/syslog.txt`);
    await d('/var/log/syslog', `${dir}/out/into/`);
    await d('/var/log/apt/', `${dir}/out/apt/`);
    assert.deepEqual(comm.calls, [
      { op: 'download', remote: '/var/log/syslog', local: `${dir}/out/logs/syslog.txt` },
      { op: 'download', remote: '/var/log/syslog', local: `${dir}/out/into/syslog` },
      { op: 'download', remote: '/var/log/apt/', local: `${dir}/out/apt/` },
    ]);
    for (const made of ['out/logs', 'out/into', 'out/apt'])
      assert.ok((await stat(join(dir, made))).isDirectory());
    assert.deepEqual(ctx.ui.said(), [
      `Downloading /var/log/syslog => ${dir}/out/logs/syslog.txt`,
      `Downloading /var/log/syslog => ${dir}/out/into/syslog`,
      `Downloading /var/log/apt/ => ${dir}/out/apt/`,
    ]);
  });

  test('source and destination are interpolated with the build variables', async () => {
    const { comm, ctx, dir } = await setup();
    await runFile(
      decodeBody(
        fileProvisioner,
        `source = "${dir}/{{ .Name }}"\ndestination = "/srv/{{ build \`ID\` }}.conf"`,
      ),
      { ...ctx, buildVars: { Name: 'app.conf', ID: 'b1' } },
    );
    assert.deepEqual(comm.calls, [{ op: 'upload', path: '/srv/b1.conf', content: 'key = value\n' }]);
  });

  test('without a communicator it says so', async () => {
    ctx = await provisionContext(undefined);
    await assert.rejects(
      runFile(decodeBody(fileProvisioner, 'content = "x"\ndestination = "/x"'), ctx),
      /needs a communicator/,
    );
  });
});
