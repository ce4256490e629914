/**
 * The output becomes visible only now: the staging directory is renamed to output_directory. With
 * -force an existing output is moved aside first and removed only once the new one is in place.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Step } from '../../../sdk/step.js';
import type { QemuState } from '../state.js';

export function stepFinishOutput(force: boolean): Step<QemuState> {
  return {
    name: 'StepFinishOutput',
    async run(state) {
      const outputDir = resolve(state.settings.outputDir);
      const staging = state.stagingDir as string;
      let old: string | undefined;
      if (existsSync(outputDir)) {
        if (!force) {
          throw new Error(
            `Output directory exists: ${state.settings.outputDir}\n\nUse the force flag to delete it prior to building.`,
          );
        }
        old = `${staging}.old-${randomBytes(3).toString('hex')}`;
        await rename(outputDir, old);
      }
      await rename(staging, outputDir);
      state.outputDir = outputDir;
      if (old !== undefined) await rm(old, { recursive: true, force: true });
    },
  };
}
