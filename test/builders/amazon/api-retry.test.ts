/** The retry policy of EC2 calls: what is retried, how long the waits are, how retries are counted. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiStats, backoffMs, retryKind } from '../../../src/builders/amazon/common/api-retry.js';

describe('retryKind', () => {
  const cases: [string, Parameters<typeof retryKind>[0], string[], ReturnType<typeof retryKind>][] = [
    ['EC2 throttling', { code: 'RequestLimitExceeded', httpStatus: 503 }, [], 'throttled'],
    ['other services throttling', { code: 'ThrottlingException', httpStatus: 400 }, [], 'throttled'],
    ['HTTP 429', { code: 'Whatever', httpStatus: 429 }, [], 'throttled'],
    ['server error', { code: 'InternalError', httpStatus: 500 }, [], 'transient'],
    ['unknown 5xx', { code: 'Odd', httpStatus: 502 }, [], 'transient'],
    ['no answer', { code: 'ECONNRESET', network: true }, [], 'transient'],
    [
      'not found right after create',
      { code: 'InvalidAMIID.NotFound', httpStatus: 400 },
      ['InvalidAMIID.NotFound'],
      'eventual-consistency',
    ],
    ['not found otherwise', { code: 'InvalidAMIID.NotFound', httpStatus: 400 }, [], undefined],
    ['a bad request', { code: 'InvalidParameterValue', httpStatus: 400 }, [], undefined],
    [
      'no capacity (AWS answers 500: still final)',
      { code: 'InsufficientInstanceCapacity', httpStatus: 500 },
      [],
      undefined,
    ],
  ];
  for (const [name, failure, codes, expected] of cases) {
    it(name, () => assert.equal(retryKind(failure, codes), expected));
  }
});

describe('backoffMs', () => {
  it('is full jitter under a doubling ceiling, capped', () => {
    const top = () => 1 - Number.EPSILON;
    assert.deepEqual(
      [0, 1, 2, 3, 10, 40].map((r) => backoffMs(r, { baseMs: 100, capMs: 5000 }, top)),
      [100, 200, 400, 800, 5000, 5000],
    );
    assert.equal(
      backoffMs(5, { baseMs: 100, capMs: 5000 }, () => 0),
      0,
    );
    assert.equal(
      backoffMs(3, { baseMs: 100, capMs: 5000 }, () => 0.5),
      400,
    );
  });

  it('spreads waits over the whole range (parallel builds do not retry in step)', () => {
    const waits = Array.from({ length: 400 }, () => backoffMs(4, { baseMs: 100, capMs: 20_000 }));
    assert.ok(
      Math.min(...waits) < 400 && Math.max(...waits) > 1200,
      `${Math.min(...waits)}..${Math.max(...waits)}`,
    );
    assert.ok(waits.every((w) => w >= 0 && w <= 1600));
  });
});

describe('ApiStats', () => {
  it('counts retries by kind and by action and says so', () => {
    const stats = new ApiStats();
    stats.calls = 12;
    stats.record('DescribeImages', 'throttled');
    stats.record('DescribeImages', 'throttled');
    stats.record('CreateTags', 'eventual-consistency');
    assert.equal(stats.totalRetries, 3);
    assert.deepEqual(
      [...stats.byAction],
      [
        ['DescribeImages', 2],
        ['CreateTags', 1],
      ],
    );
    assert.equal(
      stats.summary(),
      'EC2 API: 12 calls, 3 retries (2 throttled, 1 not yet visible, 0 network/server errors)',
    );
  });
});
