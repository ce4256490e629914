/**
 * The link to the machine being provisioned (Packer's packersdk.Communicator). The SSH implementation
 * is in src/communicator/ssh/; `none` has no link.
 */
export interface ExecOptions {
  readonly signal?: AbortSignal;
  /** Called with output as it arrives. */
  readonly onStdout?: (chunk: Buffer) => void;
  readonly onStderr?: (chunk: Buffer) => void;
  readonly stdin?: NodeJS.ReadableStream | Buffer | string;
  readonly pty?: boolean;
}

export interface ExecResult {
  /** The exit status; null when the command ended without one (a signal, or the link dropped). */
  readonly exitCode: number | null;
  readonly signal?: string;
  /** Why there is no exit status when the link dropped mid-command (e.g. the machine rebooted). */
  readonly disconnected?: string;
}

export interface TransferProgress {
  (transferred: number, total: number): void;
}

export interface TransferOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: TransferProgress;
  /** File mode to set on the destination (uploads); default: the source's mode. */
  readonly mode?: number;
}

export interface Communicator {
  /** Runs a command through the remote shell. */
  exec(command: string, opts?: ExecOptions): Promise<ExecResult>;
  /** Uploads one file (or stream with a known size) to a remote path. */
  upload(
    remotePath: string,
    source: string | { stream: NodeJS.ReadableStream; size: number },
    opts?: TransferOptions,
  ): Promise<void>;
  /**
   * Uploads a directory with Packer's trailing-slash rule: `src/` copies the contents of src into dst,
   * `src` copies the directory itself into dst.
   */
  uploadDir(remoteDir: string, localDir: string, opts?: TransferOptions): Promise<void>;
  /** Downloads a remote file or directory to a local path (same trailing-slash rule). */
  download(remotePath: string, localPath: string, opts?: TransferOptions): Promise<void>;
  /** Closes the link; later calls fail. */
  close(): Promise<void>;
}
