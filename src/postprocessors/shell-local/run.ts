/**
 * The shell-local post-processor's run (Packer's post-processor/shell-local): the same runner as the
 * provisioner, with the artifact's generated data as the build variables; the artifact passes through.
 */
import type { Artifact } from '../../sdk/artifact.js';
import type { PostProcessContext, PostProcessResult } from '../../sdk/plugin.js';
import type { ShellLocalConfig } from '../../provisioners/shell-local/config.js';
import { runShellLocal } from '../../provisioners/shell-local/run.js';
import { buildIdentity, generatedData } from '../common/build-identity.js';

export async function runShellLocalPostProcessor(
  config: ShellLocalConfig,
  input: Artifact,
  ctx: PostProcessContext,
): Promise<PostProcessResult> {
  const id = buildIdentity(ctx);
  const buildVars = {
    ...generatedData(input.state),
    PackerBuildName: id.buildName,
    PackerBuilderType: id.builderType,
  };
  await runShellLocal(config, { ...ctx, buildVars });
  return { artifact: input, keepInput: true, forceKeep: true };
}
