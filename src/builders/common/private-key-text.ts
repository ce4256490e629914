/** The SDK reads ssh_private_key_file into build.SSHPrivateKey; a file that cannot be read gives "". */
import { readFileSync } from 'node:fs';

export function privateKeyText(path: string): string {
  if (path === '') return '';
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
