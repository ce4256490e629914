/**
 * The ovf post-processor's narrow view of qemu-img: probe an input disk, convert it to a
 * streamOptimized VMDK. The real one runs qemu-img; tests can hand run.ts a failing one.
 */
import { runProgram } from '../../process/run-program.js';
import { infoArgs, lastProgress, toStreamOptimizedArgs } from './qemu-img-args.js';

export interface DiskInfo {
  readonly format: string;
  /** Bytes the guest sees. */
  readonly virtualSize: number;
}

export interface OvfDiskTool {
  info(path: string, signal: AbortSignal): Promise<DiskInfo>;
  toStreamOptimizedVmdk(
    source: string,
    sourceFormat: string,
    target: string,
    adapterType: 'ide' | 'lsilogic',
    signal: AbortSignal,
    /** Called with the percentage converted so far. */
    onProgress?: (percent: number) => void,
  ): Promise<void>;
}

export function qemuImgDiskTool(qemuImg = 'qemu-img'): OvfDiskTool {
  return {
    async info(path, signal) {
      const { stdout } = await runProgram(infoArgs(qemuImg, path), { signal });
      return parseInfo(stdout, path);
    },
    async toStreamOptimizedVmdk(source, sourceFormat, target, adapterType, signal, onProgress) {
      await runProgram(toStreamOptimizedArgs(qemuImg, source, sourceFormat, target, adapterType), {
        signal,
        onStdout: (text) => {
          const percent = lastProgress(text);
          if (percent !== undefined) onProgress?.(percent);
        },
      });
    },
  };
}

export function parseInfo(json: string, path: string): DiskInfo {
  let data: { format?: unknown; 'virtual-size'?: unknown };
  try {
    data = JSON.parse(json) as typeof data;
  } catch (err) {
    throw new Error(`qemu-img info ${path}: unreadable output`, { cause: err });
  }
  const format = data.format;
  const size = data['virtual-size'];
  if (typeof format !== 'string' || typeof size !== 'number') {
    throw new Error(`qemu-img info ${path}: no format or virtual-size in its output`);
  }
  return { format, virtualSize: size };
}
