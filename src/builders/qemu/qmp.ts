/**
 * A minimal QMP client (QEMU Machine Protocol: JSON lines over a Unix socket): the greeting, the
 * capabilities handshake, then one command at a time. Enough to know QEMU finished starting, press
 * the power button and quit.
 */
import { connect, type Socket } from 'node:net';

export class QmpClient {
  private buffer = '';
  private waiting: Array<(message: Record<string, unknown>) => void> = [];
  private closed = false;

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => {
      this.buffer += text;
      for (let nl = this.buffer.indexOf('\n'); nl >= 0; nl = this.buffer.indexOf('\n')) {
        const line = this.buffer.slice(0, nl).trim();
        this.buffer = this.buffer.slice(nl + 1);
        if (line === '') continue;
        let message: Record<string, unknown>;
        try {
          message = JSON.parse(line) as Record<string, unknown>;
        } catch {
          continue;
        }
        // Events (SHUTDOWN, POWERDOWN…) arrive between replies; only greetings and replies are awaited.
        if ('event' in message) continue;
        this.waiting.shift()?.(message);
      }
    });
    const fail = () => {
      this.closed = true;
      for (const w of this.waiting.splice(0)) w({ error: { desc: 'QMP connection closed' } });
    };
    socket.on('close', fail);
    socket.on('error', fail);
  }

  /** Connects, reads the greeting and negotiates capabilities; rejects if the socket is not there. */
  static async connect(path: string): Promise<QmpClient> {
    const socket = await new Promise<Socket>((resolve, reject) => {
      const s = connect(path);
      s.once('connect', () => {
        s.removeAllListeners('error');
        resolve(s);
      });
      s.once('error', reject);
    });
    const client = new QmpClient(socket);
    const greeting = await client.next();
    if (!('QMP' in greeting)) {
      client.close();
      throw new Error('QMP: no greeting');
    }
    await client.execute('qmp_capabilities');
    return client;
  }

  private next(): Promise<Record<string, unknown>> {
    if (this.closed) return Promise.resolve({ error: { desc: 'QMP connection closed' } });
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  async execute(command: string, args?: Record<string, unknown>): Promise<unknown> {
    const reply = this.next();
    if (!this.closed) {
      this.socket.write(
        `${JSON.stringify(args ? { execute: command, arguments: args } : { execute: command })}\n`,
      );
    }
    const message = await reply;
    if ('error' in message) {
      const desc = (message.error as { desc?: string } | undefined)?.desc ?? 'unknown error';
      throw new Error(`QMP ${command}: ${desc}`);
    }
    return message.return;
  }

  close(): void {
    this.closed = true;
    this.socket.destroy();
  }
}
