/**
 * Access checks that must never fail open. A checking tool that cannot read a restriction
 * must never report access (issue 12). Sources: "Secure access to the API server using
 * authorized IP address ranges" (https://learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges):
 * the ranges are given to `az aks update --api-server-authorized-ip-ranges` as one
 * comma-separated string ("--api-server-authorized-ip-ranges 73.140.245.0/24,…"), and
 * service tags may be given there (preview), e.g. `AzureCloud`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkApiServerAccess } from '../../../src/lib/access';
import { readClient, readCluster } from '../../../src/lib/access/read';
import type { Diagnostic } from '../../../src/lib/diagnostics';
import access from '../../../src/components/tools/api-access';

const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);
const client = { ip: '203.0.113.200', via: 'internet' as const };

describe('authorized IP ranges that cannot be misread', () => {
  it('reads one comma-separated string, as az takes it', () => {
    const r = checkApiServerAccess({ cluster: { privateCluster: false, authorizedIpRanges: '73.140.245.0/24,20.50.60.70/32' }, client: { ip: '73.140.245.9', via: 'internet' } });
    expect(r.verdict).toBe('reachable');
    expect(r.matchedRange).toBe('73.140.245.0/24');
    const other = checkApiServerAccess({ cluster: { privateCluster: false, authorizedIpRanges: '73.140.245.0/24,20.50.60.70/32' }, client });
    expect(other.verdict).toBe('blocked');
    expect(codes(other.diagnostics)).not.toContain('authorized-ranges-wrong-type');
  });

  it('an unreadable restriction gives "unknown", never reachable', () => {
    for (const ranges of [42, { a: 1 }, true]) {
      const r = checkApiServerAccess({ cluster: { privateCluster: false, authorizedIpRanges: ranges as never }, client });
      expect(r.verdict).toBe('unknown');
      expect(r.reachable).toBe(false);
      expect(r.ranges).toBe('unreadable');
      expect(codes(r.diagnostics)).toContain('authorized-ranges-wrong-type');
    }
  });

  it('an unreadable privateCluster gives "unknown", not a public endpoint', () => {
    const r = checkApiServerAccess({ cluster: { privateCluster: 'yes' as never }, client });
    expect(r.verdict).toBe('unknown');
    expect(codes(r.diagnostics)).toContain('access-wrong-type');
  });

  it('an entry that is not a range makes uncovered clients unknown, covered ones stay reachable', () => {
    const cluster = { privateCluster: false, authorizedIpRanges: ['73.140.245.0/24', '10.0.0/8x'] };
    expect(checkApiServerAccess({ cluster, client }).verdict).toBe('unknown');
    expect(checkApiServerAccess({ cluster, client: { ip: '73.140.245.1', via: 'internet' } }).verdict).toBe('reachable');
  });

  it('service tags (preview) are not expanded offline: "unknown" for clients the other ranges do not cover', () => {
    const r = checkApiServerAccess({ cluster: { privateCluster: false, authorizedIpRanges: ['AzureCloud', '73.140.245.0/24'] }, client });
    expect(r.verdict).toBe('unknown');
    expect(codes(r.diagnostics)).toContain('authorized-range-service-tag');
    expect(codes(r.diagnostics)).not.toContain('authorized-range-invalid');
    expect(checkApiServerAccess({ cluster: { privateCluster: false, authorizedIpRanges: ['AzureCloud', '73.140.245.0/24'] }, client: { ip: '73.140.245.1', via: 'internet' } }).verdict).toBe('reachable');
  });

  it('outboundType is read ignoring case; an unknown value never assumes the load balancer IP is allowed', () => {
    const base = { privateCluster: false, authorizedIpRanges: ['73.140.245.0/24'], vnetCidrs: ['10.224.0.0/12'], outboundIps: ['20.62.10.5'] };
    const lb = checkApiServerAccess({ cluster: { ...base, outboundType: 'LoadBalancer' as never }, client: { ip: '10.224.0.4', via: 'vnet' } });
    expect(lb.verdict).toBe('reachable');
    const bad = checkApiServerAccess({ cluster: { ...base, outboundType: 'loadbalancr' as never }, client: { ip: '10.224.0.4', via: 'vnet' } });
    expect(bad.verdict).toBe('blocked');
    expect(codes(bad.diagnostics)).toContain('access-invalid-outbound-type');
  });
});

describe('the cluster pane reads az aks show', () => {
  const fixture = (n: string) => readFileSync(new URL(`../../fixtures/az/${n}`, import.meta.url), 'utf8');

  it('authorized ranges and outbound type from az aks show -o json', () => {
    const diags: Diagnostic[] = [];
    const pane = readCluster(fixture('aks-show-cli-overlay.json'), diags);
    expect(pane.cluster).toMatchObject({ privateCluster: false, authorizedIpRanges: ['73.140.245.0/24', '20.50.60.70/32'], outboundType: 'loadBalancer' });
    expect(codes(diags)).toContain('access-outbound-ip-ids');
    const out = access.run({ cluster: fixture('aks-show-cli-overlay.json'), client: 'ip: 20.50.60.70\nvia: internet' });
    expect(out.summary).toMatch(/^Reachable/);
    expect(access.run({ cluster: fixture('aks-show-cli-overlay.json'), client: 'ip: 198.51.100.7' }).summary).toMatch(/^Not reachable/);
  });

  it('a private cluster with the VNet pasted after it', () => {
    const text = `${fixture('aks-show-cli-private-podsubnet.json').trimEnd()}\n${fixture('vnet-show-cli.json')}`;
    const diags: Diagnostic[] = [];
    const pane = readCluster(text, diags);
    expect(pane.cluster).toMatchObject({ privateCluster: true, vnetCidrs: ['10.224.0.0/12'], outboundType: 'userDefinedRouting' });
    expect(access.run({ cluster: text, client: 'ip: 10.224.1.5' }).summary).toMatch(/^Reachable: 10.224.1.5 via vnet to the private/);
    expect(access.run({ cluster: text, client: 'ip: 73.140.245.20' }).summary).toMatch(/^Not reachable/);
  });

  it('a key: value pane with an unreadable list or privateCluster never answers reachable', () => {
    for (const cluster of ['privateCluster: false\nauthorizedIpRanges: {a: 1}', 'privateCluster: yes', 'privateCluster: false\nauthorizedIpRanges: [AzureCloud]']) {
      const out = access.run({ cluster, client: 'ip: 198.51.100.7' });
      expect(out.summary).toMatch(/^Unknown/);
    }
    expect(readClient('ip: 1.2.3.4\nvia: Internet', []).client.via).toBe('internet');
  });
});
