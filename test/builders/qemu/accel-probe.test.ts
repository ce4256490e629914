/** The accelerator probe against the real qemu-system: TCG runs a guest; a refused accelerator does not. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { acceleratorRuns } from '../../../src/builders/qemu/accel-probe.js';
import { qemuE2eSkipReason } from './e2e-helpers.js';

const skip = qemuE2eSkipReason();
if (skip) console.log(`# skipping accelerator probe tests: ${skip}`);

describe('acceleratorRuns (real qemu)', { skip }, () => {
  it('tcg reaches the end of SeaBIOS', async () => {
    assert.equal(await acceleratorRuns('qemu-system-x86_64', 'tcg', { timeoutMs: 30_000 }), true);
  });
  it('an accelerator QEMU refuses, or a missing binary, is false', async () => {
    assert.equal(await acceleratorRuns('qemu-system-x86_64', 'nosuchaccel', { timeoutMs: 30_000 }), false);
    assert.equal(await acceleratorRuns('/nonexistent/qemu', 'tcg'), false);
  });
});
