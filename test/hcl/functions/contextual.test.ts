import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeContextualFunctions } from '../../../src/hcl/functions/contextual.js';
import { nullVal } from '../../../src/hcl/values.js';
import { StringType } from '../../../src/hcl/types.js';
import { errorOf, show } from './helpers-e.js';

test('env reads the given environment; unset is ""', () => {
  const fns = makeContextualFunctions({ env: { FOO: 'bar' } });
  assert.equal(show(fns, 'env', 'FOO'), 'bar');
  assert.equal(show(fns, 'env', 'UNSET'), '');
});

test('vault: without a token or client, a clear error', () => {
  assert.equal(
    errorOf(makeContextualFunctions({ env: {} }), 'vault', 'secret/x', 'k'),
    'Must set VAULT_TOKEN env var in order to use vault template function',
  );
  assert.match(
    errorOf(makeContextualFunctions({ env: { VAULT_TOKEN: 't' } }), 'vault', 'secret/x', 'k'),
    /^vault: VAULT_ADDR is not set/,
  );
  assert.match(
    errorOf(
      makeContextualFunctions({ env: { VAULT_TOKEN: 't', VAULT_ADDR: 'https://v:8200' } }),
      'vault',
      'secret/x',
      'k',
    ),
    /no Vault client is configured.*https:\/\/v:8200/,
  );
});

test('configured services are used', () => {
  const fns = makeContextualFunctions({
    env: { VAULT_TOKEN: 't' },
    vault: (p, k) => `${p}#${k}`,
    consul: (k) => `consul:${k}`,
    awsSecret: (n, k) => `${n}/${k}`,
    awsSecretRaw: (n) => `raw:${n}`,
  });
  assert.equal(show(fns, 'vault', 'secret/data/x', 'k'), 'secret/data/x#k');
  assert.equal(show(fns, 'consul_key', 'a/b'), 'consul:a/b');
  assert.equal(show(fns, 'aws_secretsmanager', 'n', 'k'), 'n/k');
  assert.equal(show(fns, 'aws_secretsmanager', 'n', nullVal(StringType)), 'n/');
  assert.equal(show(fns, 'aws_secretsmanager_raw', 'n'), 'raw:n');
  const failing = makeContextualFunctions({
    consul: () => {
      throw new Error('403 denied');
    },
  });
  assert.equal(errorOf(failing, 'consul_key', 'k'), '403 denied');
});

test('unconfigured consul and AWS say what is missing', () => {
  const fns = makeContextualFunctions({ env: {} });
  assert.match(errorOf(fns, 'consul_key', 'k'), /^consul_key: CONSUL_HTTP_ADDR is not set/);
  assert.match(
    errorOf(fns, 'aws_secretsmanager', 'n', 'k'),
    /^aws_secretsmanager: no AWS Secrets Manager client/,
  );
  assert.match(
    errorOf(fns, 'aws_secretsmanager_raw', 'n'),
    /^aws_secretsmanager_raw: no AWS Secrets Manager client/,
  );
});
