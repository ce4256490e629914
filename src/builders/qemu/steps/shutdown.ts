/**
 * stepShutdown: run shutdown_command and wait for QEMU to exit (noticed the moment it does), at most
 * shutdown_timeout; past that the VM is forced off and the build fails with Packer's message, since
 * the guest's disks may not be clean. Without a shutdown_command QEMU is stopped at once, as Packer
 * does (imgbuild asks QEMU to quit over QMP first, so its own caches reach the disk). With
 * communicator "none" the guest is expected to power itself off within shutdown_timeout.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Step } from '../../../sdk/step.js';
import type { QemuState } from '../state.js';

export function stepShutdown(): Step<QemuState> {
  return {
    name: 'stepShutdown',
    async run(state, ctx) {
      const s = state.settings;
      const vm = state.vm;
      if (vm === undefined) return;
      if (s.communicator === 'none') {
        // No link to send a command over: the guest (an unattended install) powers itself off.
        ctx.ui.say('Waiting for shutdown...');
        if (!(await exitedWithin(vm, s.shutdownTimeoutMs, ctx.signal))) {
          await vm.kill();
          throw new Error('Failed to shutdown: the VM did not power off within shutdown_timeout.');
        }
        return;
      }
      if (s.shutdownCommand === '' || state.communicator === undefined) {
        ctx.ui.say('Halting the virtual machine...');
        await vm.kill();
        return;
      }
      ctx.ui.say('Gracefully halting virtual machine...');
      ctx.log.debug(`Executing shutdown command: ${s.shutdownCommand}`);
      const communicator = state.communicator;
      // The command may never return (the link dies with the guest): wait for whichever comes first.
      const sent = communicator
        .exec(s.shutdownCommand, {
          signal: ctx.signal,
          onStdout: (chunk) => ctx.ui.output(chunk.toString('utf8'), 'stdout'),
          onStderr: (chunk) => ctx.ui.output(chunk.toString('utf8'), 'stderr'),
        })
        .then(
          (result) => ctx.log.debug(`shutdown command ended: ${JSON.stringify(result)}`),
          (error: unknown) => {
            if (vm.hasExited() || ctx.signal.aborted) return;
            throw new Error(`Failed to send shutdown command: ${(error as Error).message}`, { cause: error });
          },
        );
      ctx.log.debug(`Waiting max ${s.shutdownTimeoutMs} ms for shutdown to complete`);
      const timeout = new AbortController();
      const onAbort = () => timeout.abort();
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      let stopped: boolean;
      try {
        stopped = await Promise.race([
          vm.exited.then(() => true),
          sent.then(() => new Promise<boolean>(() => {})),
          sleep(s.shutdownTimeoutMs, false, { signal: timeout.signal }),
        ]);
      } finally {
        timeout.abort();
        ctx.signal.removeEventListener('abort', onAbort);
      }
      await communicator.close().catch(() => undefined);
      state.communicator = undefined;
      if (!stopped) {
        ctx.ui.error('The VM did not power off within shutdown_timeout; forcing it off.');
        await vm.kill();
        throw new Error('Timeout while waiting for machine to shut down.');
      }
    },
  };
}

async function exitedWithin(
  vm: { exited: Promise<unknown> },
  ms: number,
  signal: AbortSignal,
): Promise<boolean> {
  const timer = new AbortController();
  const onAbort = () => timer.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await Promise.race([vm.exited.then(() => true), sleep(ms, false, { signal: timer.signal })]);
  } finally {
    timer.abort();
    signal.removeEventListener('abort', onAbort);
    signal.throwIfAborted();
  }
}
