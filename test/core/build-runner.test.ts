import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { type RunBuildsOptions, runBuilds } from '../../src/core/build-runner.js';
import { concurrency, events, resetFakes } from './fake-plugins.js';
import { recordingUi, type RecordingUi } from './fakes.js';
import { planFromHcl } from './plan-fakes.js';

beforeEach(resetFakes);

function oneSource(buildBody: string, source = 'machine = "m1"'): string {
  return `source "fake" "a" {\n${source}\n}\nbuild {\nsources = ["source.fake.a"]\n${buildBody}\n}\n`;
}

async function build(text: string, opts: Partial<RunBuildsOptions> = {}, ui: RecordingUi = recordingUi()) {
  const builds = await planFromHcl(text);
  const result = await runBuilds(builds, { uiFor: () => ui, ...opts });
  return { result, ui, b: result.builds[0]! };
}

const machineLifecycle = (outcome: string) => [
  `fake.a: cleanup provision (${outcome})`,
  `fake.a: cleanup create-machine (${outcome})`,
];

describe('the provision hook', () => {
  test('provisioners run in order inside the builder, with the build variables', async () => {
    const { b, ui } = await build(
      oneSource(`
        provisioner "record" {
          label = "one"
          vars = ["ID", "Host", "PackerHTTPAddr"]
        }
        provisioner "record" { label = "two" }`),
    );
    assert.equal(b.error, undefined);
    assert.deepEqual(events, [
      'fake.a: run create-machine',
      'fake.a: run provision',
      'fake.a: provision one #1 ID=m1 Host=127.0.0.1 PackerHTTPAddr=ERR_HTTP_ADDR_NOT_IMPLEMENTED_BY_BUILDER',
      'fake.a: provision two #1',
      'fake.a: run shutdown',
      'fake.a: cleanup shutdown (succeeded)',
      ...machineLifecycle('succeeded'),
    ]);
    assert.match(
      ui.lines.at(-1)!,
      /^say: Build 'fake\.a' finished after \d+ milliseconds?( \d+ microseconds?)?\.$/,
    );
  });

  test('max_retries: a provisioner failing twice succeeds on the third call', async () => {
    const { b, ui } = await build(oneSource('provisioner "record" {\nfail_times = 2\nmax_retries = 2\n}'));
    assert.equal(b.error, undefined);
    assert.deepEqual(
      events.filter((e) => e.includes('provision p')),
      ['fake.a: provision p #1', 'fake.a: provision p #2', 'fake.a: provision p #3'],
    );
    assert.deepEqual(
      ui.lines.filter((l) => l.includes('retrying')),
      [
        'say: Provisioner failed with "p failed (call 1)", retrying with 2 trie(s) left',
        'say: Provisioner failed with "p failed (call 2)", retrying with 1 trie(s) left',
      ],
    );
  });

  test('max_retries spent: the build fails with the last error, after "retry limit reached."', async () => {
    const { b, ui } = await build(oneSource('provisioner "record" {\nfail_times = 3\nmax_retries = 2\n}'));
    assert.equal((b.error as Error).message, 'p failed (call 3)');
    assert.ok(ui.lines.includes('say: retry limit reached.'));
    assert.ok(ui.lines.some((l) => /^error: Build 'fake\.a' errored after .*: p failed \(call 3\)$/.test(l)));
    assert.deepEqual(events.slice(-2), machineLifecycle('failed'));
  });

  test('timeout: a hanging provisioner is cancelled at its time limit and the build cleans up', async () => {
    const started = Date.now();
    const { b, ui } = await build(oneSource('provisioner "record" {\nhang = true\ntimeout = "150ms"\n}'));
    assert.ok(Date.now() - started < 3000);
    assert.equal((b.error as Error).message, 'provisioner record timed out after 150ms');
    assert.ok(ui.lines.includes('say: Setting a 150ms timeout for the next provisioner...'));
    assert.ok(ui.lines.includes('error: Cancelling provisioner after a timeout...'));
    assert.ok(events.includes('fake.a: p saw abort'));
    assert.deepEqual(events.slice(-2), machineLifecycle('failed'));
  });

  test('pause_before waits before each attempt', async () => {
    const started = Date.now();
    const { b, ui } = await build(oneSource('provisioner "record" {\npause_before = "120ms"\n}'));
    assert.equal(b.error, undefined);
    assert.ok(Date.now() - started >= 120);
    assert.ok(ui.lines.includes('say: Pausing 120ms before the next provisioner...'));
  });

  test('communicator = "none": provisioners still run, with no communicator', async () => {
    const { b } = await build(oneSource('provisioner "record" {}', 'no_communicator = true'));
    assert.equal(b.error, undefined);
    assert.ok(events.includes('fake.a: provision p #1'));
  });

  test('error-cleanup-provisioner runs on failure while the machine still exists', async () => {
    const { b, ui } = await build(
      oneSource(`
        provisioner "record" {
          label = "breaks"
          fail_times = -1
        }
        provisioner "record" { label = "never" }
        error-cleanup-provisioner "record" { label = "rescue" }`),
    );
    assert.equal((b.error as Error).message, 'breaks failed (call 1)');
    assert.deepEqual(events, [
      'fake.a: run create-machine',
      'fake.a: run provision',
      'fake.a: provision breaks #1',
      'fake.a: provision rescue #1',
      ...machineLifecycle('failed'),
    ]);
    assert.ok(
      ui.lines.includes('say: Provisioning step had errors: Running the cleanup provisioner, if present...'),
    );
  });

  test('error-cleanup-provisioner also runs when a later step fails, not when the build succeeds', async () => {
    await build(
      oneSource(
        'provisioner "record" {}\nerror-cleanup-provisioner "record" { label = "rescue" }',
        'fail_step = "shutdown"',
      ),
    );
    assert.ok(events.includes('fake.a: provision rescue #1'));
    resetFakes();
    await build(
      oneSource('provisioner "record" {}\nerror-cleanup-provisioner "record" { label = "rescue" }'),
    );
    assert.ok(!events.includes('fake.a: provision rescue #1'));
  });

  test('a failing error-cleanup-provisioner is reported and does not hide the provisioning error', async () => {
    const { b, ui } = await build(
      oneSource(`
        provisioner "record" {
          label = "breaks"
          fail_times = -1
        }
        error-cleanup-provisioner "record" {
          label = "rescue"
          fail_times = -1
        }`),
    );
    assert.equal((b.error as Error).message, 'breaks failed (call 1)');
    assert.ok(
      ui.lines.includes(
        'error: Error: cleanup of step "error-cleanup-provisioner" failed: rescue failed (call 1). It may have left resources behind.',
      ),
      ui.lines.join('\n'),
    );
    assert.deepEqual(events.slice(-2), machineLifecycle('failed'));
  });
});

describe('-on-error', () => {
  const failing = oneSource(`
    provisioner "record" {
      label = "breaks"
      fail_times = -1
    }
    error-cleanup-provisioner "record" { label = "rescue" }`);

  test('abort: no cleanup at all, and the UI lists what was left', async () => {
    const { b, ui } = await build(failing, { onError: 'abort' });
    assert.equal((b.error as Error).message, 'breaks failed (call 1)');
    assert.deepEqual(events, [
      'fake.a: run create-machine',
      'fake.a: run provision',
      'fake.a: provision breaks #1',
    ]);
    assert.deepEqual(
      ui.lines.filter((l) => l.startsWith('error: ') && !l.includes('errored after')),
      [
        'error: Step "provision" failed, aborting...',
        'error: aborted: skipping cleanup of step "error-cleanup-provisioner"',
        'error: aborted: skipping cleanup of step "provision"',
        'error: aborted: skipping cleanup of step "create-machine"; left behind: create-machine of machine m1',
      ],
    );
  });

  test('run-cleanup-provisioner: the error-cleanup-provisioner runs, the rest is left', async () => {
    await build(failing, { onError: 'run-cleanup-provisioner' });
    assert.deepEqual(events, [
      'fake.a: run create-machine',
      'fake.a: run provision',
      'fake.a: provision breaks #1',
      'fake.a: provision rescue #1',
    ]);
  });

  test('ask: the answer comes through the Ui prompt; [r] retries the provisioning step', async () => {
    const ui = recordingUi(['r']);
    const { b } = await build(oneSource('provisioner "record" {\nfail_times = 1\n}'), { onError: 'ask' }, ui);
    assert.equal(b.error, undefined);
    assert.deepEqual(
      events.filter((e) => e.includes('provision p')),
      ['fake.a: provision p #1', 'fake.a: provision p #2'],
    );
    assert.ok(ui.lines.includes('say: Step "provision" failed'));
  });

  test('ask: after [r] and a second failure, [c] runs the error-cleanup-provisioner once', async () => {
    await build(failing, { onError: 'ask' }, recordingUi(['r', 'c']));
    assert.deepEqual(
      events.filter((e) => e.includes(': provision ')),
      ['fake.a: provision breaks #1', 'fake.a: provision breaks #2', 'fake.a: provision rescue #1'],
    );
  });

  test('ask: [c] cleans up (and runs the error-cleanup-provisioner)', async () => {
    await build(failing, { onError: 'ask' }, recordingUi(['c']));
    assert.deepEqual(events.slice(-3), ['fake.a: provision rescue #1', ...machineLifecycle('failed')]);
  });
});

describe('post-processors', () => {
  const destroyed = () => events.filter((e) => e.startsWith('destroy '));

  test('one chain, default keep false: intermediate and builder artifacts are destroyed', async () => {
    const { b } = await build(
      oneSource(
        'post-processors {\npost-processor "wrap" { label = "a" }\npost-processor "wrap" { label = "b" }\n}',
      ),
    );
    assert.deepEqual(
      b.artifacts.map((a) => a.id),
      ['m1+a+b'],
    );
    assert.deepEqual(destroyed(), ['destroy m1+a', 'destroy m1']);
  });

  test('keep_input_artifact = true on a first post-processor keeps the builder artifact first', async () => {
    const { b } = await build(
      oneSource(`
        post-processor "wrap" {
          label = "a"
          keep_input_artifact = true
        }
        post-processor "wrap" { label = "b" }`),
    );
    assert.deepEqual(
      b.artifacts.map((a) => a.id),
      ['m1', 'm1+a', 'm1+b'],
    );
    assert.deepEqual(destroyed(), []);
  });

  test('keep_input_artifact = false overrides a keeping post-processor, unless it forces keeping', async () => {
    const chain = (extra: string) =>
      oneSource(`post-processors {
        post-processor "wrap" { label = "a" }
        post-processor "wrap" {
          label = "b"
          keep = true
          keep_input_artifact = false
          ${extra}
        }
      }`);
    let { b } = await build(chain(''));
    assert.deepEqual(
      b.artifacts.map((a) => a.id),
      ['m1+a+b'],
    );
    assert.deepEqual(destroyed(), ['destroy m1+a', 'destroy m1']);
    resetFakes();
    ({ b } = await build(chain('force = true')));
    assert.deepEqual(
      b.artifacts.map((a) => a.id),
      ['m1+a', 'm1+a+b'],
    );
  });

  test('a failing post-processor ends its chain, other chains run, and the build fails', async () => {
    const { b, result } = await build(
      oneSource(`
        post-processors {
          post-processor "wrap" {
            label = "bad"
            fail = true
          }
          post-processor "wrap" { label = "never" }
        }
        post-processor "wrap" { label = "ok" }`),
    );
    assert.equal((b.error as Error).message, '1 error(s) occurred:\n\n* Post-processor failed: bad broke');
    assert.ok(!events.some((e) => e.includes('never')));
    assert.ok(events.includes('fake.a: post-process ok on m1'));
    assert.equal(result.cancelled, false);
  });

  test('no artifact from the builder: post-processors do not run', async () => {
    const { b } = await build(oneSource('post-processor "wrap" {}', 'no_artifact = true'));
    assert.equal(b.error, undefined);
    assert.deepEqual(b.artifacts, []);
    assert.ok(!events.some((e) => e.includes('post-process')));
  });
});

describe('several builds', () => {
  const three = `
    source "fake" "a" {}
    source "fake" "b" {}
    source "fake" "c" {}
    build {
      sources = ["source.fake.a", "source.fake.b", "source.fake.c"]
      provisioner "record" { sleep_ms = 80 }
      post-processor "wrap" { name = "pack" }
    }`;

  test('run in parallel without a limit, one at a time with -parallel-builds=1, two with 2', async () => {
    const builds = await planFromHcl(three);
    for (const [parallelBuilds, expected] of [
      [0, 3],
      [1, 1],
      [2, 2],
    ] as const) {
      resetFakes();
      const result = await runBuilds(builds, { uiFor: () => recordingUi(), parallelBuilds });
      assert.equal(result.builds.length, 3);
      assert.equal(concurrency.max, expected, `-parallel-builds=${parallelBuilds}`);
    }
  });

  test('-debug runs builds one at a time', async () => {
    const builds = await planFromHcl(three);
    const ui = recordingUi(Array(40).fill(''));
    await runBuilds(builds, { uiFor: () => ui, debug: true });
    assert.equal(concurrency.max, 1);
    assert.ok(ui.lines.includes('ask: Pausing before the next provisioner . Press enter to continue.'));
  });

  test('-only and -except choose builds; -except also skips a named post-processor', async () => {
    const only = await planFromHcl(three, { only: ['fake.b'] });
    assert.deepEqual(
      only.map((b) => b.name),
      ['fake.b'],
    );
    const except = await planFromHcl(three, { except: ['fake.a', 'pack'] });
    assert.deepEqual(
      except.map((b) => b.name),
      ['fake.b', 'fake.c'],
    );
    const result = await runBuilds(except, { uiFor: () => recordingUi() });
    assert.deepEqual(
      result.builds.map((b) => b.artifacts.map((a) => a.id)),
      [['m1'], ['m1']],
    );
    assert.ok(!events.some((e) => e.includes('post-process')));
  });

  test('one failing build does not stop the others', async () => {
    const builds = await planFromHcl(`
      source "fake" "ok" {}
      source "fake" "bad" { fail_step = "shutdown" }
      build { sources = ["source.fake.ok", "source.fake.bad"] }`);
    const result = await runBuilds(builds, { uiFor: () => recordingUi() });
    assert.deepEqual(
      result.builds.map((b) => [b.name, b.error === undefined]),
      [
        ['fake.ok', true],
        ['fake.bad', false],
      ],
    );
  });

  test('cancelling stops every build; each cleans up (outcome cancelled)', async () => {
    const builds = await planFromHcl(`
      source "fake" "a" {}
      source "fake" "b" {}
      build {
        sources = ["source.fake.a", "source.fake.b"]
        provisioner "record" { hang = true }
      }`);
    const controller = new AbortController();
    const uis = [recordingUi(), recordingUi()];
    const run = runBuilds(builds, { uiFor: (_b, i) => uis[i]!, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('interrupted')), 100);
    const result = await run;
    assert.equal(result.cancelled, true);
    for (const name of ['fake.a', 'fake.b']) {
      assert.ok(events.includes(`${name}: p saw abort`));
      assert.ok(events.includes(`${name}: cleanup create-machine (cancelled)`));
    }
    assert.ok(result.builds.every((b) => b.cancelled));
    assert.ok(uis[0]!.lines.some((l) => l.endsWith(': Build was cancelled.')));
  });
});

describe('build values in provisioner arguments', () => {
  test("an argument using build.ID / build.Host is decoded again with the builder's values", async () => {
    const { b } = await build(
      oneSource(
        'provisioner "record" {\nlabel = "on-${build.ID}-at-${build.Host}-${build.name}-${source.name}"\n}',
      ),
    );
    assert.equal(b.error, undefined);
    assert.ok(events.includes('fake.a: provision on-m1-at-127.0.0.1--a #1'), events.join('\n'));
  });
});
