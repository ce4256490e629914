/**
 * stepPortForward + stepConfigureVNC + stepRun: pick the forwarded host port and the VNC port, build the
 * command line (defaults, then the template's qemuargs), start QEMU and wait until it is up (its QMP
 * socket answers). A port taken between the pick and QEMU's bind makes QEMU fail at once: pick again.
 * The undo stops QEMU (QMP quit, then signals) and waits until the process is gone.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { isCancellation } from '../../../core/errors.js';
import { processIdentity } from '../../../core/ledger/process-identity.js';
import { DriverError } from '../../../process/driver-error.js';
import type { TrackedResource } from '../../../sdk/ledger.js';
import type { Step, StepContext } from '../../../sdk/step.js';
import { qmpControlArgs } from '../driver.js';
import { applyQemuArgs, defaultQemuArgs, renderQemuArgs } from '../qemu-args.js';
import { type PortReservation, reservePort } from '../ports.js';
import type { QemuState } from '../state.js';

const START_ATTEMPTS = 5;
const BIND_FAILURE =
  /host forwarding rule|Address already in use|Failed to bind socket|could not set up host forwarding/i;

export function stepRunVm(): Step<QemuState> {
  let held: PortReservation[] = [];
  let vmEntry: TrackedResource | undefined;
  const release = () => {
    for (const r of held) r.release();
    held = [];
  };
  return {
    name: 'stepRun',
    async run(state, ctx) {
      const s = state.settings;
      for (let attempt = 1; ; attempt++) {
        release();
        await pickPorts(state, ctx, attempt === 1, (r) => held.push(r));
        const argv = commandLine(state, ctx, attempt === 1);
        const qmpSocketPath = join(state.tempDir, `qmp-${attempt}.sock`);
        // Recorded before the spawn; the socket path is unique and appears in QEMU's argv.
        const entry = await state.ledger?.intend('local-process', {
          marker: qmpSocketPath,
          description: `QEMU VM ${s.vmName}`,
          group: true,
        });
        try {
          try {
            state.vm = await state.driver.startVm([...argv, ...qmpControlArgs(qmpSocketPath)], {
              qmpSocketPath,
              signal: ctx.signal,
            });
          } catch (error) {
            await entry?.release();
            throw error;
          }
          vmEntry = entry;
          await entry?.confirm({ ...(await processIdentity(state.vm.pid)) });
          if (state.vncPassword !== undefined) {
            // Set over QMP, as Packer does: on the command line it would show in the process list.
            await state.vm.qmp('set_password', { protocol: 'vnc', password: state.vncPassword });
          }
          ctx.log.debug(`qemu pid ${state.vm.pid}: ${s.qemuBinary} ${argv.join(' ')}`);
          return;
        } catch (error) {
          if (isCancellation(error, ctx.signal)) throw error;
          const retry =
            error instanceof DriverError && BIND_FAILURE.test(error.stderrTail) && attempt < START_ATTEMPTS;
          if (!retry) throw new Error(`Error launching VM: ${(error as Error).message}`, { cause: error });
          ctx.ui.message(
            `A port was taken before QEMU could bind it; trying other ports (attempt ${attempt + 1})`,
          );
        }
      }
    },
    async cleanup(state, ctx) {
      release();
      const vm = state.vm;
      if (vm === undefined || vm.hasExited()) {
        await vmEntry?.release();
        vmEntry = undefined;
        return;
      }
      ctx.ui.say('Stopping the virtual machine...');
      await vm.kill();
      await vmEntry?.release();
      vmEntry = undefined;
    },
    describeCleanup: (state) =>
      state.vm !== undefined && !state.vm.hasExited()
        ? `the QEMU process ${state.vm.pid} (VM ${state.settings.vmName})`
        : undefined,
  };
}

async function pickPorts(
  state: QemuState,
  ctx: StepContext,
  verbose: boolean,
  hold: (r: PortReservation) => void,
): Promise<void> {
  const s = state.settings;
  const say = (text: string) => verbose && ctx.ui.say(text);
  if (s.communicator !== 'none' && s.netBridge === undefined) {
    say(
      `Looking for available communicator (SSH, WinRM, etc) port between ${s.hostPortMin} and ${s.hostPortMax}`,
    );
    const r = await reservePort('127.0.0.1', s.hostPortMin, s.hostPortMax);
    hold(r);
    state.hostPort = r.port;
    say(`Found port for communicator (SSH, WinRM, etc): ${r.port}.`);
  }
  if (!s.disableVnc) {
    if (s.vncUsePassword && state.vncPassword === undefined) {
      state.vncPassword = s.vncPassword ?? randomBytes(6).toString('base64url').slice(0, 8);
      ctx.ui.sensitive?.(state.vncPassword);
    }
    say(`Looking for available port between ${s.vncPortMin} and ${s.vncPortMax} on ${s.vncBindAddress}`);
    const r = await reservePort(s.vncBindAddress, s.vncPortMin, s.vncPortMax, [state.hostPort ?? -1]);
    hold(r);
    state.vncPort = r.port;
    say(`Found available VNC port: ${r.port} on IP: ${s.vncBindAddress}`);
  }
}

function commandLine(state: QemuState, ctx: StepContext, verbose: boolean): string[] {
  const s = state.settings;
  if (verbose)
    ctx.ui.say(s.diskImage ? 'Starting VM, booting disk image' : 'Starting VM, booting from CD-ROM');
  const vnc =
    state.vncPort !== undefined
      ? { bindAddress: s.vncBindAddress, port: state.vncPort, password: state.vncPassword !== undefined }
      : undefined;
  // Packer would ask QEMU for a GTK window and fail on a machine without a display: run headless.
  const noDisplay = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  const headless = s.headless || (noDisplay && s.display === undefined && !s.useDefaultDisplay);
  if (verbose && headless && !s.headless) {
    ctx.ui.message('headless is false but there is no display (DISPLAY is not set): running headless.');
  }
  if (verbose && vnc && headless) {
    ctx.ui.message(
      `The VM will be run headless, without a GUI. If you want to\nview the screen of the VM, connect via VNC ${
        state.vncPassword ? 'with the password to' : 'without a password to'
      }\nvnc://${vnc.bindAddress}:${vnc.port}`,
    );
  }
  const cdPaths = [
    ...(s.diskImage ? [] : [state.isoPath as string]),
    ...(state.cdPath ? [state.cdPath] : []),
  ];
  const defaults = defaultQemuArgs({
    vmName: s.vmName,
    bootFromDisk: s.diskImage,
    machineType: s.machineType,
    accelerator: s.accelerator,
    cpuModel: s.cpuModel,
    memory: s.memory,
    cpus: s.cpus,
    sockets: s.sockets,
    cores: s.cores,
    threads: s.threads,
    netBridge: s.netBridge,
    hostForward:
      state.hostPort !== undefined
        ? { bindAddress: '127.0.0.1', hostPort: state.hostPort, guestPort: s.commPort }
        : undefined,
    netDevice: s.netDevice,
    disks: state.diskPaths ?? [],
    diskInterface: s.diskInterface,
    diskCache: s.diskCache,
    diskDiscard: s.diskDiscard,
    detectZeroes: s.detectZeroes,
    format: s.workFormat,
    cdPaths,
    cdromInterface: s.cdromInterface,
    firmware: s.firmware,
    usePflash: s.usePflash,
    efi: s.efi && state.efiVarsPath ? { code: s.efi.code, vars: state.efiVarsPath } : undefined,
    vnc,
    headless,
    display: s.display,
    useDefaultDisplay: s.useDefaultDisplay,
    vga: s.vga,
    qmpSocketPath: s.qmpEnable ? (s.qmpSocketPath ?? join(state.tempDir, 'qmp-user.sock')) : undefined,
    serialLogPath: state.serialLogPath,
    rng: true,
  });
  if (verbose && s.qemuargs.length > 0)
    ctx.ui.say('Overriding default Qemu arguments with qemuargs template option...');
  const rows = renderQemuArgs(s.qemuargs, {
    HTTPIP: state.httpIp ?? '',
    HTTPPort: state.httpPort ?? 0,
    HTTPDir: s.httpDir,
    OutputDir: state.stagingDir ?? s.outputDir,
    Name: s.vmName,
    SSHHostPort: state.hostPort ?? 0,
  });
  return applyQemuArgs(defaults, rows, s.netDevice);
}
