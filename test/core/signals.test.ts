import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { goSignalName, handleInterrupts } from '../../src/core/signals.js';

function fakeProcess() {
  const emitter = new EventEmitter();
  return emitter as unknown as Pick<NodeJS.Process, 'on' | 'off'> & EventEmitter;
}

test('the first signal cancels, the second forces; later ones are ignored', () => {
  const source = fakeProcess();
  const said: string[] = [];
  const interrupts = handleInterrupts(
    {
      onFirst: (s) => said.push(`first ${goSignalName(s)}`),
      onSecond: (s) => said.push(`second ${goSignalName(s)}`),
    },
    source,
  );
  assert.equal(interrupts.signal.aborted, false);
  source.emit('SIGTERM', 'SIGTERM');
  assert.equal(interrupts.signal.aborted, true);
  assert.equal(interrupts.forceSignal.aborted, false);
  assert.equal(interrupts.received(), 'SIGTERM');
  source.emit('SIGINT', 'SIGINT');
  source.emit('SIGINT', 'SIGINT');
  assert.equal(interrupts.forceSignal.aborted, true);
  assert.deepEqual(said, ['first terminated', 'second interrupt']);
  assert.equal((interrupts.signal.reason as Error).name, 'AbortError');
  interrupts.dispose();
  assert.equal(source.listenerCount('SIGINT'), 0);
  assert.equal(source.listenerCount('SIGTERM'), 0);
});
