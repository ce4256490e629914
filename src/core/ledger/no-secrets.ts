/**
 * The ledger outlives the run in a plain file: a credential written there would leak. Resource data is
 * checked by field name and by value shape; a match is a programming error in the plugin.
 */
import type { ResourceData } from '../../sdk/ledger.js';

const secretName = /secret|passw|private.?key|credential|session.?token|access.?key|auth/i;
const secretValue = /-----BEGIN [A-Z ]*PRIVATE KEY-----|^AKIA[0-9A-Z]{16}$|^ASIA[0-9A-Z]{16}$/;

export function assertNoSecrets(kind: string, data: ResourceData): void {
  for (const [name, value] of Object.entries(data)) {
    const values = Array.isArray(value) ? value : [value];
    if (secretName.test(name) || values.some((v) => typeof v === 'string' && secretValue.test(v))) {
      throw new Error(
        `ledger: refusing to record field "${name}" of a ${kind} resource: it looks like a credential, and the ledger is a plain file that outlives the run`,
      );
    }
  }
}
