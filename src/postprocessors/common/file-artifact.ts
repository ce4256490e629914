/** A plain artifact made of local files (what checksum, compress and artifice produce). */
import { rm } from 'node:fs/promises';
import type { Artifact } from '../../sdk/artifact.js';

export function fileArtifact(opts: {
  builderId: string;
  files: readonly string[];
  describe: string;
  id?: string;
  state?: Record<string, unknown>;
}): Artifact {
  const files = [...opts.files];
  return {
    builderId: opts.builderId,
    id: opts.id ?? '',
    files,
    state: opts.state ?? {},
    describe: () => opts.describe,
    // Packer removes every file the artifact lists (os.RemoveAll).
    async destroy() {
      for (const f of files) await rm(f, { recursive: true, force: true });
    },
  };
}
