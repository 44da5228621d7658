/**
 * NSG and API server access exercises (page edge-access; the WAF one is in 40-edge-access.ts).
 * Each checker sends the exercise's own fixed flows or clients through the real engines
 * (evaluateFlow, lintNsg, checkApiServerAccess) with the learner's rules or ranges, and
 * compares the verdicts with the requirement, so any correct rule set passes. The panes that
 * only try things out (the NSG tool's flow line, the access tool's client) are ignored.
 */
import { checkApiServerAccess, type ApiServerAccessInput } from '../../access';
import { placeAccessDiagnostic, readCluster } from '../../access/read';
import type { Diagnostic } from '../../diagnostics';
import { evaluateFlow, lintNsg, type Flow } from '../../nsg';
import { failOnError } from '../checks';
import { fail, pass, type CheckResult, type Exercise } from '../types';

// ---- NSG ----------------------------------------------------------------------------------

/** The cluster VNet of both NSG exercises; the node subnet is part of it. */
const VNET = ['10.240.0.0/16'];
const NODE = '10.240.0.4';

interface FlowCase {
  flow: Flow;
  want: 'Allow' | 'Deny';
  /** Why this flow must get that verdict, in words. */
  because: string;
}

const inbound = (protocol: Flow['protocol'], source: string, port: number, want: FlowCase['want'], because: string): FlowCase => ({
  flow: { direction: 'Inbound', protocol, sourceIp: source, sourcePort: 50000, destinationIp: NODE, destinationPort: port },
  want,
  because,
});

const flowText = (f: Flow): string => `${f.direction} ${f.protocol} ${f.sourceIp}:${f.sourcePort} -> ${f.destinationIp}:${f.destinationPort}`;

/**
 * Evaluates every case against the learner's NSG JSON. Returns a failure for input the
 * engine rejects (first error, with its line), else the cases that got the wrong verdict.
 */
function checkFlows(nsgs: string, cases: FlowCase[]): { error?: CheckResult; wrong: string[] } {
  if (nsgs.trim() === '') return { error: fail('The NSG rules pane is empty: write the rules (Reset restores the start).'), wrong: [] };
  const wrong: string[] = [];
  for (const c of cases) {
    const r = evaluateFlow({ nsgs, flow: c.flow, vnetCidrs: VNET });
    const err = failOnError(r.diagnostics, 'NSG rules');
    if (err) return { error: err, wrong };
    if (!r.valid) return { error: fail(`The rules could not be evaluated: ${r.explanation}`), wrong };
    if (r.access !== c.want) {
      const d = r.decidedBy[r.decidedBy.length - 1];
      wrong.push(`${flowText(c.flow)} is ${r.access === 'Allow' ? 'allowed' : 'denied'}${d ? ` by ${d.rule} (${d.priority})` : ''}; it should be ${c.want === 'Allow' ? 'allowed' : 'denied'}: ${c.because}.`);
    }
  }
  return { wrong };
}

const rule = (name: string, priority: number, access: 'Allow' | 'Deny', protocol: string, source: string, destination: string, ports: string): string => `    {
      "name": "${name}",
      "priority": ${priority},
      "direction": "Inbound",
      "access": "${access}",
      "protocol": "${protocol}",
      "sourceAddressPrefix": "${source}",
      "sourcePortRange": "*",
      "destinationAddressPrefix": "${destination}",
      "destinationPortRange": "${ports}"
    }`;

const subnetNsg = (...rules: string[]): string => `{
  "subnet": [
${rules.join(',\n')}
  ]
}`;

const PARTNER = '203.0.113.0/24';
const OPEN_443_CASES: FlowCase[] = [
  inbound('Tcp', '203.0.113.10', 443, 'Allow', 'the partner range may use HTTPS'),
  inbound('Tcp', '203.0.113.254', 443, 'Allow', 'the partner range may use HTTPS'),
  inbound('Tcp', '198.51.100.7', 443, 'Deny', 'this address is outside 203.0.113.0/24'),
  inbound('Tcp', '203.0.114.1', 443, 'Deny', 'this address is just outside 203.0.113.0/24'),
  inbound('Tcp', '8.8.8.8', 443, 'Deny', 'the internet at large must not reach the nodes'),
  inbound('Tcp', '203.0.113.10', 22, 'Deny', 'only port 443 is opened, not SSH'),
  inbound('Tcp', '203.0.113.10', 80, 'Deny', 'only port 443 is opened'),
  inbound('Tcp', '203.0.113.10', 30443, 'Deny', 'only port 443 is opened, not the NodePort range'),
  inbound('Udp', '203.0.113.10', 443, 'Deny', 'only TCP 443 is opened (UDP 443 would be HTTP/3)'),
  // Not part of the task's "open", but a rule set that also cuts these breaks the cluster.
  inbound('Tcp', '10.240.1.5', 10250, 'Allow', 'traffic inside the VNet (here to the kubelet) must keep working'),
  inbound('Tcp', '168.63.129.16', 31380, 'Allow', 'Azure Load Balancer health probes must keep reaching the nodes'),
];

const OPEN_443_FLOW = 'Inbound Tcp 203.0.113.10:50000 -> 10.240.0.4:443\nvnet: 10.240.0.0/16';

// The shadowed-rule exercise: a broad Deny of everything from the internet sits above the two Allows it should leave alone.
const SHADOW_RULES = {
  lb: rule('allow-azure-lb', 100, 'Allow', '*', 'AzureLoadBalancer', '*', '*'),
  deny: (priority: number) => rule('deny-internet', priority, 'Deny', '*', 'Internet', '*', '*'),
  https: (priority: number) => rule('allow-https', priority, 'Allow', 'Tcp', 'Internet', '10.240.0.0/16', '443'),
  partner: (priority: number) => rule('allow-partner-api', priority, 'Allow', 'Tcp', '198.51.100.0/24', '10.240.0.0/16', '8443'),
};

const SHADOW_CASES: FlowCase[] = [
  inbound('Tcp', '192.0.2.50', 443, 'Allow', 'allow-https should let anyone on the internet use HTTPS'),
  inbound('Tcp', '198.51.100.20', 443, 'Allow', 'allow-https should let anyone on the internet use HTTPS'),
  inbound('Tcp', '198.51.100.20', 8443, 'Allow', 'allow-partner-api should let the partner range 198.51.100.0/24 reach port 8443'),
  inbound('Tcp', '192.0.2.50', 8443, 'Deny', 'port 8443 is for the partner range only'),
  inbound('Tcp', '192.0.2.50', 22, 'Deny', 'deny-internet should still deny everything else from the internet'),
  inbound('Tcp', '198.51.100.20', 22, 'Deny', 'the partner may use 8443 and 443, nothing else'),
  inbound('Udp', '192.0.2.50', 53, 'Deny', 'deny-internet should still deny everything else from the internet'),
  inbound('Tcp', '10.240.1.5', 10250, 'Allow', 'traffic inside the VNet must keep working'),
  inbound('Tcp', '168.63.129.16', 31380, 'Allow', 'Azure Load Balancer health probes must keep reaching the nodes'),
];

const SHADOW_FLOW = 'Inbound Tcp 192.0.2.50:50000 -> 10.240.0.4:443\nvnet: 10.240.0.0/16';

// ---- API server access ---------------------------------------------------------------------

/** The office leaves to the internet from this public range (its NAT gateway's addresses). */
const OFFICE = '73.140.245.0/24';

interface ClientCase {
  client: ApiServerAccessInput['client'];
  reachable: boolean;
  who: string;
}

const OFFICE_CASES: ClientCase[] = [
  { client: { ip: '73.140.245.20', via: 'internet' }, reachable: true, who: 'an office laptop (73.140.245.20)' },
  { client: { ip: '73.140.245.201', via: 'internet' }, reachable: true, who: 'another office address (73.140.245.201)' },
  { client: { ip: '20.62.12.20', via: 'internet' }, reachable: true, who: 'a build agent (20.62.12.20), already authorized' },
  { client: { ip: '73.140.246.10', via: 'internet' }, reachable: false, who: 'a neighbour just outside the office range (73.140.246.10)' },
  { client: { ip: '73.140.244.255', via: 'internet' }, reachable: false, who: 'an address just below the office range (73.140.244.255)' },
  { client: { ip: '52.160.33.7', via: 'internet' }, reachable: false, who: 'an unknown address on the internet (52.160.33.7)' },
];

const accessCluster = (ranges: string[]): string => `privateCluster: false
authorizedIpRanges:
${ranges.map((r) => `  - ${r}`).join('\n')}
vnetCidrs: [10.224.0.0/12]
outboundType: loadBalancer
outboundIps: [20.62.10.5]`;

const OFFICE_CLIENT = 'ip: 73.140.245.20\nvia: internet';

function checkOfficeAccess(text: string): CheckResult {
  if (text.trim() === '') return fail('The cluster pane is empty: describe the cluster (Reset restores the start).');
  const diags: Diagnostic[] = [];
  const pane = readCluster(text, diags);
  const err = failOnError(diags, 'cluster');
  if (err) return err;
  if (pane.cluster.privateCluster) return fail('The cluster must keep its public API server endpoint: with privateCluster: true nobody on the internet, the office included, reaches it.');
  const wrong: string[] = [];
  for (const c of OFFICE_CASES) {
    const r = checkApiServerAccess({ cluster: pane.cluster, client: c.client });
    const placed = r.diagnostics.map((d) => placeAccessDiagnostic(d, pane));
    const e = failOnError(placed, 'cluster');
    if (e) return e;
    const all = placed.find((d) => d.code === 'authorized-range-allows-all');
    if (all) return fail(`A range opens the API server to everyone (line ${all.line ?? '?'}): ${all.message}`);
    if (r.ranges === 'disabled') return fail('Authorized IP ranges are off, so every address on the internet may connect. Keep the list and add the office to it.');
    if (r.reachable !== c.reachable) wrong.push(`${c.who} is ${r.reachable ? 'let in' : 'refused'}; it should be ${c.reachable ? 'let in' : 'refused'}. ${r.why}`);
  }
  if (wrong.length) return fail(`${wrong.length} of ${OFFICE_CASES.length} test clients are handled wrongly.`, wrong);
  return pass(`The office range ${OFFICE} and the build agents reach the public API server; addresses just outside the office range and the rest of the internet are refused.`);
}

// ---- exercises -----------------------------------------------------------------------------

const exercises: Exercise[] = [
  {
    id: 'nsg-open-443-to-range',
    title: 'Open one port to one range',
    page: 'edge-access',
    task: `A partner calls your ingress on the AKS nodes (VNet 10.240.0.0/16, node 10.240.0.4) over HTTPS. Change the node subnet's NSG so that TCP port 443 is allowed only from the partner's range ${PARTNER}: every other port from that range, and every port from anywhere else on the internet, must stay denied — while traffic inside the VNet and Azure Load Balancer health probes keep working. The checker sends its own set of flows; the flow pane is only for trying yours.`,
    startNote: 'The starting rules are wrong on purpose: one opens 443 to the whole internet, the other opens every port to the partner.',
    tool: 'nsg',
    start: {
      nsgs: subnetNsg(
        rule('allow-https', 300, 'Allow', 'Tcp', '*', '*', '443'),
        rule('allow-partner', 310, 'Allow', '*', PARTNER, '*', '*'),
      ),
      flow: OPEN_443_FLOW,
    },
    solution: {
      nsgs: subnetNsg(rule('allow-partner-https', 300, 'Allow', 'Tcp', PARTNER, '10.240.0.0/16', '443')),
      flow: OPEN_443_FLOW,
    },
    hints: [
      'Try Inbound Tcp 198.51.100.7:50000 -> 10.240.0.4:443 and Inbound Tcp 203.0.113.10:50000 -> 10.240.0.4:22 in the flow pane. Which rule lets each in?',
      'Both conditions belong in one rule: its source is the partner range, its protocol Tcp and its destination port 443. Anything no rule allows falls through to the default DenyAllInBound (65500).',
      `Keep a single Allow rule: "protocol": "Tcp", "sourceAddressPrefix": "${PARTNER}", "destinationPortRange": "443", and delete the other two.`,
    ],
    check(inputs) {
      const { error, wrong } = checkFlows(inputs.nsgs ?? '', OPEN_443_CASES);
      if (error) return error;
      if (wrong.length) return fail(`${wrong.length} of ${OPEN_443_CASES.length} test flows get the wrong verdict.`, wrong);
      return pass(`Only TCP 443 from ${PARTNER} is let in from outside the VNet; other ports and other sources fall through to DenyAllInBound, and VNet traffic and load balancer probes still pass the default rules.`);
    },
  },
  {
    id: 'nsg-find-shadowed-rule',
    title: 'Find the shadowed rule',
    page: 'edge-access',
    task: 'On the node subnet (VNet 10.240.0.0/16), HTTPS (TCP 443) should be open to the whole internet and TCP 8443 to the partner range 198.51.100.0/24; everything else from the internet stays denied. The rules for this are all there, yet HTTPS is refused. Find out why and fix the rule set so that each flow gets its intended verdict and no rule is shadowed by another. The checker sends its own flows; the flow pane is only for trying.',
    startNote: 'The starting rules are broken on purpose: the evaluator flags two rules that never apply.',
    tool: 'nsg',
    start: { nsgs: subnetNsg(SHADOW_RULES.lb, SHADOW_RULES.deny(200), SHADOW_RULES.https(300), SHADOW_RULES.partner(310)), flow: SHADOW_FLOW },
    solution: { nsgs: subnetNsg(SHADOW_RULES.lb, SHADOW_RULES.https(200), SHADOW_RULES.partner(210), SHADOW_RULES.deny(4000)), flow: SHADOW_FLOW },
    hints: [
      'Evaluate the flow in the pane and look at the highlighted row: which rule decides, and what is its priority compared with allow-https?',
      'NSG rules run from the lowest priority number up, and the first match decides. deny-internet (200) matches every flow from the internet, so allow-https (300) and allow-partner-api (310) are never reached — the warnings call them shadowed.',
      'Give the two Allow rules lower numbers than deny-internet — e.g. allow-https 200, allow-partner-api 210 and deny-internet 4000.',
    ],
    check(inputs) {
      const nsgs = inputs.nsgs ?? '';
      const { error, wrong } = checkFlows(nsgs, SHADOW_CASES);
      if (error) return error;
      if (wrong.length) return fail(`${wrong.length} of ${SHADOW_CASES.length} test flows get the wrong verdict.`, wrong);
      const shadowed = lintNsg({ nsgs, vnetCidrs: VNET }).diagnostics.filter((d) => d.code === 'nsg-shadowed-rule');
      if (shadowed.length) return fail('Every flow gets the right verdict, but a rule is still shadowed: it can never apply, which misleads whoever reads the rules next.', shadowed.map((d) => `${d.line ? `line ${d.line}: ` : ''}${d.message}`));
      return pass('HTTPS from the internet and 8443 from the partner are allowed before anything denies them, everything else from the internet is denied, and no rule hides behind another.');
    },
  },
  {
    id: 'access-authorize-office',
    title: 'Authorize an office range',
    page: 'edge-access',
    task: `The cluster's public API server only accepts the authorized IP ranges. Developers in the office, which leaves to the internet from the public range ${OFFICE}, are refused. Change the cluster settings so that every office address reaches the API server, the build agents (20.62.12.16/28) still do, and no one else does. The checker tries its own clients; the client pane is only for trying.`,
    startNote: 'The starting list is wrong on purpose: the office entry has a typo, so the office is locked out.',
    tool: 'api-access',
    start: { cluster: accessCluster(['20.62.12.16/28', '73.140.254.0/24']), client: OFFICE_CLIENT },
    solution: { cluster: accessCluster(['20.62.12.16/28', OFFICE]), client: OFFICE_CLIENT },
    hints: [
      'Run the client 73.140.245.20 and read why it is refused. Compare the listed ranges with the office range digit by digit.',
      `The second entry reads 73.140.254.0/24; the office is ${OFFICE}. Correct it, and keep the build agents' range: the list given to az aks update replaces the old one.`,
      `authorizedIpRanges should hold 20.62.12.16/28 and ${OFFICE} — nothing broader (no 0.0.0.0/0, no /16).`,
    ],
    check: (inputs) => checkOfficeAccess(inputs.cluster ?? ''),
  },
];

export default exercises;
