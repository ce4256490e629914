/**
 * Post-processor chains (Packer's CoreBuild.Run): each chain starts from the builder's artifact and
 * hands each result to the next post-processor. An intermediate artifact is destroyed unless kept
 * (the post-processor's default, overridden by keep_input_artifact, unless the post-processor forces
 * it); the builder's artifact is kept when there is no chain, or when the first post-processor of some
 * chain keeps it. A failed post-processor ends its chain; the other chains still run.
 */
import type { Artifact } from '../sdk/artifact.js';
import type { PostProcessContext, PostProcessResult } from '../sdk/plugin.js';
import type { PlannedPostProcessor } from '../template/plan.js';
import { errorMessage } from './errors.js';

export interface PostProcessOutcome {
  /** What the build leaves, the builder's artifact first when kept. */
  readonly artifacts: Artifact[];
  readonly errors: Error[];
}

type PostProcessRun = (
  config: unknown,
  input: Artifact,
  ctx: PostProcessContext,
) => Promise<PostProcessResult>;

/** As Packer prints it: the type when the name is the type, else `NAME (type TYPE)` — `  (type x)` unnamed. */
export function postProcessorLabel(pp: PlannedPostProcessor): string {
  return pp.name === pp.type ? pp.type : `${pp.name ?? ''} (type ${pp.type})`;
}

export async function runPostProcessors(
  builderArtifact: Artifact,
  chains: readonly (readonly PlannedPostProcessor[])[],
  ctx: PostProcessContext,
  /** The Ui for one post-processor (Packer targets it as `BUILD (TYPE)`). */
  uiFor: (pp: PlannedPostProcessor) => PostProcessContext['ui'] = () => ctx.ui,
): Promise<PostProcessOutcome> {
  const artifacts: Artifact[] = [];
  const errors: Error[] = [];
  let keepOriginal = chains.length === 0;
  for (const chain of chains) {
    let prior = builderArtifact;
    let completed = true;
    for (const [i, pp] of chain.entries()) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      ctx.ui.say(`Running post-processor: ${postProcessorLabel(pp)}`);
      const def = pp.definition as unknown as { run?: PostProcessRun };
      let result: PostProcessResult;
      try {
        if (!def.run) throw new Error(`the ${pp.type} post-processor cannot run (it has no run())`);
        result = await def.run(pp.config, prior, { ...ctx, ui: uiFor(pp) });
      } catch (error) {
        if (ctx.signal.aborted) throw error;
        errors.push(new Error(`Post-processor failed: ${errorMessage(error)}`, { cause: error }));
        completed = false;
        break;
      }
      const keep = keepInput(pp, result, ctx);
      if (i === 0) {
        if (keep) keepOriginal = true;
      } else if (keep) {
        artifacts.push(prior);
      } else {
        ctx.log.debug(`Deleting prior artifact from post-processor '${pp.type}'`);
        await destroy(prior, errors, `Failed cleaning up prior artifact: %s; pp is ${pp.type}`);
      }
      prior = result.artifact;
    }
    if (completed) artifacts.push(prior);
  }
  if (keepOriginal) artifacts.unshift(builderArtifact);
  else {
    ctx.log.debug(`Deleting original artifact for build '${ctx.buildName}'`);
    await destroy(builderArtifact, errors, 'Error destroying builder artifact: %s');
  }
  return { artifacts, errors };
}

/** keep_input_artifact when set, else the post-processor's default; a forced keep wins over false. */
function keepInput(pp: PlannedPostProcessor, result: PostProcessResult, ctx: PostProcessContext): boolean {
  if (pp.keepInputArtifact === undefined) return result.keepInput;
  if (result.keepInput && !pp.keepInputArtifact && result.forceKeep) {
    ctx.log.debug(
      `The ${pp.type} post-processor forces keep_input_artifact=true to preserve integrity of the build chain. User-set keep_input_artifact=false will be ignored.`,
    );
    return true;
  }
  return pp.keepInputArtifact;
}

async function destroy(artifact: Artifact, errors: Error[], template: string): Promise<void> {
  try {
    await artifact.destroy();
  } catch (error) {
    errors.push(new Error(template.replace('%s', errorMessage(error)), { cause: error }));
  }
}
