/** HTTP(S) GETs for downloads: Node's fetch, redirects followed, a non-2xx status is an error. */
import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';

export class HttpStatusError extends Error {
  readonly code = 'HTTP_STATUS';
  constructor(
    readonly url: string,
    readonly status: number,
  ) {
    super(`bad response code: ${status}`);
    this.name = 'HttpStatusError';
  }
}

export interface HttpBody {
  /** Content-Length, or undefined when the server did not say. */
  readonly size: number | undefined;
  readonly stream: Readable;
}

export async function httpGet(url: URL, options: { signal?: AbortSignal } = {}): Promise<HttpBody> {
  const response = await fetch(url, { signal: options.signal, redirect: 'follow' });
  if (!response.ok || response.body === null) {
    await response.body?.cancel().catch(() => {});
    throw new HttpStatusError(url.toString(), response.status);
  }
  const length = response.headers.get('content-length');
  const size = length !== null && /^\d+$/.test(length) ? Number(length) : undefined;
  return { size, stream: Readable.fromWeb(response.body as ReadableStream<Uint8Array>) };
}

/** A small text resource (a checksum file), capped so a wrong URL cannot fill memory. */
export async function fetchText(
  url: URL,
  options: { signal?: AbortSignal; maxBytes?: number } = {},
): Promise<string> {
  const max = options.maxBytes ?? 16 * 1024 * 1024;
  const { stream } = await httpGet(url, options);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += (chunk as Buffer).length;
    if (total > max) {
      stream.destroy();
      throw new Error(`${url} is larger than ${max} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
