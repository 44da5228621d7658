/**
 * IP address and CIDR primitives on ipaddr.js, shared by every engine.
 * Addresses are held as bigint so IPv4 and IPv6 share one arithmetic.
 * Parsing never throws: it returns either a value or a reason in words.
 */
import ipaddr from 'ipaddr.js';

export type Family = 4 | 6;

export interface Ip {
  family: Family;
  value: bigint;
}

export interface Cidr {
  family: Family;
  /** First address of the range (host bits cleared). */
  network: bigint;
  prefix: number;
  /** The text as the user wrote it, trimmed. */
  text: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

export const familyBits = (f: Family): number => (f === 4 ? 32 : 128);

const MAX_TEXT = 100; // longest sensible address text; longer input is rejected before parsing

function bytesToBigint(bytes: number[]): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

// ipaddr.js accepts shorthand IPv4 such as "10.1" or octal "010.0.0.1"; Azure and
// Kubernetes accept only four decimal octets, so we check the shape first.
const IPV4_STRICT = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function parseIp(text: unknown): Parsed<Ip> {
  if (typeof text !== 'string') return { ok: false, reason: 'an IP address must be text' };
  const t = text.trim();
  if (t === '') return { ok: false, reason: 'the address is empty' };
  if (t.length > MAX_TEXT) return { ok: false, reason: 'the address is too long to be an IP address' };
  if (t.includes(':')) {
    if (t.includes('%')) return { ok: false, reason: `"${t}" has a zone index (%…), which is not allowed here` };
    if (!ipaddr.IPv6.isValid(t)) return { ok: false, reason: `"${t}" is not a valid IPv6 address` };
    const a = ipaddr.IPv6.parse(t);
    return { ok: true, value: { family: 6, value: bytesToBigint(a.toByteArray()) } };
  }
  if (!IPV4_STRICT.test(t)) {
    return { ok: false, reason: `"${t}" is not a valid IPv4 address (four numbers 0–255 separated by dots)` };
  }
  return { ok: true, value: { family: 4, value: bytesToBigint(ipaddr.IPv4.parse(t).toByteArray()) } };
}

export interface CidrOptions {
  /** When true (the default), an address with host bits set (10.0.0.1/24) is rejected. */
  strict?: boolean;
  /** Accept a bare address as a /32 or /128. */
  allowBareIp?: boolean;
}

export function parseCidr(text: unknown, options: CidrOptions = {}): Parsed<Cidr> & { hostBitsSet?: boolean } {
  const strict = options.strict ?? true;
  if (typeof text !== 'string') return { ok: false, reason: 'a CIDR range must be text such as 10.0.0.0/16' };
  const t = text.trim();
  if (t === '') return { ok: false, reason: 'the range is empty' };
  if (t.length > MAX_TEXT) return { ok: false, reason: 'the text is too long to be a CIDR range' };
  const slash = t.indexOf('/');
  if (slash < 0) {
    if (!options.allowBareIp) return { ok: false, reason: `"${t}" has no prefix length (write it as address/prefix, e.g. 10.0.0.0/16)` };
    const ip = parseIp(t);
    if (!ip.ok) return ip;
    return { ok: true, value: { family: ip.value.family, network: ip.value.value, prefix: familyBits(ip.value.family), text: t } };
  }
  const ip = parseIp(t.slice(0, slash));
  if (!ip.ok) return ip;
  const prefixText = t.slice(slash + 1);
  const bits = familyBits(ip.value.family);
  if (!/^\d{1,3}$/.test(prefixText)) {
    return { ok: false, reason: `the prefix length "/${prefixText}" is not a whole number from 0 to ${bits}` };
  }
  const prefix = Number(prefixText);
  if (prefix > bits) {
    return { ok: false, reason: `the prefix length /${prefix} is larger than ${bits}, the size of an IPv${ip.value.family} address` };
  }
  const network = ip.value.value & maskOf(ip.value.family, prefix);
  const hostBitsSet = network !== ip.value.value;
  if (hostBitsSet && strict) {
    return {
      ok: false,
      hostBitsSet: true,
      reason: `"${t}" has host bits set: the range starting at that prefix is ${formatIp({ family: ip.value.family, value: network })}/${prefix}`,
    };
  }
  return { ok: true, hostBitsSet, value: { family: ip.value.family, network, prefix, text: t } };
}

export function maskOf(family: Family, prefix: number): bigint {
  const bits = BigInt(familyBits(family));
  const all = (1n << bits) - 1n;
  return (all >> BigInt(prefix)) ^ all;
}

export const sizeOf = (c: Cidr): bigint => 1n << BigInt(familyBits(c.family) - c.prefix);
export const lastOf = (c: Cidr): bigint => c.network + sizeOf(c) - 1n;

export function formatIp(ip: Ip): string {
  if (ip.family === 4) {
    const v = ip.value;
    return [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 255n)).join('.');
  }
  const bytes: number[] = [];
  for (let s = 120n; s >= 0n; s -= 8n) bytes.push(Number((ip.value >> s) & 255n));
  return ipaddr.fromByteArray(bytes).toString(); // RFC 5952 compressed form
}

export const formatCidr = (c: Pick<Cidr, 'family' | 'network' | 'prefix'>): string =>
  `${formatIp({ family: c.family, value: c.network })}/${c.prefix}`;

export function containsIp(c: Cidr, ip: Ip): boolean {
  return c.family === ip.family && ip.value >= c.network && ip.value <= lastOf(c);
}

/** True when `outer` contains all of `inner`. */
export function containsCidr(outer: Cidr, inner: Cidr): boolean {
  return outer.family === inner.family && outer.prefix <= inner.prefix && inner.network >= outer.network && lastOf(inner) <= lastOf(outer);
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && a.network <= lastOf(b) && b.network <= lastOf(a);
}

/** Azure reserves five addresses in every subnet (network, three after it, broadcast). */
export const AZURE_RESERVED_PER_SUBNET = 5;

/** Addresses usable by resources in an Azure subnet of this range (never negative). */
export function azureUsable(c: Cidr): bigint {
  const n = sizeOf(c) - BigInt(AZURE_RESERVED_PER_SUBNET);
  return n > 0n ? n : 0n;
}

/** Smallest prefix (largest range) that holds at least `count` addresses plus Azure's 5. */
export function prefixForAzureUsable(family: Family, count: number): number | null {
  const bits = familyBits(family);
  for (let p = bits; p >= 0; p--) {
    if ((1n << BigInt(bits - p)) - 5n >= BigInt(Math.max(0, Math.ceil(count)))) return p;
  }
  return null;
}

/** Formats a bigint count with thousands separators ("1,048,576"). */
export function formatCount(n: bigint | number): string {
  return BigInt(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
