/** The API access playground declaration: verdict, path diagram, diagnostics on YAML lines. */
import { describe, expect, it } from 'vitest';
import tool from '../../../src/components/tools/api-access';
import { toHtml, toText } from '../../../src/lib/view/h';

describe('api-access tool', () => {
  it('runs its example: reachable through an authorized range, with a titled SVG diagram', () => {
    const out = tool.run(tool.example);
    expect(out.summary).toBe('Reachable: 73.140.245.20 via internet to the public API server');
    const html = toHtml(out.view);
    expect(html).toContain('<svg class="pg-diagram"');
    expect(html).toContain('<title>');
    expect(toText(out.view)).toContain('matched 73.140.245.0/24');
  });
  it('a private cluster from the internet is not reachable; from the peered VNet it is', () => {
    const cluster = 'privateCluster: true\nvnetCidrs: [10.224.0.0/12]\npeeredCidrs: [10.100.0.0/24]';
    expect(tool.run({ cluster, client: 'ip: 73.140.245.20\nvia: internet' }).summary).toMatch(/^Not reachable/);
    const peered = tool.run({ cluster, client: '10.100.0.4' });
    expect(peered.summary).toBe('Reachable: 10.100.0.4 via peered-vnet to the private API server');
    expect(toText(peered.view)).toContain('private DNS zone');
  });
  it('places a bad range on its YAML line (list and comma-separated forms)', () => {
    const out = tool.run({ cluster: 'authorizedIpRanges:\n  - 73.140.245.0/24\n  - 10.0.0.0/8\n', client: 'ip: 73.140.245.20' });
    expect(out.diagnostics.find((d) => d.code === 'authorized-range-not-global')).toMatchObject({ input: 'cluster', line: 3 });
    const csv = tool.run({ cluster: 'privateCluster: false\nauthorizedIpRanges: "73.140.245.0/24,2001:db8::/32"', client: 'ip: 73.140.245.20' });
    expect(csv.diagnostics.find((d) => d.code === 'authorized-range-ipv6')).toMatchObject({ input: 'cluster', line: 2 });
  });
  it('reports unknown fields and bad values without throwing', () => {
    const out = tool.run({ cluster: 'privateClustr: true\noutboundType: nat', client: 'ip: nope\nvia: carrier-pigeon' });
    expect(out.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['access-unknown-field', 'access-invalid-outbound-type', 'client-via-invalid', 'client-ip-invalid']));
  });
});
