import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { planCluster, PLUGINS, type ClusterPlanInput } from '../../../src/lib/ipam';

const runs = Number(process.env.PROPERTY_RUNS ?? 100);

describe('planner properties', () => {
  it('maxNodeCount nodes fit every sizing limit, one more does not (when a range limit binds)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PLUGINS), fc.integer({ min: 20, max: 26 }), fc.integer({ min: 14, max: 22 }), fc.integer({ min: 10, max: 250 }), fc.integer({ min: 0, max: 3 }), (plugin, nodePrefix, podPrefix, maxPods, surge) => {
        const input: ClusterPlanInput = {
          plugin,
          vnetCidrs: ['10.0.0.0/8'],
          nodeSubnetCidr: `10.1.0.0/${nodePrefix}`,
          ...(plugin === 'azure-dynamic' ? { podSubnetCidr: `10.64.0.0/${podPrefix}` } : {}),
          ...(plugin === 'kubenet' || plugin === 'azure-overlay' ? { podCidr: `100.64.0.0/${podPrefix}` } : {}),
          serviceCidr: '172.16.0.0/16',
          dnsServiceIp: '172.16.0.10',
          nodeCount: 3,
          maxPods,
          maxSurge: surge,
        };
        const sizing = (n: number) => planCluster({ ...input, nodeCount: n }).diagnostics.filter((d) => d.severity === 'error' && /too-small|node-limit/.test(d.code));
        const max = planCluster(input).maxNodeCount;
        if (max > 0) expect(sizing(max)).toEqual([]);
        expect(sizing(max + 1).length).toBeGreaterThan(0);
      }),
      { numRuns: runs },
    );
  });

  it('never throws on arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), fc.anything(), (plugin, vnet, node, count) => {
        const p = planCluster({ plugin, vnetCidrs: vnet, nodeSubnetCidr: node, nodeCount: count } as never);
        expect(Array.isArray(p.diagnostics)).toBe(true);
      }),
      { numRuns: runs },
    );
  });
});
