/**
 * The end of `build` (Packer's command/build.go): how long the wait took, the builds that failed, and
 * the artifacts of those that succeeded, in human and -machine-readable form.
 */
import { humanDuration } from './durations.js';
import { errorMessage } from './errors.js';
import type { RunBuildsResult } from './build-runner.js';

/** The command's own output (not a build's): say/error lines and targeted machine-readable records. */
export interface SummaryUi {
  say(message: string): void;
  error(message: string): void;
  /** A machine-readable record about `target` (a build name, or '' for the run); nothing in human mode. */
  machine(target: string, type: string, ...args: string[]): void;
}

export function writeArtifactSummary(result: RunBuildsResult, ui: SummaryUi): void {
  ui.say(`\n==> Wait completed after ${humanDuration(result.durationMs)}`);
  if (result.cancelled) {
    ui.say('Cleanly cancelled builds after being interrupted.');
    return;
  }
  const failed = result.builds.filter((b) => b.error !== undefined);
  if (failed.length > 0) {
    ui.machine('', 'error-count', String(failed.length));
    ui.error("\n==> Some builds didn't complete successfully and had errors:");
    for (const b of failed) {
      ui.machine(b.name, 'error', errorMessage(b.error));
      ui.error(`--> ${b.name}: ${errorMessage(b.error)}`);
      for (const f of b.cleanupFailures) {
        ui.error(
          `--> ${b.name}: cleanup of "${f.step}" failed${f.leftBehind ? `; delete by hand: ${f.leftBehind}` : ''}`,
        );
      }
    }
  }
  const succeeded = result.builds.filter((b) => b.error === undefined && b.artifacts.length > 0);
  if (succeeded.length === 0) {
    ui.say('\n==> Builds finished but no artifacts were created.');
    return;
  }
  ui.say('\n==> Builds finished. The artifacts of successful builds are:');
  for (const b of succeeded) {
    ui.machine(b.name, 'artifact-count', String(b.artifacts.length));
    for (const [i, a] of b.artifacts.entries()) {
      const n = String(i);
      const text = a.describe();
      ui.machine(b.name, 'artifact', n, 'builder-id', a.builderId);
      ui.machine(b.name, 'artifact', n, 'id', a.id);
      ui.machine(b.name, 'artifact', n, 'string', text);
      ui.machine(b.name, 'artifact', n, 'files-count', String(a.files.length));
      for (const [fi, file] of a.files.entries()) ui.machine(b.name, 'artifact', n, 'file', String(fi), file);
      ui.machine(b.name, 'artifact', n, 'end');
      ui.say(`--> ${b.name}: ${text}`);
    }
  }
}
