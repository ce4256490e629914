/**
 * stepTypeBootCommand: wait boot_wait, then type boot_command over VNC. Only with a boot_command:
 * unlike Packer, a disk-image build without one does not sit out the 10 s boot_wait default.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Step } from '../../../sdk/step.js';
import type { QemuState } from '../state.js';

export function stepBootCommand(): Step<QemuState> {
  return {
    name: 'stepTypeBootCommand',
    async run(state, ctx) {
      const s = state.settings;
      if (s.bootCommand.length === 0 || s.disableVnc) return;
      if (s.bootWaitMs > 0) {
        ctx.ui.say(`Waiting ${Math.round(s.bootWaitMs / 1000)}s for boot...`);
        await sleep(s.bootWaitMs, undefined, { signal: ctx.signal });
      }
      throw new Error("boot_command is not supported by imgbuild's qemu builder yet (VNC typing is coming)");
    },
  };
}
