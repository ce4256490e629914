import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { stepDecorator } from '../../src/core/step-decorators.js';
import { CleanupFailedError, runSteps } from '../../src/core/steps.js';
import type { CleanupContext, Step } from '../../src/sdk/step.js';
import { aborted, quietLog, recordingUi } from './fakes.js';

interface State {
  events: string[];
}

/** A step that records its run and cleanup (with the outcome), and can fail either. */
function step(
  name: string,
  opts: { fail?: boolean; failCleanup?: boolean; hang?: boolean; describe?: string; failTimes?: number } = {},
): Step<State> {
  let failures = 0;
  return {
    name,
    async run(state, ctx) {
      state.events.push(`run ${name}`);
      if (opts.hang) await aborted(ctx.signal);
      if (opts.fail) throw new Error(`${name} broke`);
      if (opts.failTimes && failures < opts.failTimes) {
        failures++;
        throw new Error(`${name} broke (${failures})`);
      }
    },
    async cleanup(state, ctx: CleanupContext) {
      state.events.push(`cleanup ${name} ${ctx.outcome} signal=${ctx.signal.aborted ? 'aborted' : 'live'}`);
      if (opts.failCleanup) throw new Error(`${name} cleanup broke`);
    },
    describeCleanup: opts.describe ? () => opts.describe : undefined,
  };
}

const base = (ui = recordingUi()) => ({ signal: new AbortController().signal, ui, log: quietLog });

describe('runSteps', () => {
  test('cleanups unwind in reverse order after success', async () => {
    const state: State = { events: [] };
    await runSteps([step('a'), step('b'), step('c')], state, base());
    assert.deepEqual(state.events, [
      'run a',
      'run b',
      'run c',
      'cleanup c succeeded signal=live',
      'cleanup b succeeded signal=live',
      'cleanup a succeeded signal=live',
    ]);
  });

  test('a failing step stops the run; its own cleanup runs first, then the earlier ones', async () => {
    const state: State = { events: [] };
    await assert.rejects(
      runSteps([step('a'), step('b', { fail: true }), step('c')], state, base()),
      /b broke/,
    );
    assert.deepEqual(state.events, [
      'run a',
      'run b',
      'cleanup b failed signal=live',
      'cleanup a failed signal=live',
    ]);
  });

  test('cancelled: cleanup runs under a fresh signal, outcome cancelled, nothing more runs', async () => {
    const state: State = { events: [] };
    const controller = new AbortController();
    const run = runSteps([step('a'), step('b', { hang: true }), step('c')], state, {
      ...base(),
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error('interrupted')), 20);
    await assert.rejects(run, /interrupted/);
    assert.deepEqual(state.events, [
      'run a',
      'run b',
      'cleanup b cancelled signal=live',
      'cleanup a cancelled signal=live',
    ]);
  });

  test('a cleanup error is reported with what to delete by hand, and the original error is thrown', async () => {
    const ui = recordingUi();
    const state: State = { events: [] };
    await assert.rejects(
      runSteps(
        [step('vm', { failCleanup: true, describe: 'VM "web" (pid 123)' }), step('b', { fail: true })],
        state,
        base(ui),
      ),
      /^Error: b broke$/,
    );
    assert.deepEqual(state.events, [
      'run vm',
      'run b',
      'cleanup b failed signal=live',
      'cleanup vm failed signal=live',
    ]);
    assert.ok(ui.lines.includes('say: Cleaning up VM "web" (pid 123)...'), ui.lines.join('\n'));
    assert.ok(
      ui.lines.includes(
        'error: Error: cleanup of step "vm" failed: vm cleanup broke. Delete by hand: VM "web" (pid 123).',
      ),
      ui.lines.join('\n'),
    );
  });

  test('a cleanup error after a successful run fails the run, naming the leftovers', async () => {
    const state: State = { events: [] };
    const failures: string[] = [];
    const err = await runSteps([step('disk', { failCleanup: true, describe: 'disk out/x.qcow2' })], state, {
      ...base(),
      onCleanupFailure: (f) => failures.push(f.step),
    }).catch((e: unknown) => e);
    assert.ok(err instanceof CleanupFailedError);
    assert.match(err.message, /Delete by hand: disk out\/x\.qcow2/);
    assert.deepEqual(failures, ['disk']);
  });

  test('a cleanup that hangs gives up at the cleanup timeout, and the rest still clean up', async () => {
    const state: State = { events: [] };
    const hanging: Step<State> = {
      name: 'hangs',
      run: async () => {},
      cleanup: async (_s, ctx) => {
        await aborted(ctx.signal);
      },
    };
    const started = Date.now();
    await assert.rejects(
      runSteps([step('a'), hanging], state, { ...base(), cleanupTimeoutMs: 50 }),
      CleanupFailedError,
    );
    assert.ok(Date.now() - started < 2000);
    assert.deepEqual(state.events, ['run a', 'cleanup a succeeded signal=live']);
  });

  test('the force signal (second interrupt) aborts a cleanup in progress', async () => {
    const force = new AbortController();
    const seen: string[] = [];
    const hanging: Step<State> = {
      name: 'hangs',
      run: async () => {},
      cleanup: async (_s, ctx) => {
        await aborted(ctx.signal).catch((e: unknown) => {
          seen.push('cleanup saw abort');
          throw e;
        });
      },
    };
    setTimeout(() => force.abort(), 20);
    await assert.rejects(
      runSteps([hanging], { events: [] }, { ...base(), forceSignal: force.signal }),
      CleanupFailedError,
    );
    assert.deepEqual(seen, ['cleanup saw abort']);
  });
});

describe('-on-error decorators', () => {
  const withMode = (
    onError: 'cleanup' | 'abort' | 'ask' | 'run-cleanup-provisioner',
    ui = recordingUi(),
  ) => ({
    ...base(ui),
    decorate: stepDecorator({ onError, debug: false, ui }),
  });

  test('abort skips every cleanup after a failure and says what it leaves behind', async () => {
    const ui = recordingUi();
    const state: State = { events: [] };
    await assert.rejects(
      runSteps(
        [
          step('vm', { describe: 'VM "web"' }),
          step('key', { describe: 'key pair tmp-1' }),
          step('p', { fail: true }),
        ],
        state,
        withMode('abort', ui),
      ),
      /p broke/,
    );
    assert.deepEqual(state.events, ['run vm', 'run key', 'run p']);
    assert.deepEqual(ui.lines, [
      'error: Step "p" failed, aborting...',
      'error: aborted: skipping cleanup of step "p"',
      'error: aborted: skipping cleanup of step "key"; left behind: key pair tmp-1',
      'error: aborted: skipping cleanup of step "vm"; left behind: VM "web"',
    ]);
  });

  test('abort on an interrupt: "Interrupted, aborting..." and no cleanup', async () => {
    const ui = recordingUi();
    const state: State = { events: [] };
    const controller = new AbortController();
    const run = runSteps([step('a', { describe: 'thing a' }), step('b', { hang: true })], state, {
      ...withMode('abort', ui),
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error('interrupted')), 20);
    await assert.rejects(run, /interrupted/);
    assert.deepEqual(state.events, ['run a', 'run b']);
    assert.deepEqual(ui.lines, [
      'error: Interrupted, aborting...',
      'error: aborted: skipping cleanup of step "b"',
      'error: aborted: skipping cleanup of step "a"; left behind: thing a',
    ]);
  });

  test('abort still cleans up after a successful run', async () => {
    const state: State = { events: [] };
    await runSteps([step('a')], state, withMode('abort'));
    assert.deepEqual(state.events, ['run a', 'cleanup a succeeded signal=live']);
  });

  test('ask: [r] retries the failed step, then the run goes on', async () => {
    const ui = recordingUi(['r']);
    const state: State = { events: [] };
    await runSteps([step('a'), step('b', { failTimes: 1 }), step('c')], state, withMode('ask', ui));
    assert.deepEqual(state.events.slice(0, 4), ['run a', 'run b', 'run b', 'run c']);
    assert.ok(ui.lines.includes('say: Step "b" failed'));
    assert.ok(
      ui.lines.includes(
        'ask: [c] Clean up and exit, [a] abort without cleanup, or [r] retry step (build may fail even if retry succeeds)?',
      ),
    );
  });

  test('ask: [a] aborts without cleanup; an unknown answer is asked again', async () => {
    const ui = recordingUi(['x', 'A']);
    const state: State = { events: [] };
    await assert.rejects(
      runSteps([step('a'), step('b', { fail: true })], state, withMode('ask', ui)),
      /b broke/,
    );
    assert.deepEqual(state.events, ['run a', 'run b']);
    assert.ok(ui.lines.includes('say: Incorrect input: "x"'));
    assert.ok(ui.lines.includes('error: aborted: skipping cleanup of step "a"'));
  });

  test('ask: [c] (or just enter) cleans up', async () => {
    const state: State = { events: [] };
    await assert.rejects(
      runSteps([step('a'), step('b', { fail: true })], state, withMode('ask', recordingUi(['']))),
    );
    assert.deepEqual(state.events, [
      'run a',
      'run b',
      'cleanup b failed signal=live',
      'cleanup a failed signal=live',
    ]);
  });

  test('ask: an interrupt while asking means clean up', async () => {
    const ui = recordingUi();
    const controller = new AbortController();
    const state: State = { events: [] };
    const run = runSteps([step('a'), step('b', { fail: true })], state, {
      ...withMode('ask', ui),
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error('interrupted')), 30);
    await assert.rejects(run);
    assert.deepEqual(state.events, [
      'run a',
      'run b',
      'cleanup b cancelled signal=live',
      'cleanup a cancelled signal=live',
    ]);
  });

  test('-debug pauses after each run and before each cleanup', async () => {
    const ui = recordingUi(['', '', '', '']);
    await runSteps(
      [step('a'), step('b')],
      { events: [] },
      {
        ...base(ui),
        decorate: stepDecorator({ onError: 'cleanup', debug: true, ui }),
      },
    );
    assert.deepEqual(
      ui.lines.filter((l) => l.startsWith('ask:')),
      [
        "ask: Pausing after run of step 'a'. Press enter to continue.",
        "ask: Pausing after run of step 'b'. Press enter to continue.",
        "ask: Pausing before cleanup of step 'b'. Press enter to continue.",
        "ask: Pausing before cleanup of step 'a'. Press enter to continue.",
      ],
    );
  });
});
