/** The planner and script-checker tool declarations: inputs to view, findings on their lines. */
import { describe, expect, it } from 'vitest';
import ipPlanner from '../../../src/components/tools/ip-planner';
import azScript from '../../../src/components/tools/az-script';
import { toHtml, toText, type VNode } from '../../../src/lib/view/h';
import { SEED } from '../azcli/seed';
import { headline } from '../../../src/components/playground/result';

const find = (v: unknown, tag: string): VNode[] => {
  if (!v || typeof v !== 'object') return [];
  if (Array.isArray(v)) return v.flatMap((c) => find(c, tag));
  const node = v as VNode;
  return [...(node.tag === tag ? [node] : []), ...node.children.flatMap((c) => find(c, tag))];
};

describe('ip-planner tool', () => {
  it('the example runs clean and shows the formula with its numbers, the limits and a diagram', () => {
    const out = ipPlanner.run(ipPlanner.example);
    expect(out.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const text = toText(out.view);
    expect(text).toContain('(50 + 1) × (1 + 30) = 1,581');
    expect(text).toContain('2,043');
    expect(find(out.view, 'svg').length).toBeGreaterThan(0);
    expect(find(find(out.view, 'svg')[0], 'title').length).toBeGreaterThan(1);
    expect(out.summary).toContain('1,581');
  });
  it('editing the node count changes the required addresses and the verdict', () => {
    const out = ipPlanner.run({ plan: ipPlanner.example.plan!.replace('nodeCount: 50', 'nodeCount: 70') });
    expect(toText(out.view)).toContain('(70 + 1) × (1 + 30) = 2,201');
    const d = out.diagnostics.find((x) => x.code === 'node-subnet-too-small')!;
    expect(d.input).toBe('plan');
    expect(d.line).toBe(3); // the nodeSubnetCidr line
  });
  it('an overlap is highlighted in the diagram and on the line of the field', () => {
    const plan = 'plugin: kubenet\nvnetCidrs: [10.0.0.0/8]\nnodeSubnetCidr: 10.100.0.0/16\nserviceCidr: 10.32.0.0/16\ndnsServiceIp: 10.32.0.10\nnodeCount: 3\n';
    const out = ipPlanner.run({ plan });
    expect(out.diagnostics.find((d) => d.code === 'service-cidr-overlap')?.line).toBe(4);
    const html = toHtml(out.view);
    expect(html).toMatch(/<title>Overlap: (VNet 10\.0\.0\.0\/8 and service CIDR 10\.32\.0\.0\/16|service CIDR 10\.32\.0\.0\/16 and VNet 10\.0\.0\.0\/8)/);
    expect(html).not.toMatch(/\son\w+=/);
  });
  it('unknown fields and wrong types are reported at their line; the rest is still planned', () => {
    const out = ipPlanner.run({ plan: 'plugin: azure-overlay\nvnetCidrs: 10.1.0.0/16\nnodeSubnetCidr: 10.1.0.0/24\nnodeCount: lots\nmaxpods: 30\n' });
    expect(out.diagnostics.find((d) => d.code === 'wrong-type')?.line).toBe(4);
    const unknown = out.diagnostics.find((d) => d.code === 'unknown-field')!;
    expect(unknown.line).toBe(5);
    expect(unknown.message).toContain('maxPods');
  });
  it('broken YAML is a diagnostic, not an exception', () => {
    const out = ipPlanner.run({ plan: 'plugin: [' });
    expect(out.diagnostics.length).toBeGreaterThan(0);
    expect(out.diagnostics.every((d) => d.input === 'plan')).toBe(true);
  });
});

describe('az-script tool', () => {
  it('the seed script: the service-CIDR finding on its line, input "script"', () => {
    const out = azScript.run({ script: SEED });
    const d = out.diagnostics.find((x) => x.code === 'service-cidr-overlap')!;
    expect(d.input).toBe('script');
    expect(SEED.split('\n')[d.line! - 1]).toContain('--service-cidr 10.32.0.0/16');
    expect(toText(out.view)).toContain('myAKSCluster');
    expect(out.summary).toBe('1 cluster checked: myAKSCluster.');
    // The error count is the headline's, said once.
    expect(headline(out, azScript).errors).toMatch(/^2 errors — /);
  });
  it('the example is clean', () => {
    const out = azScript.run(azScript.example);
    expect(out.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });
});
