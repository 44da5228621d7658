import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkApiServerAccess, type ApiServerAccessInput } from '../../../src/lib/access';
import { DELETE, garbage, notMorePermissive, runs, withField } from './corrupt';

const RANK = { reachable: 2, unknown: 1, blocked: 0 } as const;
const publicRanges = ['73.140.245.0/24', '20.50.60.0/24', '52.1.2.0/24', '40.1.0.0/16'];

const cluster: fc.Arbitrary<ApiServerAccessInput['cluster']> = fc.record({
  privateCluster: fc.boolean(),
  authorizedIpRanges: fc.subarray(publicRanges, { minLength: 1 }),
  vnetCidrs: fc.constant(['10.224.0.0/12']),
  peeredCidrs: fc.constant(['10.100.0.0/24']),
  outboundIps: fc.constant(['20.50.60.7']),
  outboundType: fc.constantFrom('loadBalancer', 'userDefinedRouting', 'managedNATGateway'),
}) as fc.Arbitrary<ApiServerAccessInput['cluster']>;
const client = fc.record({
  ip: fc.constantFrom('73.140.245.9', '52.1.2.3', '198.51.100.7', '10.224.0.4', '10.100.0.5', '192.168.1.9'),
  via: fc.constantFrom(undefined, 'internet', 'vnet', 'peered-vnet', 'vpn'),
});
const field = fc.oneof(
  fc.constantFrom<(string | number)[]>(['privateCluster'], ['authorizedIpRanges'], ['vnetCidrs'], ['peeredCidrs'], ['outboundIps'], ['outboundType']),
  fc.nat({ max: 3 }).map((i) => ['authorizedIpRanges', i]),
);

describe('API server access fails closed', () => {
  it('a corrupted field never makes a client more reachable than the field valid or removed', () => {
    fc.assert(
      fc.property(cluster, client, field, garbage, (c, cl, path, bad) => {
        if (path.length === 2 && (path[1] as number) >= (c.authorizedIpRanges as string[]).length) return;
        const run = (x: ApiServerAccessInput['cluster']) => checkApiServerAccess({ cluster: x, client: cl as ApiServerAccessInput['client'] });
        const valid = run(c);
        const removed = run(withField(c, path, DELETE));
        const corrupted = run(withField(c, path, bad));
        expect(notMorePermissive(RANK, corrupted.verdict, valid.verdict, removed.verdict)).toBe(true);
        expect(corrupted.reachable).toBe(corrupted.verdict === 'reachable');
        expect(corrupted.diagnostics.some((d) => d.severity === 'error' || d.severity === 'warning')).toBe(true);
      }),
      { numRuns: runs },
    );
  });
});
