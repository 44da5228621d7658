/** The NSG playground declaration: verdict, highlighted deciding rows, diagnostics on the right pane. */
import { describe, expect, it } from 'vitest';
import tool from '../../../src/components/tools/nsg';
import { toHtml, toText } from '../../../src/lib/view/h';

describe('nsg tool', () => {
  it('runs its example: allowed by both NSGs, deciding rows highlighted, defaults listed', () => {
    const out = tool.run(tool.example);
    expect(out.summary).toMatch(/^Allowed by NIC NSG rule allow-web-service-443/);
    const text = toText(out.view);
    expect(text).toContain('✓ Allowed');
    expect(text).toContain('DenyAllInBound');
    expect((toHtml(out.view).match(/class="pg-hit"/g) ?? []).length).toBe(2);
    expect(out.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });
  it('a denied flow names the deciding rule; the NIC NSG is not reached', () => {
    const out = tool.run({ ...tool.example, flow: 'Inbound Tcp 203.0.113.7:50000 -> 10.240.0.4:22\nvnet: 10.240.0.0/16' });
    expect(out.summary).toMatch(/^Denied by Subnet NSG rule deny-ssh \(200\)/);
    expect(toText(out.view)).toContain('not evaluated');
  });
  it('puts flow-line and JSON diagnostics on their panes', () => {
    const bad = tool.run({ nsgs: '[{"name": "x", "priority": 50, "direction": "Inbound", "access": "Allow", "sourceAddressPrefix": "*", "destinationAddressPrefix": "*"}]', flow: 'Inbound Tcp 1.2.3.4:1 -> 10.0.0.4:70000' });
    expect(bad.diagnostics.find((d) => d.code === 'flow-invalid-endpoint')).toMatchObject({ input: 'flow', line: 1 });
    expect(bad.diagnostics.find((d) => d.code === 'nsg-priority-out-of-range')).toMatchObject({ input: 'nsgs', line: 1 });
    const noVnet = tool.run({ nsgs: '[]', flow: 'Outbound Udp 10.0.0.4:5000 -> 8.8.8.8:53' });
    expect(noVnet.diagnostics.find((d) => d.code === 'nsg-vnet-assumed')).toMatchObject({ input: 'flow', line: 1 });
  });
  it('shows both readings when there is no NSG at all', () => {
    const out = tool.run({ nsgs: '{}', flow: 'Inbound Tcp 203.0.113.7:50000 -> 10.240.0.4:443\nvnet: 10.240.0.0/16' });
    expect(toText(out.view)).toContain('Microsoft sources disagree');
    expect(out.summary).toMatch(/^Denied \(no NSG\)/);
  });
});
