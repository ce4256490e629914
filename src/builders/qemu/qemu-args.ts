/**
 * The qemu-system command line, as pure functions (packer-plugin-qemu's stepRun.getDefaultArgs and
 * applyUserOverrides). Defaults are a table of flag → values; each `qemuargs` row names a flag and
 * replaces ALL of that flag's defaults (rows with the same flag accumulate; a row with no value gives
 * the bare flag). When `-device` is overridden and no row mentions the net device, the NIC comes back
 * (Packer #6804). Unlike Packer (a Go map, so a random order), the order is stable: default flags in
 * table order, then new flags in the order the template gives them.
 */

export interface HostForward {
  /** imgbuild binds 127.0.0.1 by default (Packer: every interface). */
  readonly bindAddress: string;
  readonly hostPort: number;
  readonly guestPort: number;
}

export interface VncDisplay {
  readonly bindAddress: string;
  /** The TCP port (5900 + display number). */
  readonly port: number;
  readonly password?: boolean;
}

export interface QemuArgsSpec {
  readonly vmName: string;
  /** disk_image: boot the disk (`-boot c`); otherwise the CD once (`-boot once=d`). */
  readonly bootFromDisk: boolean;
  readonly machineType: string;
  readonly accelerator: string;
  readonly cpuModel?: string;
  readonly memory: number;
  readonly cpus: number;
  readonly sockets?: number;
  readonly cores?: number;
  readonly threads?: number;
  /** net_bridge: a bridge netdev instead of user networking. */
  readonly netBridge?: string;
  /** The communicator's port forward; absent with communicator "none". */
  readonly hostForward?: HostForward;
  readonly netDevice: string;
  readonly disks: readonly string[];
  readonly diskInterface: string;
  readonly diskCache: string;
  readonly diskDiscard: string;
  readonly detectZeroes: string;
  readonly format: string;
  /** ISO (not disk_image) and cd_files CDs, in that order. */
  readonly cdPaths?: readonly string[];
  readonly cdromInterface?: string;
  readonly floppyPath?: string;
  /** firmware: loaded with -bios, or as a read-only pflash drive with use_pflash. */
  readonly firmware?: string;
  readonly usePflash?: boolean;
  /** efi_boot: the OVMF code (read-only) and this build's copy of the variables. */
  readonly efi?: { readonly code: string; readonly vars: string };
  readonly vnc?: VncDisplay;
  readonly headless: boolean;
  readonly display?: string;
  readonly useDefaultDisplay?: boolean;
  readonly vga?: string;
  /** qmp_enable's socket (the user's own monitor). */
  readonly qmpSocketPath?: string;
  /** The serial console to a file: "never reached SSH" errors show its last lines. */
  readonly serialLogPath?: string;
  /** `-device virtio-rng-pci` (not in Packer): an idle TCG guest otherwise waits 10–17 s for entropy. */
  readonly rng: boolean;
}

/** Flag → values, in order. A flag with an empty list is given bare (`-enable-kvm`). */
export type QemuArgTable = ReadonlyArray<readonly [flag: string, values: readonly string[]]>;

export function defaultQemuArgs(spec: QemuArgsSpec): QemuArgTable {
  const table: Array<[string, string[]]> = [];
  const put = (flag: string, ...values: string[]) => table.push([flag, values]);
  put('-name', spec.vmName);
  put(
    '-machine',
    spec.accelerator === 'none'
      ? `type=${spec.machineType}`
      : `type=${spec.machineType},accel=${spec.accelerator}`,
  );
  if (spec.cpuModel) put('-cpu', spec.cpuModel);
  put('-m', `${spec.memory}M`);
  const smp = smpValue(spec);
  if (smp !== undefined) put('-smp', smp);
  put('-boot', spec.bootFromDisk ? 'c' : 'once=d');
  put('-netdev', netdevValue(spec));
  const { devices, drives } = devicesAndDrives(spec);
  put('-device', ...devices);
  put('-drive', ...drives);
  if (spec.firmware && !spec.usePflash && !spec.efi) put('-bios', spec.firmware);
  if (spec.floppyPath) put('-fda', spec.floppyPath);
  if (spec.vnc) {
    const display = `${spec.vnc.bindAddress}:${spec.vnc.port - 5900}`;
    put('-vnc', spec.vnc.password ? `${display},password=on` : display);
  }
  const display = displayValue(spec);
  if (display !== undefined) put('-display', display);
  if (spec.vga) put('-vga', spec.vga);
  if (spec.serialLogPath) put('-serial', `file:${spec.serialLogPath}`);
  if (spec.qmpSocketPath) put('-qmp', `unix:${spec.qmpSocketPath},server,nowait`);
  return table;
}

function smpValue(spec: QemuArgsSpec): string | undefined {
  const topology = [
    ['sockets', spec.sockets],
    ['cores', spec.cores],
    ['threads', spec.threads],
  ].filter((entry): entry is [string, number] => typeof entry[1] === 'number' && entry[1] > 0);
  if (spec.cpus <= 1 && topology.length === 0) return undefined;
  return [String(Math.max(spec.cpus, 1)), ...topology.map(([k, v]) => `${k}=${v}`)].join(',');
}

function netdevValue(spec: QemuArgsSpec): string {
  if (spec.netBridge) return `bridge,id=user.0,br=${spec.netBridge}`;
  const fwd = spec.hostForward;
  if (!fwd) return 'user,id=user.0';
  return `user,id=user.0,hostfwd=tcp:${fwd.bindAddress}:${fwd.hostPort}-:${fwd.guestPort}`;
}

function displayValue(spec: QemuArgsSpec): string | undefined {
  if (spec.display && spec.display !== 'none') return spec.display;
  if (spec.useDefaultDisplay) return undefined;
  // Headless with VNC: VNC is the display. Headless without it: no display at all.
  if (spec.headless) return spec.vnc ? undefined : 'none';
  return 'gtk';
}

function devicesAndDrives(spec: QemuArgsSpec): { devices: string[]; drives: string[] } {
  const devices: string[] = [];
  const drives: string[] = [];
  let scsiController = false;
  const needScsi = () => {
    if (!scsiController) devices.push('virtio-scsi-pci,id=scsi0');
    scsiController = true;
  };
  spec.disks.forEach((path, i) => {
    let drive: string;
    if (spec.diskInterface === 'virtio-scsi') {
      needScsi();
      devices.push(`scsi-hd,bus=scsi0.0,drive=drive${i}`);
      drive = `if=none,file=${path},id=drive${i},cache=${spec.diskCache},discard=${spec.diskDiscard},format=${spec.format}`;
    } else {
      drive = `file=${path},if=${spec.diskInterface},cache=${spec.diskCache},discard=${spec.diskDiscard},format=${spec.format}`;
    }
    if (spec.detectZeroes !== 'off') drive += `,detect-zeroes=${spec.detectZeroes}`;
    drives.push(drive);
  });
  devices.push(`${spec.netDevice},netdev=user.0`);
  if (spec.rng) devices.push('virtio-rng-pci');
  (spec.cdPaths ?? []).forEach((path, i) => {
    const iface = spec.cdromInterface ?? '';
    if (iface === '') {
      drives.push(`file=${path},media=cdrom`);
    } else if (iface === 'virtio-scsi') {
      needScsi();
      drives.push(`file=${path},if=none,id=cdrom${i},media=cdrom`);
      devices.push(`scsi-cd,bus=scsi0.0,drive=cdrom${i}`);
    } else {
      drives.push(`file=${path},if=${iface},index=${i},id=cdrom${i},media=cdrom`);
    }
  });
  if (spec.efi) {
    drives.push(`file=${spec.efi.code},if=pflash,unit=0,format=raw,readonly=on`);
    drives.push(`file=${spec.efi.vars},if=pflash,unit=1,format=raw`);
  } else if (spec.firmware && spec.usePflash) {
    drives.push(`file=${spec.firmware},if=pflash,format=raw,readonly=on`);
  }
  return { devices, drives };
}

/**
 * Merges the template's qemuargs into the defaults (Packer's rules, see the module comment) and
 * flattens to argv (without the program name). Each row's values are joined with no separator, as
 * Packer does: `["-netdev", "user,id=user.0,", "hostfwd=…"]` is one value.
 */
export function applyQemuArgs(
  defaults: QemuArgTable,
  qemuargs: readonly (readonly string[])[],
  netDevice: string,
): string[] {
  const user = new Map<string, string[]>();
  for (const row of qemuargs) {
    const [flag, ...rest] = row;
    if (flag === undefined) continue;
    const values = user.get(flag) ?? [];
    const value = rest.join('');
    if (value !== '') values.push(value);
    user.set(flag, values);
  }
  const merged: Array<[string, readonly string[]]> = [];
  for (const [flag, values] of defaults) merged.push([flag, user.get(flag) ?? values]);
  for (const [flag, values] of user) if (!defaults.some(([f]) => f === flag)) merged.push([flag, values]);
  const userDevices = user.get('-device');
  if (userDevices !== undefined && !userDevices.join('').includes(netDevice)) {
    const i = merged.findIndex(([flag]) => flag === '-device');
    merged[i] = ['-device', [...userDevices, `${netDevice},netdev=user.0`]];
  }
  const argv: string[] = [];
  for (const [flag, values] of merged) {
    if (values.length === 0) argv.push(flag);
    for (const value of values) argv.push(flag, value);
  }
  return argv;
}

/** What `{{ .Name }}`-style references in qemuargs can name (Packer's qemuArgsTemplateData). */
export interface QemuArgsTemplateData {
  readonly HTTPIP: string;
  readonly HTTPPort: number;
  readonly HTTPDir: string;
  readonly OutputDir: string;
  readonly Name: string;
  readonly SSHHostPort: number;
}

/**
 * Renders `{{ .Field }}` references in each qemuargs value; anything else in `{{ }}` is an error
 * naming the row, as Packer's interpolation would fail on it.
 */
export function renderQemuArgs(
  qemuargs: readonly (readonly string[])[],
  data: QemuArgsTemplateData,
): string[][] {
  return qemuargs.map((row, r) =>
    row.map((value) =>
      value.replace(/\{\{-?\s*(.*?)\s*-?\}\}/g, (whole, expr: string) => {
        const field = /^\.([A-Za-z]+)$/.exec(expr)?.[1];
        if (field !== undefined && Object.hasOwn(data, field)) {
          return String(data[field as keyof QemuArgsTemplateData]);
        }
        throw new Error(
          `qemuargs[${r}]: cannot render ${whole}: only ${Object.keys(data)
            .map((k) => `{{ .${k} }}`)
            .join(', ')} are known here`,
        );
      }),
    ),
  );
}
