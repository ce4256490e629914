/** RunConfig.Prepare's checks that need neither AWS nor the file system, each at its attribute. */
import type { Diagnostic } from '../../../hcl/diagnostics.js';
import type { PrepareContext } from '../../../sdk/plugin.js';
import { type Config, given, knownNumber, knownString } from '../../common/prepare-helpers.js';
import { SSH_INTERFACES } from './run.js';

export function prepareRun(config: Config, ctx: PrepareContext): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const has = (name: string) => given(config, ctx, name);
  const str = (name: string) => knownString(config, ctx, name);
  const keyType = str('temporary_key_pair_type');
  if (keyType !== undefined && keyType !== 'rsa' && keyType !== 'ed25519') {
    diags.push(
      ctx.error(
        'temporary_key_pair_type',
        'temporary_key_pair_type requires either rsa or ed25519 as its value',
        '',
      ),
    );
  }
  const metadata = (config.metadata_options ?? {}) as Record<string, unknown>;
  const oneOf = (key: string, allowed: string[], message: string) => {
    const v = metadata[key];
    if (typeof v === 'string' && ctx.isKnown(`metadata_options.${key}`) && !allowed.includes(v)) {
      diags.push(ctx.error(`metadata_options.${key}`, message, ''));
    }
  };
  oneOf(
    'http_endpoint',
    ['enabled', 'disabled'],
    'http_endpoint requires either disabled or enabled as its value',
  );
  oneOf(
    'http_tokens',
    ['optional', 'required'],
    'http_tokens requires either optional or required as its value',
  );
  oneOf(
    'instance_metadata_tags',
    ['enabled', 'disabled'],
    'instance_metadata_tags requires either disabled or enabled as its value',
  );
  const hop = metadata.http_put_response_hop_limit;
  if (typeof hop === 'number' && (hop < 1 || hop > 64)) {
    diags.push(
      ctx.error(
        'metadata_options.http_put_response_hop_limit',
        'http_put_response_hop_limit requires a number between 1 and 64',
        '',
      ),
    );
  }
  const sshInterface = str('ssh_interface');
  if (sshInterface !== undefined && sshInterface !== '' && !SSH_INTERFACES.includes(sshInterface)) {
    diags.push(ctx.error('ssh_interface', `Unknown interface type: ${sshInterface}`, ''));
  }
  if (sshInterface === 'session_manager') {
    if (str('communicator') === 'winrm') {
      diags.push(
        ctx.error(
          'ssh_interface',
          'session_manager connectivity is not supported with the "winrm" communicator; please use "ssh"',
          '',
        ),
      );
    }
    if (!has('iam_instance_profile') && !has('temporary_iam_instance_profile_policy_document')) {
      diags.push(
        ctx.error(
          'ssh_interface',
          'no iam_instance_profile defined; session_manager connectivity requires a valid instance profile with AmazonSSMManagedInstanceCore permissions. Alternatively a temporary_iam_instance_profile_policy_document can be used.',
          '',
        ),
      );
    }
  }
  if (has('ssh_keypair_name')) {
    if (str('communicator') === 'winrm' && !has('winrm_password') && !has('ssh_private_key_file')) {
      diags.push(
        ctx.error(
          'ssh_keypair_name',
          'ssh_private_key_file must be provided to retrieve the winrm password when using ssh_keypair_name.',
          '',
        ),
      );
    } else if (!has('ssh_private_key_file') && !has('ssh_agent_auth')) {
      diags.push(
        ctx.error(
          'ssh_keypair_name',
          'ssh_private_key_file must be provided or ssh_agent_auth enabled when ssh_keypair_name is specified.',
          '',
        ),
      );
    }
  }
  const filter = config.source_ami_filter as Record<string, unknown> | undefined;
  const filterEmpty =
    !has('source_ami_filter') ||
    (filter !== undefined && !filter.filters && !filter.owners && ctx.isKnown('source_ami_filter'));
  if (!has('source_ami') && filterEmpty) {
    diags.push(ctx.error(undefined, 'A source_ami or source_ami_filter must be specified', ''));
  }
  const noOwner = !ctx.isKnown('source_ami_filter.owners')
    ? false
    : !(Array.isArray(filter?.owners) && filter.owners.length > 0);
  if (!has('source_ami') && noOwner) {
    diags.push(
      ctx.error(
        has('source_ami_filter') ? 'source_ami_filter' : undefined,
        'For security reasons, your source AMI filter must declare an owner.',
        '',
      ),
    );
  }
  if (!has('instance_type') && !has('spot_instance_types')) {
    diags.push(ctx.error(undefined, 'either instance_type or spot_instance_types must be specified', ''));
  }
  if (has('instance_type') && has('spot_instance_types')) {
    diags.push(
      ctx.error(
        'spot_instance_types',
        'either instance_type or spot_instance_types must be specified, not both',
        '',
      ),
    );
  }
  const noSpot = ctx.isKnown('spot_price') && (!has('spot_price') || config.spot_price === '0');
  if (has('fleet_tags') && noSpot) {
    diags.push(
      ctx.error('fleet_tags', 'fleet_tags should not be set when not requesting a spot instance', ''),
    );
  }
  if (has('spot_tags') && noSpot) {
    diags.push(ctx.error('spot_tags', 'spot_tags should not be set when not requesting a spot instance', ''));
  }
  const block = knownNumber(config, ctx, 'block_duration_minutes');
  if (block !== undefined && block % 60 !== 0) {
    diags.push(ctx.error('block_duration_minutes', 'block_duration_minutes must be multiple of 60', ''));
  }
  if (has('user_data') && has('user_data_file')) {
    diags.push(ctx.error('user_data_file', 'Only one of user_data or user_data_file can be specified.', ''));
  }
  if (has('security_group_id') && has('security_group_ids')) {
    diags.push(
      ctx.error(
        'security_group_ids',
        'Only one of security_group_id or security_group_ids can be specified.',
        '',
      ),
    );
  }
  const shutdown = str('shutdown_behavior');
  if (shutdown !== undefined && shutdown !== 'stop' && shutdown !== 'terminate') {
    diags.push(
      ctx.error('shutdown_behavior', "shutdown_behavior only accepts 'stop' or 'terminate' values.", ''),
    );
  }
  if (has('capacity_reservation_id') && has('capacity_reservation_group_arn')) {
    diags.push(
      ctx.error(
        'capacity_reservation_group_arn',
        'capacity_reservation_id and capacity_reservation_group_arn are mutually exclusive, only one should be used',
        '',
      ),
    );
  }
  const preference = str('capacity_reservation_preference');
  if (preference !== undefined && preference !== '' && preference !== 'none' && preference !== 'open') {
    diags.push(
      ctx.error(
        'capacity_reservation_preference',
        "capacity_reservation_preference only accepts 'none' or 'open' values",
        '',
      ),
    );
  }
  return diags;
}
