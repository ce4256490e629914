/**
 * Functions that read from outside the template: env, and the secret stores vault, consul_key,
 * aws_secretsmanager, aws_secretsmanager_raw.
 * Exports `makeContextualFunctions(services)` and `contextualFunctions` (no services configured):
 * env, vault, consul_key, aws_secretsmanager, aws_secretsmanager_raw.
 *
 * Note for the registry: Packer offers `env` only in variable defaults, not in the general table.
 * imgbuild has no built-in clients for the secret stores; a caller can supply lookups, and without one
 * each function fails with a message saying what is missing.
 */
import { FunctionError, type HclFunction } from '../hcl.js';
import { StringType } from '../types.js';
import { asString, isNull, stringVal } from '../values.js';
import { defineFunction, param } from './call.js';
import { errorMessage } from './util.js';

export interface ContextualServices {
  /** The environment to read; process.env when omitted. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly vault?: (path: string, key: string) => string;
  readonly consul?: (key: string) => string;
  /** `key` is '' when the caller wants the secret's first key. */
  readonly awsSecret?: (name: string, key: string) => string;
  readonly awsSecretRaw?: (name: string) => string;
}

/** Runs a lookup, turning anything it throws into a function error. */
function lookup(fn: () => string): string {
  try {
    return fn();
  } catch (e) {
    throw e instanceof FunctionError ? e : new FunctionError(errorMessage(e));
  }
}

export function makeContextualFunctions(services: ContextualServices = {}): Record<string, HclFunction> {
  const env = () => services.env ?? process.env;

  const vault = defineFunction({
    description: 'Reads a key of a secret from a HashiCorp Vault KV store.',
    params: [param('path', StringType), param('key', StringType)],
    returnType: StringType,
    impl: (args) => {
      const path = asString(args[0]!);
      const key = asString(args[1]!);
      if (!env().VAULT_TOKEN) {
        throw new FunctionError('Must set VAULT_TOKEN env var in order to use vault template function');
      }
      const client = services.vault;
      if (!client) {
        const addr = env().VAULT_ADDR;
        throw new FunctionError(
          addr
            ? `vault: no Vault client is configured, so the secret at ${JSON.stringify(path)} cannot be read from ${addr}`
            : `vault: VAULT_ADDR is not set; cannot read the secret at ${JSON.stringify(path)}`,
        );
      }
      return stringVal(lookup(() => client(path, key)));
    },
  });

  const consul_key = defineFunction({
    description: 'Reads a value from a HashiCorp Consul KV store.',
    params: [param('key', StringType)],
    returnType: StringType,
    impl: (args) => {
      const key = asString(args[0]!);
      const client = services.consul;
      if (!client) {
        const addr = env().CONSUL_HTTP_ADDR;
        throw new FunctionError(
          addr
            ? `consul_key: no Consul client is configured, so key ${JSON.stringify(key)} cannot be read from ${addr}`
            : `consul_key: CONSUL_HTTP_ADDR is not set; cannot read key ${JSON.stringify(key)}`,
        );
      }
      return stringVal(lookup(() => client(key)));
    },
  });

  const noAws = (fn: string, name: string) =>
    new FunctionError(
      `${fn}: no AWS Secrets Manager client is configured; cannot read secret ${JSON.stringify(name)}`,
    );

  const aws_secretsmanager = defineFunction({
    description: 'Reads the current value of an AWS Secrets Manager secret (one key of it).',
    params: [param('name', StringType), param('key', StringType, { allowNull: true })],
    returnType: StringType,
    impl: (args) => {
      const name = asString(args[0]!);
      const key = isNull(args[1]!) ? '' : asString(args[1]!);
      const client = services.awsSecret;
      if (!client) throw noAws('aws_secretsmanager', name);
      return stringVal(lookup(() => client(name, key)));
    },
  });

  const aws_secretsmanager_raw = defineFunction({
    description: 'Reads the raw secret string of an AWS Secrets Manager secret.',
    params: [param('name', StringType)],
    returnType: StringType,
    impl: (args) => {
      const name = asString(args[0]!);
      const client = services.awsSecretRaw;
      if (!client) throw noAws('aws_secretsmanager_raw', name);
      return stringVal(lookup(() => client(name)));
    },
  });

  const envFn = defineFunction({
    description: 'Reads an environment variable; an unset variable gives "".',
    params: [param('key', StringType)],
    returnType: StringType,
    impl: (args) => stringVal(env()[asString(args[0]!)] ?? ''),
  });

  return { env: envFn, vault, consul_key, aws_secretsmanager, aws_secretsmanager_raw };
}

export const contextualFunctions: Record<string, HclFunction> = makeContextualFunctions();
