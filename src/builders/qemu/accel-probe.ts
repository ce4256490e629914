/**
 * Whether an accelerator really runs guests. /dev/kvm being there is not enough: on some hosts (nested
 * "kvm-pvm") QEMU starts under KVM and the guest never gets past its firmware. The probe boots SeaBIOS
 * with no disk and waits for its "No bootable device." on the debug console: ~0.5 s under working KVM.
 */
import { spawn } from 'node:child_process';

export async function acceleratorRuns(
  qemuBinary: string,
  accelerator: string,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<boolean> {
  const argv = [
    '-machine',
    `pc,accel=${accelerator}`,
    '-nodefaults',
    '-display',
    'none',
    '-m',
    '16',
    '-chardev',
    'stdio,id=imgbuild-probe',
    '-device',
    'isa-debugcon,iobase=0x402,chardev=imgbuild-probe',
  ];
  return new Promise((resolve) => {
    const child = spawn(qemuBinary, argv, { stdio: ['ignore', 'pipe', 'ignore'] });
    let seen = '';
    const finish = (ok: boolean) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      child.kill('SIGKILL');
      resolve(ok);
    };
    const onAbort = () => finish(false);
    const timer = setTimeout(() => finish(false), options.timeoutMs ?? 5000);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.setEncoding('latin1').on('data', (text: string) => {
      seen = (seen + text).slice(-4096);
      if (/No bootable device|Booting from/.test(seen)) finish(true);
    });
    child.once('error', () => finish(false));
    child.once('close', () => finish(/No bootable device|Booting from/.test(seen)));
  });
}
