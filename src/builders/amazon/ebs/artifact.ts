/**
 * The AMIs a build made (Packer's awscommon.Artifact): id `region:ami-…` joined by commas in sorted
 * order, "AMIs were created:" text, and destroy() that deregisters each AMI and deletes its snapshots.
 */
import type { Artifact } from '../../../sdk/artifact.js';
import type { Ec2 } from '../common/ec2-api.js';
import { destroyAmi } from './steps/ami-helpers.js';

export const AMAZON_EBS_BUILDER_ID = 'mitchellh.amazonebs';

export function amiArtifact(
  amis: ReadonlyMap<string, string>,
  ec2: Ec2,
  generatedData: Readonly<Record<string, unknown>>,
): Artifact {
  const pairs = [...amis].map(([region, id]) => ({ region, id }));
  return {
    builderId: AMAZON_EBS_BUILDER_ID,
    id: pairs
      .map((p) => `${p.region}:${p.id}`)
      .sort()
      .join(','),
    files: [],
    state: {
      generated_data: generatedData,
      // Packer's "atlas.artifact.metadata": region.<name> → AMI id.
      'atlas.artifact.metadata': Object.fromEntries(pairs.map((p) => [`region.${p.region}`, p.id])),
      amis: Object.fromEntries(pairs.map((p) => [p.region, p.id])),
    },
    describe: () =>
      `AMIs were created:\n${pairs
        .map((p) => `${p.region}: ${p.id}`)
        .sort()
        .join('\n')}\n`,
    async destroy() {
      const signal = AbortSignal.timeout(10 * 60_000);
      for (const p of pairs) await destroyAmi(ec2.forRegion(p.region), p.id, signal, () => undefined);
    },
  };
}
