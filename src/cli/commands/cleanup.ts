/**
 * `imgbuild cleanup [-dry-run] [RUN]`: removes what earlier runs left behind (a `kill -9`, a cancelled
 * CI job, a power loss, -on-error=abort), from the run ledger: VMs, temporary files, cloud resources.
 * Runs still going are never touched. Exit codes: 0 everything removed (or listed), 1 something could not be removed,
 * 2 bad usage (an unknown or ambiguous RUN).
 */
import type { RunStatus } from '../../core/ledger/read-journal.js';
import type { ResourceCleaner } from '../../sdk/ledger.js';
import { ExitCode } from '../exit-codes.js';
import { parseFlags, reportFlagFailure } from '../flags.js';
import type { Command, CommandIo } from '../io.js';
import { createLogger } from '../log.js';

export const cleanupHelp = `Usage: imgbuild cleanup [options] [RUN]

  Removes what earlier runs left behind (killed, interrupted twice, power loss, or kept
  by -on-error=abort or a failed cleanup): VMs, temporary files and cloud resources
  (instances, key pairs, security groups, AMIs and snapshots of failed builds) recorded
  in the run ledger ($IMGBUILD_STATE_DIR/ledger, by default
  ~/.local/state/imgbuild/ledger). Without RUN: every run that is no longer running.
  RUN is a run id (PackerRunUUID) or a unique prefix of one. Cloud credentials come
  from the standard chain (environment, shared files); the ledger never holds them.

Options:

  -dry-run                      List what would be removed; remove nothing.
  -plugin=path[,path]           Also use the cleaners of these plugin modules.`;

export const cleanupCommand: Command = async (argv, io) => {
  const parsed = parseFlags(argv, { bools: { 'dry-run': false }, strings: ['plugin'] });
  if (!parsed.ok) return reportFlagFailure(parsed, cleanupHelp, io);
  const { flags } = parsed;
  if (flags.args.length > 1) return reportFlagFailure({ help: false }, cleanupHelp, io);
  const [{ ledgerDir }, { readRuns }] = await Promise.all([
    import('../../core/ledger/location.js'),
    import('../../core/ledger/read-journal.js'),
  ]);
  const dir = ledgerDir(io.env);
  let runs = await readRuns(dir);
  const wanted = flags.args[0];
  if (wanted !== undefined) {
    const matches = runs.filter((r) => r.run.runId === wanted || r.run.runId.startsWith(wanted));
    const exact = matches.filter((r) => r.run.runId === wanted);
    if (matches.length === 0) {
      io.stderr.write(`imgbuild cleanup: no run ${JSON.stringify(wanted)} in the ledger (${dir})\n`);
      return ExitCode.usage;
    }
    if (exact.length === 0 && matches.length > 1) {
      const ids = matches.map((r) => `  ${r.run.runId}`).join('\n');
      io.stderr.write(`imgbuild cleanup: ${JSON.stringify(wanted)} names several runs:\n${ids}\n`);
      return ExitCode.usage;
    }
    runs = exact.length > 0 ? exact : matches;
  }
  const cleaners = await loadCleaners(io, flags.strings.get('plugin'));
  if (typeof cleaners === 'number') return cleaners;
  return flags.bools.get('dry-run')
    ? listRuns(io, runs, cleaners, wanted !== undefined)
    : cleanRuns(io, runs, cleaners, wanted !== undefined);
};

async function loadCleaners(
  io: CommandIo,
  plugins: string | undefined,
): Promise<ReadonlyMap<string, ResourceCleaner> | number> {
  const [{ builtinRegistry }, { cleanerRegistry }, { loadPlugins }] = await Promise.all([
    import('../../core/registry.js'),
    import('../../core/ledger/cleaners.js'),
    import('./plugins.js'),
  ]);
  const registry = builtinRegistry();
  try {
    const paths = (plugins ?? '').split(',').filter((p) => p !== '');
    for (const plugin of await loadPlugins(io, paths)) registry.register(plugin);
  } catch (error) {
    io.stderr.write(`Error loading plugins: ${error instanceof Error ? error.message : String(error)}\n`);
    return ExitCode.usage;
  }
  return cleanerRegistry(registry.all());
}

function heading(r: RunStatus): string {
  const what = r.run.template ? `${r.run.command ?? 'run'} of ${r.run.template}` : (r.run.command ?? 'run');
  const how = r.alive ? 'still running' : r.ended === undefined ? 'did not finish' : `ended: ${r.ended}`;
  return `Run ${r.run.runId} (${what}, started ${r.run.started}, pid ${r.run.pid}, ${how})`;
}

function describe(
  cleaners: ReadonlyMap<string, ResourceCleaner>,
  kind: string,
  data: RunStatus['leftovers'][number]['data'],
): string {
  const c = cleaners.get(kind);
  if (c) return c.describe(data);
  return `${kind} ${JSON.stringify(data)} (no cleaner for this kind: is its plugin loaded? see -plugin)`;
}

function listRuns(
  io: CommandIo,
  runs: readonly RunStatus[],
  cleaners: ReadonlyMap<string, ResourceCleaner>,
  named: boolean,
): number {
  let count = 0;
  for (const r of runs) {
    if (r.leftovers.length === 0) continue;
    if (r.alive && !named) continue;
    io.stdout.write(`${heading(r)}:\n`);
    for (const e of [...r.leftovers].reverse()) {
      io.stdout.write(`  would remove ${describe(cleaners, e.kind, e.data)}\n`);
      if (!r.alive) count++;
    }
  }
  io.stdout.write(
    count === 0
      ? 'Nothing to clean up.\n'
      : `${count} resource(s) would be removed (dry run: nothing removed).\n`,
  );
  return ExitCode.ok;
}

async function cleanRuns(
  io: CommandIo,
  runs: readonly RunStatus[],
  cleaners: ReadonlyMap<string, ResourceCleaner>,
  named: boolean,
): Promise<number> {
  const [{ sweepRun }, { handleInterrupts, goSignalName }, { errorMessage }] = await Promise.all([
    import('../../core/ledger/sweep.js'),
    import('../../core/signals.js'),
    import('../../core/errors.js'),
  ]);
  const log = createLogger(io.env, io.stderr, io.cwd);
  const interrupts = handleInterrupts({
    onFirst: (sig) => io.stderr.write(`Stopping cleanup after receiving ${goSignalName(sig)}\n`),
  });
  let removed = 0;
  let failed = 0;
  let skippedLive = false;
  try {
    for (const r of runs) {
      if (r.alive) {
        if (named) {
          io.stderr.write(`${heading(r)}: not cleaned up while it runs.\n`);
          failed++;
        } else if (r.leftovers.length > 0) skippedLive = true;
        continue;
      }
      if (r.leftovers.length > 0) io.stdout.write(`${heading(r)}:\n`);
      const result = await sweepRun(r, {
        cleaners,
        signal: interrupts.signal,
        log: { debug: (m) => log.log(m) },
        say: (m) => io.stdout.write(`    ${m}\n`),
        onRemoving: (e) => io.stdout.write(`  Removing ${describe(cleaners, e.kind, e.data)}...\n`),
        onResult: (e, error) => {
          if (error !== undefined)
            io.stderr.write(
              `  Could not remove ${describe(cleaners, e.kind, e.data)}: ${errorMessage(error)}\n`,
            );
        },
      });
      removed += result.removed.length;
      failed += result.failed.length + result.unknown.length;
      for (const e of result.unknown)
        io.stderr.write(`  Left in place: ${describe(cleaners, e.kind, e.data)}\n`);
    }
  } catch (error) {
    if (interrupts.signal.aborted) {
      io.stderr.write('Cleanup interrupted: what is left stays in the ledger; run imgbuild cleanup again.\n');
      return ExitCode.interrupted;
    }
    throw error;
  } finally {
    interrupts.dispose();
  }
  if (skippedLive) io.stdout.write('Runs still going were left alone.\n');
  if (removed === 0 && failed === 0) io.stdout.write('Nothing to clean up.\n');
  else
    io.stdout.write(
      `Removed ${removed} resource(s)${failed > 0 ? `; ${failed} could not be removed (see above)` : ''}.\n`,
    );
  return failed > 0 ? ExitCode.failed : ExitCode.ok;
}
