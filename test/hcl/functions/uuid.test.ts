import assert from 'node:assert/strict';
import { test } from 'node:test';
import { uuidFunctions as fns } from '../../../src/hcl/functions/uuid.js';
import { asString } from '../../../src/hcl/values.js';
import { call, errorOf, show } from './helpers-e.js';

test('uuidv4: RFC 4122 version 4, different on every call', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 50; i++) {
    const u = asString(call(fns, 'uuidv4'));
    assert.match(u, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    seen.add(u);
  }
  assert.equal(seen.size, 50);
});

test('uuidv5: named namespaces and explicit UUID namespaces', () => {
  assert.equal(show(fns, 'uuidv5', 'dns', 'www.terraform.io'), 'a5008fae-b28c-5ba5-96cd-82b4c53552d6');
  assert.equal(
    show(fns, 'uuidv5', 'url', 'https://www.terraform.io/'),
    '9db6f67c-dd95-5ea0-aa5b-e70e5c5f7cf5',
  );
  assert.equal(
    show(fns, 'uuidv5', 'oid', '1.2.3'),
    show(fns, 'uuidv5', '6ba7b812-9dad-11d1-80b4-00c04fd430c8', '1.2.3'),
  );
  assert.equal(
    show(fns, 'uuidv5', '{6BA7B814-9DAD-11D1-80B4-00C04FD430C8}', 'x'),
    show(fns, 'uuidv5', 'x500', 'x'),
  );
  assert.equal(
    show(fns, 'uuidv5', 'urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.terraform.io'),
    'a5008fae-b28c-5ba5-96cd-82b4c53552d6',
  );
  assert.match(show(fns, 'uuidv5', 'dns', ''), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab]/);
});

test('uuidv5: an unknown namespace names the problem', () => {
  assert.equal(
    errorOf(fns, 'uuidv5', 'nope', 'x'),
    "uuidv5() doesn't support namespace nope (invalid UUID length: 4)",
  );
  assert.equal(
    errorOf(fns, 'uuidv5', 'zzzzzzzz-9dad-11d1-80b4-00c04fd430c8', 'x'),
    "uuidv5() doesn't support namespace zzzzzzzz-9dad-11d1-80b4-00c04fd430c8 (invalid UUID format)",
  );
});
