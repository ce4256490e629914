/** What every benchmark needs: where the repo, the corpus and the bundled CLI are, and medians. */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The checkout: benchmarks run from bench/ (tsx) or dist/bench/ (built). */
export const repoRoot = [resolve(here, '..'), resolve(here, '..', '..')].find((d) => {
  try {
    return JSON.parse(readFileSync(join(d, 'package.json'), 'utf8')).name === 'imgbuild';
  } catch {
    return false;
  }
})!;

export const templatesDir = resolve(repoRoot, '..', 'shared', 'corpus', 'packer-templates');

/** The bundled CLI, as installed users run it (npm run build makes it). */
export const cli = join(repoRoot, 'dist', 'cli', 'main.js');

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
