/** The breakpoint provisioner: pauses on the Ui's question, or says it is disabled. */
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { breakpointProvisioner } from '../../../src/provisioners/breakpoint/config.js';
import { decodeBody, provisionContext, type TestContext } from '../fakes.js';

let ctx: TestContext | undefined;
afterEach(async () => {
  await ctx?.dispose();
  ctx = undefined;
});

const run = (body: string, c: TestContext) =>
  breakpointProvisioner.run!(decodeBody(breakpointProvisioner, body), c);

describe('breakpoint provisioner', () => {
  test('disabled: continues at once, with or without a note', async () => {
    ctx = await provisionContext(undefined);
    await run('disable = true', ctx);
    await run('disable = true\nnote = "check the disk"', ctx);
    assert.deepEqual(ctx.ui.said(), [
      'Breakpoint provisioner disabled; continuing...',
      'Breakpoint provisioner with note "check the disk" disabled; continuing...',
    ]);
    assert.ok(!ctx.ui.records.some((r) => r.kind === 'ask'));
  });

  test('enabled: asks and continues after the answer', async () => {
    ctx = await provisionContext(undefined);
    let answer!: (s: string) => void;
    ctx.ui.answer = () => new Promise((resolve) => (answer = resolve));
    const done = run('note = "inspect /etc"', ctx);
    // The definition loads run.ts on first use; wait for the question rather than a fixed number of ticks.
    for (let i = 0; i < 200 && !ctx.ui.records.some((r) => r.kind === 'ask'); i++) {
      await new Promise((r) => setTimeout(r, 5));
    }
    assert.deepEqual(ctx.ui.records, [
      { kind: 'say', text: 'Pausing at breakpoint provisioner with note "inspect /etc".' },
      { kind: 'ask', text: 'Press enter to continue.' },
    ]);
    answer('');
    await done;
  });

  test("no TTY: the question fails with Packer's message", async () => {
    ctx = await provisionContext(undefined);
    ctx.ui.answer = async () => {
      throw new Error('no terminal to ask on');
    };
    await assert.rejects(
      run('', ctx),
      (err: Error) => err.message === 'Error asking for input: no terminal to ask on',
    );
    assert.deepEqual(ctx.ui.said(), ['Pausing at breakpoint provisioner.']);
  });

  test('cancelling the build ends the pause', async () => {
    ctx = await provisionContext(undefined);
    ctx.ui.answer = () => new Promise(() => {});
    setTimeout(() => ctx!.controller.abort(new Error('Build cancelled')), 20);
    await assert.rejects(run('', ctx), /Build cancelled/);
  });
});
