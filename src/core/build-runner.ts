/**
 * Running planned builds (Packer's `build` command and CoreBuild.Run): builds run in parallel up to
 * -parallel-builds (0 = no limit; -debug runs one at a time), each with its own Ui; the builder's run()
 * gets the provision hook and a step runner with -on-error and -debug applied; then the
 * post-processor chains run. Cancellation (the first Ctrl-C) stops every build and lets each clean up.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Artifact } from '../sdk/artifact.js';
import type { BuildRunContext, ProvisionContext, RunContext } from '../sdk/plugin.js';
import type { Step } from '../sdk/step.js';
import type { Logger, Ui } from '../sdk/ui.js';
import type { PlannedBuild, PlannedProvisioner } from '../template/plan.js';
import { configWithBuildVars } from './build-config.js';
import { humanDuration } from './durations.js';
import { errorMessage, MultiError } from './errors.js';
import { type Ledger, memoryLedger } from './ledger/ledger.js';
import { runPostProcessors } from './post-process.js';
import { type ProvisionHookOptions, runOne, runProvisioners } from './provision-hook.js';
import { type OnError, stepDecorator } from './step-decorators.js';
import {
  type CleanupFailure,
  defaultCleanupTimeoutMs,
  deferCleanup,
  freshSignal,
  provisionCleanupMark,
  runSteps,
} from './steps.js';

/**
 * A build's Ui, optionally with Packer's variants: `bare` for the build's own verdict line (`Build 'x'
 * finished after …`, colored but not prefixed), one per post-processor, and `done` when the build ends.
 */
export interface EngineUi extends Ui {
  readonly bare?: { say(message: string): void; error(message: string): void };
  forPostProcessor?(type: string): Ui;
  done?(): void;
}

export interface RunBuildsOptions {
  /** The Ui of one build (its lines prefixed with the build's name). */
  readonly uiFor: (build: PlannedBuild, index: number) => EngineUi;
  /** The debug log of one build (default: `log` for every build). */
  readonly logFor?: (build: PlannedBuild) => Logger;
  /** Aborted to cancel every build (the first Ctrl-C). */
  readonly signal?: AbortSignal;
  /** Aborted to stop waiting for cleanup (the second Ctrl-C). */
  readonly forceSignal?: AbortSignal;
  /** At most this many builds at once; 0 or undefined: no limit. */
  readonly parallelBuilds?: number;
  readonly onError?: OnError;
  readonly debug?: boolean;
  readonly force?: boolean;
  readonly log?: Logger;
  /** Where each build's scratch directory is made (default: the system's temporary directory). */
  readonly tempRoot?: string;
  readonly cleanupTimeoutMs?: number;
  /** The run's id (default: the ledger's, or a new UUID). */
  readonly runId?: string;
  /**
   * Where the run records its temporary resources (default: in memory only). The CLI passes a file
   * ledger; runBuilds does not end it (the caller does, after the run).
   */
  readonly ledger?: Ledger;
  readonly resolveConfig?: ProvisionHookOptions['resolveConfig'];
}

export interface BuildResult {
  readonly name: string;
  /** What the build left (Packer's artifact list: the builder's artifact first when kept). */
  readonly artifacts: readonly Artifact[];
  /** Why the build failed, if it did (a cancelled build fails with the cancellation). */
  readonly error?: unknown;
  /** Post-processor and artifact-cleanup errors of an otherwise finished build. */
  readonly errors: readonly Error[];
  readonly cancelled: boolean;
  readonly cleanupFailures: readonly CleanupFailure[];
  readonly durationMs: number;
}

export interface RunBuildsResult {
  /** In the order the builds were given (those never started are left out). */
  readonly builds: readonly BuildResult[];
  readonly cancelled: boolean;
  readonly durationMs: number;
}

const silentLog: Logger = { debug: () => {} };

export async function runBuilds(
  builds: readonly PlannedBuild[],
  opts: RunBuildsOptions,
): Promise<RunBuildsResult> {
  const started = performance.now();
  const signal = opts.signal ?? new AbortController().signal;
  const runId = opts.ledger?.runId ?? opts.runId ?? randomUUID();
  const ledger = opts.ledger ?? memoryLedger(runId);
  const limit = opts.debug
    ? 1
    : opts.parallelBuilds && opts.parallelBuilds > 0
      ? opts.parallelBuilds
      : Infinity;
  const results: (BuildResult | undefined)[] = new Array(builds.length);
  const running = new Set<Promise<void>>();
  for (const [i, build] of builds.entries()) {
    while (running.size >= limit) await Promise.race(running);
    if (signal.aborted) break; // not going to start any more builds
    const p: Promise<void> = runBuild(build, opts.uiFor(build, i), { ...opts, signal, runId, ledger }).then(
      (r) => {
        results[i] = r;
        running.delete(p);
      },
    );
    running.add(p);
  }
  await Promise.all(running);
  return {
    builds: results.filter((r): r is BuildResult => r !== undefined),
    cancelled: signal.aborted,
    durationMs: performance.now() - started,
  };
}

/** Packer's hook data defaults (PopulateProvisionHookData) under what the builder provides. */
function hookData(runId: string, vars: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return {
    ID: 'ERR_ID_NOT_IMPLEMENTED_BY_BUILDER',
    PackerRunUUID: runId,
    PackerHTTPIP: 'ERR_HTTP_IP_NOT_IMPLEMENTED_BY_BUILDER',
    PackerHTTPPort: 'ERR_HTTP_PORT_NOT_IMPLEMENTED_BY_BUILDER',
    PackerHTTPAddr: 'ERR_HTTP_ADDR_NOT_IMPLEMENTED_BY_BUILDER',
    ...vars,
  };
}

type BuildOptions = RunBuildsOptions & {
  readonly signal: AbortSignal;
  readonly runId: string;
  readonly ledger: Ledger;
};

async function runBuild(build: PlannedBuild, ui: EngineUi, opts: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const log = opts.logFor?.(build) ?? opts.log ?? silentLog;
  const verdict = ui.bare ?? ui;
  const cleanupFailures: CleanupFailure[] = [];
  const finish = (r: Omit<BuildResult, 'name' | 'durationMs' | 'cleanupFailures'>): BuildResult => {
    const durationMs = performance.now() - started;
    const took = humanDuration(durationMs);
    if (r.error !== undefined)
      verdict.error(`Build '${build.name}' errored after ${took}: ${errorMessage(r.error)}`);
    else verdict.say(`Build '${build.name}' finished after ${took}.`);
    ui.done?.();
    return { ...r, name: build.name, durationMs, cleanupFailures };
  };
  const ledger = opts.ledger.forBuild(build.name);
  // Named here rather than by mkdtemp, so the ledger holds the path before it exists.
  const tempDir = path.join(opts.tempRoot ?? tmpdir(), `imgbuild-${randomBytes(6).toString('hex')}`);
  let tempEntry: Awaited<ReturnType<typeof ledger.intend>>;
  try {
    tempEntry = await ledger.intend('temp-path', { path: tempDir });
    await mkdir(tempDir, { mode: 0o700 });
  } catch (error) {
    return finish({ artifacts: [], errors: [], error, cancelled: false });
  }
  const hookState: HookState = { cleanupRegistered: false };
  const base: RunContext = {
    signal: opts.signal,
    ui,
    log,
    buildName: build.name,
    runId: opts.runId,
    tempDir,
    sourceName: build.source.name,
    builderType: build.source.type,
    force: opts.force ?? false,
    ledger,
  };
  const ctx: BuildRunContext = {
    ...base,
    force: opts.force ?? false,
    provision: (communicator, vars) =>
      provision(build, { ...base, communicator, buildVars: hookData(opts.runId, vars) }, opts, hookState),
    runSteps: <S>(steps: readonly Step<S>[], state: S) =>
      runSteps(steps, state, {
        signal: opts.signal,
        ui,
        log,
        forceSignal: opts.forceSignal,
        cleanupTimeoutMs: opts.cleanupTimeoutMs,
        decorate: stepDecorator({ onError: opts.onError ?? 'cleanup', debug: opts.debug ?? false, ui }),
        onCleanupFailure: (f) => cleanupFailures.push(f),
      }),
  };
  try {
    const builder = build.builder.definition as unknown as { run?: BuilderRun };
    if (!builder.run)
      throw new Error(`The ${build.builder.type} builder cannot run builds (it has no run()).`);
    const artifact = await builder.run(build.builder.config, ctx);
    if (opts.signal.aborted) throw opts.signal.reason;
    if (!artifact) return finish({ artifacts: [], errors: [], cancelled: false });
    const { artifacts, errors } = await runPostProcessors(
      artifact,
      build.postProcessors,
      base,
      (pp) => ui.forPostProcessor?.(pp.type) ?? ui,
    );
    return finish({
      artifacts,
      errors,
      cancelled: false,
      error: errors.length > 0 ? new MultiError(errors) : undefined,
    });
  } catch (error) {
    const cancelled = opts.signal.aborted;
    return finish({
      artifacts: [],
      errors: [],
      error: cancelled ? new Error('Build was cancelled.') : error,
      cancelled,
    });
  } finally {
    await rm(tempDir, { recursive: true, force: true })
      .then(() => tempEntry.release())
      .catch(() => {});
  }
}

type BuilderRun = (config: unknown, ctx: BuildRunContext) => Promise<Artifact | undefined>;

/**
 * The provision hook a builder calls. The error-cleanup-provisioner is registered as a cleanup of the
 * step that provisions, so it runs while the machine still exists, when the build failed (Packer's
 * StepProvision.Cleanup); a builder without steps gets it right after provisioning fails.
 */
/** Per build: the error-cleanup-provisioner is registered once, however often provisioning is retried. */
interface HookState {
  cleanupRegistered: boolean;
}

async function provision(
  build: PlannedBuild,
  ctx: ProvisionContext,
  options: BuildOptions,
  hook: HookState,
): Promise<void> {
  const opts: BuildOptions = {
    ...options,
    resolveConfig: options.resolveConfig ?? ((p, vars) => configWithBuildVars(p, build.evalContext, vars)),
  };
  const cleanupProvisioner = build.errorCleanupProvisioner;
  if (cleanupProvisioner && !hook.cleanupRegistered) {
    hook.cleanupRegistered = deferCleanup(errorCleanupStep(cleanupProvisioner, ctx, opts) as Step<unknown>);
  }
  const inSteps = hook.cleanupRegistered;
  try {
    await runProvisioners(build.provisioners, ctx, { debug: opts.debug, resolveConfig: opts.resolveConfig });
  } catch (error) {
    if (cleanupProvisioner && !inSteps && !opts.signal.aborted) {
      if (opts.onError === 'abort') {
        ctx.ui.error('aborted: skipping the error-cleanup-provisioner');
      } else {
        const { signal, dispose } = freshSignal(
          opts.cleanupTimeoutMs ?? defaultCleanupTimeoutMs,
          opts.forceSignal,
        );
        await runErrorCleanup(cleanupProvisioner, ctx, opts, signal)
          .catch((cleanupError: unknown) =>
            // Reported, never thrown: the provisioning error stays the build's error.
            ctx.ui.error(`Error: the error-cleanup-provisioner failed: ${errorMessage(cleanupError)}`),
          )
          .finally(dispose);
      }
    }
    throw error;
  }
}

function errorCleanupStep(p: PlannedProvisioner, ctx: ProvisionContext, opts: BuildOptions): Step<unknown> {
  return {
    name: 'error-cleanup-provisioner',
    run: async () => {},
    cleanup: async (_state, c) => {
      if (c.outcome !== 'failed') return;
      await runErrorCleanup(p, ctx, opts, c.signal);
    },
    [provisionCleanupMark]: true,
  } as Step<unknown>;
}

async function runErrorCleanup(
  p: PlannedProvisioner,
  ctx: ProvisionContext,
  opts: BuildOptions,
  signal: AbortSignal,
): Promise<void> {
  ctx.ui.say('Provisioning step had errors: Running the cleanup provisioner, if present...');
  await runOne(p, { ...ctx, signal }, { resolveConfig: opts.resolveConfig });
}
