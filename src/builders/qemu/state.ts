/**
 * What the qemu builder's steps hand each other (Packer's state bag, typed). Each field is set by one
 * step; a later step may read it.
 */
import type { Communicator } from '../../sdk/communicator.js';
import type { RunLedger } from '../../sdk/ledger.js';
import type { QemuDriver, VmHandle } from './driver.js';
import type { QemuSettings } from './settings.js';

export interface QemuState {
  readonly settings: QemuSettings;
  readonly driver: QemuDriver;
  /** The build's scratch directory (serial log, QMP socket). */
  readonly tempDir: string;
  /** The run's crash-proof journal: the VM process and the staging output are recorded in it. */
  readonly ledger?: RunLedger;
  /** The serial console's log file. */
  readonly serialLogPath: string;
  /** The ISO or source disk image (StepDownload). */
  isoPath?: string;
  /** Where the output is written while the build runs; renamed to settings.outputDir at the end. */
  stagingDir?: string;
  /** The VM's disks in staging, main disk first (qemu_disk_paths). */
  diskPaths?: string[];
  /** This build's copy of the EFI variables (efi_boot), in staging. */
  efiVarsPath?: string;
  /** The CD made from cd_files/cd_content. */
  cdPath?: string;
  /** The host port forwarded to the guest's communicator port. */
  hostPort?: number;
  /** The VNC TCP port (5900 + display). */
  vncPort?: number;
  vncPassword?: string;
  httpIp?: string;
  httpPort?: number;
  vm?: VmHandle;
  communicator?: Communicator;
  /** The temporary key pair's private key (when no key file or password is given). */
  privateKey?: string;
  publicKey?: string;
  /** Set by the last step once the output directory is in place. */
  outputDir?: string;
}
