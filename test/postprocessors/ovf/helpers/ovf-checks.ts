/** Checks of a written OVF package with real programs: xmllint, qemu-img, tar, and the manifest. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseManifest } from '../../../../src/postprocessors/ovf/manifest.js';

export const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
export const XMLLINT_SKIP = hasXmllint ? false : 'xmllint is not installed (apt-get install libxml2-utils)';

export function run(argv: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(argv[0] as string, argv.slice(1), { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `xmllint --noout` accepts the file (well-formed XML). */
export function assertWellFormed(file: string): void {
  const r = run(['xmllint', '--noout', file]);
  assert.equal(r.status, 0, `xmllint rejects ${file}:\n${r.stderr}`);
}

/** An XPath value of the descriptor, namespaces ignored through local-name(). */
export function xpath(file: string, expr: string): string {
  const r = run(['xmllint', '--xpath', expr, file]);
  assert.equal(r.status, 0, `xmllint --xpath ${expr}: ${r.stderr}`);
  return r.stdout.trim();
}

/** Every file the manifest names exists beside it and has that digest; returns the names in order. */
export async function assertManifestMatches(mf: string): Promise<string[]> {
  const dir = join(mf, '..');
  const entries = parseManifest(await readFile(mf, 'utf8'));
  for (const [name, { algorithm, digest }] of entries) {
    const actual = createHash(algorithm)
      .update(await readFile(join(dir, name)))
      .digest('hex');
    assert.equal(actual, digest, `${basename(mf)}: digest of ${name}`);
  }
  return [...entries.keys()];
}

export function assertQemuImgCheck(vmdk: string): void {
  const r = run(['qemu-img', 'check', '-f', 'vmdk', vmdk]);
  assert.equal(r.status, 0, `qemu-img check ${vmdk}: ${r.stdout}${r.stderr}`);
  const info = JSON.parse(run(['qemu-img', 'info', '--output=json', vmdk]).stdout) as {
    format: string;
    'format-specific': { data: { 'create-type': string } };
  };
  assert.equal(info.format, 'vmdk');
  assert.equal(info['format-specific'].data['create-type'], 'streamOptimized');
}

/** The guest sees the same bytes in both images. */
export function assertSameContent(a: string, b: string): void {
  const r = run(['qemu-img', 'compare', a, b]);
  assert.equal(r.status, 0, `qemu-img compare ${a} ${b}: ${r.stdout}${r.stderr}`);
}
