/**
 * qemu-img command lines, as pure functions (packer-plugin-qemu's buildCreateCommand,
 * buildConvertCommand, buildResizeCommand): the template's qemu_img_args go after the options
 * imgbuild sets and before the paths, so a user can add options but never reorder the positionals.
 */

export interface CreateImageSpec {
  readonly format: string;
  readonly path: string;
  /** qemu-img's size syntax: `40960M`, `2G`. */
  readonly size: string;
  /** Makes the image an overlay of this file (use_backing_file). */
  readonly backingFile?: string;
  readonly backingFormat?: string;
  readonly extra?: readonly string[];
}

export function createImageArgs(spec: CreateImageSpec): string[] {
  const argv = ['create', '-f', spec.format];
  if (spec.backingFile !== undefined) {
    argv.push('-b', spec.backingFile, '-F', spec.backingFormat ?? 'qcow2');
  }
  argv.push(...(spec.extra ?? []), spec.path, spec.size);
  return argv;
}

export interface ConvertImageSpec {
  readonly source: string;
  readonly target: string;
  readonly outputFormat: string;
  /** Given when known: qemu-img then does not probe the source (probing a raw image is unsafe). */
  readonly sourceFormat?: string;
  /** qcow2 internal compression (disk_compression). */
  readonly compress?: boolean;
  /** `-o` options of the output format, e.g. `subformat=streamOptimized`. */
  readonly options?: readonly string[];
  readonly extra?: readonly string[];
  /** `-p`: qemu-img prints `(12.34/100%)` as it goes. */
  readonly progress?: boolean;
}

export function convertImageArgs(spec: ConvertImageSpec): string[] {
  const argv = ['convert'];
  if (spec.progress) argv.push('-p');
  if (spec.compress) argv.push('-c');
  argv.push(...(spec.extra ?? []));
  if (spec.sourceFormat !== undefined) argv.push('-f', spec.sourceFormat);
  argv.push('-O', spec.outputFormat);
  if (spec.options !== undefined && spec.options.length > 0) argv.push('-o', spec.options.join(','));
  argv.push(spec.source, spec.target);
  return argv;
}

export interface ResizeImageSpec {
  readonly format: string;
  readonly path: string;
  readonly size: string;
  readonly extra?: readonly string[];
}

export function resizeImageArgs(spec: ResizeImageSpec): string[] {
  return ['resize', '-f', spec.format, ...(spec.extra ?? []), spec.path, spec.size];
}

export function infoImageArgs(path: string, format?: string): string[] {
  return ['info', '--output=json', ...(format !== undefined ? ['-f', format] : []), path];
}

export function checkImageArgs(path: string, format: string): string[] {
  return ['check', '--output=json', '-f', format, path];
}

/**
 * Packer's disk_size: a bare number is MiB; a number with a unit (`b`, `k`, `m`, `g`, `t`) goes to
 * qemu-img as written.
 */
export function qemuImgSize(diskSize: string): string {
  const s = diskSize.trim();
  return /^\d+$/.test(s) ? `${s}M` : s;
}
