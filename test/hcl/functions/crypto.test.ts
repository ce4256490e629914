import assert from 'node:assert/strict';
import { constants, generateKeyPairSync, publicEncrypt } from 'node:crypto';
import { test } from 'node:test';
import bcryptjs from 'bcryptjs';
import { FunctionArgError, FunctionError } from '../../../src/hcl/hcl.js';
import { cryptoFunctions as fns } from '../../../src/hcl/functions/crypto.js';
import { asString } from '../../../src/hcl/values.js';
import { call, errorOf, show } from './helpers-e.js';

test('hashes are lowercase hex of the UTF-8 bytes', () => {
  assert.equal(show(fns, 'md5', 'hello'), '5d41402abc4b2a76b9719d911017c592');
  assert.equal(show(fns, 'sha1', 'hello'), 'aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d');
  assert.equal(show(fns, 'sha256', ''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(
    show(fns, 'sha512', 'abc'),
    'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
  );
  assert.equal(show(fns, 'md5', 'é'), '66ddcd97cfdeabb2f6fb8a999b4bc76f'); // of the UTF-8 bytes c3 a9
  assert.notEqual(show(fns, 'md5', 'é'), show(fns, 'md5', 'e'));
});

test('bcrypt: default cost 10, "2a" prefix, verifies, salted differently each call', () => {
  const h1 = asString(call(fns, 'bcrypt', 'p4ss'));
  const h2 = asString(call(fns, 'bcrypt', 'p4ss'));
  assert.match(h1, /^\$2a\$10\$[./A-Za-z0-9]{53}$/);
  assert.notEqual(h1, h2);
  assert.ok(bcryptjs.compareSync('p4ss', h1));
  assert.ok(!bcryptjs.compareSync('other', h1));
});

test('bcrypt: explicit cost, low cost falls back to 10, bad costs fail', () => {
  assert.match(asString(call(fns, 'bcrypt', 'x', 4)), /^\$2a\$04\$/);
  assert.match(asString(call(fns, 'bcrypt', 'x', 2)), /^\$2a\$10\$/);
  assert.match(errorOf(fns, 'bcrypt', 'x', 32), /cost 32 is outside allowed range \(4,31\)/);
  assert.match(errorOf(fns, 'bcrypt', 'x', 4, 5), /takes no more than two arguments/);
  assert.match(errorOf(fns, 'bcrypt', 'x', 4.5), /whole number/);
  assert.match(asString(call(fns, 'bcrypt', 'é'.repeat(36), 4)), /^\$2a\$04\$/); // 72 bytes
  assert.equal(
    errorOf(fns, 'bcrypt', 'x'.repeat(73), 4),
    'error occured generating password bcrypt: password length exceeds 72 bytes',
  );
});

test('rsadecrypt: PKCS #1 v1.5 ciphertext with a PKCS #1 PEM key', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
  const cipher = publicEncrypt(
    { key: publicKey, padding: constants.RSA_PKCS1_PADDING },
    Buffer.from('héllo'),
  );
  assert.equal(show(fns, 'rsadecrypt', cipher.toString('base64'), pem), 'héllo');

  assert.equal(
    errorOf(fns, 'rsadecrypt', '!!', pem),
    'failed to decode input "!!": cipher text must be base64-encoded',
  );
  assert.equal(
    errorOf(fns, 'rsadecrypt', cipher.toString('base64'), 'nope'),
    'failed to parse key: no key found',
  );
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  assert.match(errorOf(fns, 'rsadecrypt', cipher.toString('base64'), pkcs8), /ParsePKCS8PrivateKey/);
  const other = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
    type: 'pkcs1',
    format: 'pem',
  });
  assert.equal(
    errorOf(fns, 'rsadecrypt', cipher.toString('base64'), other as string),
    'crypto/rsa: decryption error',
  );
  const encrypted = pem.replace('-----\n', '-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n');
  assert.match(errorOf(fns, 'rsadecrypt', cipher.toString('base64'), encrypted), /password protected keys/);
});

test('errors are function errors, not crashes', () => {
  try {
    call(fns, 'rsadecrypt', 'AAAA', 'x');
    assert.fail('expected an error');
  } catch (e) {
    assert.ok(e instanceof FunctionError || e instanceof FunctionArgError);
  }
});
