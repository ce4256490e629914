/**
 * stepConvertDisk: compaction (`qemu-img convert` to the same format drops unused clusters),
 * disk_compression (`-c`), and the conversion of a vmdk build's qcow2 work disk. Writes `<disk>.convert`
 * and renames it over the disk; retries while QEMU still holds the image lock, as Packer does.
 */
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isCancellation } from '../../../core/errors.js';
import { DriverError } from '../../../process/driver-error.js';
import type { Step } from '../../../sdk/step.js';
import type { QemuState } from '../state.js';

const LOCK_TRIES = 10;

export function stepConvertDisk(): Step<QemuState> {
  let partial: string | undefined;
  return {
    name: 'stepConvertDisk',
    async run(state, ctx) {
      const s = state.settings;
      const toVmdk = s.format !== s.workFormat;
      if (s.skipCompaction && !s.diskCompression && !toVmdk) return;
      const source = join(state.stagingDir as string, s.vmName);
      const target = `${source}.convert`;
      ctx.ui.say('Converting hard drive...');
      partial = target;
      let lastPercent = -10;
      for (let attempt = 1; ; attempt++) {
        try {
          await state.driver.convertImage(
            {
              source,
              target,
              sourceFormat: s.workFormat,
              outputFormat: s.format,
              compress: s.diskCompression && s.format === 'qcow2',
              extra: s.qemuImgArgs.convert,
            },
            {
              signal: ctx.signal,
              onProgress: (percent) => {
                if (percent - lastPercent < 10 && percent < 100) return;
                lastPercent = percent;
                ctx.log.debug(`converting: ${percent.toFixed(0)}%`);
              },
            },
          );
          break;
        } catch (error) {
          if (isCancellation(error, ctx.signal)) throw error;
          const locked =
            error instanceof DriverError && /Failed to get shared "write" lock/.test(error.stderrTail);
          if (!locked || attempt >= LOCK_TRIES)
            throw new Error(`Error converting hard drive: ${(error as Error).message}`, { cause: error });
          ctx.ui.say('Error getting file lock for conversion; retrying...');
          await sleep(Math.min(attempt * 1000, 10_000), undefined, { signal: ctx.signal });
        }
      }
      await rename(target, source);
      partial = undefined;
    },
    async cleanup() {
      if (partial !== undefined) await rm(partial, { force: true });
      partial = undefined;
    },
    describeCleanup: () => partial,
  };
}
