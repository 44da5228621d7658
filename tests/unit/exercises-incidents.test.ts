/**
 * Incident exercises: the start fails, the solution passes, and a plausible wrong fix — one
 * that silences the symptom in the wrong layer or opens too much — fails.
 */
import { describe, expect, it } from 'vitest';
import { exerciseById } from '../../src/lib/exercises';
import { INCIDENTS } from '../../src/lib/trace';

/** The wrong fix of each incident: [text to replace in the given environment, replacement]. */
const WRONG: Record<string, { from: 'start' | 'solution'; edits: [string, string][]; why: string }> = {
  'incident-byo-nsg': { from: 'start', edits: [['"destinationAddressPrefix": "20.121.5.7", "destinationPortRange": "8080"', '"destinationAddressPrefix": "10.244.0.0/16", "destinationPortRange": "8080"']], why: 'opens the pod port to the pod range: the NSG sees the frontend IP and Service port' },
  'incident-partner-ipblock': { from: 'start', edits: [['{ ipBlock: { cidr: 198.51.100.0/24 } }', '{ ipBlock: { cidr: 198.51.100.0/24 } }, { ipBlock: { cidr: 10.224.0.0/16 } }']], why: 'allowing the node range lets every internet client in after SNAT' },
  'incident-named-port': { from: 'start', edits: [['targetPort: web }', 'targetPort: http }']], why: 'fixes only the first of the two faults' },
  'incident-firewall-egress': { from: 'solution', edits: [['fqdns: [api.payments.example]', 'fqdns: [\'*\']']], why: 'a wildcard application rule turns the firewall into an open proxy' },
  'incident-private-dns': { from: 'start', edits: [['"authorizedIpRanges": null', '"authorizedIpRanges": ["10.50.1.4/32"]']], why: 'authorized ranges do not apply to a private API server' },
  'incident-egress-ip-ranges': { from: 'start', edits: [['"20.31.7.9/32"]', '"20.31.7.9/32", "10.224.0.0/16"]']], why: 'the API server sees the NAT gateway IP, not node addresses (and the CLI refuses private ranges)' },
};

describe('incident exercises', () => {
  it('there are at least six, each with a wrong fix under test', () => {
    expect(INCIDENTS.length).toBeGreaterThanOrEqual(6);
    expect(Object.keys(WRONG).sort()).toEqual(INCIDENTS.map((i) => i.id).sort());
  });

  for (const incident of INCIDENTS) {
    const ex = exerciseById(incident.id)!;
    it(`${incident.id}: start fails, solution passes, wrong fix fails`, () => {
      expect(ex.tool).toBe('trace');
      const start = ex.check(ex.start);
      expect(start.pass, start.reason).toBe(false);
      const solved = ex.check(ex.solution);
      expect(solved.pass, `${solved.reason} ${solved.details?.join(' ') ?? ''}`).toBe(true);
      const w = WRONG[incident.id]!;
      let env = ex[w.from].environment!;
      for (const [a, b] of w.edits) {
        expect(env, `${incident.id}: wrong-fix edit must apply`).toContain(a);
        env = env.replace(a, b);
      }
      const wrong = ex.check({ ...ex.start, environment: env });
      expect(wrong.pass, `${incident.id}: ${w.why}`).toBe(false);
    });
  }
});
