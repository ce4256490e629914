/**
 * CIDR functions (go-cty-funcs `cidr` over apparentlymart/go-cidr), for IPv4 and IPv6 on BigInts.
 * Exports `ipnetFunctions`: cidrhost, cidrnetmask, cidrsubnet, cidrsubnets.
 */
import { FunctionArgError, FunctionError, type HclFunction } from '../hcl.js';
import { listOf, NumberType, StringType } from '../types.js';
import { asString, listVal, listValEmpty, stringVal } from '../values.js';
import { defineFunction, param } from './call.js';
import { errorMessage, toGoInt } from './util.js';

/** A network as Go's net.ParseCIDR returns it: the masked address and the prefix length. */
export interface IpNet {
  readonly bits: 32 | 128;
  readonly ip: bigint;
  readonly prefix: number;
}

function maskOf(prefix: number, bits: number): bigint {
  const all = (1n << BigInt(bits)) - 1n;
  return all ^ ((1n << BigInt(bits - prefix)) - 1n);
}

function parseIPv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    // netip rejects empty fields, more than three digits and leading zeros.
    if (!/^\d{1,3}$/.test(p) || (p.length > 1 && p[0] === '0')) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

function parseIPv6(s: string): bigint | undefined {
  if (s.includes('%')) return undefined; // zones are not allowed in a CIDR
  let groups: number[] = [];
  let ellipsis = -1;
  let rest = s;
  if (rest.startsWith('::')) {
    ellipsis = 0;
    rest = rest.slice(2);
    if (rest === '') return 0n;
  }
  while (rest !== '') {
    const m = /^[0-9a-fA-F]{1,4}/.exec(rest);
    if (!m) return undefined;
    // An embedded IPv4 address may end the address.
    if (rest.includes('.') && !rest.includes(':')) {
      const v4 = parseIPv4(rest);
      if (v4 === undefined || groups.length > 6) return undefined;
      groups.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      rest = '';
      break;
    }
    groups.push(Number.parseInt(m[0], 16));
    rest = rest.slice(m[0].length);
    if (rest === '') break;
    if (rest[0] !== ':') return undefined;
    if (rest.startsWith('::')) {
      if (ellipsis >= 0) return undefined;
      ellipsis = groups.length;
      rest = rest.slice(2);
    } else {
      rest = rest.slice(1);
      if (rest === '') return undefined;
    }
    if (groups.length > 8) return undefined;
  }
  if (ellipsis >= 0) {
    if (groups.length > 7) return undefined;
    const fill = new Array<number>(8 - groups.length).fill(0);
    groups = [...groups.slice(0, ellipsis), ...fill, ...groups.slice(ellipsis)];
  }
  if (groups.length !== 8) return undefined;
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

/** Go's net.ParseCIDR; the error message is Go's. */
export function parseCidr(s: string): IpNet {
  const bad = () => new Error(`invalid CIDR address: ${s}`);
  const slash = s.indexOf('/');
  if (slash < 0) throw bad();
  const addr = s.slice(0, slash);
  const maskText = s.slice(slash + 1);
  let bits: 32 | 128;
  let ip: bigint | undefined;
  if (addr.includes(':')) {
    bits = 128;
    ip = parseIPv6(addr);
  } else {
    bits = 32;
    ip = parseIPv4(addr);
  }
  if (ip === undefined || !/^\d+$/.test(maskText) || maskText.length > 8) throw bad();
  const prefix = Number(maskText);
  if (prefix > bits) throw bad();
  return { bits, ip: ip & maskOf(prefix, bits), prefix };
}

/** Go's net.IP.String. */
export function formatIp(ip: bigint, bits: 32 | 128): string {
  if (bits === 32) return formatIPv4(ip);
  if (ip >> 32n === 0xffffn) return formatIPv4(ip & 0xffffffffn); // IPv4-mapped
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((ip >> BigInt(i * 16)) & 0xffffn));
  // The longest run of two or more zero groups becomes "::" (the first such run on a tie).
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

function formatIPv4(ip: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((ip >> s) & 0xffn)).join('.');
}

export function formatNet(n: IpNet): string {
  return `${formatIp(n.ip, n.bits)}/${n.prefix}`;
}

const UINT64_MAX = (1n << 64n) - 1n;

/** go-cidr's HostBig. */
export function cidrHost(net: IpNet, num: bigint): string {
  const maxHostNum = (1n << BigInt(net.bits - net.prefix)) - 1n;
  let numUint = BigInt.asUintN(64, num < 0n ? -num : num);
  if (num < 0n) {
    numUint = -num - 1n;
    num = maxHostNum - numUint;
  }
  if (numUint > maxHostNum) {
    throw new Error(`prefix of ${net.prefix} does not accommodate a host numbered ${num}`);
  }
  return formatIp(net.ip | num, net.bits);
}

/** go-cidr's SubnetBig. */
export function cidrSubnet(net: IpNet, newBits: number, num: bigint): IpNet {
  const newPrefix = net.prefix + newBits;
  if (newPrefix > net.bits) {
    throw new Error(`insufficient address space to extend prefix of ${net.prefix} by ${newBits}`);
  }
  const maxNetNum = newBits >= 64 ? UINT64_MAX : (1n << BigInt(newBits)) - 1n;
  // go-cidr compares the low 64 bits of |num| (big.Int.Uint64), so a small negative number passes…
  if (BigInt.asUintN(64, num < 0n ? -num : num) > maxNetNum) {
    throw new Error(`prefix extension of ${newBits} does not accommodate a subnet numbered ${num}`);
  }
  // …and is ORed in two's complement (big.Int.Or), after which only the magnitude's bytes are kept.
  let ip = net.ip | (num << BigInt(net.bits - newPrefix));
  if (ip < 0n) ip = -ip;
  return { bits: net.bits, ip: BigInt.asUintN(net.bits, ip), prefix: newPrefix };
}

function lastAddress(n: IpNet): bigint {
  return n.ip | ((1n << BigInt(n.bits - n.prefix)) - 1n);
}

function wrap(n: bigint, bits: number): bigint {
  return BigInt.asUintN(bits, n);
}

const cidrhost = defineFunction({
  description: 'Calculates a full host IP address within a given IP network address prefix.',
  params: [param('prefix', StringType), param('hostnum', NumberType)],
  returnType: StringType,
  impl: (args) => {
    try {
      const hostNum = toGoInt(args[1]!);
      const net = parseCidrForFunction(asString(args[0]!));
      return stringVal(cidrHost(net, BigInt(hostNum)));
    } catch (e) {
      throw e instanceof FunctionError ? e : new FunctionError(errorMessage(e));
    }
  },
});

function parseCidrForFunction(s: string): IpNet {
  try {
    return parseCidr(s);
  } catch (e) {
    throw new FunctionError(`invalid CIDR expression: ${errorMessage(e)}`);
  }
}

const cidrnetmask = defineFunction({
  description: 'Calculates a subnet mask from an IP network address prefix.',
  params: [param('prefix', StringType)],
  returnType: StringType,
  impl: (args) => {
    const net = parseCidrForFunction(asString(args[0]!));
    return stringVal(formatIp(maskOf(net.prefix, net.bits), net.bits));
  },
});

const cidrsubnet = defineFunction({
  description: 'Calculates a subnet address within a given IP network address prefix.',
  params: [param('prefix', StringType), param('newbits', NumberType), param('netnum', NumberType)],
  returnType: StringType,
  impl: (args) => {
    try {
      const newBits = toGoInt(args[1]!);
      const netNum = toGoInt(args[2]!);
      const net = parseCidrForFunction(asString(args[0]!));
      if (newBits > 32) throw new Error('may not extend prefix by more than 32 bits');
      return stringVal(formatNet(cidrSubnet(net, newBits, BigInt(netNum))));
    } catch (e) {
      throw e instanceof FunctionError ? e : new FunctionError(errorMessage(e));
    }
  },
});

const cidrsubnets = defineFunction({
  description: 'Calculates a sequence of consecutive subnet prefixes within a given IP network prefix.',
  params: [param('prefix', StringType)],
  varParam: param('newbits', NumberType),
  returnType: listOf(StringType),
  impl: (args) => {
    let net: IpNet;
    try {
      net = parseCidr(asString(args[0]!));
    } catch (e) {
      throw new FunctionArgError(0, `invalid CIDR expression: ${errorMessage(e)}`);
    }
    const lengths = args.slice(1);
    if (lengths.length === 0) return listValEmpty(StringType);
    const intArg = (i: number): number => {
      try {
        return toGoInt(lengths[i]!);
      } catch (e) {
        throw new FunctionArgError(i + 1, errorMessage(e));
      }
    };
    const firstLength = intArg(0) + net.prefix;
    // The subnet just below the network: go-cidr's PreviousSubnet.
    let current: IpNet = {
      bits: net.bits,
      ip: wrap(net.ip - 1n, net.bits) & maskOf(Math.min(firstLength, net.bits), net.bits),
      prefix: firstLength,
    };
    const out = [];
    for (let i = 0; i < lengths.length; i++) {
      let length = intArg(i);
      if (length < 1) throw new FunctionArgError(i + 1, 'must extend prefix by at least one bit');
      if (length > 32) throw new FunctionArgError(i + 1, 'may not extend prefix by more than 32 bits');
      length += net.prefix;
      if (length > net.bits) {
        const protocol = net.bits === 32 ? 'IPv4' : 'IPv6';
        throw new FunctionArgError(
          i + 1,
          `would extend prefix to ${length} bits, which is too long for an ${protocol} address`,
        );
      }
      // go-cidr's NextSubnet: the subnet of this size just after the current one.
      const mask = maskOf(length, net.bits);
      const currentSubnet: IpNet = { bits: net.bits, ip: lastAddress(current) & mask, prefix: length };
      const after = wrap(lastAddress(currentSubnet) + 1n, net.bits);
      const next: IpNet = { bits: net.bits, ip: after & mask, prefix: length };
      const contained = (next.ip & maskOf(net.prefix, net.bits)) === net.ip;
      if (after === 0n || !contained) {
        throw new FunctionArgError(
          i + 1,
          `not enough remaining address space for a subnet with a prefix of ${length} bits after ${formatNet(current)}`,
        );
      }
      current = next;
      out.push(stringVal(formatNet(current)));
    }
    return listVal(out);
  },
});

export const ipnetFunctions: Record<string, HclFunction> = { cidrhost, cidrnetmask, cidrsubnet, cidrsubnets };
