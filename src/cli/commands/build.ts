/**
 * `imgbuild build [options] TEMPLATE` (Packer's `packer build`): load and plan the template, run the
 * selected builds in parallel (-parallel-builds), then print Packer's artifact summary. Exit codes:
 * 0 all builds succeeded, 1 a build failed, 2 bad usage or configuration, 130 interrupted.
 * The first Ctrl-C or SIGTERM cancels every build and lets it clean up; a second one stops waiting.
 */
import { errorDiag, hasErrors } from '../../hcl/diagnostics.js';
import { renderDiagnostics } from '../../hcl/render.js';
import type { PlannedBuild } from '../../template/plan.js';
import type { UiRoot } from '../../ui/index.js';
import { ExitCode } from '../exit-codes.js';
import { parseFlags, parseGoBool, reportFlagFailure } from '../flags.js';
import type { Command, CommandIo } from '../io.js';
import { createLogger } from '../log.js';
import { loadForCommand } from './load-template.js';
import { loadPlugins } from './plugins.js';
import { sensitiveStrings } from './sensitive.js';

export const buildHelp = `Usage: imgbuild build [options] TEMPLATE

  Will execute multiple builds in parallel as defined in the template.
  The various artifacts created by the template will be outputted.

Options:

  -color=false                  Disable color output. (Default: color)
  -debug                        Debug mode enabled for builds.
  -except=foo,bar,baz           Run all builds and post-processors other than these.
  -only=foo,bar,baz             Build only the specified builds.
  -force                        Force a build to continue if artifacts exist, deletes existing artifacts.
  -machine-readable             Produce machine-readable output.
  -on-error=[cleanup|abort|ask|run-cleanup-provisioner] If the build fails do: clean up (default), abort, ask, or run-cleanup-provisioner.
  -parallel-builds=1            Number of builds to run in parallel. 1 disables parallelization. 0 means no limit (Default: 0)
  -timestamp-ui                 Enable prefixing of each ui output with an RFC3339 timestamp.
  -var 'key=value'              Variable for templates, can be used multiple times.
  -var-file=path                JSON or HCL2 file containing user variables, can be used multiple times.
  -warn-on-undeclared-var       Display warnings for user variable files containing undeclared variables.
  -plugin=path[,path]           Load builders, provisioners and post-processors from these JavaScript modules.`;

/** Accepted for Packer compatibility; they change nothing here. */
const compatibilityFlags = ['ignore-prerelease-plugins', 'use-sequential-evaluation', 'skip-enforcement'];

const onErrorModes = ['cleanup', 'abort', 'ask', 'run-cleanup-provisioner'] as const;
type OnError = (typeof onErrorModes)[number];

/** Packer's -on-error enum flag error (`expected one of [...]`, Go's %q of a string slice). */
function onErrorProblem(value: string): string | undefined {
  if ((onErrorModes as readonly string[]).includes(value)) return undefined;
  const list = onErrorModes.map((m) => JSON.stringify(m)).join(' ');
  return `invalid value "${value}" for flag -on-error: expected one of [${list}]`;
}

function parseParallel(value: string | undefined): number | undefined {
  if (value === undefined) return 0;
  return /^[+-]?\d+$/.test(value) ? Math.max(0, Number(value)) : undefined;
}

export const buildCommand: Command = async (argv, io) => {
  const parsed = parseFlags(argv, {
    bools: {
      color: true,
      debug: false,
      force: false,
      'timestamp-ui': false,
      'machine-readable': false,
      'warn-on-undeclared-var': false,
      ...Object.fromEntries(compatibilityFlags.map((f) => [f, false])),
    },
    strings: ['on-error', 'parallel-builds', 'plugin'],
    vars: true,
    buildFilter: true,
  });
  if (!parsed.ok) return reportFlagFailure(parsed, buildHelp, io);
  const { flags } = parsed;
  const onError = flags.strings.get('on-error') ?? 'cleanup';
  const onErrorIssue = onErrorProblem(onError);
  if (onErrorIssue) return reportFlagFailure({ help: false, message: onErrorIssue }, buildHelp, io);
  const parallelText = flags.strings.get('parallel-builds');
  const parallelBuilds = parseParallel(parallelText);
  if (parallelBuilds === undefined) {
    const message = `invalid value "${parallelText}" for flag -parallel-builds: parse error`;
    return reportFlagFailure({ help: false, message }, buildHelp, io);
  }
  if (flags.args.length !== 1) return reportFlagFailure({ help: false }, buildHelp, io);
  const machineReadable = flags.bools.get('machine-readable')!;
  const debug = flags.bools.get('debug')!;
  if (machineReadable && debug) {
    io.stderr.write('-machine-readable cannot be used with -debug\n');
    return ExitCode.usage;
  }
  return runBuildCommand(io, {
    path: flags.args[0]!,
    varArgs: flags.varArgs,
    only: flags.only,
    except: flags.except,
    onError: onError as OnError,
    parallelBuilds,
    debug,
    force: flags.bools.get('force')!,
    color: flags.bools.get('color')! && !noColorEnv(io.env),
    timestamps: flags.bools.get('timestamp-ui')!,
    machineReadable,
    warnOnUndeclaredVar: flags.bools.get('warn-on-undeclared-var')!,
    plugins: (flags.strings.get('plugin') ?? '').split(',').filter((p) => p !== ''),
  });
};

/** PACKER_NO_COLOR (and IMGBUILD_NO_COLOR) set to anything turns color off, as in Packer. */
function noColorEnv(env: NodeJS.ProcessEnv): boolean {
  return [env.PACKER_NO_COLOR, env.IMGBUILD_NO_COLOR].some(
    (v) => v !== undefined && parseGoBool(v) !== false,
  );
}

interface BuildArgs {
  readonly path: string;
  readonly varArgs: Parameters<typeof loadForCommand>[2]['varArgs'];
  readonly only: readonly string[];
  readonly except: readonly string[];
  readonly onError: OnError;
  readonly parallelBuilds: number;
  readonly debug: boolean;
  readonly force: boolean;
  readonly color: boolean;
  readonly timestamps: boolean;
  readonly machineReadable: boolean;
  readonly warnOnUndeclaredVar: boolean;
  readonly plugins: readonly string[];
}

/** The texts of arguments a plugin schema marks sensitive (passwords, keys): masked like variables. */
function sensitiveConfigValues(builds: readonly PlannedBuild[]): string[] {
  const out: string[] = [];
  const collect = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === 'object') Object.values(v).forEach(collect);
  };
  for (const b of builds) {
    const plugins = [
      b.builder,
      ...b.provisioners,
      ...(b.errorCleanupProvisioner ? [b.errorCleanupProvisioner] : []),
      ...b.postProcessors.flat(),
    ];
    for (const p of plugins) for (const name of p.sensitive) collect(p.config[name]);
  }
  return out;
}

async function runBuildCommand(io: CommandIo, args: BuildArgs): Promise<number> {
  const log = createLogger(io.env, io.stderr, io.cwd);
  const [{ planBuilds }, { builtinRegistry }, { createUi, createBuildLogger, createMasker }] =
    await Promise.all([
      import('../../template/plan.js'),
      import('../../core/registry.js'),
      import('../../ui/index.js'),
    ]);
  const registry = builtinRegistry();
  try {
    for (const plugin of await loadPlugins(io, args.plugins)) registry.register(plugin);
  } catch (error) {
    io.stderr.write(`Error loading plugins: ${error instanceof Error ? error.message : String(error)}\n`);
    return ExitCode.usage;
  }
  const loaded = await loadForCommand(
    io,
    log,
    { path: args.path, varArgs: args.varArgs, warnOnUndeclaredVar: args.warnOnUndeclaredVar, registry },
    'build',
  );
  const template = loaded.value;
  const planned = hasErrors(loaded.diags)
    ? { builds: [], diags: [] }
    : planBuilds(template, { only: args.only, except: args.except, registry });
  const masker = createMasker([...sensitiveStrings(template), ...sensitiveConfigValues(planned.builds)]);
  const { goSignalName, handleInterrupts } = await import('../../core/signals.js');
  let root: UiRoot | undefined;
  const tell = (m: string) => (root ? root.error(m) : io.stderr.write(`${m}\n`));
  const interrupts = handleInterrupts({
    onFirst: (sig) => tell(`Cancelling build after receiving ${goSignalName(sig)}`),
    onSecond: (sig) => {
      tell(
        `Received ${goSignalName(sig)} again: stopping after best-effort cleanup (some resources may be left)`,
      );
      exitIfStuck(tell);
    },
  });
  const buildLog = createBuildLogger(io.env, io.stderr, io.cwd, masker);
  const ui = await createUi({
    mode: args.machineReadable ? 'machine-readable' : isTTY(io.stdout) ? 'tty' : 'plain',
    stdout: io.stdout,
    stderr: io.stderr,
    stdin: io.stdin,
    // -color=false turns color off; otherwise the Ui decides (on for a terminal).
    color: args.color ? undefined : false,
    timestamps: args.timestamps,
    masker,
    log: buildLog,
    signal: interrupts.signal,
  });
  root = ui;
  try {
    const diags = [...loaded.diags, ...planned.diags];
    if (diags.length > 0) {
      const text = renderDiagnostics(diags, template.files, { width: 79 });
      if (hasErrors(diags)) {
        ui.error(text);
        return ExitCode.usage;
      }
      ui.say(text);
    }
    if (planned.builds.length === 0) {
      const detail =
        'A build command cannot run without at least one build to process. If the only or except flags have been specified at run time check that at least one build is selected for execution.';
      ui.error(
        renderDiagnostics([errorDiag('No builds to run', detail, undefined)], template.files, { width: 79 }),
      );
      return ExitCode.usage;
    }
    if (args.debug) ui.say('Debug mode enabled. Builds will not be parallelized.');
    ui.introduceBuilds(planned.builds.map((b) => b.name));
    buildLog.log(`Build debug mode: ${args.debug}`);
    buildLog.log(`Force build: ${args.force}`);
    buildLog.log(`On error: ${args.onError}`);
    const [{ runBuilds }, { writeArtifactSummary }, { openRunLedger, reportOutstanding }] = await Promise.all(
      [
        import('../../core/build-runner.js'),
        import('../../core/artifact-summary.js'),
        import('./build-ledger.js'),
      ],
    );
    const ledger = await openRunLedger(io, args.path, ui);
    if (!ledger) return ExitCode.failed;
    // Builds waiting only on a signal or a prompt must not let the process end as if all were done.
    const keepAlive = setInterval(() => {}, 60_000);
    const result = await runBuilds(planned.builds, {
      ledger,
      uiFor: (b) => ui.forBuild(b.name),
      logFor: (b) => buildLog.forBuild(b.name),
      signal: interrupts.signal,
      forceSignal: interrupts.forceSignal,
      parallelBuilds: args.parallelBuilds,
      onError: args.onError,
      debug: args.debug,
      force: args.force,
    }).finally(() => clearInterval(keepAlive));
    await ledger
      .end(
        result.cancelled
          ? 'cancelled'
          : result.builds.some((b) => b.error !== undefined)
            ? 'failed'
            : 'succeeded',
      )
      .catch((error: unknown) => buildLog.log(`ledger: ${error instanceof Error ? error.message : error}`));
    writeArtifactSummary(result, {
      say: (m) => ui.say(m),
      error: (m) => ui.error(m),
      machine: (target, type, ...rest) =>
        target ? ui.forBuild(target).machine(type, ...rest) : ui.machine(type, ...rest),
    });
    reportOutstanding(ledger, ui);
    if (result.cancelled) return ExitCode.interrupted;
    return result.builds.some((b) => b.error !== undefined) ? ExitCode.failed : ExitCode.ok;
  } finally {
    ui.close();
    interrupts.dispose();
  }
}

function isTTY(stream: NodeJS.WritableStream): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true;
}

/** How long cleanups get, after a second interrupt, to notice their aborted signal and return. */
const forcedExitGraceMs = 5000;

/**
 * After a second interrupt, a plugin that ignores cancellation must not keep the process alive: once
 * the grace period is over, exit anyway (the timer does not itself keep the process running).
 */
function exitIfStuck(tell: (message: string) => void): void {
  setTimeout(() => {
    tell(
      'Cleanup did not finish after the second interrupt: exiting now; some resources may be left behind.',
    );
    process.exit(ExitCode.interrupted);
  }, forcedExitGraceMs).unref();
}
