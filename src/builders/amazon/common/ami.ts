/** The AMI produced (packer-plugin-amazon common.AMIConfig). */
import type { Diagnostic } from '../../../hcl/diagnostics.js';
import type { PrepareContext } from '../../../sdk/plugin.js';
import type { JsonSchema } from '../../../sdk/schema.js';
import { block, bool, int, object, str, strList, strMap } from '../../../sdk/schema-helpers.js';
import { type Config, given, knownString } from '../../common/prepare-helpers.js';
import { tagProperties } from './tags.js';

export const amiProperties: Record<string, JsonSchema> = {
  ami_name: str('Name of the AMI (3 to 128 characters, unique in the account and region).'),
  ami_description: str('Description of the AMI.'),
  ami_virtualization_type: str('hvm or paravirtual.'),
  ami_users: strList('Account IDs allowed to launch the AMI.'),
  ami_groups: strList('Groups allowed to launch the AMI ("all" makes it public).'),
  ami_org_arns: strList('Organization ARNs allowed to launch the AMI.'),
  ami_ou_arns: strList('Organizational unit ARNs allowed to launch the AMI.'),
  ami_product_codes: strList('Product codes of the AMI.'),
  ami_regions: strList('Regions the AMI is copied to.'),
  skip_region_validation: bool('Do not check that the regions exist.'),
  snapshot_copy_duration_minutes: int('Time allowed for a fast snapshot copy.'),
  ...tagProperties('tags', 'tag', 'the AMI and its snapshots'),
  ena_support: bool('Enable enhanced networking (ENA).'),
  sriov_support: bool('Enable SR-IOV networking.'),
  force_deregister: bool('Deregister an existing AMI of the same name first.'),
  force_delete_snapshot: bool('Delete the snapshots of a deregistered AMI.'),
  encrypt_boot: bool('Encrypt the boot volume of the AMI.'),
  kms_key_id: str('KMS key for the boot volume encryption.'),
  region_kms_key_ids: strMap('KMS key per region in ami_regions.'),
  skip_save_build_region: bool('Do not keep the AMI in the build region.'),
  imds_support: str('Set to "v2.0" to require IMDSv2 on instances from this AMI.'),
  deprecate_at: str('When the AMI is deprecated (RFC 3339 time).'),
  ...tagProperties('snapshot_tags', 'snapshot_tag', 'the snapshots'),
  snapshot_users: strList('Account IDs allowed to create volumes from the snapshots.'),
  snapshot_groups: strList('Groups allowed to create volumes from the snapshots.'),
  deregistration_protection: block(
    'Protect the AMI from deregistration.',
    object({
      enabled: bool('Turn protection on.'),
      with_cooldown: bool('Keep protection for 24 hours after it is turned off.'),
    }),
  ),
};

const AMI_NAME_CHARS = /^[A-Za-z0-9()[\] ./\-'@_]*$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function prepareAmi(config: Config, ctx: PrepareContext): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const has = (name: string) => given(config, ctx, name);
  if (!has('ami_name')) diags.push(ctx.error(undefined, 'ami_name must be specified', ''));
  const name = knownString(config, ctx, 'ami_name');
  const missing = ctx.isKnown('ami_name') && !has('ami_name');
  if (missing || (name !== undefined && (name.length < 3 || name.length > 128))) {
    diags.push(ctx.error('ami_name', 'ami_name must be between 3 and 128 characters long', ''));
  }
  if (name !== undefined && !AMI_NAME_CHARS.test(name)) {
    diags.push(
      ctx.error(
        'ami_name',
        "AMIName should only contain alphanumeric characters, parentheses (()), square brackets ([]), spaces ( ), periods (.), slashes (/), dashes (-), single quotes ('), at-signs (@), or underscores(_). You can use the `clean_resource_name` template filter to automatically clean your ami name.",
        '',
      ),
    );
  }
  const regions =
    ctx.isKnown('ami_regions') && Array.isArray(config.ami_regions) ? (config.ami_regions as string[]) : [];
  if (ctx.isKnown('region_kms_key_ids') && config.region_kms_key_ids && ctx.isKnown('ami_regions')) {
    for (const region of Object.keys(config.region_kms_key_ids as object)) {
      if (!regions.includes(region)) {
        diags.push(
          ctx.error(
            'region_kms_key_ids',
            `Region ${region} is in region_kms_key_ids but not in ami_regions`,
            '',
          ),
        );
      }
    }
  }
  if (
    (has('kms_key_id') || has('region_kms_key_ids')) &&
    ctx.isKnown('encrypt_boot') &&
    config.encrypt_boot !== true
  ) {
    diags.push(
      ctx.error(
        has('kms_key_id') ? 'kms_key_id' : 'region_kms_key_ids',
        'If you have set either region_kms_key_ids or kms_key_id, encrypt_boot must also be true.',
        '',
      ),
    );
  }
  const imds = knownString(config, ctx, 'imds_support');
  if (imds !== undefined && imds !== '' && imds !== 'v2.0') {
    diags.push(
      ctx.error('imds_support', 'The only valid imds_support values are "v2.0" or the empty string', ''),
    );
  }
  const deprecateAt = knownString(config, ctx, 'deprecate_at');
  if (deprecateAt !== undefined && deprecateAt !== '' && !RFC3339.test(deprecateAt)) {
    diags.push(
      ctx.error(
        'deprecate_at',
        `deprecate_at is not a valid time: "${deprecateAt}". Expect time format: YYYY-MM-DDTHH:MM:SSZ`,
        '',
      ),
    );
  }
  return diags;
}
