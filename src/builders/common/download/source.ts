/**
 * Where an `iso_url` entry points: a local file (a path, relative to the template's directory, or a
 * `file:` URL) used in place, or an http(s) URL downloaded into the cache. A `?checksum=` query on a
 * URL overrides `iso_checksum`, as go-getter reads it.
 */
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Source =
  | { readonly kind: 'local'; readonly path: string; readonly checksum?: string }
  | { readonly kind: 'http'; readonly url: URL; readonly checksum?: string };

export class SourceError extends Error {
  readonly code = 'DOWNLOAD_SOURCE';
  constructor(message: string) {
    super(message);
    this.name = 'SourceError';
  }
}

export function parseSource(location: string, baseDir: string): Source {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(location)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') {
    const url = new URL(location);
    const checksum = url.searchParams.get('checksum') ?? undefined;
    url.searchParams.delete('checksum');
    return { kind: 'http', url, ...(checksum ? { checksum } : {}) };
  }
  if (scheme === 'file') return localFromFileUrl(location, baseDir);
  // A one-letter "scheme" is a Windows drive; anything longer is a protocol we do not speak.
  if (scheme !== undefined && scheme.length > 1) {
    throw new SourceError(
      `unsupported URL scheme "${scheme}" in ${location}: use a local path, file:, http: or https:`,
    );
  }
  return { kind: 'local', path: isAbsolute(location) ? location : resolve(baseDir, location) };
}

/** `file:///abs`, `file:/abs`, and go-getter's relative `file://./rel` and `file:rel`. */
function localFromFileUrl(location: string, baseDir: string): Source {
  const q = location.indexOf('?');
  const bare = q < 0 ? location : location.slice(0, q);
  const checksum = q < 0 ? undefined : new URLSearchParams(location.slice(q + 1)).get('checksum');
  let path: string;
  if (bare.startsWith('file:///') || /^file:\/[^/]/.test(bare)) {
    path = fileURLToPath(bare.startsWith('file:///') ? bare : `file://${bare.slice(5)}`);
  } else {
    const rest = decodeURIComponent(bare.replace(/^file:(\/\/)?/i, ''));
    path = isAbsolute(rest) ? rest : resolve(baseDir, rest);
  }
  return { kind: 'local', path, ...(checksum ? { checksum } : {}) };
}

/** The source as messages show it: URLs without credentials. */
export function describeSource(source: Source): string {
  if (source.kind === 'local') return source.path;
  const u = new URL(source.url);
  u.username = '';
  u.password = '';
  return u.toString();
}
