/** Test helper: the corpus's Packer HCL files (`*.pkr.hcl`, `*.pkrvars.hcl`), by a flat unique name. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const templatesDir = path.resolve(repoRoot, '..', 'shared', 'corpus', 'packer-templates');

export interface CorpusFile {
  /** Relative path with `/` replaced by `__`, keeping the extension packer looks for. */
  readonly flatName: string;
  readonly relPath: string;
  readonly text: string;
}

export function corpusHclFiles(): CorpusFile[] {
  const files: CorpusFile[] = [];
  for (const rel of readdirSync(templatesDir, { recursive: true, encoding: 'utf8' }).sort()) {
    if (!rel.endsWith('.pkr.hcl') && !rel.endsWith('.pkrvars.hcl')) continue;
    const text = readFileSync(path.join(templatesDir, rel), 'utf8');
    files.push({ flatName: rel.split(path.sep).join('__'), relPath: rel, text });
  }
  return files;
}
