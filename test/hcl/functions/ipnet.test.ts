import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatIp, ipnetFunctions as fns, parseCidr } from '../../../src/hcl/functions/ipnet.js';
import { errorOf, show } from './helpers-e.js';

test('cidrhost: IPv4 and IPv6, negative numbers count from the end', () => {
  assert.equal(show(fns, 'cidrhost', '10.12.112.0/20', 16), '10.12.112.16');
  assert.equal(show(fns, 'cidrhost', '10.12.112.0/20', 268), '10.12.113.12');
  assert.equal(show(fns, 'cidrhost', '10.12.112.0/20', -1), '10.12.127.255');
  assert.equal(show(fns, 'cidrhost', '10.12.112.5/20', 0), '10.12.112.0');
  assert.equal(show(fns, 'cidrhost', 'fd00:fd12:3456:7890::/56', 16), 'fd00:fd12:3456:7800::10');
  assert.equal(show(fns, 'cidrhost', '::/0', -1), 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff');
  assert.equal(
    errorOf(fns, 'cidrhost', '10.0.0.0/30', 5),
    'prefix of 30 does not accommodate a host numbered 5',
  );
  assert.equal(
    errorOf(fns, 'cidrhost', '10.0.0.0/30', -5),
    'prefix of 30 does not accommodate a host numbered -1',
  );
  assert.equal(errorOf(fns, 'cidrhost', 'nope', 1), 'invalid CIDR expression: invalid CIDR address: nope');
  assert.match(errorOf(fns, 'cidrhost', '10.0.0.0/8', 1.5), /whole number/);
});

test('cidrnetmask', () => {
  assert.equal(show(fns, 'cidrnetmask', '172.16.0.0/12'), '255.240.0.0');
  assert.equal(show(fns, 'cidrnetmask', '0.0.0.0/0'), '0.0.0.0');
  assert.equal(show(fns, 'cidrnetmask', 'fd00::/48'), 'ffff:ffff:ffff::');
  assert.equal(
    errorOf(fns, 'cidrnetmask', '10.0.0.0/33'),
    'invalid CIDR expression: invalid CIDR address: 10.0.0.0/33',
  );
});

test('cidrsubnet', () => {
  assert.equal(show(fns, 'cidrsubnet', '172.16.0.0/12', 4, 2), '172.18.0.0/16');
  assert.equal(show(fns, 'cidrsubnet', '10.1.2.0/24', 4, 15), '10.1.2.240/28');
  assert.equal(show(fns, 'cidrsubnet', 'fd00:fd12:3456:7890::/56', 16, 162), 'fd00:fd12:3456:7800:a200::/72');
  assert.equal(
    errorOf(fns, 'cidrsubnet', '10.1.2.0/24', 4, 16),
    'prefix extension of 4 does not accommodate a subnet numbered 16',
  );
  assert.equal(
    errorOf(fns, 'cidrsubnet', '10.0.0.0/30', 4, 0),
    'insufficient address space to extend prefix of 30 by 4',
  );
  assert.equal(errorOf(fns, 'cidrsubnet', '10.0.0.0/8', 33, 0), 'may not extend prefix by more than 32 bits');
  // go-cidr's treatment of a negative network number, reproduced (Packer prints the same).
  assert.equal(show(fns, 'cidrsubnet', '10.0.0.0/8', 8, -1), '0.1.0.0/16');
  assert.equal(
    errorOf(fns, 'cidrsubnet', '10.0.0.0/8', 8, -256),
    'prefix extension of 8 does not accommodate a subnet numbered -256',
  );
});

test('cidrsubnets: consecutive, aligned subnets', () => {
  assert.equal(
    show(fns, 'cidrsubnets', '10.1.0.0/16', 4, 4, 8, 4),
    '[\n  "10.1.0.0/20",\n  "10.1.16.0/20",\n  "10.1.32.0/24",\n  "10.1.48.0/20",\n]',
  );
  assert.equal(
    show(fns, 'cidrsubnets', 'fd00:fd12:3456:7890::/56', 16, 16, 16, 32),
    '[\n  "fd00:fd12:3456:7800::/72",\n  "fd00:fd12:3456:7800:100::/72",\n  "fd00:fd12:3456:7800:200::/72",\n  "fd00:fd12:3456:7800:300::/88",\n]',
  );
  assert.equal(show(fns, 'cidrsubnets', '10.0.0.0/8'), '[]');
  assert.equal(
    errorOf(fns, 'cidrsubnets', '10.0.0.0/30', 1, 1, 1),
    'not enough remaining address space for a subnet with a prefix of 31 bits after 10.0.0.2/31',
  );
  assert.equal(errorOf(fns, 'cidrsubnets', '10.0.0.0/8', 0), 'must extend prefix by at least one bit');
  assert.equal(
    errorOf(fns, 'cidrsubnets', '10.0.0.0/30', 3),
    'would extend prefix to 33 bits, which is too long for an IPv4 address',
  );
});

test('address parsing and printing follow Go', () => {
  assert.throws(() => parseCidr('010.0.0.0/8'), /invalid CIDR address/);
  assert.throws(() => parseCidr('1.2.3/8'), /invalid CIDR address/);
  assert.throws(() => parseCidr('fe80::1%eth0/64'), /invalid CIDR address/);
  assert.throws(() => parseCidr('1:2:3:4:5:6:7:8:9/64'), /invalid CIDR address/);
  assert.equal(parseCidr('::ffff:1.2.3.4/128').ip, 0xffff01020304n);
  assert.equal(formatIp(0x20010db8000000000000000000000001n, 128), '2001:db8::1');
  assert.equal(formatIp(0x20010db8000000010000000000000000n, 128), '2001:db8:0:1::');
  assert.equal(formatIp(0x20010000000100000000000000000001n, 128), '2001:0:1::1');
  assert.equal(formatIp(0x20010000000000010000000000010001n, 128), '2001::1:0:0:1:1'); // first run on a tie
  assert.equal(formatIp(0xffff0a000001n, 128), '10.0.0.1');
  assert.equal(formatIp(0n, 128), '::');
});

test("go-cty-funcs' own cidrsubnets cases", () => {
  assert.equal(
    show(fns, 'cidrsubnets', '10.0.0.0/21', 3, 3, 3, 4, 4, 4, 7, 7, 7),
    `[\n${['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/25', '10.0.3.128/25', '10.0.4.0/25', '10.0.4.128/28', '10.0.4.144/28', '10.0.4.160/28'].map((s) => `  "${s}",\n`).join('')}]`,
  );
  assert.equal(
    errorOf(fns, 'cidrsubnets', '10.0.0.0/30', 1, 3),
    'would extend prefix to 33 bits, which is too long for an IPv4 address',
  );
  assert.equal(
    errorOf(fns, 'cidrsubnets', '10.0.0.0/8', 1, 1, 1),
    'not enough remaining address space for a subnet with a prefix of 9 bits after 10.128.0.0/9',
  );
  assert.equal(errorOf(fns, 'cidrsubnets', '10.0.0.0/8', 1, 0), 'must extend prefix by at least one bit');
  assert.equal(errorOf(fns, 'cidrsubnets', '10.0.0.0/8', 1, -1), 'must extend prefix by at least one bit');
  assert.equal(errorOf(fns, 'cidrsubnets', 'fe80::/48', 1, 33), 'may not extend prefix by more than 32 bits');
});
