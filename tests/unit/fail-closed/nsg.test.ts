import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateFlow, type Flow } from '../../../src/lib/nsg';
import { DELETE, garbage, notMorePermissive, runs, withField } from './corrupt';

const RANK = { Allow: 1, Deny: 0 } as const;
const FIELDS = ['priority', 'direction', 'access', 'protocol', 'sourceAddressPrefix', 'destinationAddressPrefix', 'destinationPortRange', 'sourcePortRange'];

const rule = fc.record({
  priority: fc.integer({ min: 100, max: 4096 }),
  direction: fc.constantFrom('Inbound', 'Outbound'),
  access: fc.constantFrom('Allow', 'Deny'),
  protocol: fc.constantFrom('Tcp', 'Udp', '*'),
  sourceAddressPrefix: fc.constantFrom('*', 'Internet', 'VirtualNetwork', '203.0.113.0/24', '10.0.0.0/16'),
  sourcePortRange: fc.constant('*'),
  destinationAddressPrefix: fc.constantFrom('*', '10.0.0.4', '10.0.0.0/24', 'Internet'),
  destinationPortRange: fc.constantFrom('*', '22', '443', '80-443'),
});
const rules = fc.uniqueArray(rule, { minLength: 1, maxLength: 5, selector: (r) => `${r.direction}${r.priority}` }).map((rs) => rs.map((r, i) => ({ name: `r${i}`, ...r })));
const flow: fc.Arbitrary<Flow> = fc.record({
  direction: fc.constantFrom('Inbound', 'Outbound'),
  protocol: fc.constantFrom('Tcp', 'Udp'),
  sourceIp: fc.constantFrom('203.0.113.7', '10.0.0.9'),
  sourcePort: fc.constant(50000),
  destinationIp: fc.constantFrom('10.0.0.4', '198.51.100.1'),
  destinationPort: fc.constantFrom(22, 443, 8080),
}) as fc.Arbitrary<Flow>;

describe('NSG evaluation fails closed', () => {
  it('a corrupted rule field never makes a flow more allowed than the field valid or removed', () => {
    fc.assert(
      fc.property(rules, flow, fc.nat(), fc.constantFrom(...FIELDS), garbage, fc.boolean(), (rs, f, which, fieldName, bad, split) => {
        const i = which % rs.length;
        // Half the time as {subnet, nic}: the corrupted rule in the subnet NSG, the others in the NIC's.
        const text = (list: typeof rs) => JSON.stringify(split && list.length > 1 ? { subnet: [list[0]], nic: list.slice(1) } : list);
        const run = (list: typeof rs) => evaluateFlow({ nsgs: text(list), flow: f, vnetCidrs: ['10.0.0.0/16'] });
        const valid = run(rs);
        const removed = run(withField(rs, [i, fieldName], DELETE));
        const corrupted = run(withField(rs, [i, fieldName], bad));
        expect(notMorePermissive(RANK, corrupted.verdict, valid.verdict, removed.verdict)).toBe(true);
        expect(corrupted.diagnostics.some((d) => d.severity === 'error')).toBe(true);
      }),
      { numRuns: runs },
    );
  });

  it('a corrupted NSG (subnet or NIC) never lets a flow through', () => {
    fc.assert(
      fc.property(rules, flow, fc.constantFrom('subnet', 'nic'), garbage, (rs, f, where, bad) => {
        const nsgs = JSON.stringify(where === 'subnet' ? { subnet: bad, nic: rs } : { subnet: rs, nic: bad });
        const r = evaluateFlow({ nsgs, flow: f, vnetCidrs: ['10.0.0.0/16'] });
        expect(r.verdict).not.toBe('Allow');
      }),
      { numRuns: runs },
    );
  });
});
