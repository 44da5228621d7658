/**
 * The NSG and API server access exercise checkers judge behaviour: a second, differently
 * written correct answer passes, plausible wrong answers fail for the right reason, and the
 * panes that are only for trying (flow line, client) do not change the verdict.
 * (tests/unit/exercises.test.ts already checks every solution passes and every start fails.)
 */
import { describe, expect, it } from 'vitest';
import { exerciseById, type Exercise } from '../../src/lib/exercises';

function ex(id: string): Exercise {
  const e = exerciseById(id);
  if (!e) throw new Error(`no exercise ${id}`);
  return e;
}

const explain = (r: { reason: string; details?: string[] }) => `${r.reason}\n${(r.details ?? []).join('\n')}`;
const expectPass = (id: string, inputs: Record<string, string>) => {
  const r = ex(id).check(inputs);
  expect(r.pass, explain(r)).toBe(true);
};
const expectFail = (id: string, inputs: Record<string, string>, reason: RegExp) => {
  const r = ex(id).check(inputs);
  expect(r.pass, explain(r)).toBe(false);
  expect(explain(r)).toMatch(reason);
};

/** A rule in the flat shape `az network nsg rule list` prints, as an object. */
const rule = (name: string, priority: number, access: string, protocol: string, source: string | string[], ports: string | string[], destination = '*') => ({
  name,
  priority,
  direction: 'Inbound',
  access,
  protocol,
  sourcePortRange: '*',
  destinationAddressPrefix: destination,
  ...(Array.isArray(source) ? { sourceAddressPrefixes: source } : { sourceAddressPrefix: source }),
  ...(Array.isArray(ports) ? { destinationPortRanges: ports } : { destinationPortRange: ports }),
});

describe('nsg-open-443-to-range', () => {
  const id = 'nsg-open-443-to-range';
  const flow = ex(id).start.flow!;

  it('accepts the range split in two halves, as a bare rule array in ARM shape with a port list', () => {
    // ARM shape (fields under properties), one unnamed NSG, plural prefixes, a one-element port list.
    const nsgs = JSON.stringify([
      {
        name: 'partner-https',
        properties: {
          priority: 1000, direction: 'Inbound', access: 'Allow', protocol: 'Tcp',
          sourceAddressPrefixes: ['203.0.113.0/25', '203.0.113.128/25'], sourcePortRange: '*',
          destinationAddressPrefix: 'VirtualNetwork', destinationPortRanges: ['443'],
        },
      },
    ]);
    expectPass(id, { nsgs, flow });
  });

  it('accepts an explicit Deny for the rest of the internet below the Allow', () => {
    const nsgs = JSON.stringify({ subnet: [rule('partner-443', 100, 'Allow', 'Tcp', '203.0.113.0/24', '443'), rule('deny-internet', 4096, 'Deny', '*', 'Internet', '*')] });
    expectPass(id, { nsgs, flow });
  });

  it('rejects opening 443 to the partner on UDP too (protocol Any)', () => {
    const nsgs = JSON.stringify({ subnet: [rule('partner-443', 100, 'Allow', '*', '203.0.113.0/24', '443')] });
    expectFail(id, { nsgs, flow }, /Udp 203\.0\.113\.10:50000 -> 10\.240\.0\.4:443 is allowed by partner-443/);
  });

  it('rejects a range that is too wide (a /16)', () => {
    const nsgs = JSON.stringify({ subnet: [rule('partner-443', 100, 'Allow', 'Tcp', '203.0.0.0/16', '443')] });
    expectFail(id, { nsgs, flow }, /203\.0\.114\.1:50000 .* is allowed/);
  });

  it('rejects a catch-all Deny that also cuts the VNet and the load balancer probes', () => {
    const nsgs = JSON.stringify({ subnet: [rule('partner-443', 100, 'Allow', 'Tcp', '203.0.113.0/24', '443'), rule('deny-all', 4096, 'Deny', '*', '*', '*')] });
    expectFail(id, { nsgs, flow }, /168\.63\.129\.16:50000 .* is denied by deny-all/);
  });

  it('fails clearly on invalid JSON, naming the line', () => {
    expectFail(id, { nsgs: '{\n  "subnet": [\n    { "name": "x", \n', flow }, /Fix this first \(NSG rules, line \d+\)/);
  });

  it('ignores the flow pane: the solution passes with any flow line, the start fails with one that happens to be denied', () => {
    const e = ex(id);
    expect(e.check({ ...e.solution, flow: 'Inbound Tcp 8.8.8.8:1 -> 10.240.0.4:22' }).pass).toBe(true);
    expect(e.check({ ...e.solution, flow: 'garbage' }).pass).toBe(true);
    expect(e.check({ ...e.start, flow: 'Inbound Tcp 8.8.8.8:1 -> 10.240.0.4:22' }).pass).toBe(false);
  });
});

describe('nsg-find-shadowed-rule', () => {
  const id = 'nsg-find-shadowed-rule';
  const flow = ex(id).start.flow!;
  const lb = rule('allow-azure-lb', 100, 'Allow', '*', 'AzureLoadBalancer', '*');
  const https = (p: number) => rule('allow-https', p, 'Allow', 'Tcp', 'Internet', '443', '10.240.0.0/16');
  const partner = (p: number) => rule('allow-partner-api', p, 'Allow', 'Tcp', '198.51.100.0/24', '8443', '10.240.0.0/16');
  const deny = (p: number) => rule('deny-internet', p, 'Deny', '*', 'Internet', '*');

  it('accepts dropping the broad Deny, since DenyAllInBound already denies the rest of the internet', () => {
    expectPass(id, { nsgs: JSON.stringify({ subnet: [lb, https(300), partner(310)] }), flow });
  });

  it('accepts narrowing the Deny so it no longer covers the Allows, and writing the rules in another order', () => {
    // The Deny keeps priority 200 but only covers ports below 443 and 444–8442, 8444+ … written as ranges.
    const narrowDeny = rule('deny-internet', 200, 'Deny', '*', 'Internet', ['0-442', '444-8442', '8444-65535']);
    const udpDeny = rule('deny-internet-udp', 210, 'Deny', 'Udp', 'Internet', '*');
    expectPass(id, { nsgs: JSON.stringify({ subnet: [partner(320), https(300), udpDeny, narrowDeny, lb] }), flow });
  });

  it('rejects moving only allow-https above the Deny (the partner rule stays shadowed and 8443 refused)', () => {
    expectFail(id, { nsgs: JSON.stringify({ subnet: [lb, https(150), deny(200), partner(310)] }), flow }, /198\.51\.100\.20:50000 -> 10\.240\.0\.4:8443 is denied by deny-internet \(200\)/);
  });

  it('rejects "fixing" it by giving the Deny the same priority as an Allow (Azure refuses duplicates)', () => {
    expectFail(id, { nsgs: JSON.stringify({ subnet: [lb, https(200), partner(210), deny(200)] }), flow }, /Fix this first .*priority 200/);
  });

  it('rejects opening 8443 to the whole internet by widening the partner rule', () => {
    const wide = rule('allow-partner-api', 210, 'Allow', 'Tcp', 'Internet', '8443', '10.240.0.0/16');
    expectFail(id, { nsgs: JSON.stringify({ subnet: [lb, https(200), wide, deny(4000)] }), flow }, /192\.0\.2\.50:50000 -> 10\.240\.0\.4:8443 is allowed/);
  });

  it('rejects right verdicts that still leave a shadowed rule behind', () => {
    // Every flow is right, but a leftover Allow below the Deny can never apply.
    const leftover = rule('allow-ssh-old', 4010, 'Allow', 'Tcp', 'Internet', '22');
    expectFail(id, { nsgs: JSON.stringify({ subnet: [lb, https(200), partner(210), deny(4000), leftover] }), flow }, /still shadowed[\s\S]*allow-ssh-old/);
  });
});

describe('access-authorize-office', () => {
  const id = 'access-authorize-office';
  const client = ex(id).start.client!;
  const cluster = (ranges: string) => `privateCluster: false\nauthorizedIpRanges: ${ranges}\nvnetCidrs: [10.224.0.0/12]\noutboundType: loadBalancer\noutboundIps: [20.62.10.5]`;

  it('accepts the office as two /25s, written comma-separated as az takes it, in another order', () => {
    expectPass(id, { cluster: cluster('73.140.245.128/25,20.62.12.16/28,73.140.245.0/25'), client });
  });

  it('accepts a flow-style list with fields in another order', () => {
    expectPass(id, { cluster: `outboundIps: [20.62.10.5]\nauthorizedIpRanges: [73.140.245.0/24, 20.62.12.16/28]\nprivateCluster: false`, client });
  });

  it('rejects replacing the list with only the office (the build agents lose access)', () => {
    expectFail(id, { cluster: cluster('[73.140.245.0/24]'), client }, /build agent .* is refused/);
  });

  it('rejects a range wider than the office', () => {
    expectFail(id, { cluster: cluster('[20.62.12.16/28, 73.140.0.0/16]'), client }, /73\.140\.246\.10\) is let in/);
  });

  it('rejects only the one laptop address', () => {
    expectFail(id, { cluster: cluster('[20.62.12.16/28, 73.140.245.20/32]'), client }, /73\.140\.245\.201\) is refused/);
  });

  it('rejects 0.0.0.0/0 and turning the ranges off', () => {
    expectFail(id, { cluster: cluster('[20.62.12.16/28, 73.140.245.0/24, 0.0.0.0/0]'), client }, /opens the API server to everyone \(line 2\)/);
    expectFail(id, { cluster: cluster('[]'), client }, /ranges are off/);
  });

  it('rejects the office private range with the engine\'s error and its line', () => {
    expectFail(id, { cluster: 'privateCluster: false\nauthorizedIpRanges:\n  - 20.62.12.16/28\n  - 192.168.10.0/24\n', client }, /Fix this first \(cluster, line 4\): .*private or reserved/);
  });

  it('rejects making the cluster private', () => {
    expectFail(id, { cluster: `privateCluster: true\nauthorizedIpRanges: [20.62.12.16/28, 73.140.245.0/24]`, client }, /public API server endpoint/);
  });

  it('ignores the client pane', () => {
    const e = ex(id);
    expect(e.check({ ...e.solution, client: 'ip: 52.160.33.7' }).pass).toBe(true);
    expect(e.check({ ...e.start, client: 'ip: 20.62.12.20' }).pass).toBe(false);
  });
});
