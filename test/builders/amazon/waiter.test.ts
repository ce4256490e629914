/** Waiting for EC2 states: Packer's fixed polling with aws_polling, otherwise following the state. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pollingSettings, waitFor, waitPolicyText } from '../../../src/builders/amazon/common/waiter.js';

function sequence(states: string[]) {
  let i = 0;
  return {
    polls: () => i,
    poll: async () => states[Math.min(i++, states.length - 1)]!,
  };
}

const observe = (s: string) =>
  s === 'available'
    ? { done: true as const }
    : s === 'failed'
      ? { failed: 'the AMI is failed' }
      : { done: false as const, state: s };

describe('pollingSettings', () => {
  it('takes aws_polling over the environment, seconds to ms', () => {
    assert.deepEqual(pollingSettings({ aws_polling: { delay_seconds: 3 } }, { AWS_MAX_ATTEMPTS: '7' }), {
      delayMs: 3000,
      maxAttempts: 7,
    });
    assert.deepEqual(
      pollingSettings(
        { aws_polling: { delay_seconds: 2, max_attempts: 5 } },
        { AWS_POLL_DELAY_SECONDS: '9' },
      ),
      { delayMs: 2000, maxAttempts: 5 },
    );
    assert.deepEqual(pollingSettings({}, { AWS_POLL_DELAY_SECONDS: 'x' }), {
      delayMs: undefined,
      maxAttempts: undefined,
    });
  });
});

describe('waitFor', () => {
  const signal = new AbortController().signal;

  it('returns once the state is reached', async () => {
    const s = sequence(['pending', 'pending', 'available']);
    const got = await waitFor(
      { what: 'AMI x', ceilingMs: 60_000, poll: s.poll, observe },
      { delayMs: 1 },
      { signal },
    );
    assert.equal(got, 'available');
    assert.equal(s.polls(), 3);
  });

  it('fails at once on a failed state, naming it', async () => {
    const s = sequence(['pending', 'failed']);
    await assert.rejects(
      waitFor(
        { what: 'AMI ami-1 to become available', ceilingMs: 60_000, poll: s.poll, observe },
        { delayMs: 1 },
        { signal },
      ),
      { message: 'AMI ami-1 to become available: the AMI is failed' },
    );
  });

  it('with aws_polling, gives up after max_attempts like Packer and says how to wait longer', async () => {
    const s = sequence(['pending']);
    await assert.rejects(
      waitFor(
        { what: 'AMI ami-2', ceilingMs: 60_000, poll: s.poll, observe },
        { delayMs: 1, maxAttempts: 4 },
        { signal },
      ),
      /AMI ami-2: ResourceNotReady: exceeded wait attempts \(4 polls in .*, last state pending\); raise aws_polling.max_attempts/,
    );
    assert.equal(s.polls(), 4);
  });

  it('without aws_polling, has no attempt limit: only the ceiling, with progress lines while it waits', async () => {
    const s = sequence(['pending']);
    let clock = 0;
    const pauses: number[] = [];
    const lines: string[] = [];
    await assert.rejects(
      waitFor(
        { what: 'AMI ami-3', ceilingMs: 30 * 60_000, poll: s.poll, observe },
        {},
        {
          signal,
          now: () => clock,
          sleep: async (ms) => {
            pauses.push(ms);
            clock += ms;
          },
          progress: (l) => lines.push(l),
        },
      ),
      /AMI ami-3: still pending after 29m\d+s; gave up at the 30m0s ceiling \(set aws_polling to wait longer\)/,
    );
    // Far beyond AWS's 40 × 15 s, polling fast at first and every 15 s once it is slow.
    assert.ok(s.polls() > 40, `${s.polls()} polls`);
    assert.deepEqual(pauses.slice(0, 4), [500, 750, 1125, 1688]);
    assert.equal(Math.max(...pauses), 15_000);
    assert.ok(lines.length >= 25, lines.join('\n'));
    assert.match(lines[0]!, /^Still waiting for AMI ami-3: pending after 1m\d+s$/);
  });

  it('stops at once when cancelled, with the signal reason', async () => {
    const controller = new AbortController();
    const reason = new Error('interrupted');
    const s = sequence(['pending']);
    const wait = waitFor(
      { what: 'x', ceilingMs: 60_000, poll: s.poll, observe },
      { delayMs: 10_000 },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(reason), 20);
    await assert.rejects(wait, (e) => e === reason);
  });

  it('explains its policy', () => {
    assert.equal(
      waitPolicyText({}, 6 * 3_600_000),
      'following its state until it settles, up to 6h0m0s (set aws_polling to bound the wait)',
    );
    assert.equal(waitPolicyText({ delayMs: 5000 }, 1000), 'polling every 5s, at most 40 times (aws_polling)');
  });
});
