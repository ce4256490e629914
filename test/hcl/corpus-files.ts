/** The shared Packer template corpus, read by several tests. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const corpusDir = resolve(repoRoot, '..', 'shared', 'corpus');
export const templatesDir = join(corpusDir, 'packer-templates');

export interface CorpusFile {
  readonly path: string;
  /** Relative to the templates directory, e.g. `hashicorp__packer/…pkr.hcl`. */
  readonly name: string;
  /** `name` with `/` replaced by `__`: unique in one folder, keeping the extension packer looks for. */
  readonly flatName: string;
  readonly text: string;
}

/** Every corpus template file whose name ends with one of `suffixes`, sorted by name. */
export function corpusTemplates(...suffixes: string[]): CorpusFile[] {
  const out: CorpusFile[] = [];
  for (const dir of readdirSync(templatesDir, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const f of readdirSync(join(templatesDir, dir.name))) {
      if (!suffixes.some((s) => f.endsWith(s))) continue;
      const path = join(templatesDir, dir.name, f);
      out.push({
        path,
        name: `${dir.name}/${f}`,
        flatName: `${dir.name}__${f}`,
        text: readFileSync(path, 'utf8'),
      });
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
