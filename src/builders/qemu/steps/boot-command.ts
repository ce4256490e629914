/**
 * stepTypeBootCommand: wait boot_wait, then type boot_command (or boot_steps) over VNC with Packer's
 * key syntax. Only when there is something to type: unlike Packer, a disk-image build without a boot
 * command does not sit out the 10 s boot_wait default.
 */
import type { Step } from '../../../sdk/step.js';
import { bootSteps, parseGoDurationMs, typeBootCommand } from '../../common/boot-command/index.js';
import type { QemuState } from '../state.js';

export function stepBootCommand(config: Readonly<Record<string, unknown>>): Step<QemuState> {
  return {
    name: 'stepTypeBootCommand',
    async run(state, ctx) {
      const s = state.settings;
      const steps = bootSteps(
        s.bootCommand,
        Array.isArray(config.boot_steps) ? (config.boot_steps as string[][]) : undefined,
      );
      if (steps.length === 0 || s.disableVnc || state.vncPort === undefined) return;
      const ms = (name: string) =>
        typeof config[name] === 'string' && config[name] !== ''
          ? parseGoDurationMs(config[name] as string)
          : undefined;
      await typeBootCommand({
        vnc: {
          host: s.vncBindAddress === '0.0.0.0' ? '127.0.0.1' : s.vncBindAddress,
          port: state.vncPort,
          password: state.vncPassword,
        },
        steps,
        data: {
          HTTPIP: state.httpIp ?? '',
          HTTPPort: state.httpPort ?? 0,
          Name: s.vmName,
          SSHPublicKey: state.publicKey ?? '',
        },
        bootWaitMs: s.bootWaitMs,
        keyIntervalMs: ms('boot_key_interval'),
        groupIntervalMs: ms('boot_keygroup_interval'),
        signal: ctx.signal,
        ui: ctx.ui,
        log: ctx.log,
      });
    },
  };
}
