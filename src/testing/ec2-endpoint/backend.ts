/**
 * How the endpoint makes its instances and disks real. The QEMU backend boots a VM per instance;
 * the fake one (fake-backend.ts) only moves files, for API tests that need no VM.
 */

export interface LaunchSpec {
  readonly instanceId: string;
  /** A working directory of the instance (serial log, sockets). */
  readonly dir: string;
  /** The instance's disk, made by createInstanceDisk. */
  readonly disk: string;
  /** Where the guest's SSH port must be reachable (the address DescribeInstances reports). */
  readonly sshAddress: string;
  readonly sshPort: number;
  /** authorized_keys lines for the guest (the launch key pair). */
  readonly authorizedKeys: readonly string[];
  readonly userData?: Buffer;
  readonly instanceType: string;
}

export interface InstanceVm {
  /** Resolves when the machine has stopped, whoever stopped it (the guest powering off included). */
  readonly exited: Promise<void>;
  /** A clean stop (the guest flushes its disks); forced after timeoutMs. */
  stop(timeoutMs: number): Promise<void>;
  /** Pulls the plug. */
  kill(): Promise<void>;
  /** The last lines of the machine's console, for GetConsoleOutput. */
  consoleOutput(): Promise<string>;
}

export interface InstanceBackend {
  /** The instance's own disk on top of an image's (copy on write: the image's disk is never written). */
  createInstanceDisk(imageDisk: string, instanceDisk: string): Promise<void>;
  launch(spec: LaunchSpec): Promise<InstanceVm>;
  /** A standalone copy of a disk (CreateImage, CopyImage); `live` when a VM may still be using it. */
  captureDisk(
    source: string,
    target: string,
    options: { live: boolean },
  ): Promise<{ virtualSizeBytes: number }>;
  /** Removes a disk file the endpoint made. */
  deleteDisk(path: string): Promise<void>;
}
