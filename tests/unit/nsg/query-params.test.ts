/**
 * Runbook links for the NSG tool: readable parameters change parts of the flow pane, keep the
 * rest (vnet/tag lines), are read as one bounded line of data, and the verdict follows.
 */
import { describe, expect, it } from 'vitest';
import nsg, { nsgFlowFromQuery } from '../../../src/components/tools/nsg';
import { parseFlowLine } from '../../../src/lib/nsg';

const q = (s: string) => new URLSearchParams(s);
const example = nsg.example.flow!;

describe('nsg ?direction ?protocol ?src ?dst ?port ?vnet', () => {
  it('src and port change the flow line and keep the vnet line; the verdict follows', () => {
    const set = nsgFlowFromQuery(q('src=198.51.100.7&port=22'), example);
    const line = parseFlowLine(set.flow!);
    expect(line.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(line.flow).toEqual({ direction: 'Inbound', protocol: 'Tcp', sourceIp: '198.51.100.7', sourcePort: 50000, destinationIp: '10.240.0.4', destinationPort: 22 });
    expect(line.vnetCidrs).toEqual(['10.240.0.0/16']);
    // The example's subnet NSG denies SSH from anywhere (deny-ssh, 200); 443 from the internet is allowed.
    expect(nsg.run({ ...nsg.example, flow: set.flow! }).summary).toMatch(/^Denied by Subnet NSG rule deny-ssh \(200\)/);
    expect(nsg.run(nsg.example).summary).toMatch(/^Allowed/);
  });

  it('direction, protocol and endpoints with ports, IPv6 in brackets, names in any case', () => {
    const set = nsgFlowFromQuery(q('direction=outbound&protocol=udp&src=[2001:db8::4]:5000&dst=2001:db8:1::9&port=53'), example);
    expect(set.flow!.split('\n')[0]).toBe('Outbound Udp [2001:db8::4]:5000 -> [2001:db8:1::9]:53');
    const any = nsgFlowFromQuery(q('protocol=any&dst=10.240.0.9:8443'), example);
    expect(any.flow!.split('\n')[0]).toBe('Inbound * 203.0.113.7:50000 -> 10.240.0.9:8443');
  });

  it('vnet replaces, adds or (empty) removes the vnet line', () => {
    expect(nsgFlowFromQuery(q('vnet=10.1.0.0/16,10.2.0.0/16'), example).flow).toBe('Inbound Tcp 203.0.113.7:50000 -> 10.240.0.4:443\nvnet: 10.1.0.0/16,10.2.0.0/16');
    expect(nsgFlowFromQuery(q('vnet=10.1.0.0/16'), 'Inbound Tcp 1.2.3.4:5 -> 10.1.0.4:80\n').flow).toBe('Inbound Tcp 1.2.3.4:5 -> 10.1.0.4:80\nvnet: 10.1.0.0/16');
    expect(nsgFlowFromQuery(q('vnet='), example).flow).toBe('Inbound Tcp 203.0.113.7:50000 -> 10.240.0.4:443');
  });

  it('writes a flow line into a pane without one, after comments and settings are kept', () => {
    const set = nsgFlowFromQuery(q('src=198.51.100.7&dst=10.0.0.4&port=443'), '# note\nvnet: 10.0.0.0/16');
    expect(set.flow).toBe('Inbound Tcp 198.51.100.7:50000 -> 10.0.0.4:443\n# note\nvnet: 10.0.0.0/16');
    expect(parseFlowLine(set.flow!).flow?.sourceIp).toBe('198.51.100.7');
  });

  it('a value cannot add lines, spaces or a second flow, and is bounded', () => {
    const set = nsgFlowFromQuery(q(`src=${encodeURIComponent('1.2.3.4\nOutbound Tcp 9.9.9.9:1 -> 8.8.8.8:53')}`), example);
    const lines = set.flow!.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).not.toMatch(/^Outbound/);
    // The engine, not the link reader, says the endpoint is not valid.
    expect(parseFlowLine(set.flow!).diagnostics.some((d) => d.severity === 'error')).toBe(true);
    const long = nsgFlowFromQuery(q(`dst=${'1'.repeat(100_000)}`), example);
    expect(long.flow!.length).toBeLessThan(200);
  });

  it('no readable parameter changes nothing', () => {
    expect(nsgFlowFromQuery(q('foo=bar'), example)).toEqual({});
    expect(nsg.fromQuery!(q('src='), nsg.example)).toEqual({});
  });
});
