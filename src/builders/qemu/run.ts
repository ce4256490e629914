/**
 * The qemu builder's run (packer-plugin-qemu's Builder.Run): a flat list of steps, each undoing what
 * it made. The output is written under a temporary name and renamed into place by the last step, so a
 * failed or cancelled build leaves neither a partial output nor a running QEMU.
 */
import { basename, join } from 'node:path';
import type { Artifact } from '../../sdk/artifact.js';
import type { BuildRunContext } from '../../sdk/plugin.js';
import type { Step } from '../../sdk/step.js';
import { acceleratorRuns } from './accel-probe.js';
import { qemuArtifact } from './artifact.js';
import type { QemuConfig } from './config.js';
import type { QemuDriver } from './driver.js';
import { createQemuDriver } from './real-driver.js';
import { qemuSettings } from './settings.js';
import type { QemuState } from './state.js';
import { stepConnect, stepTemporaryKey } from './steps/connect.js';
import { stepConvertDisk } from './steps/convert.js';
import { stepCopyDisk, stepCreateDisks, stepResizeDisk } from './steps/disks.js';
import { stepDropEfivars, stepPrepareEfivars } from './steps/efivars.js';
import { stepFinishOutput } from './steps/finish-output.js';
import { stepOutputDir } from './steps/output-dir.js';
import { stepProvision } from './steps/provision.js';
import { stepRunVm } from './steps/run-vm.js';
import { stepCreateCd, stepHttpServer } from './steps/seed.js';
import { stepShutdown } from './steps/shutdown.js';
import { stepSource } from './steps/source.js';
import { stepBootCommand } from './steps/boot-command.js';

const kvmChecks = new Map<string, Promise<boolean>>();

/** Once per process and QEMU binary: parallel builds share the answer. */
function kvmWorks(qemuBinary: string, signal: AbortSignal): Promise<boolean> {
  let check = kvmChecks.get(qemuBinary);
  if (check === undefined) {
    check = acceleratorRuns(qemuBinary, 'kvm', { signal });
    kvmChecks.set(qemuBinary, check);
  }
  return check;
}

export interface QemuRunOptions {
  /** A driver other than the real one (tests). */
  readonly driver?: QemuDriver;
}

export function qemuSteps(config: QemuConfig, ctx: BuildRunContext): Step<QemuState>[] {
  return [
    stepSource(),
    stepOutputDir(ctx.force),
    stepCreateDisks(),
    stepCopyDisk(),
    stepResizeDisk(),
    stepPrepareEfivars(),
    stepTemporaryKey(config),
    stepCreateCd(config),
    stepHttpServer(config),
    stepRunVm(),
    stepBootCommand(config),
    stepConnect(config),
    stepProvision(config, ctx),
    stepShutdown(),
    stepDropEfivars(),
    stepConvertDisk(),
    stepFinishOutput(ctx.force),
  ];
}

export async function runQemuBuilder(
  config: QemuConfig,
  ctx: BuildRunContext,
  options: QemuRunOptions = {},
): Promise<Artifact> {
  const sourceName = ctx.sourceName ?? ctx.buildName.split('.').at(-1) ?? 'qemu';
  let settings = qemuSettings(config, sourceName);
  const driver = options.driver ?? createQemuDriver({ qemuBinary: settings.qemuBinary });
  const versions = await driver.verify({ signal: ctx.signal });
  ctx.log.debug(`qemu ${versions.qemu}, qemu-img ${versions.qemuImg}`);
  if (!settings.acceleratorGiven && settings.accelerator === 'kvm' && options.driver === undefined) {
    if (!(await kvmWorks(settings.qemuBinary, ctx.signal))) {
      ctx.ui.message(
        '/dev/kvm is present but a test guest did not run under KVM; using tcg (set accelerator to choose).',
      );
      settings = { ...settings, accelerator: 'tcg' };
    }
  }
  const state: QemuState = {
    settings,
    driver,
    tempDir: ctx.tempDir,
    ledger: ctx.ledger,
    serialLogPath: join(ctx.tempDir, 'console.log'),
  };
  await ctx.runSteps(qemuSteps(config, ctx), state);
  const outputDir = state.outputDir as string;
  return qemuArtifact({
    outputDir,
    displayDir: settings.outputDir,
    vmName: settings.vmName,
    diskPaths: (state.diskPaths ?? []).map((p) => join(outputDir, basename(p))),
    format: settings.format,
    diskSize: settings.diskSize,
    accelerator: settings.accelerator,
  });
}
