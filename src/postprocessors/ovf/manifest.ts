/**
 * The package manifest (`<name>.mf`): one `ALGO(file)= hexdigest` line per file of the package, the
 * descriptor first (DSP0243 §5.1). OVF 1.0 names only SHA1; SHA256 is what current importers (ovftool,
 * VirtualBox 5+, vSphere 6.5+) check and what OVF 2.0 added, so it is the default.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export type ManifestAlgorithm = 'sha1' | 'sha256' | 'sha512';
export const MANIFEST_ALGORITHMS: readonly ManifestAlgorithm[] = ['sha1', 'sha256', 'sha512'];

export interface ManifestEntry {
  readonly name: string;
  readonly digest: string;
}

export function manifestText(algorithm: ManifestAlgorithm, entries: readonly ManifestEntry[]): string {
  const label = algorithm.toUpperCase();
  return entries.map((e) => `${label}(${e.name})= ${e.digest}\n`).join('');
}

/** Parses a manifest into name → digest (for checks); lines that are not `ALGO(name)= hex` are errors. */
export function parseManifest(text: string): Map<string, { algorithm: string; digest: string }> {
  const out = new Map<string, { algorithm: string; digest: string }>();
  for (const [i, line] of text.split('\n').entries()) {
    if (line === '') continue;
    const m = /^(SHA1|SHA256|SHA512)\((.+)\)= ([0-9a-f]+)$/.exec(line);
    if (!m) throw new Error(`manifest line ${i + 1} is not "ALGO(file)= digest": ${JSON.stringify(line)}`);
    out.set(m[2] as string, { algorithm: (m[1] as string).toLowerCase(), digest: m[3] as string });
  }
  return out;
}

export async function fileDigest(
  path: string,
  algorithm: ManifestAlgorithm,
  signal: AbortSignal,
): Promise<string> {
  const hash = createHash(algorithm);
  for await (const chunk of createReadStream(path, { signal })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
