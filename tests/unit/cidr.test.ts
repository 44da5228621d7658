import { describe, expect, it } from 'vitest';
import { analyzeRanges } from '../../src/lib/cidr';
import { parseCidr, parseIp } from '../../src/lib/cidr/ip';

const one = (r: string) => analyzeRanges({ ranges: r });

describe('CIDR calculator — IPv4', () => {
  it('describes a /16 with Azure usable count', () => {
    const { ranges, diagnostics } = one('10.0.0.0/16');
    expect(diagnostics).toEqual([]);
    expect(ranges[0]).toMatchObject({
      network: '10.0.0.0', last: '10.0.255.255', mask: '255.255.0.0', total: '65536', azureUsable: '65531',
      azureFirstUsable: '10.0.0.4', azureLastUsable: '10.0.255.254',
    });
  });
  it('follows the Azure FAQ example 10.0.0.128/26 (reserves .128–.131 and .191)', () => {
    const r = one('10.0.0.128/26').ranges[0]!;
    expect([r.total, r.azureUsable, r.azureFirstUsable, r.azureLastUsable]).toEqual(['64', '59', '10.0.0.132', '10.0.0.190']);
  });
  it('/29 is the smallest Azure subnet (3 usable); /30 and /1 are not subnets', () => {
    expect(one('192.168.1.8/29').ranges[0]!.azureUsable).toBe('3');
    expect(one('192.168.1.8/30').ranges[0]!.azureUsable).toBeNull();
    expect(one('0.0.0.0/1').ranges[0]!.azureUsable).toBeNull();
    expect(one('0.0.0.0/2').ranges[0]!.azureUsable).toBe(String(2 ** 30 - 5));
  });
  it('handles /0, /31 and /32', () => {
    expect(one('0.0.0.0/0').ranges[0]).toMatchObject({ total: '4294967296', last: '255.255.255.255', mask: '0.0.0.0' });
    expect(one('10.1.2.4/31').ranges[0]).toMatchObject({ total: '2', last: '10.1.2.5', mask: '255.255.255.254' });
    expect(one('10.1.2.3/32').ranges[0]).toMatchObject({ total: '1', last: '10.1.2.3', mask: '255.255.255.255' });
  });
  it('rejects a prefix longer than 32, garbage and shorthand addresses with a diagnostic', () => {
    for (const bad of ['10.0.0.0/33', 'hello', '10.1/16', '256.0.0.0/8', '999.1.1.1/8', '10.0.0.0/-1', '10.0.0.0/']) {
      const r = one(bad);
      expect(r.ranges, bad).toEqual([]);
      expect(r.diagnostics[0], bad).toMatchObject({ code: 'invalid-cidr', severity: 'error', line: 1, column: 1 });
    }
  });
  it('flags host bits set and names the network', () => {
    const r = one('10.0.0.1/24');
    expect(r.diagnostics[0]).toMatchObject({ code: 'host-bits-set', severity: 'error' });
    expect(r.diagnostics[0]!.message).toContain('10.0.0.0/24');
  });
  it('places diagnostics on the right line and column', () => {
    const r = one('10.0.0.0/16\n  # comment\n   10.0.0.0/40 # bad');
    expect(r.diagnostics[0]).toMatchObject({ code: 'invalid-cidr', line: 3, column: 4, endColumn: 15 });
  });
});

describe('CIDR calculator — IPv6', () => {
  it('describes a /64 as an Azure subnet', () => {
    const r = one('fd00:db8::/64').ranges[0]!;
    expect(r).toMatchObject({ network: 'fd00:db8::', last: 'fd00:db8::ffff:ffff:ffff:ffff', total: (2n ** 64n).toString() });
    expect(r.azureUsable).toBe((2n ** 64n - 5n).toString());
    expect(r.mask).toBe('ffff:ffff:ffff:ffff:0:0:0:0');
  });
  it('handles ::/0, /127 and /128', () => {
    expect(one('::/0').ranges[0]).toMatchObject({ total: (2n ** 128n).toString(), last: 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff' });
    expect(one('2001:db8::/127').ranges[0]).toMatchObject({ total: '2', last: '2001:db8::1', azureUsable: null });
    expect(one('2001:db8::1/128').ranges[0]).toMatchObject({ total: '1', last: '2001:db8::1' });
  });
  it('rejects fe80::/129, ::/-1 and zone indexes', () => {
    for (const bad of ['fe80::/129', '::/-1', 'fe80::1%eth0/64', '2001:db8:::/64']) expect(one(bad).diagnostics[0]?.code, bad).toBe('invalid-cidr');
  });
  it('flags host bits in IPv6', () => {
    expect(one('2001:db8::1/64').diagnostics[0]?.code).toBe('host-bits-set');
  });
});

describe('relations and splitting', () => {
  it('relates ranges', () => {
    const r = one('10.0.0.0/8\n10.100.0.0/16\n10.100.0.0/16\n192.168.0.0/16\nfd00::/8');
    const rel = (a: string, b: string) => r.relations.find((x) => x.a === a && x.b === b)?.relation;
    expect(rel('10.0.0.0/8', '10.100.0.0/16')).toBe('contains');
    expect(rel('10.100.0.0/16', '10.100.0.0/16')).toBe('equal');
    expect(rel('10.0.0.0/8', '192.168.0.0/16')).toBe('disjoint');
    expect(rel('10.0.0.0/8', 'fd00::/8')).toBe('different-families');
    const inside = one('10.32.0.0/16\n10.0.0.0/8').relations[0]!;
    expect(inside.relation).toBe('inside');
  });
  it('splits a /16 into /18s', () => {
    const s = analyzeRanges({ ranges: '10.0.0.0/16', splitPrefix: '/18' }).split!;
    expect(s.count).toBe('4');
    expect(s.subnets.map((x) => x.cidr)).toEqual(['10.0.0.0/18', '10.0.64.0/18', '10.0.128.0/18', '10.0.192.0/18']);
    expect(s.subnets[3]).toMatchObject({ first: '10.0.192.0', last: '10.0.255.255', azureUsable: '16379' });
  });
  it('truncates huge splits and refuses impossible ones', () => {
    const big = analyzeRanges({ ranges: '2001:db8::/32', splitPrefix: '64' }).split!;
    expect(big.count).toBe((2n ** 32n).toString());
    expect(big.subnets).toHaveLength(256);
    expect(big.truncated).toBe(true);
    expect(analyzeRanges({ ranges: '10.0.0.0/16', splitPrefix: '/8' }).diagnostics[0]?.code).toBe('split-prefix-too-short');
    expect(analyzeRanges({ ranges: '10.0.0.0/16', splitPrefix: '/33' }).diagnostics[0]?.code).toBe('invalid-prefix');
    expect(analyzeRanges({ ranges: '10.0.0.0/16', splitPrefix: 'x' }).diagnostics[0]?.code).toBe('invalid-prefix');
  });
  it('never throws on hostile input', () => {
    for (const junk of ['\u0000\uffff', 'a'.repeat(1e6), '/'.repeat(1000), '1'.repeat(5000) + '/8']) {
      expect(() => analyzeRanges({ ranges: junk })).not.toThrow();
    }
    // @ts-expect-error wrong types from automation
    expect(analyzeRanges({ ranges: 42 }).diagnostics[0]?.code).toBe('no-ranges');
  });
});

describe('primitives', () => {
  it('parses strict IPv4 only', () => {
    expect(parseIp('010.0.0.1').ok).toBe(false);
    expect(parseIp('10.0.0.1').ok).toBe(true);
    expect(parseCidr('10.0.0.1/24').ok).toBe(false);
    expect(parseCidr('10.0.0.1/24', { strict: false }).ok).toBe(true);
  });
});
