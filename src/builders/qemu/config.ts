/**
 * The qemu builder's configuration: every option of packer-plugin-qemu's Config (plus the `vmdk`
 * output format), with Packer's defaults and the Prepare checks that need no I/O.
 */
import type { Diagnostic } from '../../hcl/diagnostics.js';
import { defineBuilder, type PrepareContext } from '../../sdk/plugin.js';
import type { JsonSchema } from '../../sdk/schema.js';
import { block, bool, int, object, str, strList, strListList } from '../../sdk/schema-helpers.js';
import { prepareVncBoot, vncBootProperties } from '../common/boot.js';
import { communicatorProperties, prepareCommunicator } from '../common/communicator.js';
import { httpProperties, prepareHttp } from '../common/http.js';
import { isoProperties, prepareIso } from '../common/iso.js';
import { cdProperties, floppyProperties } from '../common/media.js';
import { type Config, given, knownNumber, knownString } from '../common/prepare-helpers.js';
import { shutdownProperties } from '../common/shutdown.js';

export const QEMU_ACCELERATORS = ['kvm', 'tcg', 'xen', 'hax', 'hvf', 'whpx', 'none'];
export const QEMU_FORMATS = ['qcow2', 'raw', 'vmdk'];
const DISK_INTERFACES = ['ide', 'sata', 'scsi', 'sd', 'virtio', 'virtio-scsi'];
const DISK_CACHES = ['writethrough', 'writeback', 'none', 'unsafe', 'directsync'];
const DISK_DISCARDS = ['unmap', 'ignore'];
const DETECT_ZEROES = ['unmap', 'on', 'off'];

function deprecatedPort(end: 'min' | 'max'): string {
  return `ssh_host_port_${end} is deprecated and is being replaced by host_port_${end}. Please, update your template to use host_port_${end}. In future versions of Packer, inclusion of ssh_host_port_${end} will error your builds.`;
}

const qemuCommProperties: Record<string, JsonSchema> = {
  host_port_min: int('Lowest host port forwarded to the guest SSH/WinRM port.', { default: 2222 }),
  host_port_max: int('Highest host port forwarded to the guest SSH/WinRM port.', { default: 4444 }),
  skip_nat_mapping: bool('Connect to the guest directly instead of through a forwarded host port.'),
  ssh_host_port_min: int('Deprecated: use host_port_min.', { 'x-deprecated': deprecatedPort('min') }),
  ssh_host_port_max: int('Deprecated: use host_port_max.', { 'x-deprecated': deprecatedPort('max') }),
};

const machineProperties: Record<string, JsonSchema> = {
  cpus: int('Number of virtual CPUs.', { default: 1 }),
  sockets: int('CPU sockets (with cores and threads: the SMP topology).'),
  cores: int('Cores per socket.'),
  threads: int('Threads per core.'),
  cpu_model: str('CPU model given to -cpu (e.g. host).'),
  memory: int('Memory in MiB.', { default: 512 }),
  machine_type: str('QEMU machine type (-machine).', { default: 'pc' }),
  accelerator: str('Accelerator: kvm, tcg, xen, hax, hvf, whpx or none (default: kvm when available).', {
    examples: QEMU_ACCELERATORS,
  }),
  firmware: str('Path of the firmware (-bios) file.'),
  use_pflash: bool('Load the firmware as a pflash drive.'),
  efi_boot: bool('Boot with UEFI firmware.'),
  efi_firmware_code: str('Path of the UEFI code firmware.'),
  efi_firmware_vars: str('Path of the UEFI variables template.'),
  efi_drop_efivars: bool('Do not keep the EFI variables file with the artifact.'),
  vtpm: bool('Attach a software TPM (swtpm).'),
  use_tpm1: bool('Emulate TPM 1.2 instead of 2.0.'),
  tpm_device_type: str('TPM device model.', { default: 'tpm-tis' }),
  qemu_binary: str('QEMU program to run.', { default: 'qemu-system-x86_64' }),
  qemuargs: strListList('Extra QEMU arguments, each a list: [["-m", "1024M"], ["-vga", "std"]].'),
  qemu_img_args: block(
    'Extra qemu-img arguments per subcommand.',
    object({
      convert: strList('Extra arguments to qemu-img convert.'),
      create: strList('Extra arguments to qemu-img create.'),
      resize: strList('Extra arguments to qemu-img resize.'),
    }),
  ),
  qmp_enable: bool('Enable the QMP socket.'),
  qmp_socket_path: str('Path of the QMP socket.'),
  run_once: bool('Boot the machine only once (no reboot during the install).'),
};

const diskProperties: Record<string, JsonSchema> = {
  disk_size: str('Disk size: a number of MiB or with a unit (b, k, m, g, t).', { default: '40960M' }),
  disk_additional_size: strList('Sizes of additional disks.'),
  disk_interface: str('Disk interface.', { default: 'virtio', examples: DISK_INTERFACES }),
  disk_cache: str('Disk cache mode.', { default: 'writeback', examples: DISK_CACHES }),
  disk_discard: str('Disk discard mode.', { default: 'ignore', examples: DISK_DISCARDS }),
  disk_detect_zeroes: str('Detect zero writes.', { default: 'off', examples: DETECT_ZEROES }),
  skip_compaction: bool('Do not compact the qcow2 image at the end.'),
  disk_compression: bool('Compress the qcow2 image at the end.'),
  format: str('Output image format: qcow2, raw or vmdk.', { default: 'qcow2', examples: QEMU_FORMATS }),
  disk_image: bool('iso_url points at a bootable disk image, not an installation ISO.'),
  use_backing_file: bool('Create the disk as an overlay of the source image (qcow2, disk_image only).'),
  skip_resize_disk: bool('Keep the source disk image size (disk_image only).'),
  iso_skip_cache: bool('Use the ISO from its URL without downloading it first.'),
  cdrom_interface: str('CD-ROM interface.'),
  output_directory: str('Directory for the artifact (default: output-<build name>).'),
  vm_name: str('File name of the disk image (default: packer-<build name>).'),
};

const displayProperties: Record<string, JsonSchema> = {
  headless: bool('Run without a console window.'),
  use_default_display: bool('Let QEMU pick its display (no -display argument).'),
  display: str('QEMU -display value.'),
  vga: str('QEMU -vga value.'),
  vnc_bind_address: str('Address VNC binds to.', { default: '127.0.0.1' }),
  vnc_use_password: bool('Protect VNC with a random password.'),
  vnc_password: str('VNC password.', { 'x-sensitive': true }),
  vnc_port_min: int('Lowest VNC port.', { default: 5900 }),
  vnc_port_max: int('Highest VNC port.', { default: 6000 }),
  net_device: str('Network device model.', { default: 'virtio-net' }),
  net_bridge: str('Bridge to attach the network to (Linux only).'),
  boot_steps: strListList('Boot command steps with descriptions: [["keys", "what it does"], …].'),
};

const properties: Record<string, JsonSchema> = {
  ...httpProperties,
  ...isoProperties,
  ...vncBootProperties,
  ...shutdownProperties,
  ...communicatorProperties,
  ...qemuCommProperties,
  ...floppyProperties,
  ...cdProperties,
  ...machineProperties,
  ...diskProperties,
  ...displayProperties,
};

export type QemuConfig = Config;

export const qemuBuilder = defineBuilder<QemuConfig>({
  type: 'qemu',
  description: 'Builds machine images with QEMU from an installation ISO or a disk image.',
  schema: object(properties),
  prepare(config, ctx) {
    const diagnostics = [
      ...prepareQemu(config, ctx),
      ...prepareVncBoot(config, ctx),
      ...prepareHttp(config, ctx),
      ...prepareCommunicator(config, ctx),
    ];
    return { config, diagnostics };
  },
  // Loaded on first use: only `build` runs builders.
  run: (config, ctx) => import('./run.js').then((m) => m.runQemuBuilder(config, ctx)),
});

function prepareQemu(config: Config, ctx: PrepareContext): Diagnostic[] {
  const diags: Diagnostic[] = [];
  // The deprecated names still work: they override the new ones, as in Packer.
  if (config.ssh_host_port_min !== undefined) config.host_port_min = config.ssh_host_port_min;
  if (config.ssh_host_port_max !== undefined) config.host_port_max = config.ssh_host_port_max;
  const has = (name: string) => given(config, ctx, name);
  const size = knownString(config, ctx, 'disk_size');
  if (size !== undefined && size !== '0' && !/^\d+[bkmgt]?$/.test(size.toLowerCase())) {
    diags.push(
      ctx.error('disk_size', 'Invalid disk size.', 'Give a number of MiB, or a number with a unit: 10G.'),
    );
  }
  if (config.iso_skip_cache !== true) diags.push(...prepareIso(config, ctx));
  else if (!has('iso_url') && !has('iso_urls')) {
    diags.push(ctx.error(undefined, 'One of iso_url or iso_urls must be specified', ''));
  }
  const format = knownString(config, ctx, 'format');
  if (format !== undefined && !QEMU_FORMATS.includes(format)) {
    diags.push(ctx.error('format', "invalid format, only 'qcow2', 'raw' or 'vmdk' are allowed", ''));
  }
  const diskImageKnown = ctx.isKnown('disk_image');
  if (
    config.use_backing_file === true &&
    diskImageKnown &&
    format !== undefined &&
    !(config.disk_image === true && format === 'qcow2')
  ) {
    diags.push(
      ctx.error(
        'use_backing_file',
        'use_backing_file can only be enabled for QCOW2 images and when disk_image is true',
        '',
      ),
    );
  }
  if (config.skip_resize_disk === true && diskImageKnown && config.disk_image !== true) {
    diags.push(
      ctx.error('skip_resize_disk', 'skip_resize_disk can only be used when disk_image is true', ''),
    );
  }
  const accelerator = knownString(config, ctx, 'accelerator');
  if (accelerator !== undefined && !QEMU_ACCELERATORS.includes(accelerator)) {
    diags.push(
      ctx.error(
        'accelerator',
        "invalid accelerator, only 'kvm', 'tcg', 'xen', 'hax', 'hvf', 'whpx', or 'none' are allowed",
        '',
      ),
    );
  }
  const oneOf = (name: string, allowed: readonly string[], message: string) => {
    const v = knownString(config, ctx, name);
    if (v !== undefined && !allowed.includes(v)) {
      diags.push(ctx.error(name, message, `Use one of: ${allowed.join(', ')}.`));
    }
  };
  oneOf('disk_interface', DISK_INTERFACES, 'unrecognized disk interface type');
  oneOf('disk_cache', DISK_CACHES, 'unrecognized disk cache type');
  oneOf('disk_discard', DISK_DISCARDS, 'unrecognized disk discard type');
  oneOf('disk_detect_zeroes', DETECT_ZEROES, 'unrecognized disk detect zeroes setting');
  for (const name of ['cpus', 'sockets', 'cores', 'threads']) {
    const n = knownNumber(config, ctx, name);
    if (n !== undefined && n < 0) diags.push(ctx.error(name, `${name} must be a positive number`, ''));
  }
  const vncMin = knownNumber(config, ctx, 'vnc_port_min');
  const vncMax = knownNumber(config, ctx, 'vnc_port_max');
  if (vncMin !== undefined && vncMin < 5900) {
    diags.push(ctx.error('vnc_port_min', 'vnc_port_min cannot be below 5900', ''));
  }
  if ((vncMin ?? 0) > 65535 || (vncMax ?? 0) > 65535) {
    diags.push(
      ctx.error(
        (vncMin ?? 0) > 65535 ? 'vnc_port_min' : 'vnc_port_max',
        'vmc_port_min and vnc_port_max must both be below 65535 to be valid TCP ports',
        '',
      ),
    );
  }
  if (vncMin !== undefined && vncMax !== undefined && vncMin > vncMax) {
    diags.push(ctx.error('vnc_port_min', 'vnc_port_min must be less than vnc_port_max', ''));
  }
  if (has('boot_command') && has('boot_steps')) {
    diags.push(ctx.error('boot_steps', 'boot_command and boot_steps cannot be used together', ''));
  }
  const hostMin = knownNumber(config, ctx, 'host_port_min');
  const hostMax = knownNumber(config, ctx, 'host_port_max');
  if (hostMin !== undefined && hostMax !== undefined && hostMin > hostMax) {
    diags.push(ctx.error('host_port_min', 'host_port_min must be less than host_port_max', ''));
  }
  if (hostMin !== undefined && hostMin < 0) {
    diags.push(ctx.error('host_port_min', 'host_port_min must be positive', ''));
  }
  return diags;
}
