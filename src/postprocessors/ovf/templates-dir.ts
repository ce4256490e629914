/**
 * Where the program's own templates live: `templates/` at the package root, found by walking up from
 * this module, which runs from src/ (tsx), dist/src/ (tsc) or dist/cli/ (the bundle).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function templatePath(relative: string, from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    const candidate = join(dir, 'templates', relative);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`template templates/${relative} not found above ${fileURLToPath(from)}`);
    dir = parent;
  }
}
