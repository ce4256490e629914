/**
 * A backend without VMs: disks are copied files and an instance is "up" as soon as it launches. For
 * testing API behaviour (states, errors, faults) fast; it can also fail the Nth launch.
 */
import { copyFile, rm, stat, writeFile } from 'node:fs/promises';
import type { InstanceBackend, InstanceVm, LaunchSpec } from './backend.js';

export interface FakeBackendOptions {
  /** Virtual size reported for captured disks (default 8 GiB). */
  readonly virtualSizeBytes?: number;
  /** Launches that fail, 1-based (e.g. [1] makes the first launch fail). */
  readonly failLaunches?: readonly number[];
  /** How long a launch takes (default 0): room for a terminate while the machine starts. */
  readonly launchDelayMs?: number;
}

export interface FakeBackend extends InstanceBackend {
  /** Every launch, in order (what the instance would have been given). */
  readonly launches: LaunchSpec[];
  /** Instances whose machine is running now. */
  running(): string[];
}

export function createFakeBackend(options: FakeBackendOptions = {}): FakeBackend {
  const launches: LaunchSpec[] = [];
  const live = new Set<string>();
  return {
    launches,
    running: () => [...live],
    async createInstanceDisk(imageDisk, instanceDisk) {
      await copyFile(imageDisk, instanceDisk);
    },
    async launch(spec) {
      launches.push(spec);
      if (options.failLaunches?.includes(launches.length)) {
        throw new Error(`fake backend: launch ${launches.length} fails`);
      }
      await stat(spec.disk);
      let resolveExit: () => void = () => {};
      const exited = new Promise<void>((resolve) => {
        resolveExit = resolve;
      });
      const down = async () => {
        live.delete(spec.instanceId);
        resolveExit();
      };
      // Like QEMU: the machine exists while it starts, and a failed start leaves nothing running.
      live.add(spec.instanceId);
      try {
        await writeFile(`${spec.dir}/console.log`, `fake console of ${spec.instanceId}\n`);
        if (options.launchDelayMs) await new Promise((resolve) => setTimeout(resolve, options.launchDelayMs));
      } catch (error) {
        await down();
        throw error;
      }
      const vm: InstanceVm = {
        exited,
        stop: down,
        kill: down,
        consoleOutput: async () => `booted ${spec.instanceId}\n`,
      };
      return vm;
    },
    async captureDisk(source, target) {
      await copyFile(source, target);
      return { virtualSizeBytes: options.virtualSizeBytes ?? 8 * 1024 ** 3 };
    },
    async deleteDisk(path) {
      await rm(path, { force: true });
    },
  };
}
