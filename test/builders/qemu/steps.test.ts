/**
 * The qemu builder's steps against a recording fake driver that fails on demand: which qemu-img and
 * qemu calls each configuration makes, and that every failure or cancellation leaves no output, no
 * staging directory and no running VM.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { runQemuBuilder } from '../../../src/builders/qemu/run.js';
import { qemuSettings } from '../../../src/builders/qemu/settings.js';
import type { QemuState } from '../../../src/builders/qemu/state.js';
import { stepShutdown } from '../../../src/builders/qemu/steps/shutdown.js';
import { memoryLedger } from '../../../src/core/ledger/ledger.js';
import { runSteps } from '../../../src/core/steps.js';
import { DriverError } from '../../../src/process/driver-error.js';
import type { Communicator } from '../../../src/sdk/communicator.js';
import type { BuildRunContext } from '../../../src/sdk/plugin.js';
import { recordingUi } from '../../postprocessors/helpers/context.js';
import { type FakeDriver, fakeDriver } from './fake-driver.js';

let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'imgbuild-qemu-steps-'));
  await mkdir(join(work, 'tmp'));
  await writeFile(join(work, 'base.qcow2'), 'base image bytes');
});
afterEach(() => rm(work, { recursive: true, force: true }));

function context(signal = new AbortController().signal, force = false) {
  const ui = recordingUi();
  const log = { debug: () => undefined };
  const provisioned: unknown[] = [];
  const ctx = {
    signal,
    ui,
    log,
    buildName: 'qemu.t',
    sourceName: 't',
    runId: 'run-1',
    tempDir: join(work, 'tmp'),
    force,
    ledger: memoryLedger('run-1').forBuild('qemu.t'),
    provision: async (_communicator: Communicator | undefined, vars: Record<string, unknown>) => {
      provisioned.push(vars);
    },
    runSteps: <S>(steps: readonly import('../../../src/sdk/step.js').Step<S>[], state: S) =>
      runSteps(steps, state, { signal, ui, log, cleanupTimeoutMs: 5000 }),
  } as unknown as BuildRunContext;
  return { ctx, ui, provisioned };
}

const diskImageConfig = () => ({
  iso_url: join(work, 'base.qcow2'),
  iso_checksum: 'none',
  disk_image: true,
  disk_size: '2G',
  accelerator: 'tcg',
  communicator: 'none',
  output_directory: join(work, 'out'),
  vm_name: 'disk.qcow2',
  host_port_min: 40000,
  host_port_max: 40999,
  vnc_port_min: 41000,
  vnc_port_max: 41999,
});

const methods = (d: FakeDriver) => d.calls.map((c) => c.method);
const callArgs = (d: FakeDriver, m: string) => d.calls.filter((c) => c.method === m).map((c) => c.args[0]);

async function leftovers(): Promise<string[]> {
  return (await readdir(work)).filter((n) => n !== 'base.qcow2' && n !== 'tmp').sort();
}

describe('qemu builder steps (fake driver)', () => {
  it('disk_image with a matching extension: copy, resize, start, stop, compact, rename into place', async () => {
    const driver = fakeDriver();
    const { ctx, provisioned } = context();
    const artifact = await runQemuBuilder(diskImageConfig(), ctx, { driver });
    assert.deepEqual(methods(driver), ['verify', 'copyFile', 'resizeImage', 'startVm', 'convertImage']);
    const out = join(work, 'out');
    assert.deepEqual(callArgs(driver, 'resizeImage'), [
      { format: 'qcow2', path: driver.calls[1]?.args[1], size: '2G', extra: [] },
    ]);
    const convert = callArgs(driver, 'convertImage')[0] as Record<string, unknown>;
    assert.equal(convert.outputFormat, 'qcow2');
    assert.equal(convert.compress, false);
    assert.equal(driver.vms[0]?.killed, 0, 'with communicator none the guest powers itself off');
    assert.equal(provisioned.length, 1);
    assert.deepEqual(await leftovers(), ['out'], 'no staging directory is left');
    assert.deepEqual(await readdir(out), ['disk.qcow2']);
    assert.equal(await readFile(join(out, 'disk.qcow2'), 'utf8'), 'converted qcow2');
    assert.equal(artifact.builderId, 'transcend.qemu');
    assert.equal(artifact.id, 'VM');
    assert.equal(artifact.describe(), `VM files in directory: ${out}`);
    assert.deepEqual(artifact.files, [join(out, 'disk.qcow2')]);
    assert.deepEqual(
      { ...artifact.state, generated_data: undefined },
      {
        generated_data: undefined,
        diskName: 'disk.qcow2',
        diskPaths: [join(out, 'disk.qcow2')],
        diskType: 'qcow2',
        diskSize: '2G',
        domainType: 'tcg',
      },
    );
    const argv = driver.calls.find((c) => c.method === 'startVm')?.args[0] as string[];
    assert.ok(argv.includes('virtio-rng-pci'), 'rng device by default');
    assert.ok(
      argv.some((a) => a.startsWith('file:') && a.endsWith('console.log')),
      'serial console to a file',
    );
    assert.ok(argv.includes('chardev=imgbuild-qmp,mode=control'), 'the control QMP socket');
  });

  it('use_backing_file creates an overlay; additional disks; vmdk converts the qcow2 work disk', async () => {
    const driver = fakeDriver();
    const { ctx } = context();
    const config = {
      ...diskImageConfig(),
      use_backing_file: true,
      disk_additional_size: ['512'],
      format: 'vmdk',
      vm_name: 'disk.vmdk',
      skip_compaction: true,
    };
    await runQemuBuilder(config, ctx, { driver });
    assert.deepEqual(methods(driver), [
      'verify',
      'createImage',
      'createImage',
      'resizeImage',
      'startVm',
      'convertImage',
    ]);
    const [main, extra] = callArgs(driver, 'createImage') as Record<string, unknown>[];
    assert.equal(main?.backingFile, join(work, 'base.qcow2'));
    assert.equal(main?.format, 'qcow2');
    assert.equal(extra?.size, '512M');
    assert.match(String(extra?.path), /disk\.vmdk-1$/);
    const convert = callArgs(driver, 'convertImage')[0] as Record<string, unknown>;
    assert.deepEqual([convert.sourceFormat, convert.outputFormat], ['qcow2', 'vmdk']);
    assert.deepEqual((await readdir(join(work, 'out'))).sort(), ['disk.vmdk', 'disk.vmdk-1']);
  });

  it('a failing qemu-img create removes the staging directory and starts no VM', async () => {
    const driver = fakeDriver();
    driver.failOn(
      'createImage',
      2,
      new DriverError('qemu-img create failed: exit status 1', ['qemu-img'], 1, null, 'disk full'),
    );
    const { ctx } = context();
    const config = { ...diskImageConfig(), use_backing_file: true, disk_additional_size: ['1G'] };
    await assert.rejects(runQemuBuilder(config, ctx, { driver }), /qemu-img create failed/);
    assert.equal(driver.vms.length, 0);
    assert.deepEqual(await leftovers(), []);
    assert.equal(await readFile(join(work, 'base.qcow2'), 'utf8'), 'base image bytes', 'base untouched');
  });

  it('QEMU losing a port race is started again on other ports; other start errors are not retried', async () => {
    const driver = fakeDriver();
    const bind = new DriverError(
      'exited',
      ['qemu'],
      1,
      null,
      "qemu-system-x86_64: -netdev user,id=user.0,hostfwd=tcp:127.0.0.1:40001-:22: Could not set up host forwarding rule 'tcp:127.0.0.1:40001-:22'",
    );
    driver.failOn('startVm', 1, bind);
    const { ctx, ui } = context();
    await runQemuBuilder(diskImageConfig(), ctx, { driver });
    assert.equal(callArgs(driver, 'startVm').length, 2);
    assert.ok(ui.lines.some((l) => /trying other ports \(attempt 2\)/.test(l)));
    const sockets = driver.calls.filter((c) => c.method === 'startVm').map((c) => c.args[1]);
    assert.notEqual(sockets[0], sockets[1], 'each attempt has its own QMP socket');

    const broken = fakeDriver();
    broken.failOn('startVm', 1, new DriverError('exited', ['qemu'], 1, null, 'qemu: invalid option -bogus'));
    await rm(join(work, 'out'), { recursive: true });
    await assert.rejects(runQemuBuilder(diskImageConfig(), context().ctx, { driver: broken }), (e: Error) => {
      assert.match(e.message, /^Error launching VM: exited/);
      assert.ok(e.cause instanceof DriverError);
      return true;
    });
    assert.equal(callArgs(broken, 'startVm').length, 1);
    assert.deepEqual(await leftovers(), []);
  });

  it('a failing conversion removes the partial file and the staging directory; the VM is gone', async () => {
    const driver = fakeDriver();
    driver.failOn(
      'convertImage',
      1,
      new DriverError('qemu-img convert failed', ['qemu-img'], 1, null, 'I/O error'),
    );
    const { ctx } = context();
    await assert.rejects(
      runQemuBuilder(diskImageConfig(), ctx, { driver }),
      /^Error: Error converting hard drive: qemu-img convert failed/,
    );
    assert.ok(driver.vms[0]?.hasExited());
    assert.deepEqual(await leftovers(), []);
  });

  it('cancelled during conversion: the abort reason is rethrown as is, nothing is left', async () => {
    const driver = fakeDriver();
    const controller = new AbortController();
    const reason = new DOMException('interrupted', 'AbortError');
    driver.during('convertImage', () => controller.abort(reason));
    const { ctx } = context(controller.signal);
    await assert.rejects(runQemuBuilder(diskImageConfig(), ctx, { driver }), (e) => e === reason);
    assert.ok(driver.vms[0]?.hasExited());
    assert.deepEqual(await leftovers(), []);
  });

  it('an existing output directory without -force stops before anything is made; with -force it is replaced at the end', async () => {
    await mkdir(join(work, 'out'));
    await writeFile(join(work, 'out', 'old.txt'), 'previous build');
    const driver = fakeDriver();
    await assert.rejects(
      runQemuBuilder(diskImageConfig(), context().ctx, { driver }),
      /Output directory exists: .*out\n\nUse the force flag to delete it prior to building\./,
    );
    assert.deepEqual(methods(driver), ['verify']);
    assert.equal(await readFile(join(work, 'out', 'old.txt'), 'utf8'), 'previous build');

    const failing = fakeDriver();
    failing.failOn('convertImage', 1, new Error('boom'));
    await assert.rejects(
      runQemuBuilder(diskImageConfig(), context(undefined, true).ctx, { driver: failing }),
    );
    assert.equal(
      await readFile(join(work, 'out', 'old.txt'), 'utf8'),
      'previous build',
      'kept when -force build fails',
    );

    await runQemuBuilder(diskImageConfig(), context(undefined, true).ctx, { driver: fakeDriver() });
    assert.deepEqual(await readdir(join(work, 'out')), ['disk.qcow2']);
    assert.deepEqual(await leftovers(), ['out']);
  });

  it('efi_boot: OVMF code read-only and a per-build efivars.fd as pflash; efi_drop_efivars removes it', async () => {
    await writeFile(join(work, 'CODE.fd'), 'code');
    await writeFile(join(work, 'VARS.fd'), 'vars template');
    const efi = {
      efi_boot: true,
      efi_firmware_code: join(work, 'CODE.fd'),
      efi_firmware_vars: join(work, 'VARS.fd'),
    };
    const driver = fakeDriver();
    await runQemuBuilder({ ...diskImageConfig(), ...efi }, context().ctx, { driver });
    const argv = callArgs(driver, 'startVm')[0] as string[];
    const drives = argv.filter((a, i) => argv[i - 1] === '-drive' && a.includes('pflash'));
    assert.equal(drives.length, 2);
    assert.equal(drives[0], `file=${join(work, 'CODE.fd')},if=pflash,unit=0,format=raw,readonly=on`);
    assert.match(String(drives[1]), /^file=.*\/efivars\.fd,if=pflash,unit=1,format=raw$/);
    assert.deepEqual((await readdir(join(work, 'out'))).sort(), ['disk.qcow2', 'efivars.fd']);
    assert.equal(await readFile(join(work, 'out', 'efivars.fd'), 'utf8'), 'vars template');
    assert.equal(await readFile(join(work, 'VARS.fd'), 'utf8'), 'vars template', 'template untouched');

    await rm(join(work, 'out'), { recursive: true });
    await runQemuBuilder({ ...diskImageConfig(), ...efi, efi_drop_efivars: true }, context().ctx, {
      driver: fakeDriver(),
    });
    assert.deepEqual(await readdir(join(work, 'out')), ['disk.qcow2']);
  });

  it('headless = false without a display runs headless (Packer would fail opening a GTK window)', async () => {
    const saved = { DISPLAY: process.env.DISPLAY, WAYLAND_DISPLAY: process.env.WAYLAND_DISPLAY };
    delete process.env.DISPLAY;
    delete process.env.WAYLAND_DISPLAY;
    try {
      const driver = fakeDriver();
      const { ctx, ui } = context();
      await runQemuBuilder({ ...diskImageConfig(), headless: false }, ctx, { driver });
      const argv = callArgs(driver, 'startVm')[0] as string[];
      assert.ok(!argv.includes('-display'), argv.join(' '));
      assert.ok(
        ui.lines.some((l) => l.includes('there is no display (DISPLAY is not set): running headless')),
      );
      process.env.DISPLAY = ':0';
      const withDisplay = fakeDriver();
      await rm(join(work, 'out'), { recursive: true });
      await runQemuBuilder({ ...diskImageConfig(), headless: false }, context().ctx, { driver: withDisplay });
      const argv2 = callArgs(withDisplay, 'startVm')[0] as string[];
      assert.equal(argv2[argv2.indexOf('-display') + 1], 'gtk');
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it('a checksum mismatch fails before the output directory or any disk exists', async () => {
    const driver = fakeDriver();
    const config = { ...diskImageConfig(), iso_checksum: `sha256:${'0'.repeat(64)}` };
    await assert.rejects(runQemuBuilder(config, context().ctx, { driver }), /checksum/i);
    assert.deepEqual(methods(driver), ['verify']);
    assert.deepEqual(await leftovers(), []);
  });
});

describe('stepShutdown (fake VM)', () => {
  function shutdownState(driver: FakeDriver, exec: Communicator['exec']) {
    const settings = qemuSettings(
      { ...diskImageConfig(), communicator: 'ssh', shutdown_command: 'poweroff', shutdown_timeout: '300ms' },
      't',
    );
    const closed: boolean[] = [];
    const communicator = { exec, close: async () => void closed.push(true) } as unknown as Communicator;
    return {
      settings,
      driver,
      tempDir: work,
      serialLogPath: join(work, 'c.log'),
      communicator,
      closed,
    } as QemuState & {
      closed: boolean[];
    };
  }

  it('waits for the VM to power off and notices it at once', async () => {
    const driver = fakeDriver();
    driver.powerOffAfterMs = undefined;
    const vm = await driver.startVm([]);
    const state = shutdownState(driver, async () => {
      setTimeout(() => vm.exit(0), 20);
      return { exitCode: null, disconnected: 'link lost' };
    });
    state.vm = vm;
    const started = Date.now();
    const { ui } = context();
    await runSteps([stepShutdown()], state, {
      signal: new AbortController().signal,
      ui,
      log: { debug: () => undefined },
    });
    assert.ok(Date.now() - started < 250, 'did not wait for the timeout');
    assert.equal(vm.killed, 0);
    assert.deepEqual(state.closed, [true]);
    assert.ok(ui.lines.includes('say: Gracefully halting virtual machine...'));
  });

  it("a shutdown_command that does not power off: forced off after shutdown_timeout, with Packer's error", async () => {
    const driver = fakeDriver();
    driver.powerOffAfterMs = undefined;
    const vm = await driver.startVm([]);
    const state = shutdownState(driver, async () => ({ exitCode: 0 }));
    state.vm = vm;
    const { ui } = context();
    await assert.rejects(
      runSteps([stepShutdown()], state, {
        signal: new AbortController().signal,
        ui,
        log: { debug: () => undefined },
      }),
      /^Error: Timeout while waiting for machine to shut down\.$/,
    );
    assert.equal(vm.killed, 1);
    assert.ok(vm.hasExited());
  });

  it("a shutdown command that cannot be sent fails with Packer's message", async () => {
    const driver = fakeDriver();
    driver.powerOffAfterMs = undefined;
    const vm = await driver.startVm([]);
    const state = shutdownState(driver, async () => {
      throw new Error('session refused');
    });
    state.vm = vm;
    await assert.rejects(
      runSteps([stepShutdown()], state, {
        signal: new AbortController().signal,
        ui: recordingUi(),
        log: { debug: () => undefined },
      }),
      /Failed to send shutdown command: session refused/,
    );
  });
});

describe('stepShutdown with communicator none', () => {
  const state = (driver: FakeDriver) =>
    ({
      settings: qemuSettings({ ...diskImageConfig(), shutdown_timeout: '200ms' }, 't'),
      driver,
      tempDir: work,
      serialLogPath: join(work, 'c.log'),
    }) as QemuState;
  const run = (s: QemuState, ui = recordingUi()) =>
    runSteps([stepShutdown()], s, {
      signal: new AbortController().signal,
      ui,
      log: { debug: () => undefined },
    });

  it('waits for the guest to power off by itself', async () => {
    const driver = fakeDriver();
    const s = state(driver);
    s.vm = await driver.startVm([]);
    const ui = recordingUi();
    await run(s, ui);
    assert.equal(driver.vms[0]?.killed, 0);
    assert.ok(ui.lines.includes('say: Waiting for shutdown...'));
  });

  it('forces it off and fails when it does not within shutdown_timeout', async () => {
    const driver = fakeDriver();
    driver.powerOffAfterMs = undefined;
    const s = state(driver);
    s.vm = await driver.startVm([]);
    await assert.rejects(run(s), /Failed to shutdown: the VM did not power off within shutdown_timeout/);
    assert.equal(driver.vms[0]?.killed, 1);
  });
});

describe('qemu settings', () => {
  it('fills Packer defaults', () => {
    const s = qemuSettings({ iso_url: 'x.iso', iso_checksum: 'none' }, 'web');
    assert.deepEqual(
      [
        s.vmName,
        s.outputDir,
        s.format,
        s.diskSize,
        s.memory,
        s.cpus,
        s.netDevice,
        s.diskInterface,
        s.hostPortMin,
        s.hostPortMax,
        s.vncPortMin,
        s.vncPortMax,
        s.bootWaitMs,
        s.shutdownTimeoutMs,
      ],
      [
        'packer-web',
        'output-web',
        'qcow2',
        '40960M',
        512,
        1,
        'virtio-net',
        'virtio',
        2222,
        4444,
        5900,
        6000,
        10_000,
        300_000,
      ],
    );
    assert.equal(existsSync('/dev/kvm') ? true : s.accelerator === 'tcg', true);
  });
});
