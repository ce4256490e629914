import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type RunningHttpServer, startHttpServer } from '../../../src/builders/common/http-server.js';

function rawGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

const get = (server: RunningHttpServer, path: string, init?: RequestInit) =>
  fetch(`http://127.0.0.1:${server.port}${path}`, { redirect: 'manual', ...init });

describe('startHttpServer (Packer StepHTTPServer)', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'imgbuild-http-'));
    await mkdir(join(dir, 'sub'));
    await mkdir(join(dir, 'site'));
    await writeFile(join(dir, 'preseed.cfg'), 'd-i debian-installer/locale string en_US\n');
    await writeFile(join(dir, 'sub', 'a b.txt'), 'spaced');
    await writeFile(join(dir, 'site', 'index.html'), '<h1>hi</h1>');
    await writeFile(join(tmpdir(), 'imgbuild-http-outside.txt'), 'secret');
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(join(tmpdir(), 'imgbuild-http-outside.txt'), { force: true });
  });

  it('returns undefined when there is nothing to serve', async () => {
    assert.equal(
      await startHttpServer({ portMin: 8000, portMax: 9000, bindAddress: '127.0.0.1' }),
      undefined,
    );
  });

  it('serves http_directory like Go http.FileServer', async () => {
    const requests: string[] = [];
    const server = await startHttpServer({
      directory: dir,
      portMin: 20000,
      portMax: 20999,
      bindAddress: '127.0.0.1',
      onRequest: (method, path, status) => requests.push(`${method} ${path} ${status}`),
    });
    assert.ok(server);
    try {
      assert.ok(server.port >= 20000 && server.port <= 20999);
      const cfg = await get(server, '/preseed.cfg');
      assert.equal(cfg.status, 200);
      assert.equal(await cfg.text(), 'd-i debian-installer/locale string en_US\n');
      assert.equal((await get(server, '/sub/a%20b.txt')).status, 200);
      const head = await get(server, '/preseed.cfg', { method: 'HEAD' });
      assert.equal(head.headers.get('content-length'), '41');
      assert.equal(await head.text(), '');
      assert.equal(await (await get(server, '/site/')).text(), '<h1>hi</h1>');
      const redirect = await get(server, '/site');
      assert.equal(redirect.status, 301);
      assert.equal(redirect.headers.get('location'), '/site/');
      const list = await (await get(server, '/')).text();
      assert.match(list, /<a href="preseed.cfg">preseed.cfg<\/a>/);
      assert.match(list, /<a href="sub\/">sub\/<\/a>/);
      assert.equal((await get(server, '/missing')).status, 404);
      // Escaping the directory is refused however the dots are spelled.
      // node:http sends the path as it is (fetch would normalise the dots away first).
      for (const p of [
        '/../imgbuild-http-outside.txt',
        '/%2e%2e/imgbuild-http-outside.txt',
        '/sub/..%2f..%2f..%2fimgbuild-http-outside.txt',
      ]) {
        const res = await rawGet(server.port, p);
        assert.notEqual(res.body, 'secret', p);
        assert.equal(res.status, 404, p);
      }
      assert.ok(requests.includes('GET /preseed.cfg 200'));
    } finally {
      await server.close();
    }
    await assert.rejects(get(server, '/preseed.cfg'));
  });

  it('serves http_content, with a did-you-mean on a near miss', async () => {
    const server = await startHttpServer({
      content: { '/user-data': '#cloud-config\n', 'meta-data': 'instance-id: x\n' },
      portMin: 20000,
      portMax: 20999,
      bindAddress: '127.0.0.1',
    });
    assert.ok(server);
    try {
      assert.equal(await (await get(server, '/user-data')).text(), '#cloud-config\n');
      assert.equal(await (await get(server, '/meta-data')).text(), 'instance-id: x\n');
      const miss = await get(server, '/user-dat');
      assert.equal(miss.status, 404);
      assert.equal(await miss.text(), '/user-dat not found. Did you mean "/user-data"?\n');
    } finally {
      await server.close();
    }
  });

  it('skips busy ports and fails clearly when the whole range is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const busy = (blocker.address() as { port: number }).port;
    try {
      await assert.rejects(
        startHttpServer({ content: { '/x': 'y' }, portMin: busy, portMax: busy, bindAddress: '127.0.0.1' }),
        new RegExp(`Error finding port: no free port between ${busy} and ${busy} on 127.0.0.1`),
      );
      const server = await startHttpServer({
        content: { '/x': 'y' },
        portMin: busy,
        portMax: busy + 1,
        bindAddress: '127.0.0.1',
      });
      assert.equal(server?.port, busy + 1);
      await server?.close();
    } finally {
      blocker.close();
    }
  });

  it('two servers over one range never share a port', async () => {
    const opts = { content: { '/x': 'y' }, portMin: 21000, portMax: 21001, bindAddress: '127.0.0.1' };
    const [a, b] = await Promise.all([startHttpServer(opts), startHttpServer(opts)]);
    try {
      assert.notEqual(a?.port, b?.port);
    } finally {
      await a?.close();
      await b?.close();
    }
  });

  it('a missing http_directory is an error naming it', async () => {
    await assert.rejects(
      startHttpServer({ directory: join(dir, 'nope'), portMin: 1, portMax: 2, bindAddress: '127.0.0.1' }),
      /Error finding ".*nope": ENOENT/,
    );
  });
});
