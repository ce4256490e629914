import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { after, describe, it } from 'node:test';
import { RfbClient, RfbError } from '../../../src/builders/common/vnc/rfb-client.js';
import { vncAuthResponse } from '../../../src/builders/common/vnc/vnc-auth.js';

interface FakeOptions {
  version: string;
  /** Security types offered (3.7+), or the one imposed (3.3); 0 = refuse with a reason. */
  security: number[];
  password?: string;
  /** Send a Bell and a ServerCutText right after ServerInit (the client must ignore them). */
  chatter?: boolean;
}

/** The server side of RFB, written from the spec, recording what the client sends. */
function fakeServer(opts: FakeOptions, port = 0) {
  const keys: string[] = [];
  let sharedFlag = -1;
  let clientVersion = '';
  const server: Server = createServer((socket: Socket) => {
    let buf = Buffer.alloc(0);
    const waiters: { n: number; resolve: (b: Buffer) => void }[] = [];
    const pump = () => {
      while (waiters.length > 0 && buf.length >= waiters[0]!.n) {
        const w = waiters.shift()!;
        const out = buf.subarray(0, w.n);
        buf = buf.subarray(w.n);
        w.resolve(out);
      }
    };
    socket.on('data', (c) => {
      buf = Buffer.concat([buf, c]);
      pump();
    });
    socket.on('error', () => {});
    const read = (n: number) =>
      new Promise<Buffer>((resolve) => {
        waiters.push({ n, resolve });
        pump();
      });
    const u32 = (n: number) => {
      const b = Buffer.alloc(4);
      b.writeUInt32BE(n);
      return b;
    };
    const reason = (text: string) => Buffer.concat([u32(Buffer.byteLength(text)), Buffer.from(text)]);
    void (async () => {
      socket.write(`RFB ${opts.version}\n`);
      clientVersion = (await read(12)).toString();
      const minor = Number(clientVersion.slice(8, 11));
      let type: number;
      if (minor === 3) {
        type = opts.security[0]!;
        socket.write(u32(type));
        if (type === 0) return socket.end(reason('too many connections'));
      } else {
        if (opts.security.length === 0)
          return socket.end(Buffer.concat([Buffer.from([0]), reason('no way in')]));
        socket.write(Buffer.from([opts.security.length, ...opts.security]));
        type = (await read(1))[0]!;
      }
      if (type === 2) {
        const challenge = randomBytes(16);
        socket.write(challenge);
        const response = await read(16);
        const ok = response.equals(vncAuthResponse(opts.password ?? '', challenge));
        if (!ok)
          return socket.end(minor === 8 ? Buffer.concat([u32(1), reason('Authentication failed')]) : u32(1));
        socket.write(u32(0));
      } else if (minor === 8) {
        socket.write(u32(0));
      }
      sharedFlag = (await read(1))[0]!;
      const init = Buffer.alloc(24);
      init.writeUInt16BE(1024, 0);
      init.writeUInt16BE(768, 2);
      init.writeUInt32BE(4, 20);
      socket.write(Buffer.concat([init, Buffer.from('QEMU')]));
      if (opts.chatter)
        socket.write(Buffer.concat([Buffer.from([2, 3, 0, 0, 0]), u32(3), Buffer.from('abc')]));
      for (;;) {
        const msg = await read(8);
        assert.equal(msg[0], 4);
        keys.push(`${msg[1] ? '+' : '-'}${msg.readUInt32BE(4).toString(16)}`);
      }
    })();
  });
  return new Promise<{
    port: number;
    keys: string[];
    shared: () => number;
    clientVersion: () => string;
    close: () => void;
  }>((resolve) =>
    server.listen(port, '127.0.0.1', () =>
      resolve({
        port: (server.address() as { port: number }).port,
        keys,
        shared: () => sharedFlag,
        clientVersion: () => clientVersion,
        close: () => server.close(),
      }),
    ),
  );
}

const settle = () => new Promise((r) => setTimeout(r, 50));

describe('RfbClient against an RFB server written from the spec', () => {
  const servers: { close: () => void }[] = [];
  after(() => {
    for (const s of servers) s.close();
  });

  const cases: [string, FakeOptions, string | undefined, string][] = [
    ['3.8, None', { version: '003.008', security: [1] }, undefined, 'RFB 003.008\n'],
    ['3.8, VNC auth', { version: '003.008', security: [2], password: 'secret' }, 'secret', 'RFB 003.008\n'],
    [
      '3.8 prefers VNC auth when given a password',
      { version: '003.008', security: [1, 2], password: 'pw' },
      'pw',
      'RFB 003.008\n',
    ],
    ['3.7, None (no SecurityResult)', { version: '003.007', security: [1] }, undefined, 'RFB 003.007\n'],
    [
      '3.3, VNC auth',
      { version: '003.003', security: [2], password: 'longerthan8' },
      'longerthan8',
      'RFB 003.003\n',
    ],
    [
      'Apple 3.889 talks 3.8',
      { version: '003.889', security: [1], chatter: true },
      undefined,
      'RFB 003.008\n',
    ],
  ];
  for (const [name, opts, password, wantVersion] of cases) {
    it(name, async () => {
      const server = await fakeServer(opts);
      servers.push(server);
      const client = await RfbClient.connect({ host: '127.0.0.1', port: server.port, password });
      assert.equal(server.clientVersion(), wantVersion);
      assert.equal(client.desktopName, 'QEMU');
      assert.deepEqual([client.width, client.height], [1024, 768]);
      assert.equal(server.shared(), 1);
      await client.keyEvent(0xff0d, true);
      await client.keyEvent(0xff0d, false);
      await client.keyEvent(0x01000000 + 0x754c, true);
      await settle();
      assert.deepEqual(server.keys, ['+ff0d', '-ff0d', '+100754c']);
      await client.close();
      await assert.rejects(client.keyEvent(0x61, true), /the VNC connection is closed/);
    });
  }

  const failures: [string, FakeOptions, string | undefined, RegExp][] = [
    [
      'wrong password (3.8 reason)',
      { version: '003.008', security: [2], password: 'right' },
      'wrong',
      /authentication failed: Authentication failed/,
    ],
    [
      'wrong password (3.3)',
      { version: '003.003', security: [2], password: 'right' },
      'wrong',
      /authentication failed$/,
    ],
    [
      'password needed, none given',
      { version: '003.008', security: [2] },
      undefined,
      /wants a password \(vnc_password\)/,
    ],
    [
      'server refuses (3.8)',
      { version: '003.008', security: [] },
      undefined,
      /Error handshaking with VNC: no way in/,
    ],
    ['server refuses (3.3)', { version: '003.003', security: [0] }, undefined, /too many connections/],
    [
      'unsupported security types only',
      { version: '003.008', security: [16, 19] },
      undefined,
      /offers 16, 19/,
    ],
    ['not RFB 3', { version: '004.001', security: [1] }, undefined, /unsupported RFB version 4.1/],
  ];
  for (const [name, opts, password, message] of failures) {
    it(`fails clearly: ${name}`, async () => {
      const server = await fakeServer(opts);
      servers.push(server);
      await assert.rejects(
        RfbClient.connect({ host: '127.0.0.1', port: server.port, password }),
        (e: unknown) => e instanceof RfbError && message.test(e.message),
      );
    });
  }

  it('VNC auth response matches an independent DES (openssl legacy provider) vector', () => {
    const challenge = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
    assert.equal(vncAuthResponse('secret', challenge).toString('hex'), 'ee22539f33a5983ec12f9c2edbc995dd');
  });

  it('a port that speaks something else times out or is rejected, and a refused port errors after the retry window', async () => {
    const silent = createServer((s) => s.on('error', () => {}));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const port = (silent.address() as { port: number }).port;
    await assert.rejects(
      RfbClient.connect({ host: '127.0.0.1', port, handshakeTimeoutMs: 200 }),
      /VNC handshake timed out/,
    );
    silent.close();
    const t0 = Date.now();
    await assert.rejects(
      RfbClient.connect({ host: '127.0.0.1', port, retryForMs: 500 }),
      /Error connecting to VNC: .*ECONNREFUSED/,
    );
    assert.ok(Date.now() - t0 >= 450);
  });

  it('waits for a server that starts listening late (QEMU starting up)', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const connecting = RfbClient.connect({ host: '127.0.0.1', port, retryForMs: 5000 });
    await new Promise((r) => setTimeout(r, 500));
    const late = await fakeServer({ version: '003.008', security: [1] }, port);
    servers.push(late);
    const client = await connecting;
    assert.equal(client.desktopName, 'QEMU');
    await client.close();
  });

  it('cancellation during the handshake rejects with the signal reason', async () => {
    const silent = createServer((s) => s.on('error', () => {}));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const controller = new AbortController();
    const reason = new Error('stop');
    setTimeout(() => controller.abort(reason), 100);
    await assert.rejects(
      RfbClient.connect({
        host: '127.0.0.1',
        port: (silent.address() as { port: number }).port,
        signal: controller.signal,
      }),
      (e: unknown) => e === reason,
    );
    silent.close();
  });
});
