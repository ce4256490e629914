/**
 * The qemu builder's decoded config as typed settings with Packer's defaults filled in (Config.Prepare's
 * defaulting part): what the steps read, so no step digs in the raw config.
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import { parseGoDuration } from '../../hcl/functions/gotime.js';
import type { QemuConfig } from './config.js';
import { qemuImgSize } from './qemu-img-args.js';

export interface QemuSettings {
  readonly isoUrls: readonly string[];
  readonly isoChecksum: string;
  readonly isoTargetPath?: string;
  readonly isoTargetExtension: string;
  readonly isoSkipCache: boolean;
  readonly diskImage: boolean;
  readonly useBackingFile: boolean;
  readonly skipResizeDisk: boolean;
  /** Output format: qcow2, raw or vmdk. */
  readonly format: string;
  /** The format the VM runs on: vmdk builds run on qcow2 and are converted at the end. */
  readonly workFormat: string;
  readonly diskSize: string;
  readonly additionalDiskSizes: readonly string[];
  readonly diskInterface: string;
  readonly diskCache: string;
  readonly diskDiscard: string;
  readonly detectZeroes: string;
  readonly skipCompaction: boolean;
  readonly diskCompression: boolean;
  readonly qemuImgArgs: { readonly convert: string[]; readonly create: string[]; readonly resize: string[] };
  readonly outputDir: string;
  readonly vmName: string;
  readonly qemuBinary: string;
  /** accelerator; when the template does not set it, run.ts picks kvm if it really runs guests, else tcg. */
  readonly accelerator: string;
  readonly acceleratorGiven: boolean;
  readonly machineType: string;
  readonly cpuModel?: string;
  readonly cpus: number;
  readonly sockets?: number;
  readonly cores?: number;
  readonly threads?: number;
  readonly memory: number;
  readonly netDevice: string;
  readonly netBridge?: string;
  readonly cdromInterface?: string;
  readonly firmware?: string;
  readonly usePflash: boolean;
  /** efi_boot: OVMF code and the variables template (copied per build as efivars.fd). */
  readonly efi?: { readonly code: string; readonly varsTemplate: string; readonly dropVars: boolean };
  readonly headless: boolean;
  readonly display?: string;
  readonly useDefaultDisplay: boolean;
  readonly vga?: string;
  readonly disableVnc: boolean;
  readonly vncBindAddress: string;
  readonly vncPortMin: number;
  readonly vncPortMax: number;
  readonly vncUsePassword: boolean;
  /** vnc_password (Packer: at most 8 characters, the VNC DES key). */
  readonly vncPassword?: string;
  readonly hostPortMin: number;
  readonly hostPortMax: number;
  readonly qmpEnable: boolean;
  /** qmp_socket_path; default: a socket in the build's temporary directory. */
  readonly qmpSocketPath?: string;
  readonly qemuargs: readonly (readonly string[])[];
  /** http_directory ({{ .HTTPDir }} in qemuargs). */
  readonly httpDir: string;
  readonly communicator: string;
  readonly commPort: number;
  readonly bootCommand: readonly string[];
  readonly bootWaitMs: number;
  readonly shutdownCommand: string;
  readonly shutdownTimeoutMs: number;
}

export function qemuSettings(config: QemuConfig, sourceName: string): QemuSettings {
  const s = (name: string) =>
    typeof config[name] === 'string' && config[name] !== '' ? (config[name] as string) : undefined;
  const n = (name: string) => (typeof config[name] === 'number' ? (config[name] as number) : undefined);
  const b = (name: string) => config[name] === true;
  const list = (name: string) =>
    Array.isArray(config[name]) ? (config[name] as unknown[]).map((v) => String(v)) : [];
  const format = s('format') ?? 'qcow2';
  const imgArgs = (config.qemu_img_args ?? {}) as Record<string, unknown>;
  const imgList = (k: string) => (Array.isArray(imgArgs[k]) ? (imgArgs[k] as unknown[]).map(String) : []);
  const communicator = s('communicator') ?? 'ssh';
  const qmpEnable = b('qmp_enable');
  const vmName = s('vm_name') ?? `packer-${sourceName}`;
  return {
    isoUrls: s('iso_url') !== undefined ? [s('iso_url') as string] : list('iso_urls'),
    isoChecksum: s('iso_checksum') ?? 'none',
    isoTargetPath: s('iso_target_path'),
    isoTargetExtension: s('iso_target_extension') ?? 'iso',
    isoSkipCache: b('iso_skip_cache'),
    diskImage: b('disk_image'),
    useBackingFile: b('use_backing_file'),
    skipResizeDisk: b('skip_resize_disk'),
    format,
    workFormat: format === 'vmdk' ? 'qcow2' : format,
    diskSize: qemuImgSize(s('disk_size') ?? '40960M'),
    additionalDiskSizes: list('disk_additional_size').map(qemuImgSize),
    diskInterface: s('disk_interface') ?? 'virtio',
    diskCache: s('disk_cache') ?? 'writeback',
    diskDiscard: s('disk_discard') ?? 'ignore',
    detectZeroes: s('disk_detect_zeroes') ?? 'off',
    skipCompaction: b('skip_compaction'),
    diskCompression: b('disk_compression'),
    qemuImgArgs: { convert: imgList('convert'), create: imgList('create'), resize: imgList('resize') },
    outputDir: s('output_directory') ?? `output-${sourceName}`,
    vmName,
    qemuBinary: s('qemu_binary') ?? 'qemu-system-x86_64',
    accelerator: s('accelerator') ?? (kvmDevice() ? 'kvm' : 'tcg'),
    acceleratorGiven: s('accelerator') !== undefined,
    machineType: s('machine_type') ?? 'pc',
    cpuModel: s('cpu_model'),
    cpus: n('cpus') ?? 1,
    sockets: n('sockets'),
    cores: n('cores'),
    threads: n('threads'),
    memory: n('memory') ?? 512,
    netDevice: s('net_device') ?? 'virtio-net',
    netBridge: s('net_bridge'),
    cdromInterface: s('cdrom_interface'),
    firmware: s('firmware'),
    usePflash: b('use_pflash'),
    // Packer's defaults: Debian's (and most distributions') ovmf package paths.
    efi: b('efi_boot')
      ? {
          code: s('efi_firmware_code') ?? '/usr/share/OVMF/OVMF_CODE.fd',
          varsTemplate: s('efi_firmware_vars') ?? '/usr/share/OVMF/OVMF_VARS.fd',
          dropVars: b('efi_drop_efivars'),
        }
      : undefined,
    headless: b('headless'),
    display: s('display'),
    useDefaultDisplay: b('use_default_display'),
    vga: s('vga'),
    disableVnc: b('disable_vnc'),
    vncBindAddress: s('vnc_bind_address') ?? '127.0.0.1',
    vncPortMin: n('vnc_port_min') ?? 5900,
    vncPortMax: n('vnc_port_max') ?? 6000,
    vncUsePassword: b('vnc_use_password') || s('vnc_password') !== undefined,
    vncPassword: s('vnc_password'),
    hostPortMin: n('host_port_min') ?? 2222,
    hostPortMax: n('host_port_max') ?? 4444,
    qmpEnable,
    qmpSocketPath: s('qmp_socket_path'),
    qemuargs: Array.isArray(config.qemuargs)
      ? (config.qemuargs as unknown[][]).map((row) => row.map((v) => String(v)))
      : [],
    httpDir: s('http_directory') ?? '',
    communicator,
    commPort: n('ssh_port') ?? 22,
    bootCommand: list('boot_command'),
    bootWaitMs: durationMs(config.boot_wait, 10_000),
    shutdownCommand: s('shutdown_command') ?? '',
    shutdownTimeoutMs: durationMs(config.shutdown_timeout, 5 * 60_000),
  };
}

/**
 * Packer's default is kvm when /dev/kvm can be opened. That is not enough: on hosts whose CPU shows no
 * vmx/svm (a paravirtual KVM), /dev/kvm opens, firmware even runs, but a Linux guest hangs for good.
 * So kvm also needs the flags in /proc/cpuinfo; run.ts then checks that it really runs a guest.
 */
function kvmDevice(): boolean {
  try {
    accessSync('/dev/kvm', constants.R_OK | constants.W_OK);
  } catch {
    return false;
  }
  try {
    return /^flags\s*:.*\b(vmx|svm)\b/m.test(readFileSync('/proc/cpuinfo', 'utf8'));
  } catch {
    return true; // no /proc: trust the device, as Packer does
  }
}

function durationMs(value: unknown, fallback: number): number {
  if (typeof value !== 'string' || value === '') return fallback;
  return Number(parseGoDuration(value) / 1_000_000n);
}
