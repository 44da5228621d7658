import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planCluster, PLUGINS, type ClusterPlanInput } from '../../../src/lib/ipam';
import { garbage, runs, withField } from './corrupt';

/**
 * The planner has no allow/deny verdict; failing closed means a field it cannot read is an
 * error naming that field, never silently replaced by its default.
 */
const FIELDS = ['plugin', 'nodeCount', 'maxPods', 'maxSurge', 'vnetCidrs', 'nodeSubnetCidr', 'serviceCidr', 'dnsServiceIp', 'podCidr', 'dataplane'] as const;

const input: fc.Arbitrary<ClusterPlanInput> = fc.record({
  plugin: fc.constantFrom(...PLUGINS),
  dataplane: fc.constantFrom('azure', 'cilium'),
  vnetCidrs: fc.constant(['10.0.0.0/8']),
  nodeSubnetCidr: fc.integer({ min: 18, max: 26 }).map((p) => `10.1.0.0/${p}`),
  podSubnetCidr: fc.constant('10.64.0.0/16'),
  podCidr: fc.constant('100.64.0.0/16'),
  serviceCidr: fc.constant('172.16.0.0/16'),
  dnsServiceIp: fc.constant('172.16.0.10'),
  nodeCount: fc.integer({ min: 3, max: 50 }),
  maxPods: fc.integer({ min: 30, max: 250 }),
  maxSurge: fc.integer({ min: 0, max: 3 }),
}) as fc.Arbitrary<ClusterPlanInput>;

describe('the IP planner fails closed', () => {
  it('a corrupted field is an error on that field, never a silent default', () => {
    fc.assert(
      // Large whole numbers are readable counts here (a surge of 70,000 is valid, only too big), so they are not corruptions.
      fc.property(input, fc.constantFrom(...FIELDS), garbage.filter((v) => !(typeof v === 'number' && v >= 0)), (i, field, bad) => {
        const plan = planCluster(withField(i, [field], bad));
        // A pod CIDR is not used by Azure CNI with VNet pod addresses: then it is a warning that it is ignored.
        const used = field !== 'podCidr' || i.plugin === 'kubenet' || i.plugin === 'azure-overlay';
        const found = plan.diagnostics.filter((d) => (used ? d.severity === 'error' : d.severity !== 'info') && (d.field ?? '').startsWith(field));
        expect(found.length).toBeGreaterThan(0);
        if (field === 'plugin') expect(plan.unread).toEqual(['plugin']);
      }),
      { numRuns: runs },
    );
  });
});
