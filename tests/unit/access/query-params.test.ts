/**
 * Runbook links for the API server access tool: ?ip= and ?via= set the client, ?ranges=
 * replaces the authorized ranges and keeps the rest of the cluster pane; values are data.
 */
import { describe, expect, it } from 'vitest';
import access, { accessFromQuery } from '../../../src/components/tools/api-access';
import { parseYamlValue } from '../../../src/lib/yaml';

const q = (s: string) => new URLSearchParams(s);
const run = (inputs: Partial<Record<string, string>>) => access.run({ ...access.example, ...inputs } as Record<string, string>);

describe('api-access ?ip ?via ?ranges', () => {
  it('ip replaces the client address and keeps via; the verdict follows', () => {
    // The example authorizes 73.140.245.0/24 only.
    expect(run({}).summary).toMatch(/^Reachable: 73\.140\.245\.20 via internet/);
    const set = accessFromQuery(q('ip=52.160.33.7'), access.example);
    expect(set.client).toBe('ip: 52.160.33.7\nvia: internet');
    expect(set.cluster).toBeUndefined();
    expect(run(set).summary).toMatch(/^Not reachable: 52\.160\.33\.7 via internet/);
  });

  it('via sets the path; empty via lets the tool infer it', () => {
    expect(accessFromQuery(q('ip=10.100.0.4&via=peered-vnet'), access.example).client).toBe('ip: 10.100.0.4\nvia: peered-vnet');
    expect(accessFromQuery(q('via='), access.example).client).toBe('ip: 73.140.245.20');
    expect(accessFromQuery(q('via=vpn'), { ...access.example, client: '73.140.245.20' }).client).toBe('ip: 73.140.245.20\nvia: vpn');
  });

  it('ranges replaces a block list, keeps the other fields, and the verdict follows', () => {
    const set = accessFromQuery(q('ranges=52.160.33.0/24,20.62.10.5/32'), access.example);
    const v = parseYamlValue(set.cluster!).document!.value as Record<string, unknown>;
    expect(v.authorizedIpRanges).toEqual(['52.160.33.0/24', '20.62.10.5/32']);
    expect(v.outboundIps).toEqual(['20.62.10.5']);
    expect(v.outboundType).toBe('loadBalancer');
    expect(run(set).summary).toMatch(/^Not reachable: 73\.140\.245\.20/);
  });

  it('ranges replaces a one-line list or adds the key; empty turns the feature off', () => {
    const oneLine = 'privateCluster: false\nauthorizedIpRanges: 1.2.3.0/24, 5.6.7.0/24\nvnetCidrs: [10.0.0.0/16]';
    expect(accessFromQuery(q('ranges=73.140.245.0/24'), { cluster: oneLine, client: '' }).cluster).toBe('privateCluster: false\nauthorizedIpRanges:\n  - 73.140.245.0/24\nvnetCidrs: [10.0.0.0/16]');
    expect(accessFromQuery(q('ranges=73.140.245.0/24'), { cluster: 'privateCluster: false\n', client: '' }).cluster).toBe('privateCluster: false\nauthorizedIpRanges:\n  - 73.140.245.0/24');
    const off = accessFromQuery(q('ranges='), access.example);
    expect(off.cluster).toMatch(/^authorizedIpRanges: \[\]$/m);
    expect(run({ ...off, client: 'ip: 52.160.33.7\nvia: internet' }).summary).toMatch(/^Reachable/);
  });

  it('values are data: no new keys or lines, odd values quoted', () => {
    const set = accessFromQuery(q(`ip=${encodeURIComponent('1.2.3.4\nprivateCluster: true')}&ranges=${encodeURIComponent('a: b,[x]')}`), access.example);
    expect(set.client!.split('\n')).toHaveLength(2);
    const client = parseYamlValue(set.client!).document!.value as Record<string, unknown>;
    expect(Object.keys(client)).toEqual(['ip', 'via']);
    expect(client.ip).toBe('1.2.3.4privateCluster:true');
    const cluster = parseYamlValue(set.cluster!).document!.value as Record<string, unknown>;
    expect(cluster.authorizedIpRanges).toEqual(['a:b', '[x]']);
    expect(cluster.privateCluster).toBe(false);
  });

  it('no readable parameter changes nothing', () => {
    expect(accessFromQuery(q('foo=bar'), access.example)).toEqual({});
  });
});
