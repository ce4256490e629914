/** EBS block device mappings (packer-plugin-amazon common.BlockDevice). */
import type { Diagnostic } from '../../../hcl/diagnostics.js';
import type { PrepareContext } from '../../../sdk/plugin.js';
import type { JsonSchema } from '../../../sdk/schema.js';
import { blocks, bool, int, object, str } from '../../../sdk/schema-helpers.js';

export const blockDevice = object({
  delete_on_termination: bool('Delete the volume when the instance terminates.'),
  device_name: str('Device name, e.g. /dev/sda1.'),
  encrypted: bool('Encrypt the volume.'),
  iops: int('Provisioned IOPS (io1, io2, gp3).'),
  no_device: bool('Suppress the device mapping of the AMI.'),
  snapshot_id: str('Snapshot to create the volume from.'),
  throughput: int('Throughput in MiB/s (gp3).'),
  virtual_name: str('Instance store name (ephemeral0…).'),
  volume_type: str('Volume type: gp2, gp3, io1, io2, st1, sc1, standard.'),
  volume_size: int('Size in GiB.'),
  kms_key_id: str('KMS key for the encryption.'),
});

export function blockDeviceMappings(description: string): JsonSchema {
  return blocks(description, blockDevice);
}

/** BlockDevice.Prepare's checks for each mapping, at the mapping's own attributes. */
export function prepareBlockDevices(
  config: Record<string, unknown>,
  ctx: PrepareContext,
  name: string,
): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const list = Array.isArray(config[name]) ? (config[name] as Record<string, unknown>[]) : [];
  list.forEach((device, i) => {
    const at = `${name}.${i}`;
    if (!ctx.isKnown(`${at}.device_name`)) return;
    if (!device.device_name) {
      diags.push(
        ctx.error(
          at,
          'The `device_name` must be specified for every device in the block device mapping.',
          '',
        ),
      );
    }
    const kms = device.kms_key_id;
    if (kms && device.encrypted === false) {
      diags.push(
        ctx.error(
          `${at}.kms_key_id`,
          `The device ${String(device.device_name ?? '')}, must also have \`encrypted: true\` when setting a kms_key_id.`,
          '',
        ),
      );
    }
    if (device.throughput !== undefined && device.volume_type !== 'gp3' && ctx.isKnown(`${at}.volume_type`)) {
      diags.push(
        ctx.error(
          `${at}.throughput`,
          `Throughput is only valid for gp3 volumes, "${String(device.device_name ?? '')}" is of type ${String(device.volume_type ?? '')}`,
          '',
        ),
      );
    }
  });
  return diags;
}
