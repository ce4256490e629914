/** What a builder or post-processor produces (Packer's packersdk.Artifact). */
export interface Artifact {
  /** The producer's id, e.g. `transcend.qemu`, `packer.post-processor.manifest` (Packer's ids). */
  readonly builderId: string;
  /** A unique id of what was built (an AMI id `region:ami-…`, a VM name…); may be empty for null. */
  readonly id: string;
  /** Files that make up the artifact (absolute paths), if any. */
  readonly files: readonly string[];
  /** Data later steps may read (Packer's Artifact.State), e.g. `generated_data`. */
  readonly state: Readonly<Record<string, unknown>>;
  /** One line for the artifact summary ("VM files in directory: output"). */
  describe(): string;
  /** Deletes what the artifact consists of (files, cloud resources). */
  destroy(): Promise<void>;
}
