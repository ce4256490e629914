/** AWS credentials and endpoint options (packer-plugin-amazon common.AccessConfig). */
import type { Diagnostic } from '../../../hcl/diagnostics.js';
import type { PrepareContext } from '../../../sdk/plugin.js';
import type { JsonSchema } from '../../../sdk/schema.js';
import { block, bool, int, object, str, strList, strMap } from '../../../sdk/schema-helpers.js';
import { type Config, given } from '../../common/prepare-helpers.js';

export const accessProperties: Record<string, JsonSchema> = {
  access_key: str('AWS access key (default: the usual AWS credential chain).', { 'x-sensitive': true }),
  secret_key: str('AWS secret key.', { 'x-sensitive': true }),
  token: str('AWS session token.', { 'x-sensitive': true }),
  region: str('AWS region to build in (default: AWS_REGION / the profile).'),
  profile: str('Profile from the shared credentials file.'),
  shared_credentials_file: str('Path of the shared credentials file.'),
  custom_endpoint_ec2: str('Custom EC2 endpoint URL.'),
  decode_authorization_messages: bool('Decode authorization failure messages with STS.'),
  insecure_skip_tls_verify: bool('Do not verify TLS certificates of AWS endpoints.'),
  max_retries: int('Retries of throttled AWS API calls.', { default: 10 }),
  mfa_code: str('MFA code for the credentials.', { 'x-sensitive': true }),
  skip_metadata_api_check: bool('Do not query the instance metadata API for credentials.'),
  skip_credential_validation: bool('Do not check the credentials with STS.'),
  assume_role: block(
    'Role to assume for the build.',
    object({
      role_arn: str('ARN of the role.'),
      duration_seconds: int('Session duration.'),
      external_id: str('External ID.'),
      policy: str('IAM policy JSON further restricting the session.'),
      policy_arns: strList('Managed policies restricting the session.'),
      session_name: str('Session name.'),
      tags: strMap('Session tags.'),
      transitive_tag_keys: strList('Session tags passed on to chained roles.'),
    }),
  ),
  vault_aws_engine: block(
    "Get credentials from Vault's AWS secrets engine.",
    object({
      name: str('Role name in Vault.'),
      role_arn: str('Role ARN, for assumed_role credentials.'),
      ttl: str('Credential lifetime.'),
      engine_name: str('Mount path of the engine.', { default: 'aws' }),
    }),
  ),
  aws_polling: block(
    'How often and how long to poll for AWS resources to be ready.',
    object({
      delay_seconds: int('Seconds between polls.'),
      max_attempts: int('Number of polls.'),
    }),
  ),
};

export function prepareAccess(config: Config, ctx: PrepareContext): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const has = (name: string) => given(config, ctx, name);
  if (has('vault_aws_engine') && has('access_key')) {
    diags.push(
      ctx.error(
        'access_key',
        'If you have set vault_aws_engine, you must not set the access_key or secret_key.',
        '',
      ),
    );
  }
  if (has('access_key') !== has('secret_key')) {
    diags.push(
      ctx.error(
        has('access_key') ? 'access_key' : 'secret_key',
        '`access_key` and `secret_key` must both be either set or not set.',
        '',
      ),
    );
  }
  return diags;
}
