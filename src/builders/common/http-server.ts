/**
 * The build's HTTP server (Packer's StepHTTPServer): serves http_directory (like Go's http.FileServer:
 * index.html, directory listings, HEAD) or the http_content map (404 with a "Did you mean" hint) on
 * the first free port of [http_port_min, http_port_max], tried from a random start so parallel builds
 * rarely race for the same one.
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Server } from 'node:net';
import { extname, join, posix } from 'node:path';
import { nameSuggestion } from '../../hcl/did-you-mean.js';

export interface HttpServerOptions {
  /** http_directory; exclusive with content (prepare checks it). */
  readonly directory?: string;
  /** http_content: URL path → file content. */
  readonly content?: Readonly<Record<string, string>>;
  readonly portMin: number;
  readonly portMax: number;
  /** http_bind_address (Packer's default: 0.0.0.0). */
  readonly bindAddress: string;
  /** Told about each request (for the debug log). */
  readonly onRequest?: (method: string, path: string, status: number) => void;
}

export interface RunningHttpServer {
  readonly address: string;
  readonly port: number;
  close(): Promise<void>;
}

export class HttpServerError extends Error {
  readonly code = 'HTTP_SERVER';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HttpServerError';
  }
}

/** Starts the server, or returns undefined when there is nothing to serve (Packer's http_port 0). */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer | undefined> {
  const content = options.content ?? {};
  if (!options.directory && Object.keys(content).length === 0) return undefined;
  if (options.directory) {
    try {
      await stat(options.directory);
    } catch (error) {
      throw new HttpServerError(`Error finding "${options.directory}": ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  const handler = options.directory
    ? directoryHandler(options.directory)
    : contentHandler(normaliseKeys(content));
  const server = createServer((req, res) => {
    res.on('finish', () => options.onRequest?.(req.method ?? '', req.url ?? '', res.statusCode));
    handler(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const port = await listenInRange(server, options.bindAddress, options.portMin, options.portMax);
  return {
    address: options.bindAddress,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Listens on a free port of [min, max], starting at a random one; max < min means just min. */
export async function listenInRange(server: Server, host: string, min: number, max: number): Promise<number> {
  const count = Math.max(1, max - min + 1);
  const start = Math.floor(Math.random() * count);
  let lastError: unknown;
  for (let i = 0; i < count; i++) {
    const port = min + ((start + i) % count);
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      return (server.address() as AddressInfo).port;
    } catch (error) {
      lastError = error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE' && code !== 'EACCES') break;
    }
  }
  throw new HttpServerError(
    `Error finding port: no free port between ${min} and ${max} on ${host}: ${(lastError as Error)?.message}`,
    { cause: lastError },
  );
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

function requestPath(req: IncomingMessage): string | undefined {
  try {
    const raw = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    return raw.includes('\0') ? undefined : posix.normalize(raw);
  } catch {
    return undefined;
  }
}

function normaliseKeys(content: Readonly<Record<string, string>>): Map<string, string> {
  return new Map(
    Object.entries(content).map(([k, v]) => [posix.normalize(k.startsWith('/') ? k : `/${k}`), v]),
  );
}

function contentHandler(content: Map<string, string>): Handler {
  return async (req, res) => {
    const path = requestPath(req) ?? '';
    const body = content.get(path);
    if (body === undefined) {
      const hint = nameSuggestion(path, [...content.keys()].sort());
      return text(res, 404, `${path} not found.${hint ? ` Did you mean "${hint}"?` : ''}\n`);
    }
    send(req, res, 200, Buffer.from(body), 'text/plain; charset=utf-8');
  };
}

function directoryHandler(root: string): Handler {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return text(res, 405, 'method not allowed\n');
    const path = requestPath(req);
    // posix.normalize keeps a leading '..' only when the path escapes the root.
    if (path === undefined || !path.startsWith('/') || path.split('/').includes('..')) {
      return text(res, 400, 'bad path\n');
    }
    let file = join(root, path);
    let info = await stat(file).catch(() => undefined);
    if (info === undefined) return text(res, 404, '404 page not found\n');
    if (info.isDirectory()) {
      const rawPath = new URL(req.url ?? '/', 'http://x').pathname;
      if (!rawPath.endsWith('/')) {
        res.writeHead(301, { location: `${rawPath}/` });
        return void res.end();
      }
      const index = join(file, 'index.html');
      const indexInfo = await stat(index).catch(() => undefined);
      if (indexInfo === undefined || !indexInfo.isFile()) return listing(req, res, file);
      file = index;
      info = indexInfo;
    }
    res.writeHead(200, { 'content-type': contentType(file), 'content-length': info.size });
    if (req.method === 'HEAD') return void res.end();
    await new Promise<void>((resolve, reject) => {
      createReadStream(file).on('error', reject).pipe(res).on('finish', resolve).on('error', reject);
    });
  };
}

async function listing(req: IncomingMessage, res: ServerResponse, dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.map((e) => (e.isDirectory() ? `${e.name}/` : e.name)).sort();
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const body = `<pre>\n${names.map((n) => `<a href="${esc(encodeURI(n))}">${esc(n)}</a>`).join('\n')}\n</pre>\n`;
  send(req, res, 200, Buffer.from(body), 'text/html; charset=utf-8');
}

function send(req: IncomingMessage, res: ServerResponse, status: number, body: Buffer, type: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.cfg': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'text/xml; charset=utf-8',
  '.sh': 'text/x-sh; charset=utf-8',
  '.iso': 'application/octet-stream',
};

function contentType(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}
