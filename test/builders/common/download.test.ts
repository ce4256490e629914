import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { DownloadError, download } from '../../../src/builders/common/download/download.js';
import { ChecksumMismatchError } from '../../../src/builders/common/download/hash.js';

const DATA = randomBytes(300_000);
const digest = (type: string, data: Buffer = DATA) => createHash(type).update(data).digest('hex');
const SHA256 = digest('sha256');

/** A small HTTP server with counted requests; /slow sends half the body, then stalls. */
function startServer(): Promise<{ server: Server; base: string; hits: Map<string, number> }> {
  const hits = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path === '/disk.iso' || path === '/mirror/disk.iso') {
      res.writeHead(200, { 'content-length': DATA.length });
      res.end(DATA);
    } else if (path === '/SHA256SUMS') {
      res.end(`${'0'.repeat(64)}  other.iso\n${SHA256}  disk.iso\n`);
    } else if (path === '/redirect') {
      res.writeHead(302, { location: '/disk.iso' });
      res.end();
    } else if (path === '/paced') {
      res.writeHead(200, { 'content-length': DATA.length });
      res.write(DATA.subarray(0, 1000));
      setTimeout(() => res.end(DATA.subarray(1000)), 300);
    } else if (path === '/slow') {
      res.writeHead(200, { 'content-length': DATA.length });
      res.write(DATA.subarray(0, DATA.length / 2));
    } else {
      res.writeHead(404);
      res.end('not found');
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits }),
    ),
  );
}

describe('download (Packer StepDownload)', () => {
  let http: Awaited<ReturnType<typeof startServer>>;
  let dir: string;
  let cacheDir: string;
  before(async () => {
    http = await startServer();
  });
  after(() => {
    http.server.closeAllConnections();
    http.server.close();
  });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'imgbuild-dl-'));
    cacheDir = join(dir, 'cache');
    await writeFile(join(dir, 'local.iso'), DATA);
    http.hits.clear();
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const cacheFiles = async () => readdir(cacheDir).catch(() => [] as string[]);

  for (const form of [`sha256:${SHA256}`, SHA256, `md5:${digest('md5')}`, `sha1:${digest('sha1')}`]) {
    it(`uses a local file in place after checking ${form.slice(0, 10)}…`, async () => {
      const got = await download({ urls: ['local.iso'], checksum: form, baseDir: dir, cacheDir });
      assert.equal(got.path, join(dir, 'local.iso'));
      assert.equal(got.how, 'in-place');
      assert.deepEqual(await cacheFiles(), []);
    });
  }

  it('reads file: URLs, absolute and relative', async () => {
    const abs = await download({ urls: [`file://${join(dir, 'local.iso')}`], checksum: SHA256, cacheDir });
    assert.equal(abs.path, join(dir, 'local.iso'));
    const rel = await download({ urls: ['file://./local.iso'], checksum: SHA256, baseDir: dir, cacheDir });
    assert.equal(rel.path, join(dir, 'local.iso'));
  });

  it('rejects a local file whose checksum differs, naming both digests', async () => {
    const wrong = 'f'.repeat(64);
    await assert.rejects(
      download({ urls: ['local.iso'], checksum: `sha256:${wrong}`, baseDir: dir, cacheDir }),
      (e: unknown) => {
        assert.ok(e instanceof DownloadError);
        const cause = e.attempts[0]?.error;
        assert.ok(cause instanceof ChecksumMismatchError);
        assert.match(e.message, new RegExp(`Expected: ${wrong}\\nGot: ${SHA256}`));
        return true;
      },
    );
  });

  it('checks against a local checksum file in GNU or BSD format, by relative name', async () => {
    await mkdir(join(dir, 'sums'));
    await writeFile(join(dir, 'sums', 'GNU'), `${'1'.repeat(64)}  x.iso\n${SHA256}  ../local.iso\n`);
    await writeFile(join(dir, 'sums', 'BSD'), `SHA256 (local.iso) = ${SHA256}\n`);
    for (const f of ['GNU', 'BSD']) {
      const got = await download({ urls: ['local.iso'], checksum: `file:sums/${f}`, baseDir: dir, cacheDir });
      assert.deepEqual(got.checksum, { type: 'sha256', value: SHA256 });
    }
    await assert.rejects(
      download({ urls: ['local.iso'], checksum: 'file:sums/missing', baseDir: dir, cacheDir }),
      /Error downloading checksum file/,
    );
    await writeFile(join(dir, 'sums', 'OTHER'), `${SHA256}  unrelated.iso\n`);
    await assert.rejects(
      download({ urls: ['local.iso'], checksum: 'file:sums/OTHER', baseDir: dir, cacheDir }),
      /no checksum found in: sums\/OTHER/,
    );
  });

  it('downloads over http into the cache, then reuses the cached file', async () => {
    const lines: string[] = [];
    let progressDone = 0;
    const ui = {
      say: (m: string) => lines.push(m),
      message: (m: string) => lines.push(m),
      progress: (_label: string, total: number) => {
        assert.equal(total, DATA.length);
        return { update: (n: number) => (progressDone = n), finish: () => {} };
      },
    };
    const first = await download({
      urls: [`${http.base}/disk.iso`],
      checksum: `sha256:${SHA256}`,
      cacheDir,
      ui,
    });
    assert.equal(first.how, 'downloaded');
    assert.equal(relative(cacheDir, first.path).includes('/'), false);
    assert.ok(first.path.endsWith('.iso'));
    assert.deepEqual(await readFile(first.path), DATA);
    assert.equal(progressDone, DATA.length);
    assert.ok(lines.includes('Retrieving ISO'));
    // Another mirror of the same file: same cache entry (keyed by checksum), no request made.
    const second = await download({
      urls: [`${http.base}/mirror/disk.iso`],
      checksum: `sha256:${SHA256}`,
      cacheDir,
    });
    assert.equal(second.how, 'cached');
    assert.equal(second.path, first.path);
    assert.equal(http.hits.get('/mirror/disk.iso'), undefined);
    assert.deepEqual(await cacheFiles(), [first.path.slice(cacheDir.length + 1)]);
  });

  it('leaves nothing in the cache when the downloaded file does not match', async () => {
    await assert.rejects(
      download({ urls: [`${http.base}/disk.iso`], checksum: `md5:${'0'.repeat(32)}`, cacheDir }),
      (e: unknown) => e instanceof DownloadError && e.attempts[0]?.error instanceof ChecksumMismatchError,
    );
    assert.deepEqual(await cacheFiles(), []);
  });

  it('tries iso_urls in order, and reports every failure when none works', async () => {
    const got = await download({
      urls: [`${http.base}/missing.iso`, `${http.base}/redirect`, `${http.base}/disk.iso`],
      checksum: SHA256,
      cacheDir,
    });
    assert.equal(got.url, `${http.base}/redirect`);
    assert.equal(http.hits.get('/disk.iso'), 1);
    await assert.rejects(
      download({
        urls: [`${http.base}/a.iso`, 'no-such-file.iso', 's3://bucket/x'],
        checksum: 'none',
        cacheDir,
      }),
      (e: unknown) => {
        assert.ok(e instanceof DownloadError);
        assert.equal(e.attempts.length, 3);
        assert.match(e.message, /a\.iso: bad response code: 404/);
        assert.match(e.message, /no-such-file\.iso: ENOENT/);
        assert.match(e.message, /unsupported URL scheme "s3"/);
        return true;
      },
    );
  });

  it('takes the checksum from a file: URL served over http, and from ?checksum=', async () => {
    const got = await download({
      urls: [`${http.base}/disk.iso`],
      checksum: `file:${http.base}/SHA256SUMS`,
      cacheDir,
    });
    assert.deepEqual(got.checksum, { type: 'sha256', value: SHA256 });
    const query = await download({
      urls: [`${http.base}/disk.iso?checksum=md5:${digest('md5')}`],
      checksum: 'none',
      cacheDir,
    });
    assert.deepEqual(query.checksum, { type: 'md5', value: digest('md5') });
  });

  it('with checksum none downloads again each time (nothing to check a cached copy against)', async () => {
    await download({ urls: [`${http.base}/disk.iso`], checksum: 'none', cacheDir });
    const again = await download({ urls: [`${http.base}/disk.iso`], checksum: 'none', cacheDir });
    assert.equal(again.how, 'downloaded');
    assert.equal(http.hits.get('/disk.iso'), 2);
    assert.equal((await cacheFiles()).length, 1);
  });

  it('honours iso_target_path as a file or as a directory', async () => {
    const file = join(dir, 'out', 'my.img');
    const got = await download({ urls: [`${http.base}/disk.iso`], checksum: SHA256, targetPath: file });
    assert.equal(got.path, file);
    const inDir = await download({
      urls: [`${http.base}/disk.iso`],
      checksum: SHA256,
      targetPath: join(dir, 'isos'),
      extension: 'img',
    });
    assert.equal(relative(join(dir, 'isos'), inDir.path).endsWith('.img'), true);
  });

  it('cancelling mid-download rejects with the abort reason and removes the partial file', async () => {
    const controller = new AbortController();
    const reason = new DOMException('stop', 'AbortError');
    const started = download({
      urls: [`${http.base}/slow`],
      checksum: SHA256,
      cacheDir,
      signal: controller.signal,
    });
    while (!http.hits.get('/slow')) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 100));
    controller.abort(reason);
    await assert.rejects(started, (e: unknown) => e === reason);
    assert.deepEqual(await cacheFiles(), []);
  });

  it('parallel builds fetch a shared file once: the second waits for the lock, then uses the cache', async () => {
    const waits: string[] = [];
    const ui = {
      say: () => {},
      message: (m: string) => waits.push(m),
      progress: () => ({ update() {}, finish() {} }),
    };
    const req = { urls: [`${http.base}/paced`], checksum: SHA256, cacheDir, ui };
    const [a, b] = await Promise.all([download(req), download(req)]);
    assert.deepEqual([a.how, b.how].sort(), ['cached', 'downloaded']);
    assert.equal(a.path, b.path);
    assert.equal(http.hits.get('/paced'), 1);
    assert.equal(waits.filter((m) => m.startsWith('Waiting for another build downloading')).length, 1);
    assert.deepEqual(await cacheFiles(), [a.path.slice(cacheDir.length + 1)]);
  });

  it('a lock left by a process that died is taken over', async () => {
    const dead = spawnSync('true').pid;
    const target = join(cacheDir, 'x.iso');
    await mkdir(`${target}.lock`, { recursive: true });
    await writeFile(join(`${target}.lock`, 'pid'), String(dead));
    const got = await download({ urls: [`${http.base}/disk.iso`], checksum: SHA256, targetPath: target });
    assert.equal(got.how, 'downloaded');
    assert.deepEqual((await readdir(cacheDir)).sort(), ['x.iso']);
  });

  it('cancelling while another build holds the lock rejects with the abort reason', async () => {
    const target = join(cacheDir, 'held.iso');
    await mkdir(`${target}.lock`, { recursive: true });
    await writeFile(join(`${target}.lock`, 'pid'), String(process.pid));
    const controller = new AbortController();
    const reason = new Error('stop');
    setTimeout(() => controller.abort(reason), 200);
    await assert.rejects(
      download({
        urls: [`${http.base}/disk.iso`],
        checksum: SHA256,
        targetPath: target,
        signal: controller.signal,
      }),
      (e: unknown) => e === reason,
    );
    assert.equal(http.hits.get('/disk.iso'), undefined);
  });
});
