/**
 * The planner's text form: runbook-link query parameters edit the plan pane as documented
 * on /tools/ip-planner/, keep the rest of it, and treat values as data; hostile keys are
 * unknown fields, never plan fields.
 */
import { describe, expect, it } from 'vitest';
import ipPlanner from '../../../src/components/tools/ip-planner';
import { planFromText, setPlanFields } from '../../../src/lib/ipam/plan-text';
import { toHtml } from '../../../src/lib/view/h';

const q = (s: string) => new URLSearchParams(s);
const fromQuery = (s: string, plan = ipPlanner.example.plan!) => ipPlanner.fromQuery!(q(s), { plan }).plan;

describe('ip-planner readable query parameters', () => {
  it('the issue 8 example: plugin, nodes and subnet set their fields; the plan follows', () => {
    const text = fromQuery('plugin=azure-overlay&nodes=50&subnet=10.240.0.0/22')!;
    const r = planFromText(text);
    expect(r.input).toMatchObject({ plugin: 'azure-overlay', nodeCount: 50, nodeSubnetCidr: '10.240.0.0/22' });
    // the example's VNet is kept, so the new subnet lies outside it: said on the subnet's line
    const d = r.diagnostics.find((x) => x.code === 'node-subnet-outside-vnet')!;
    expect(text.split('\n')[d.line! - 1]).toBe('nodeSubnetCidr: 10.240.0.0/22');
    // Overlay: nodes only in the node subnet, 50 + 1 = 51 of 1,024 − 5 = 1,019
    expect(r.plan!.nodeSubnet).toMatchObject({ required: 51, usable: 1019, fits: true });
  });

  it('every documented parameter sets its field; fields not named are kept in place', () => {
    const text = fromQuery('vnet=10.240.0.0/16,fd00:10::/48&subnet=10.240.0.0/22&pods=192.168.0.0/16&service=10.250.0.0/16&dns=10.250.0.10&maxpods=110&plugin=kubenet&nodes=7')!;
    const r = planFromText(text);
    expect(r.input).toEqual({
      plugin: 'kubenet',
      vnetCidrs: ['10.240.0.0/16', 'fd00:10::/48'],
      nodeSubnetCidr: '10.240.0.0/22',
      nodeCount: 7,
      maxPods: 110,
      podCidr: '192.168.0.0/16',
      serviceCidr: '10.250.0.0/16',
      dnsServiceIp: '10.250.0.10',
    });
    expect(text.split('\n')[0]).toBe('plugin: kubenet'); // replaced where it was
    expect(ipPlanner.queryParams).toHaveProperty('maxpods');
  });

  it('an empty value removes the field, so the default applies', () => {
    const text = fromQuery('service=&dns=')!;
    expect(text).not.toMatch(/serviceCidr|dnsServiceIp/);
    expect(planFromText(text).plan!.effective.serviceCidr).toBe('10.0.0.0/16');
  });

  it('replaces a block list with everything under it', () => {
    const text = fromQuery('vnet=10.9.0.0/16', 'plugin: azure\nvnetCidrs:\n  - 10.1.0.0/16\n  - 10.2.0.0/16\nnodeSubnetCidr: 10.9.0.0/24\nnodeCount: 3\n')!;
    expect(text).toBe('plugin: azure\nvnetCidrs: [10.9.0.0/16]\nnodeSubnetCidr: 10.9.0.0/24\nnodeCount: 3\n');
  });

  it('values are data: no new lines or keys, YAML-looking values stay text, numbers that are not numbers are findings', () => {
    const text = fromQuery(`subnet=${encodeURIComponent('10.0.0.0/24\nnodeCount: 999')}&plugin=${encodeURIComponent('{a: b}')}&nodes=lots&dns=true`)!;
    const r = planFromText(text);
    expect(r.input!.nodeSubnetCidr).toBe('10.0.0.0/24nodeCount:999');
    expect(r.input!.plugin).toBe('{a: b}'.replace(/\s/g, ''));
    expect(r.input!.dnsServiceIp).toBe('true');
    expect(r.diagnostics.find((d) => d.code === 'wrong-type' && d.field === 'nodeCount')).toBeTruthy();
    expect(text.split('\n').filter((l) => l.startsWith('nodeCount')).length).toBe(1);
    const long = fromQuery(`subnet=${'1'.repeat(100_000)}`)!;
    expect(long.length).toBeLessThan(ipPlanner.example.plan!.length + 300);
  });

  it('no readable parameter changes nothing', () => {
    expect(ipPlanner.fromQuery!(q('foo=bar'), ipPlanner.example)).toEqual({});
  });

  it('setPlanFields appends to an empty text and leaves a huge text alone', () => {
    expect(setPlanFields('', [['nodeCount', 3]])).toBe('nodeCount: 3\n');
    const huge = 'x'.repeat(200_000);
    expect(setPlanFields(huge, [['nodeCount', 3]])).toBe(huge);
  });
});

describe('ip-planner: hostile keys', () => {
  it('__proto__ and constructor are unknown fields at their line, not plan input', () => {
    const out = ipPlanner.run({ plan: 'plugin: azure-overlay\nvnetCidrs: [10.1.0.0/16]\nnodeSubnetCidr: 10.1.0.0/24\nnodeCount: 3\n__proto__:\n  nodeCount: 4000\nconstructor:\n  prototype: {}\n' });
    const unknown = out.diagnostics.filter((d) => d.code === 'unknown-field');
    expect(unknown.map((d) => d.line)).toEqual([5, 7]);
    expect(out.summary).toContain('node subnet needs 4 addresses'); // 3 + 1, not 4,000
    expect(({} as Record<string, unknown>).nodeCount).toBeUndefined();
  });
  it('a document of only those keys is a finding, not an exception', () => {
    const out = ipPlanner.run({ plan: '__proto__:\n  polluted: yes\nconstructor:\n  prototype:\n    polluted: yes\n' });
    expect(out.diagnostics.filter((d) => d.code === 'unknown-field').map((d) => d.line)).toEqual([1, 3]);
    expect(toHtml(out.view)).not.toContain('polluted');
  });
});
