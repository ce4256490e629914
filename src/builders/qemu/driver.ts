/**
 * The narrow interface over qemu-system and qemu-img (packer-plugin-qemu's Driver). Steps and other
 * users (the EC2 test endpoint's instances) talk only to this; tests use a fake that records calls
 * and can fail on the Nth one. The real one is made by createQemuDriver() (real-driver.ts).
 */
import type { ConvertImageSpec, CreateImageSpec, ResizeImageSpec } from './qemu-img-args.js';

export interface DriverCallOptions {
  readonly signal?: AbortSignal;
}

export interface QemuVersions {
  readonly qemu: string;
  readonly qemuImg: string;
}

/** The fields of `qemu-img info --output=json` imgbuild uses. */
export interface ImageInfo {
  readonly format: string;
  readonly virtualSize: number;
  readonly actualSize: number;
  readonly backingFile?: string;
  readonly raw: Readonly<Record<string, unknown>>;
}

export interface ImageCheck {
  /** False when the format has no consistency check (raw): nothing was checked. */
  readonly supported: boolean;
  readonly errors: number;
  readonly leaks: number;
  readonly raw?: Readonly<Record<string, unknown>>;
}

export interface StartVmOptions extends DriverCallOptions {
  /**
   * A QMP socket the argv already serves (see qmpControlArgs): startVm resolves only once QEMU
   * answers on it, i.e. every -netdev/-vnc bind succeeded; without it, as soon as QEMU is spawned.
   */
  readonly qmpSocketPath?: string;
  /** How long QEMU may take to answer on the QMP socket (default 60 s: TCG hosts can be slow). */
  readonly readyTimeoutMs?: number;
}

export interface VmExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The last lines QEMU wrote to stderr. */
  readonly stderrTail: string;
}

export interface VmHandle {
  readonly pid: number;
  /** Resolves (never rejects) when the QEMU process has exited. */
  readonly exited: Promise<VmExit>;
  /** Whether the process has exited. */
  readonly hasExited: () => boolean;
  /** Runs a QMP command (e.g. set_password); rejects when there is no QMP link or QEMU refuses. */
  qmp(command: string, args?: Record<string, unknown>): Promise<unknown>;
  /** ACPI power button (QMP system_powerdown); false when there is no QMP link. */
  powerdown(): Promise<boolean>;
  /** Stops QEMU now: QMP quit, then SIGTERM, then SIGKILL; resolves once the process is gone. */
  kill(): Promise<VmExit>;
  /** QEMU's stderr so far (tail). */
  stderrTail(): string;
}

export interface QemuDriver {
  /** Checks both programs run and returns their versions (Packer's Verify + Version). */
  verify(options?: DriverCallOptions): Promise<QemuVersions>;
  createImage(spec: CreateImageSpec, options?: DriverCallOptions): Promise<void>;
  /** `onProgress` receives qemu-img -p percentages (0–100). */
  convertImage(
    spec: ConvertImageSpec,
    options?: DriverCallOptions & { onProgress?: (percent: number) => void },
  ): Promise<void>;
  resizeImage(spec: ResizeImageSpec, options?: DriverCallOptions): Promise<void>;
  imageInfo(path: string, options?: DriverCallOptions & { format?: string }): Promise<ImageInfo>;
  checkImage(path: string, format: string, options?: DriverCallOptions): Promise<ImageCheck>;
  /** Copies a file (Packer's driver.Copy: disk_image whose extension matches format). */
  copyFile(source: string, target: string, options?: DriverCallOptions): Promise<void>;
  /** Starts qemu-system with argv (without the program). Rejects if QEMU exits before it is ready. */
  startVm(argv: readonly string[], options?: StartVmOptions): Promise<VmHandle>;
}

/** Extra arguments that give imgbuild its own QMP control socket (kept out of qemuargs overrides). */
export function qmpControlArgs(socketPath: string): string[] {
  return [
    '-chardev',
    `socket,id=imgbuild-qmp,path=${socketPath},server=on,wait=off`,
    '-mon',
    'chardev=imgbuild-qmp,mode=control',
  ];
}
