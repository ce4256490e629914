/**
 * stepPrepareOutputDir, made atomic: the build writes into a hidden sibling of output_directory and the
 * last step renames it into place, so a failed or cancelled build leaves no partial output and an
 * existing output (replaced with -force) survives until the new one is complete.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { TrackedResource } from '../../../sdk/ledger.js';
import type { Step } from '../../../sdk/step.js';
import type { QemuState } from '../state.js';

export function stepOutputDir(force: boolean): Step<QemuState> {
  let entry: TrackedResource | undefined;
  return {
    name: 'StepPrepareOutputDir',
    async run(state) {
      const outputDir = resolve(state.settings.outputDir);
      if (existsSync(outputDir) && !force) {
        throw new Error(
          `Output directory exists: ${state.settings.outputDir}\n\nUse the force flag to delete it prior to building.`,
        );
      }
      await mkdir(dirname(outputDir), { recursive: true });
      const staging = join(
        dirname(outputDir),
        `.${basename(outputDir)}.imgbuild-${randomBytes(4).toString('hex')}`,
      );
      // Recorded before it exists, so `imgbuild cleanup` removes it after a crash.
      entry = await state.ledger?.intend('temp-path', { path: staging });
      await mkdir(staging);
      state.stagingDir = staging;
    },
    async cleanup(state) {
      if (state.outputDir !== undefined) {
        // Renamed into place: the output is the artifact now.
        await entry?.release();
        return;
      }
      if (state.stagingDir !== undefined) await rm(state.stagingDir, { recursive: true, force: true });
      await entry?.release();
      state.stagingDir = undefined;
    },
    describeCleanup: (state) =>
      state.stagingDir !== undefined && state.outputDir === undefined
        ? `the unfinished output ${state.stagingDir}`
        : undefined,
  };
}
