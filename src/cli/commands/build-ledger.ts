/**
 * The run ledger of `imgbuild build`: made before any build starts (a build that could not record what
 * it creates would not be crash-proof, so an unwritable state directory fails the command), after
 * reporting what earlier runs that did not finish left behind.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { errorMessage } from '../../core/errors.js';
import { createFileLedger, type Ledger } from '../../core/ledger/ledger.js';
import { ledgerDir } from '../../core/ledger/location.js';
import { crashedRuns } from '../../core/ledger/read-journal.js';
import type { CommandIo } from '../io.js';

interface Reporter {
  say(message: string): void;
  error(message: string): void;
}

export async function openRunLedger(
  io: CommandIo,
  template: string,
  ui: Reporter,
): Promise<Ledger | undefined> {
  const dir = ledgerDir(io.env);
  for (const run of await crashedRuns(dir).catch(() => [])) {
    const n = run.leftovers.length;
    ui.error(
      `Run ${run.run.runId} (started ${run.run.started}) did not finish and left ${n} resource(s) behind: ` +
        `'imgbuild cleanup ${run.run.runId}' removes them ('-dry-run' lists them).`,
    );
  }
  try {
    return await createFileLedger({
      dir,
      runId: randomUUID(),
      command: 'build',
      template: path.resolve(io.cwd, template),
    });
  } catch (error) {
    ui.error(
      `Error: cannot write the run ledger in ${dir}: ${errorMessage(error)}. ` +
        'Builds record what they create there so that a crashed run can be cleaned up; set IMGBUILD_STATE_DIR to a writable directory.',
    );
    return undefined;
  }
}

/** What this run leaves in place (-on-error=abort, a failed cleanup), and how to remove it later. */
export function reportOutstanding(ledger: Ledger, ui: Reporter): void {
  const left = ledger.outstanding().length;
  if (left === 0) return;
  ui.error(
    `This run left ${left} temporary resource(s) in place: 'imgbuild cleanup ${ledger.runId}' removes them ('-dry-run' lists them).`,
  );
}
