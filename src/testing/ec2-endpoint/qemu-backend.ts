/**
 * Instances as real QEMU machines (through the qemu builder's driver): each boots an overlay of its
 * image's disk, its SSH port forwarded on the instance's own loopback address, and the key pair's
 * public key handed over through fw_cfg (the project's base images authorize it at boot).
 *
 * StopInstances is a clean stop: Ctrl-Alt-Del with `-no-reboot` (the images' init syncs and unmounts,
 * then the reboot ends QEMU; busybox init has no ACPI handling), plus the ACPI power button for
 * guests that use it; forced after the timeout, like AWS's stop.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { qmpControlArgs, type QemuDriver, type VmHandle } from '../../builders/qemu/driver.js';
import { applyQemuArgs, defaultQemuArgs } from '../../builders/qemu/qemu-args.js';
import { createQemuDriver } from '../../builders/qemu/real-driver.js';
import { authorizedKeysFwCfgArgs } from '../base-image.js';
import type { InstanceBackend, InstanceVm, LaunchSpec } from './backend.js';

export interface QemuBackendOptions {
  readonly driver?: QemuDriver;
  /**
   * Default: kvm when /dev/kvm opens AND the CPU has vmx/svm, else tcg. /dev/kvm alone is not enough:
   * on some nested hosts it opens yet no guest ever runs (an empty console, no error).
   */
  readonly accelerator?: string;
  /** Per instance (default 512 MiB, 1 CPU: the test hosts are small). */
  readonly memoryMiB?: number;
  readonly cpus?: number;
  /** Extra qemu arguments, rows as in Packer's qemuargs. */
  readonly qemuargs?: readonly (readonly string[])[];
}

/** Unix socket paths are limited to 107 bytes. */
const MAX_SOCKET_PATH = 107;

export function createQemuBackend(options: QemuBackendOptions = {}): InstanceBackend {
  const driver = options.driver ?? createQemuDriver();
  const accelerator = options.accelerator ?? (kvmUsable() ? 'kvm' : 'tcg');
  return {
    async createInstanceDisk(imageDisk, instanceDisk) {
      // A hard link keeps the image's data for this instance even if its snapshot is deleted meanwhile.
      let backing = join(dirname(instanceDisk), 'image.qcow2');
      try {
        await link(imageDisk, backing);
      } catch {
        backing = imageDisk;
      }
      const info = await driver.imageInfo(backing, { format: 'qcow2' });
      await driver.createImage({
        format: 'qcow2',
        path: instanceDisk,
        size: String(info.virtualSize),
        backingFile: backing,
        backingFormat: 'qcow2',
      });
    },

    async launch(spec: LaunchSpec): Promise<InstanceVm> {
      const qmpSocket = join(spec.dir, 'qmp.sock');
      if (qmpSocket.length > MAX_SOCKET_PATH) {
        throw new Error(`instance directory ${spec.dir} is too long for a QMP socket path`);
      }
      const consoleLog = join(spec.dir, 'console.log');
      const table = defaultQemuArgs({
        vmName: spec.instanceId,
        bootFromDisk: true,
        machineType: 'pc',
        accelerator,
        memory: options.memoryMiB ?? 512,
        cpus: options.cpus ?? 1,
        hostForward: { bindAddress: spec.sshAddress, hostPort: spec.sshPort, guestPort: 22 },
        netDevice: 'virtio-net',
        disks: [spec.disk],
        diskInterface: 'virtio',
        diskCache: 'writeback',
        diskDiscard: 'ignore',
        detectZeroes: 'off',
        format: 'qcow2',
        headless: true,
        serialLogPath: consoleLog,
        rng: true,
      });
      const pidFile = join(spec.dir, 'qemu.pid');
      const rows: string[][] = [
        ...(options.qemuargs ?? []).map((r) => [...r]),
        ['-no-reboot'],
        ['-pidfile', pidFile],
      ];
      if (spec.authorizedKeys.length > 0) rows.push(authorizedKeysFwCfgArgs(spec.authorizedKeys));
      if (spec.userData) {
        await mkdir(spec.dir, { recursive: true });
        const userData = join(spec.dir, 'user-data');
        await writeFile(userData, spec.userData);
        rows.push(['-fw_cfg', `name=opt/imgbuild/user-data,file=${userData.replaceAll(',', ',,')}`]);
      }
      const argv = [...applyQemuArgs(table, rows, 'virtio-net'), ...qmpControlArgs(qmpSocket)];
      // Started first, so no moment exists where QEMU runs unwatched (it writes its pid file at once).
      const watchdog = startWatchdog(pidFile);
      let handle: VmHandle;
      try {
        handle = await driver.startVm(argv, { qmpSocketPath: qmpSocket });
      } catch (error) {
        watchdog.kill();
        throw error;
      }
      const exited = handle.exited.then(() => {
        watchdog.kill();
      });
      return {
        exited,
        async stop(timeoutMs) {
          if (handle.hasExited()) return;
          if (timeoutMs > 0) {
            const keys = ['ctrl', 'alt', 'delete'].map((data) => ({ type: 'qcode', data }));
            await handle.qmp('send-key', { keys }).catch(() => undefined);
            await handle.powerdown();
            const timer = new Promise<'timeout'>((resolve) =>
              setTimeout(() => resolve('timeout'), timeoutMs).unref(),
            );
            if ((await Promise.race([exited.then(() => 'exited' as const), timer])) === 'exited') return;
          }
          await handle.kill();
        },
        async kill() {
          await handle.kill();
        },
        async consoleOutput() {
          const text = await readFile(consoleLog, 'utf8').catch(() => '');
          return text.slice(-64 * 1024);
        },
      };
    },

    async captureDisk(source, target, { live }) {
      const partial = `${target}.partial`;
      try {
        await driver.convertImage({
          source,
          target: partial,
          sourceFormat: 'qcow2',
          outputFormat: 'qcow2',
          // -U: read a disk a running machine holds (crash-consistent, like CreateImage with NoReboot).
          extra: live ? ['-U'] : [],
        });
        await rename(partial, target);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
      const info = await driver.imageInfo(target, { format: 'qcow2' });
      return { virtualSizeBytes: info.virtualSize };
    },

    async deleteDisk(path) {
      await rm(path, { force: true });
    },
  };
}

/**
 * An endpoint killed outright (SIGKILL, a test runner's timeout) runs no exit hook, and QEMU lives in
 * its own process group: this sidecar shell kills the machine once the endpoint's process is gone.
 */
function startWatchdog(pidFile: string): ChildProcess {
  const script = [
    'while kill -0 "$1" 2>/dev/null; do sleep 1; done',
    // QEMU leads its own process group (spawned detached): the whole group goes.
    'if [ -s "$2" ]; then kill -KILL -"$(cat "$2")" 2>/dev/null; fi',
  ].join('\n');
  const child = spawn('/bin/sh', ['-c', script, 'ec2-instance-watchdog', String(process.pid), pidFile], {
    stdio: 'ignore',
    detached: true,
  });
  child.unref();
  return child;
}

function kvmUsable(): boolean {
  try {
    accessSync('/dev/kvm', constants.R_OK | constants.W_OK);
    return /^flags\s*:.*\b(vmx|svm)\b/m.test(readFileSync('/proc/cpuinfo', 'utf8'));
  } catch {
    return false;
  }
}
