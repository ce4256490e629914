/**
 * A minimal RFB (VNC) client — enough to type a boot command: the 3.3/3.7/3.8 handshake, security
 * types None and VNC Authentication, ClientInit/ServerInit, then KeyEvent messages. It never asks
 * for framebuffer updates, so the server sends next to nothing; whatever it does send is discarded.
 * (npm has no maintained Node RFB client: rfb2 is unmaintained, noVNC targets browsers over WebSocket.)
 */
import { connect, type Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { vncAuthResponse } from './vnc-auth.js';

export interface RfbConnectOptions {
  readonly host: string;
  readonly port: number;
  /** Used when the server offers VNC Authentication. */
  readonly password?: string;
  readonly signal?: AbortSignal;
  /** Keep retrying a refused connection this long (QEMU may not listen yet). Default 10 s. */
  readonly retryForMs?: number;
  /** Limit on the whole handshake once connected. Default 30 s. */
  readonly handshakeTimeoutMs?: number;
  /** ClientInit's shared flag: leave other viewers connected (Packer: not exclusive). Default true. */
  readonly shared?: boolean;
}

export class RfbError extends Error {
  readonly code = 'VNC';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RfbError';
  }
}

const SECURITY_NONE = 1;
const SECURITY_VNC_AUTH = 2;

/** Buffers what the socket sends so the handshake can read exact byte counts. */
class ByteReader {
  private chunks: Buffer[] = [];
  private size = 0;
  private waiter: { n: number; resolve: (b: Buffer) => void; reject: (e: Error) => void } | undefined;
  private failure: Error | undefined;
  private draining = false;

  constructor(socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      if (this.draining) return;
      this.chunks.push(chunk);
      this.size += chunk.length;
      this.serve();
    });
    socket.on('close', () => this.fail(new RfbError('the VNC server closed the connection')));
    socket.on('error', (e) => this.fail(new RfbError(`VNC connection error: ${e.message}`, { cause: e })));
  }

  read(n: number): Promise<Buffer> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiter = { n, resolve, reject };
      this.serve();
    });
  }

  /** After the handshake: drop whatever arrives (bells, clipboard), keeping nothing in memory. */
  drain(): void {
    this.draining = true;
    this.chunks = [];
    this.size = 0;
  }

  fail(error: Error): void {
    this.failure ??= error;
    const w = this.waiter;
    this.waiter = undefined;
    w?.reject(this.failure);
  }

  private serve(): void {
    const w = this.waiter;
    if (w === undefined || this.size < w.n) return;
    const all = Buffer.concat(this.chunks);
    this.chunks = all.length > w.n ? [all.subarray(w.n)] : [];
    this.size = all.length - w.n;
    this.waiter = undefined;
    w.resolve(all.subarray(0, w.n));
  }
}

export class RfbClient {
  private closed = false;

  private constructor(
    private readonly socket: Socket,
    /** The protocol version agreed, e.g. "3.8". */
    readonly version: string,
    readonly width: number,
    readonly height: number,
    /** The desktop name (QEMU: "QEMU" or its -name). */
    readonly desktopName: string,
  ) {}

  static async connect(options: RfbConnectOptions): Promise<RfbClient> {
    const socket = await connectWithRetry(options);
    const reader = new ByteReader(socket);
    const onAbort = () => {
      reader.fail(options.signal?.reason);
      socket.destroy();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => {
      reader.fail(new RfbError('VNC handshake timed out'));
      socket.destroy();
    }, options.handshakeTimeoutMs ?? 30_000);
    try {
      const init = await handshake(socket, reader, options);
      reader.drain();
      return new RfbClient(socket, init.version, init.width, init.height, init.name);
    } catch (error) {
      socket.destroy();
      if (options.signal?.aborted) throw options.signal.reason;
      throw error;
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Sends a KeyEvent (message type 4) and resolves once it is written to the socket. */
  keyEvent(keysym: number, down: boolean): Promise<void> {
    if (this.closed || this.socket.destroyed)
      return Promise.reject(new RfbError('the VNC connection is closed'));
    const message = Buffer.alloc(8);
    message.writeUInt8(4, 0);
    message.writeUInt8(down ? 1 : 0, 1);
    message.writeUInt32BE(keysym >>> 0, 4);
    return new Promise((resolve, reject) => {
      this.socket.write(message, (error) =>
        error ? reject(new RfbError(`VNC write failed: ${error.message}`, { cause: error })) : resolve(),
      );
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await new Promise<void>((resolve) => {
      if (this.socket.destroyed) return resolve();
      this.socket.once('close', () => resolve());
      this.socket.end();
      setTimeout(() => this.socket.destroy(), 1000).unref();
    });
  }
}

async function connectWithRetry(options: RfbConnectOptions): Promise<Socket> {
  const deadline = Date.now() + (options.retryForMs ?? 10_000);
  for (;;) {
    options.signal?.throwIfAborted();
    try {
      return await connectOnce(options);
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ECONNREFUSED' || Date.now() >= deadline) {
        throw new RfbError(`Error connecting to VNC: ${(error as Error).message}`, { cause: error });
      }
      await delay(200, undefined, { signal: options.signal }).catch(() => {});
    }
  }
}

function connectOnce(options: RfbConnectOptions): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: options.host, port: options.port });
    socket.setNoDelay(true);
    const onAbort = () => socket.destroy(options.signal?.reason);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => {
      options.signal?.removeEventListener('abort', onAbort);
      socket.removeListener('error', reject);
      resolve(socket);
    });
    socket.once('error', (e) => {
      options.signal?.removeEventListener('abort', onAbort);
      reject(e);
    });
  });
}

interface ServerInit {
  readonly version: string;
  readonly width: number;
  readonly height: number;
  readonly name: string;
}

async function handshake(
  socket: Socket,
  reader: ByteReader,
  options: RfbConnectOptions,
): Promise<ServerInit> {
  const banner = (await reader.read(12)).toString('latin1');
  const m = /^RFB (\d{3})\.(\d{3})\n$/.exec(banner);
  if (!m)
    throw new RfbError(`Error handshaking with VNC: not an RFB server (it said ${JSON.stringify(banner)})`);
  const major = Number(m[1]);
  const serverMinor = Number(m[2]);
  if (major !== 3)
    throw new RfbError(`Error handshaking with VNC: unsupported RFB version ${major}.${serverMinor}`);
  // 3.8 for 3.8 and later (Apple says 3.889), 3.7 for 3.7, and 3.3 for anything older (RFB 6.1.1).
  const minor = serverMinor >= 8 ? 8 : serverMinor === 7 ? 7 : 3;
  socket.write(`RFB 003.00${minor}\n`);

  const type = minor === 3 ? await securityV33(reader) : await securityV37(socket, reader, options);
  if (type === SECURITY_VNC_AUTH) {
    if (options.password === undefined || options.password === '') {
      throw new RfbError(
        'Error handshaking with VNC: the server wants a password (vnc_password) and none was given',
      );
    }
    const challenge = await reader.read(16);
    socket.write(vncAuthResponse(options.password, challenge));
  }
  // RFB 3.3 and 3.7 send no SecurityResult after None.
  if (type === SECURITY_VNC_AUTH || minor === 8) {
    const result = (await reader.read(4)).readUInt32BE(0);
    if (result !== 0) {
      const reason = minor === 8 ? await readReason(reader).catch(() => '') : '';
      throw new RfbError(`Error handshaking with VNC: authentication failed${reason ? `: ${reason}` : ''}`);
    }
  }

  socket.write(Buffer.from([options.shared === false ? 0 : 1]));
  const init = await reader.read(24);
  const name = (await reader.read(init.readUInt32BE(20))).toString('utf8');
  return { version: `3.${minor}`, width: init.readUInt16BE(0), height: init.readUInt16BE(2), name };
}

async function securityV33(reader: ByteReader): Promise<number> {
  const type = (await reader.read(4)).readUInt32BE(0);
  if (type === 0) throw new RfbError(`Error handshaking with VNC: ${await readReason(reader)}`);
  if (type !== SECURITY_NONE && type !== SECURITY_VNC_AUTH) {
    throw new RfbError(`Error handshaking with VNC: unsupported security type ${type}`);
  }
  return type;
}

async function securityV37(socket: Socket, reader: ByteReader, options: RfbConnectOptions): Promise<number> {
  const count = (await reader.read(1)).readUInt8(0);
  if (count === 0) throw new RfbError(`Error handshaking with VNC: ${await readReason(reader)}`);
  const offered = [...(await reader.read(count))];
  const wantAuth = options.password !== undefined && options.password !== '';
  const type =
    wantAuth && offered.includes(SECURITY_VNC_AUTH)
      ? SECURITY_VNC_AUTH
      : offered.includes(SECURITY_NONE)
        ? SECURITY_NONE
        : offered.includes(SECURITY_VNC_AUTH)
          ? SECURITY_VNC_AUTH
          : undefined;
  if (type === undefined) {
    throw new RfbError(
      `Error handshaking with VNC: no supported security type (the server offers ${offered.join(', ')}; supported: 1 None, 2 VNC Authentication)`,
    );
  }
  socket.write(Buffer.from([type]));
  return type;
}

async function readReason(reader: ByteReader): Promise<string> {
  const length = (await reader.read(4)).readUInt32BE(0);
  return (await reader.read(Math.min(length, 4096))).toString('utf8');
}
