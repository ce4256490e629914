/** The QemuDriver that runs the real qemu-system and qemu-img (through runProgram). */
import { constants } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { runProgram } from '../../process/run-program.js';
import type { DriverCallOptions, ImageCheck, ImageInfo, QemuDriver, QemuVersions } from './driver.js';
import {
  checkImageArgs,
  convertImageArgs,
  createImageArgs,
  infoImageArgs,
  resizeImageArgs,
} from './qemu-img-args.js';
import { startVmProcess } from './vm-process.js';

export interface QemuDriverOptions {
  /** qemu_binary (default qemu-system-x86_64). */
  readonly qemuBinary?: string;
  readonly qemuImgBinary?: string;
}

/** `qemu-img check` exits 2 with corruptions, 3 with leaks, 63 when the format has no check (raw). */
const CHECK_UNSUPPORTED = 63;
const CHECK_FINDINGS = [2, 3];

export function createQemuDriver(options: QemuDriverOptions = {}): QemuDriver {
  const qemu = options.qemuBinary ?? 'qemu-system-x86_64';
  const qemuImg = options.qemuImgBinary ?? 'qemu-img';
  const img = (argv: string[], o?: DriverCallOptions & { onStdout?: (t: string) => void; ok?: number[] }) =>
    runProgram([qemuImg, ...argv], { signal: o?.signal, onStdout: o?.onStdout, okExitCodes: o?.ok });
  return {
    async verify(o): Promise<QemuVersions> {
      const [a, b] = await Promise.all([
        runProgram([qemu, '--version'], { signal: o?.signal }),
        runProgram([qemuImg, '--version'], { signal: o?.signal }),
      ]);
      return { qemu: parseVersion(a.stdout), qemuImg: parseVersion(b.stdout) };
    },
    async createImage(spec, o) {
      await img(createImageArgs(spec), o);
    },
    async convertImage(spec, o) {
      const onProgress = o?.onProgress;
      const onStdout = onProgress
        ? (text: string) => {
            for (const m of text.matchAll(/\((\d+(?:\.\d+)?)\/100%\)/g)) onProgress(Number(m[1]));
          }
        : undefined;
      await img(convertImageArgs({ ...spec, progress: onProgress !== undefined }), { ...o, onStdout });
    },
    async resizeImage(spec, o) {
      await img(resizeImageArgs(spec), o);
    },
    async imageInfo(path, o): Promise<ImageInfo> {
      const { stdout } = await img(infoImageArgs(path, o?.format), o);
      const raw = JSON.parse(stdout) as Record<string, unknown>;
      return {
        format: String(raw.format),
        virtualSize: Number(raw['virtual-size']),
        actualSize: Number(raw['actual-size']),
        backingFile: typeof raw['backing-filename'] === 'string' ? raw['backing-filename'] : undefined,
        raw,
      };
    },
    async checkImage(path, format, o): Promise<ImageCheck> {
      const result = await img(checkImageArgs(path, format), {
        ...o,
        ok: [0, ...CHECK_FINDINGS, CHECK_UNSUPPORTED],
      });
      if (result.exitCode === CHECK_UNSUPPORTED) return { supported: false, errors: 0, leaks: 0 };
      const raw = JSON.parse(result.stdout) as Record<string, unknown>;
      return {
        supported: true,
        errors: Number(raw['check-errors'] ?? 0) + Number(raw.corruptions ?? 0),
        leaks: Number(raw.leaks ?? 0),
        raw,
      };
    },
    async copyFile(source, target, o) {
      o?.signal?.throwIfAborted();
      // A reflink when the filesystem has them, else copy_file_range: both far faster than streams.
      await copyFile(source, target, constants.COPYFILE_FICLONE);
      o?.signal?.throwIfAborted();
    },
    startVm: (argv, o) => startVmProcess(qemu, argv, o),
  };
}

function parseVersion(text: string): string {
  return /version (\d+\.\d+(?:\.\d+)?)/.exec(text)?.[1] ?? text.trim().split('\n')[0] ?? '';
}
