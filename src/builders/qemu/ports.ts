/**
 * Free TCP ports in a range (Packer's net.ListenRangeConfig): start at a random place in the range so
 * parallel builds (in this process or others) rarely try the same port, take the first one that can be
 * bound, and keep it reserved in this process until released. QEMU binds it a moment later; if another
 * program wins that race, QEMU fails at start-up and the run step picks again.
 */
import { createServer } from 'node:net';

const reserved = new Set<string>();

export interface PortReservation {
  readonly port: number;
  release(): void;
}

export async function reservePort(
  host: string,
  min: number,
  max: number,
  avoid: readonly number[] = [],
): Promise<PortReservation> {
  const span = max - min + 1;
  if (span <= 0) throw new Error(`no ports in ${min}–${max}`);
  const start = Math.floor(Math.random() * span);
  for (let i = 0; i < span; i++) {
    const port = min + ((start + i) % span);
    const key = `${host}:${port}`;
    if (reserved.has(key) || avoid.includes(port)) continue;
    if (await canBind(host, port)) {
      reserved.add(key);
      return { port, release: () => reserved.delete(key) };
    }
  }
  throw new Error(`no free port between ${min} and ${max} on ${host}`);
}

function canBind(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}
