/** The part CreateImage and CopyImage share: a new image and its snapshot, filled in the background. */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { newId } from '../ids.js';
import type { ImageRecord, RegionState, SnapshotRecord, Tags } from '../model.js';
import type { Ec2Service } from '../service.js';

/** What the caller decides about the new image; the rest is the same for both actions. */
export interface NewImage {
  readonly name: string;
  readonly description?: string;
  readonly architecture: string;
  readonly volumeSize: number;
  readonly tags: Tags;
  readonly snapshotTags: Tags;
  readonly volumeId: string;
  readonly sourceInstanceId?: string;
  readonly sourceImageId?: string;
  readonly sourceRegion?: string;
  /** The KMS key of an encrypted copy's snapshot. */
  readonly kmsKeyId?: string;
  /** Runs before the capture (a copy waits for its source to become available). */
  readonly waitFor?: () => Promise<void>;
  /** Writes the new snapshot's disk to `target`. */
  readonly capture: (target: string) => Promise<{ virtualSizeBytes: number }>;
}

/**
 * A new image and its snapshot, pending until `capture` wrote the snapshot's disk; then available
 * (after the configured pending time) or failed.
 */
export function startImage(service: Ec2Service, region: RegionState, init: NewImage): ImageRecord {
  const { volumeId, snapshotTags, capture, waitFor, kmsKeyId, ...fields } = init;
  const visibleAt = service.faults.visibleAt(service.now());
  const snapshotId = newId('snap');
  const disk = join(service.regionDir(region.name), `${snapshotId}.qcow2`);
  const snapshot: SnapshotRecord = {
    id: snapshotId,
    region: region.name,
    volumeId,
    state: 'pending',
    ownerId: service.accountId,
    startTime: new Date(),
    volumeSize: fields.volumeSize,
    description: `Created by CreateImage for ${fields.name}`,
    tags: snapshotTags,
    disk,
    external: false,
    createVolumePermissions: [],
    kmsKeyId,
    visibleAt,
  };
  const image: ImageRecord = {
    ...fields,
    id: newId('ami'),
    region: region.name,
    state: 'pending',
    ownerId: service.accountId,
    creationDate: new Date(),
    rootDeviceName: '/dev/xvda',
    rootSnapshotId: snapshotId,
    isPublic: false,
    launchPermissions: [],
    visibleAt,
  };
  region.snapshots.set(snapshotId, snapshot);
  region.images.set(image.id, image);
  const started = service.now();
  service.background(async () => {
    try {
      if (waitFor) await waitFor();
      await mkdir(service.regionDir(region.name), { recursive: true });
      const { virtualSizeBytes } = await capture(disk);
      snapshot.volumeSize = Math.max(1, Math.ceil(virtualSizeBytes / 1024 ** 3));
      snapshot.state = 'completed';
      const pendingMs = (service.options.timing.imagePendingMs ?? 500) + service.faults.slowAmiMs();
      await service.wait(started + pendingMs - service.now());
      if (service.closing) throw new Error('the endpoint closed');
      if (service.faults.imageFails(image.name)) {
        image.state = 'failed';
        image.stateReason = {
          code: 'Client.InternalError',
          message: 'injected failure: image creation failed',
        };
      } else {
        image.state = 'available';
      }
    } catch (error) {
      snapshot.state = 'error';
      image.state = 'failed';
      image.stateReason = { code: 'Server.InternalError', message: (error as Error).message };
    }
  });
  return image;
}
