import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { SshCommunicator } from '../../../src/communicator/ssh/index.js';
import { type Sshd, sshdAvailable, startSshd, sshdLogin } from '../../helpers/sshd.js';

const skip = sshdAvailable() ? false : 'openssh-server is not installed (/usr/sbin/sshd missing)';

/** Every file and directory below `dir`: relative path -> mode and content (files). */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const visit = async (rel: string) => {
    for (const name of (await readdir(join(dir, rel))).sort()) {
      const path = join(dir, rel, name);
      const key = rel ? `${rel}/${name}` : name;
      const info = await stat(path);
      const mode = (info.mode & 0o7777).toString(8);
      if (info.isDirectory()) {
        out[`${key}/`] = mode;
        await visit(key);
      } else {
        out[key] = `${mode} ${(await readFile(path)).toString('base64')}`;
      }
    }
  };
  await visit('');
  return out;
}

describe('SSH communicator: SFTP transfers against a real sshd', { skip, timeout: 30_000 }, () => {
  let sshd: Sshd;
  let comm: SshCommunicator;
  let local: string;
  let remote: string; // the "remote" side is this machine's sshd, so results are checked on disk
  let tree: string;
  before(async () => {
    sshd = await startSshd();
    comm = await SshCommunicator.connect({
      ...sshdLogin(sshd),
    });
    local = join(sshd.dir, 'local');
    remote = join(sshd.dir, 'remote');
    await mkdir(local);
    await mkdir(remote);
    tree = join(local, 'tree');
    await mkdir(join(tree, 'sub', 'deeper'), { recursive: true });
    await mkdir(join(tree, 'empty'));
    await writeFile(join(tree, 'a.txt'), 'alpha\n');
    await writeFile(join(tree, 'sub', 'run.sh'), '#!/bin/sh\necho hi\n');
    await writeFile(join(tree, 'sub', 'deeper', 'blob.bin'), randomBytes(300_000));
    await chmod(join(tree, 'a.txt'), 0o600);
    await chmod(join(tree, 'sub', 'run.sh'), 0o755);
    await chmod(join(tree, 'empty'), 0o700);
    await chmod(join(tree, 'sub', 'deeper'), 0o750);
  });
  after(async () => {
    await comm?.close();
    await sshd?.stop();
  });

  it('uploads a file byte for byte with its mode, reporting progress up to the size', async () => {
    const src = join(local, 'big.bin');
    const data = randomBytes(3 * 1024 * 1024 + 17);
    await writeFile(src, data);
    await chmod(src, 0o751);
    const progress: [number, number][] = [];
    await comm.upload(join(remote, 'big.bin'), src, {
      onProgress: (done, total) => progress.push([done, total]),
    });
    assert.ok((await readFile(join(remote, 'big.bin'))).equals(data));
    assert.equal((await stat(join(remote, 'big.bin'))).mode & 0o7777, 0o751);
    assert.deepEqual(progress.at(-1), [data.length, data.length]);
    assert.ok(progress.every(([d], i) => i === 0 || d >= (progress[i - 1] as [number, number])[0]));
  });

  it('an explicit mode wins over the source mode', async () => {
    await comm.upload(join(remote, 'a.txt'), join(tree, 'a.txt'), { mode: 0o640 });
    assert.equal((await stat(join(remote, 'a.txt'))).mode & 0o7777, 0o640);
  });

  it('uploads a stream of known size (mode 0644 unless given), and refuses a size mismatch', async () => {
    const chunks = Array.from({ length: 40 }, () => randomBytes(50_000));
    const total = 40 * 50_000;
    let last = 0;
    await comm.upload(
      join(remote, 'streamed.bin'),
      { stream: Readable.from(chunks), size: total },
      { onProgress: (done) => (last = done) },
    );
    assert.ok((await readFile(join(remote, 'streamed.bin'))).equals(Buffer.concat(chunks)));
    assert.equal((await stat(join(remote, 'streamed.bin'))).mode & 0o7777, 0o644);
    assert.equal(last, total);
    await assert.rejects(
      comm.upload(join(remote, 'short.bin'), { stream: Readable.from([Buffer.from('abc')]), size: 10 }),
      /the stream gave 3 bytes, 10 were announced/,
    );
  });

  it('uploadDir "src/" copies the contents, "src" copies the directory itself, modes kept', async () => {
    const expected = await snapshot(tree);
    await comm.uploadDir(join(remote, 'contents'), `${tree}/`);
    assert.deepEqual(await snapshot(join(remote, 'contents')), expected);
    let last = [0, 0];
    await comm.uploadDir(join(remote, 'itself'), tree, { onProgress: (d, t) => (last = [d, t]) });
    assert.deepEqual(await readdir(join(remote, 'itself')), ['tree']);
    assert.deepEqual(await snapshot(join(remote, 'itself', 'tree')), expected);
    assert.deepEqual(last, [300_000 + 6 + 18, 300_000 + 6 + 18]);
  });

  it('downloads a file (into a directory given with a trailing slash) with its mode', async () => {
    await comm.download(join(tree, 'sub', 'run.sh'), join(local, 'run-copy.sh'));
    assert.equal(await readFile(join(local, 'run-copy.sh'), 'utf8'), '#!/bin/sh\necho hi\n');
    assert.equal((await stat(join(local, 'run-copy.sh'))).mode & 0o7777, 0o755);
    await mkdir(join(local, 'into'));
    await comm.download(join(tree, 'a.txt'), `${join(local, 'into')}/`);
    assert.equal(await readFile(join(local, 'into', 'a.txt'), 'utf8'), 'alpha\n');
  });

  it('downloads a directory with the same trailing-slash rule, byte for byte', async () => {
    const expected = await snapshot(tree);
    await comm.download(`${tree}/`, join(local, 'dl-contents'));
    assert.deepEqual(await snapshot(join(local, 'dl-contents')), expected);
    await comm.download(tree, join(local, 'dl-itself'));
    assert.deepEqual(await readdir(join(local, 'dl-itself')), ['tree']);
    assert.deepEqual(await snapshot(join(local, 'dl-itself', 'tree')), expected);
  });

  it('a missing remote path is a clear error', async () => {
    await assert.rejects(
      comm.download(join(remote, 'nope'), join(local, 'nope')),
      /nope: no such file or directory on the remote side/,
    );
  });

  it('after the machine went away and came back, a transfer reconnects (same host key)', async () => {
    await sshd.kill();
    await sshd.start();
    await comm.upload(join(remote, 'after-restart.txt'), join(tree, 'a.txt'));
    assert.equal(await readFile(join(remote, 'after-restart.txt'), 'utf8'), 'alpha\n');
  });

  it('an abort stops a file upload and a stream upload promptly', async () => {
    const src = join(local, 'huge.bin');
    await writeFile(src, Buffer.alloc(64 * 1024 * 1024, 7));
    const controller = new AbortController();
    await assert.rejects(
      comm.upload(join(remote, 'huge.bin'), src, {
        signal: controller.signal,
        onProgress: () => controller.abort(new Error('transfer cancelled')),
      }),
      /transfer cancelled/,
    );
    const size = existsSync(join(remote, 'huge.bin')) ? (await stat(join(remote, 'huge.bin'))).size : 0;
    assert.ok(size < 64 * 1024 * 1024, `stopped early (${size} bytes written)`);

    async function* endless() {
      for (;;) {
        yield Buffer.alloc(1024, 1);
        await new Promise((r) => setTimeout(r, 10));
      }
    }
    const streamAbort = new AbortController();
    setTimeout(() => streamAbort.abort(new Error('stream cancelled')), 200);
    const started = Date.now();
    await assert.rejects(
      comm.upload(
        join(remote, 'endless.bin'),
        { stream: Readable.from(endless()), size: 1e9 },
        { signal: streamAbort.signal },
      ),
      /stream cancelled/,
    );
    assert.ok(Date.now() - started < 2_000);
    // The link is still usable afterwards.
    assert.equal((await comm.exec('true')).exitCode, 0);
  });
});
