/** The null builder's artifact (Packer's NullArtifact): nothing was made, so no files and no cleanup. */
import type { Artifact } from '../../sdk/artifact.js';

export const NULL_BUILDER_ID = 'fnoeding.null';

export function nullArtifact(): Artifact {
  return {
    builderId: NULL_BUILDER_ID,
    id: 'Null',
    files: [],
    state: { generated_data: { ID: 'Null' } },
    describe: () => 'Did not export anything. This is the null builder',
    destroy: async () => undefined,
  };
}
