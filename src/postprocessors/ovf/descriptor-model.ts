/**
 * What the OVF descriptor template is rendered from: a pure function of the options and the converted
 * disks, so the hardware numbering (InstanceIDs, controller slots) is tested without rendering.
 */
import type { OsType } from './os-types.js';

export type DiskController = 'ide' | 'scsi';
export const DISK_CONTROLLERS: readonly DiskController[] = ['ide', 'scsi'];

/** Disks a controller of each kind holds: IDE has master and slave; LSI Logic SCSI 15 targets (7 is the HBA). */
const SLOTS: Record<DiskController, readonly number[]> = {
  ide: [0, 1],
  scsi: [0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15],
};

export interface PackagedDisk {
  /** File name inside the package (`web-disk1.vmdk`). */
  readonly href: string;
  /** Size of the VMDK file, bytes. */
  readonly fileSize: number;
  /** Virtual size the guest sees, bytes. */
  readonly capacity: number;
}

export interface DescriptorInput {
  readonly name: string;
  readonly cpus: number;
  /** MiB. */
  readonly memory: number;
  readonly os: OsType;
  /** Network name the adapter connects to; empty: no adapter. */
  readonly network: string;
  readonly controller: DiskController;
  readonly hardwareFamily: string;
  readonly disks: readonly PackagedDisk[];
}

export interface ControllerItem {
  readonly instanceId: number;
  readonly address: number;
  readonly resourceType: number;
  readonly subType: string;
  readonly elementName: string;
  readonly description: string;
}

export interface DiskItem extends PackagedDisk {
  readonly number: number;
  readonly fileId: string;
  readonly diskId: string;
  readonly instanceId: number;
  readonly parent: number;
  readonly addressOnParent: number;
}

export interface DescriptorModel {
  readonly name: string;
  readonly cpus: number;
  readonly memory: number;
  readonly os: OsType;
  readonly network: string;
  readonly hardwareFamily: string;
  readonly controllers: readonly ControllerItem[];
  readonly disks: readonly DiskItem[];
  readonly nic: { readonly instanceId: number };
}

/** The most disks one package can attach with `controller` (two controllers of a kind, as VMware allows). */
export function maxDisks(controller: DiskController): number {
  return SLOTS[controller].length * 2;
}

export function descriptorModel(input: DescriptorInput): DescriptorModel {
  const slots = SLOTS[input.controller];
  if (input.disks.length === 0) throw new Error('an OVF package needs at least one disk');
  if (input.disks.length > maxDisks(input.controller)) {
    throw new Error(
      `${input.disks.length} disks do not fit on ${input.controller} controllers (at most ${maxDisks(input.controller)})`,
    );
  }
  // InstanceIDs: 1 CPU, 2 memory, then controllers, disks, the network adapter.
  const controllerCount = Math.ceil(input.disks.length / slots.length);
  const controllers: ControllerItem[] = [];
  for (let i = 0; i < controllerCount; i++) {
    controllers.push(
      input.controller === 'ide'
        ? {
            instanceId: 3 + i,
            address: i,
            resourceType: 5,
            subType: 'PIIX4',
            elementName: `IDE Controller ${i}`,
            description: 'IDE Controller',
          }
        : {
            instanceId: 3 + i,
            address: i,
            resourceType: 6,
            subType: 'lsilogic',
            elementName: `SCSI Controller ${i}`,
            description: 'SCSI Controller',
          },
    );
  }
  const firstDiskId = 3 + controllerCount;
  const disks = input.disks.map((disk, i): DiskItem => {
    const controller = controllers[Math.floor(i / slots.length)] as ControllerItem;
    return {
      ...disk,
      number: i + 1,
      fileId: `file${i + 1}`,
      diskId: `vmdisk${i + 1}`,
      instanceId: firstDiskId + i,
      parent: controller.instanceId,
      addressOnParent: slots[i % slots.length] as number,
    };
  });
  return {
    name: input.name,
    cpus: input.cpus,
    memory: input.memory,
    os: input.os,
    network: input.network,
    hardwareFamily: input.hardwareFamily,
    controllers,
    disks,
    nic: { instanceId: firstDiskId + disks.length },
  };
}
