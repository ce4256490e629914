import assert from 'node:assert/strict';
import { test } from 'node:test';
import { goDuration, humanDuration } from '../../src/core/durations.js';

test("goDuration is Go's time.Duration String()", () => {
  for (const [ms, text] of [
    [0, '0s'],
    [1.5, '1.5ms'],
    [150, '150ms'],
    [1000, '1s'],
    [1500, '1.5s'],
    [90_000, '1m30s'],
    [3_600_000, '1h0m0s'],
    [3_723_500, '1h2m3.5s'],
  ] as const) {
    assert.equal(goDuration(ms), text, String(ms));
  }
});

test('humanDuration is durafmt with the first two units', () => {
  for (const [ms, text] of [
    [0, '0 seconds'],
    [18.391, '18 milliseconds 391 microseconds'],
    [1, '1 millisecond'],
    [1000, '1 second'],
    [63_250, '1 minute 3 seconds'],
    [3_600_000 * 26, '1 day 2 hours'],
  ] as const) {
    assert.equal(humanDuration(ms), text, String(ms));
  }
});
