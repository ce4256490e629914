/**
 * A QemuDriver that records every call and can fail the Nth call of a method; disk calls write small
 * files so the steps' renames and cleanups act on real paths. Its VMs exit when told to.
 */
import { copyFile, writeFile } from 'node:fs/promises';
import type { QemuDriver, VmExit, VmHandle } from '../../../src/builders/qemu/driver.js';

export interface FakeCall {
  readonly method: keyof QemuDriver;
  readonly args: unknown[];
}

export interface FakeVm extends VmHandle {
  /** Makes the VM exit (a guest powering off). */
  exit(code?: number): void;
  killed: number;
}

export interface FakeDriver extends QemuDriver {
  readonly calls: FakeCall[];
  readonly vms: FakeVm[];
  /** Fails the nth (1-based) call of `method` with `error`. */
  failOn(method: keyof QemuDriver, nth: number, error: Error): void;
  /** Runs before the method resolves (e.g. abort a controller mid-call). */
  during(method: keyof QemuDriver, hook: () => void): void;
  /** The VMs power off by themselves this long after starting (default 20 ms; undefined: never). */
  powerOffAfterMs?: number;
  startVm(argv: readonly string[], options?: Parameters<QemuDriver['startVm']>[1]): Promise<FakeVm>;
}

export function fakeDriver(): FakeDriver {
  const calls: FakeCall[] = [];
  const vms: FakeVm[] = [];
  const failures = new Map<string, { nth: number; error: Error }[]>();
  const hooks = new Map<string, () => void>();
  const counts = new Map<string, number>();
  const enter = async (method: keyof QemuDriver, args: unknown[], signal?: AbortSignal) => {
    calls.push({ method, args });
    const n = (counts.get(method) ?? 0) + 1;
    counts.set(method, n);
    hooks.get(method)?.();
    signal?.throwIfAborted();
    const failure = failures.get(method)?.find((f) => f.nth === n);
    if (failure) throw failure.error;
  };
  const driver: FakeDriver = {
    calls,
    vms,
    powerOffAfterMs: 20,
    failOn(method, nth, error) {
      failures.set(method, [...(failures.get(method) ?? []), { nth, error }]);
    },
    during(method, hook) {
      hooks.set(method, hook);
    },
    async verify(o) {
      await enter('verify', [], o?.signal);
      return { qemu: '7.2.0', qemuImg: '7.2.0' };
    },
    async createImage(spec, o) {
      await enter('createImage', [spec], o?.signal);
      await writeFile(spec.path, `image ${spec.size}`);
    },
    async convertImage(spec, o) {
      await enter('convertImage', [spec], o?.signal);
      await writeFile(spec.target, `converted ${spec.outputFormat}`);
    },
    async resizeImage(spec, o) {
      await enter('resizeImage', [spec], o?.signal);
    },
    async imageInfo(path, o) {
      await enter('imageInfo', [path], o?.signal);
      return { format: 'qcow2', virtualSize: 1, actualSize: 1, raw: {} };
    },
    async checkImage(path, format, o) {
      await enter('checkImage', [path, format], o?.signal);
      return { supported: true, errors: 0, leaks: 0 };
    },
    async copyFile(source, target, o) {
      await enter('copyFile', [source, target], o?.signal);
      await copyFile(source, target);
    },
    async startVm(argv, o) {
      await enter('startVm', [argv, o?.qmpSocketPath], o?.signal);
      let resolveExit: (e: VmExit) => void = () => {};
      let done: VmExit | undefined;
      const exited = new Promise<VmExit>((r) => {
        resolveExit = r;
      });
      const vm: FakeVm = {
        pid: process.pid,
        exited,
        killed: 0,
        hasExited: () => done !== undefined,
        stderrTail: () => '',
        powerdown: async () => true,
        qmp: async (command, args) => {
          calls.push({ method: 'startVm', args: [`qmp ${command}`, args] });
          return {};
        },
        exit(code = 0) {
          if (done) return;
          done = { code, signal: null, stderrTail: '' };
          resolveExit(done);
        },
        async kill() {
          vm.killed++;
          vm.exit(0);
          return done as VmExit;
        },
      };
      if (driver.powerOffAfterMs !== undefined) setTimeout(() => vm.exit(0), driver.powerOffAfterMs).unref();
      vms.push(vm);
      return vm;
    },
  };
  return driver;
}
