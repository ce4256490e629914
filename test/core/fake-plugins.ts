/**
 * Fake plugins below the plugin interface, written only against the public API (as a user's plugin
 * would be): a builder whose run() drives steps and calls ctx.provision(), provisioners that record
 * their calls, fail the first N times or hang until aborted, and post-processors that wrap artifacts.
 * Events go to `events` (in-process tests) and, when `events_file` is set, to that file (spawned CLI).
 * The default export is the list the CLI's -plugin flag registers.
 */
import { appendFileSync } from 'node:fs';
import { defineBuilder, definePostProcessor, defineProvisioner, schema } from '../../src/index.js';
// Types the library entry does not export yet (the lead adds them with runBuilds).
import type { Artifact } from '../../src/sdk/artifact.js';
import type { Communicator } from '../../src/sdk/communicator.js';
import type { Step } from '../../src/sdk/step.js';

export const events: string[] = [];

/** How many fake builds run at once, and the most there ever were. */
export const concurrency = { active: 0, max: 0 };

function record(file: string | undefined, event: string): void {
  events.push(event);
  if (file) appendFileSync(file, `${event}\n`);
}

const { object, str, bool, int, strList } = schema;

const fakeCommunicator: Communicator = {
  exec: async () => ({ exitCode: 0 }),
  upload: async () => {},
  uploadDir: async () => {},
  download: async () => {},
  close: async () => {},
};

function fakeArtifact(id: string, file: string | undefined): Artifact {
  return {
    builderId: 'imgbuild.fake',
    id,
    files: [],
    state: {},
    describe: () => `fake artifact ${id}`,
    destroy: async () => record(file, `destroy ${id}`),
  };
}

function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

interface FakeBuilderConfig {
  machine?: string;
  fail_step?: string;
  hang_step?: string;
  no_artifact?: boolean;
  no_communicator?: boolean;
  events_file?: string;
  fail_cleanup?: string;
  hang_cleanup?: string;
  stuck_cleanup?: string;
}

interface BuildState {
  created: string[];
}

export const fakeBuilder = defineBuilder<FakeBuilderConfig>({
  type: 'fake',
  schema: object({
    machine: str('Name of the pretend machine.'),
    fail_step: str('Step whose run throws.'),
    hang_step: str('Step whose run waits until cancelled.'),
    fail_cleanup: str('Step whose cleanup throws.'),
    hang_cleanup: str('Step whose cleanup waits until its own signal aborts.'),
    stuck_cleanup: str('Step whose cleanup never returns, whatever its signal says.'),
    no_artifact: bool('Return no artifact.'),
    no_communicator: bool('Provision without a communicator.'),
    events_file: str('Also append events to this file.'),
  }),
  async run(config, ctx) {
    const machine = config.machine ?? 'm1';
    const file = config.events_file;
    const make = (name: string, extra: Partial<Step<BuildState>> = {}): Step<BuildState> => ({
      name,
      async run(state, c) {
        record(file, `${ctx.buildName}: run ${name}`);
        if (config.hang_step === name) {
          record(file, `${ctx.buildName}: hanging in ${name}`);
          await untilAborted(c.signal);
        }
        if (config.fail_step === name) throw new Error(`${name} failed on purpose`);
        await extra.run?.(state, c);
        state.created.push(name);
      },
      async cleanup(_state, c) {
        record(file, `${ctx.buildName}: cleanup ${name} (${c.outcome})`);
        if (config.fail_cleanup === name) throw new Error(`could not remove ${name}`);
        if (config.stuck_cleanup === name) {
          record(file, `${ctx.buildName}: cleanup ${name} stuck`);
          await new Promise(() => {});
        }
        if (config.hang_cleanup === name) {
          record(file, `${ctx.buildName}: cleanup ${name} hanging`);
          await untilAborted(c.signal).catch((e: unknown) => {
            record(file, `${ctx.buildName}: cleanup ${name} gave up`);
            throw e;
          });
        }
      },
      describeCleanup: (state) =>
        state.created.includes(name) ? `${name} of machine ${machine}` : undefined,
    });
    const steps = [
      make('create-machine'),
      make('provision', {
        run: () =>
          ctx.provision(config.no_communicator ? undefined : fakeCommunicator, {
            ID: machine,
            Host: '127.0.0.1',
          }),
      }),
      make('shutdown'),
    ];
    concurrency.active++;
    concurrency.max = Math.max(concurrency.max, concurrency.active);
    try {
      await ctx.runSteps(steps, { created: [] });
    } finally {
      concurrency.active--;
    }
    return config.no_artifact ? undefined : fakeArtifact(machine, file);
  },
});

interface RecordConfig {
  label?: string;
  fail_times?: number;
  hang?: boolean;
  sleep_ms?: number;
  events_file?: string;
  vars?: string[];
}

const attempts = new Map<string, number>();

export const recordProvisioner = defineProvisioner<RecordConfig>({
  type: 'record',
  schema: object({
    label: str('Name in the event log.'),
    fail_times: int('Fail this many calls before succeeding (-1: always).'),
    hang: bool('Wait until cancelled.'),
    sleep_ms: int('Take this long.'),
    events_file: str('Also append events to this file.'),
    vars: strList('Build variables to record.'),
  }),
  async run(config, ctx) {
    const label = config.label ?? 'p';
    const key = `${ctx.buildName}/${label}`;
    const n = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, n);
    const vars = (config.vars ?? []).map((v) => `${v}=${String(ctx.buildVars[v])}`).join(' ');
    record(config.events_file, `${ctx.buildName}: provision ${label} #${n}${vars ? ` ${vars}` : ''}`);
    if (config.hang) {
      ctx.ui.say(`${label} is waiting`);
      await untilAborted(ctx.signal).catch((e: unknown) => {
        record(config.events_file, `${ctx.buildName}: ${label} saw abort`);
        throw e;
      });
    }
    if (config.sleep_ms) await new Promise((r) => setTimeout(r, config.sleep_ms));
    const failTimes = config.fail_times ?? 0;
    if (failTimes < 0 || n <= failTimes) throw new Error(`${label} failed (call ${n})`);
  },
});

interface WrapConfig {
  label?: string;
  keep?: boolean;
  force?: boolean;
  fail?: boolean;
  events_file?: string;
}

export const wrapPostProcessor = definePostProcessor<WrapConfig>({
  type: 'wrap',
  schema: object({
    label: str('Suffix added to the artifact id.'),
    keep: bool("The post-processor's default for keeping its input."),
    force: bool('Keep the input whatever keep_input_artifact says.'),
    fail: bool('Fail.'),
    events_file: str('Also append events to this file.'),
  }),
  async run(config, input, ctx) {
    const label = config.label ?? 'w';
    record(config.events_file, `${ctx.buildName}: post-process ${label} on ${input.id}`);
    if (config.fail) throw new Error(`${label} broke`);
    return {
      artifact: fakeArtifact(`${input.id}+${label}`, config.events_file),
      keepInput: config.keep ?? false,
      forceKeep: config.force,
    };
  },
});

/** Forget the provisioners' call counts and the event log (each test starts clean). */
export function resetFakes(): void {
  events.length = 0;
  attempts.clear();
  concurrency.max = 0;
}

export default [fakeBuilder, recordProvisioner, wrapPostProcessor];
