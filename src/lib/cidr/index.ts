/**
 * The CIDR calculator engine: describe ranges (IPv4 and IPv6), relate them to each other,
 * and split a range into subnets. Pure; returns a result plus diagnostics, never throws.
 *
 * Azure facts used here (Azure virtual network FAQ,
 * https://learn.microsoft.com/en-us/azure/virtual-network/virtual-networks-faq):
 * Azure reserves five addresses in every subnet (network, the three after it, and the last);
 * IPv4 subnets range from /29 (smallest) to /2 (largest); IPv6 subnets must be exactly /64.
 */
import { diag, type Diagnostic } from '../diagnostics';
import {
  AZURE_RESERVED_PER_SUBNET,
  azureUsable,
  containsCidr,
  familyBits,
  formatCidr,
  formatCount,
  formatIp,
  lastOf,
  maskOf,
  overlaps,
  parseCidr,
  sizeOf,
  type Cidr,
} from './ip';

export const AZURE_FAQ = 'https://learn.microsoft.com/en-us/azure/virtual-network/virtual-networks-faq';
export const AZURE_IPV4_SUBNET_PREFIX = { largest: 2, smallest: 29 } as const;
export const AZURE_IPV6_SUBNET_PREFIX = 64;

export interface CidrInfo {
  /** The range as written. */
  input: string;
  /** The normalized range (network address / prefix). */
  cidr: string;
  family: 4 | 6;
  prefix: number;
  network: string;
  last: string;
  /** Netmask: dotted quad for IPv4, full hex for IPv6. */
  mask: string;
  /** Total addresses, as a decimal string (IPv6 counts exceed Number). */
  total: string;
  /** Addresses usable in an Azure subnet of this range (total − 5), or null when Azure allows no subnet of this size. */
  azureUsable: string | null;
  /** First and last address Azure hands out in such a subnet. */
  azureFirstUsable: string | null;
  azureLastUsable: string | null;
  /** Why this size can or cannot be an Azure subnet, in words. */
  azureNote: string;
  /** 1-based line of the range in the input text. */
  line: number;
}

export type Relation = 'equal' | 'contains' | 'inside' | 'overlaps' | 'disjoint' | 'different-families';

export interface RangeRelation {
  a: string;
  b: string;
  relation: Relation;
  /** The relation in words. */
  text: string;
}

export interface SplitResult {
  of: string;
  prefix: number;
  /** How many subnets the split produces, as a decimal string. */
  count: string;
  /** The first subnets (at most `limit`). */
  subnets: { cidr: string; first: string; last: string; azureUsable: string | null }[];
  truncated: boolean;
}

export interface RangeAnalysis {
  ranges: CidrInfo[];
  relations: RangeRelation[];
  split?: SplitResult;
  diagnostics: Diagnostic[];
}

const MAX_RANGES = 200;
const SPLIT_LIMIT = 256;
/** How many subnets a view shows by default. */
export const SPLIT_SHOWN = 16;

function ipv6Mask(prefix: number): string {
  const m = maskOf(6, prefix);
  const groups: string[] = [];
  for (let s = 112n; s >= 0n; s -= 16n) groups.push(((m >> s) & 0xffffn).toString(16));
  return groups.join(':');
}

function azureFacts(c: Cidr): Pick<CidrInfo, 'azureUsable' | 'azureFirstUsable' | 'azureLastUsable' | 'azureNote'> {
  const allowed =
    c.family === 4 ? c.prefix >= AZURE_IPV4_SUBNET_PREFIX.largest && c.prefix <= AZURE_IPV4_SUBNET_PREFIX.smallest : c.prefix === AZURE_IPV6_SUBNET_PREFIX;
  if (!allowed) {
    return {
      azureUsable: null,
      azureFirstUsable: null,
      azureLastUsable: null,
      azureNote:
        c.family === 4
          ? `Azure subnets are /${AZURE_IPV4_SUBNET_PREFIX.largest} to /${AZURE_IPV4_SUBNET_PREFIX.smallest}; a /${c.prefix} can be a VNet address space or a Kubernetes range, not a subnet.`
          : `Azure IPv6 subnets must be exactly /${AZURE_IPV6_SUBNET_PREFIX}; a /${c.prefix} can be a VNet address space or a Kubernetes range, not a subnet.`,
    };
  }
  return {
    azureUsable: azureUsable(c).toString(),
    azureFirstUsable: formatIp({ family: c.family, value: c.network + 4n }),
    azureLastUsable: formatIp({ family: c.family, value: lastOf(c) - 1n }),
    azureNote:
      `As an Azure subnet: ${formatCount(sizeOf(c))} − ${AZURE_RESERVED_PER_SUBNET} reserved = ${formatCount(azureUsable(c))} usable (Azure keeps the network address, the next three and the last).` +
      // The FAQ states the reservation in IPv4 terms (x.x.x.0–x.x.x.3 and the last address).
      (c.family === 6 ? ' The Azure FAQ states this rule in IPv4 terms; for an IPv6 /64 the same five are assumed, which changes nothing in practice.' : ''),
  };
}

export function describe(c: Cidr, line = 1): CidrInfo {
  return {
    input: c.text,
    cidr: formatCidr(c),
    family: c.family,
    prefix: c.prefix,
    network: formatIp({ family: c.family, value: c.network }),
    last: formatIp({ family: c.family, value: lastOf(c) }),
    mask: c.family === 4 ? formatIp({ family: 4, value: maskOf(4, c.prefix) }) : ipv6Mask(c.prefix),
    total: sizeOf(c).toString(),
    ...azureFacts(c),
    line,
  };
}

export function relate(a: Cidr, b: Cidr): RangeRelation {
  const A = formatCidr(a);
  const B = formatCidr(b);
  const r = (relation: Relation, text: string): RangeRelation => ({ a: A, b: B, relation, text });
  if (a.family !== b.family) return r('different-families', `${A} and ${B} are of different address families and never overlap.`);
  if (a.network === b.network && a.prefix === b.prefix) return r('equal', `${A} and ${B} are the same range.`);
  if (containsCidr(a, b)) return r('contains', `${A} contains ${B}.`);
  if (containsCidr(b, a)) return r('inside', `${A} lies inside ${B}.`);
  // Two CIDR ranges either nest or are disjoint; partial overlap cannot happen.
  if (overlaps(a, b)) return r('overlaps', `${A} and ${B} overlap.`);
  return r('disjoint', `${A} and ${B} do not overlap.`);
}

export function split(c: Cidr, prefix: number, limit = SPLIT_LIMIT): SplitResult {
  const bits = familyBits(c.family);
  const count = 1n << BigInt(prefix - c.prefix);
  const step = 1n << BigInt(bits - prefix);
  const subnets: SplitResult['subnets'] = [];
  for (let i = 0n; i < count && i < BigInt(limit); i++) {
    const sub: Cidr = { family: c.family, network: c.network + i * step, prefix, text: '' };
    const f = azureFacts(sub);
    subnets.push({
      cidr: formatCidr(sub),
      first: formatIp({ family: c.family, value: sub.network }),
      last: formatIp({ family: c.family, value: lastOf(sub) }),
      azureUsable: f.azureUsable,
    });
  }
  return { of: formatCidr(c), prefix, count: count.toString(), subnets, truncated: count > BigInt(limit) };
}

/**
 * Analyzes a text of ranges, one per line (`#` starts a comment), and optionally splits the
 * first range into subnets of `splitPrefix` (written `/24` or `24`).
 */
export function analyzeRanges(input: { ranges: string; splitPrefix?: string; splitLimit?: number }): RangeAnalysis {
  const diagnostics: Diagnostic[] = [];
  const ranges: CidrInfo[] = [];
  const parsed: Cidr[] = [];
  const text = typeof input?.ranges === 'string' ? input.ranges : '';
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    const hash = raw.indexOf('#');
    const content = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    if (content === '') return;
    const column = raw.indexOf(content) + 1;
    const at = { line, column, endLine: line, endColumn: column + content.length, field: 'ranges' };
    if (parsed.length >= MAX_RANGES) {
      if (parsed.length === MAX_RANGES) diagnostics.push(diag('warning', 'too-many-ranges', `Only the first ${MAX_RANGES} ranges are analyzed.`, at));
      return;
    }
    const bare = !content.includes('/');
    const p = parseCidr(content, { strict: false, allowBareIp: true });
    if (!p.ok) {
      diagnostics.push(diag('error', 'invalid-cidr', `Not a valid CIDR range: ${p.reason}.`, at));
      return;
    }
    const c = p.value;
    if (p.hostBitsSet) {
      diagnostics.push(
        diag(
          'error',
          'host-bits-set',
          `${content} has host bits set: Azure and Kubernetes reject it. The range it falls in is ${formatCidr(c)}; the results below use that.`,
          { ...at, source: AZURE_FAQ },
        ),
      );
    }
    if (bare) diagnostics.push(diag('info', 'bare-address', `${content} has no prefix length; it is read as the single address ${formatCidr(c)}.`, at));
    parsed.push(c);
    ranges.push(describe(c, line));
  });
  if (ranges.length === 0 && diagnostics.length === 0) {
    diagnostics.push(diag('error', 'no-ranges', 'Type a range such as 10.0.0.0/16 or fd00::/64, one per line.', { line: 1, column: 1, field: 'ranges' }));
  }

  const relations: RangeRelation[] = [];
  for (let i = 0; i < parsed.length && relations.length < 500; i++) {
    for (let j = i + 1; j < parsed.length && relations.length < 500; j++) relations.push(relate(parsed[i]!, parsed[j]!));
  }

  let splitResult: SplitResult | undefined;
  const splitText = (input?.splitPrefix ?? '').trim();
  if (splitText !== '') {
    const m = /^\/?(\d{1,3})$/.exec(splitText);
    const first = parsed[0];
    const at = { line: 1, column: 1, field: 'splitPrefix' };
    if (!m) {
      diagnostics.push(diag('error', 'invalid-prefix', `"${splitText}" is not a prefix length; write it as /24 or 24.`, at));
    } else if (first) {
      const prefix = Number(m[1]);
      const bits = familyBits(first.family);
      if (prefix > bits) {
        diagnostics.push(diag('error', 'invalid-prefix', `/${prefix} is longer than an IPv${first.family} address (${bits} bits).`, at));
      } else if (prefix < first.prefix) {
        diagnostics.push(diag('error', 'split-prefix-too-short', `/${prefix} is larger than ${formatCidr(first)} itself; choose a prefix from /${first.prefix} to /${bits}.`, at));
      } else {
        splitResult = split(first, prefix, Math.min(SPLIT_LIMIT, Math.max(1, input.splitLimit ?? SPLIT_LIMIT)));
      }
    }
  }
  return { ranges, relations, ...(splitResult ? { split: splitResult } : {}), diagnostics };
}
