/**
 * NSG flow evaluator: an offline Network Watcher "IP flow verify".
 *
 * Rules from the sources (see ./model.ts SOURCES):
 * - Rules are processed by priority, lower number first; the first match decides. [overview]
 * - Every NSG ends with the default rules (65000, 65001, 65500). [overview]
 * - Inbound: the subnet's NSG first, then the NIC's; outbound: the NIC's first, then the
 *   subnet's. A Deny in the first stops the flow; both must allow. [how it works]
 * - An NSG is stateful: the reply of an allowed flow is allowed without consulting rules. [overview]
 * Pure and synchronous; never throws on input (everything becomes a diagnostic).
 */
import { parseIp, type Ip } from '../cidr/ip';
import { diag, guard, type Diagnostic } from '../diagnostics';
import { lintNsgs } from './lint';
import { addressContains, makeTagContext, matchRule, RFC1918, type Flow, type ParsedFlow, type TagContext, type Tri } from './match';
import { AZURE_HOST_IP, DEFAULT_RULES, formatAddresses, formatPorts, ruleId, SOURCES, type Access, type Nsg, type NsgRule } from './model';
import { readNsgs } from './read';

export type { Flow } from './match';
export { parseFlowLine } from './flow-line';
export { DEFAULT_RULES, ruleId } from './model';

export interface EvaluateFlowInput {
  /** JSON: one NSG (array of rules or NSG object) or { "subnet": [...], "nic": [...] }. */
  nsgs: string;
  flow: Flow;
  /** Address space of the VNet (the `VirtualNetwork` tag). */
  vnetCidrs?: string[];
  /** Prefixes of other service tags, e.g. { "AzureCloud.westeurope": ["20.50.0.0/16"] }. */
  serviceTags?: Record<string, string[]>;
}

export interface Decision {
  nsg: string;
  rule: string;
  priority: number;
  /** `defaultSecurityRules/<name>` or `securityRules/<name>`, as IP flow verify prints it. */
  ruleId: string;
  isDefault: boolean;
  access: Access;
}

export interface RuleRow {
  name: string;
  ruleId: string;
  priority: number;
  access: Access;
  protocol: string;
  source: string;
  sourcePorts: string;
  destination: string;
  destinationPorts: string;
  isDefault: boolean;
  /** match / no-match / unknown (cannot be resolved offline) / not-reached (an earlier rule decided). */
  result: 'match' | 'no-match' | 'unknown' | 'not-reached';
  why: string;
  deciding: boolean;
}

export interface NsgEvaluation {
  name: string;
  /** False when an earlier NSG in the order already denied the flow. */
  evaluated: boolean;
  access?: Access;
  decidingRule?: string;
  rows: RuleRow[];
  /** Deny rules met before the deciding rule that could not be read or resolved offline. */
  unresolved: string[];
}

export interface EvaluateFlowResult {
  access: Access;
  decidedBy: Decision[];
  explanation: string;
  diagnostics: Diagnostic[];
  /** NSG names in the order Azure processes them for this direction. */
  order: string[];
  nsgs: NsgEvaluation[];
  /** NSGs are stateful: replies to an allowed flow pass without rule evaluation. */
  returnTrafficAllowed: boolean;
  /** Where sources disagree, each reading and which one the result follows. */
  conflict?: { readings: { source: string; says: string }[]; applied: string };
  /** False when the flow or rules could not be read well enough to evaluate. */
  valid: boolean;
  /**
   * The answer with what could not be read taken into account: `unknown` instead of Allow when
   * a rule that could not be read or resolved (an unreadable rule, an unreadable NSG, a Deny
   * naming a service tag whose prefixes are not known) might have denied the flow first, and
   * when nothing could be evaluated. `access` keeps the answer computed from the readable rules.
   */
  verdict: Access | 'unknown';
  /** Rules (or NSGs) whose reading could change an Allow, named for the reader. */
  unresolved: string[];
}

const ORDER = { Inbound: ['subnet', 'nic'], Outbound: ['nic', 'subnet'] } as const;
const label = (n: string): string => (n === 'subnet' ? 'subnet NSG' : n === 'nic' ? 'NIC NSG' : 'NSG');

function readFlow(flow: Flow, diags: Diagnostic[]): ParsedFlow | undefined {
  const f = (flow ?? {}) as Partial<Flow>;
  let ok = true;
  const err = (field: string, code: string, message: string) => {
    ok = false;
    diags.push(diag('error', code, message, { field: `flow.${field}` }));
  };
  // Read ignoring case, as `az network watcher test-ip-flow --direction inbound --protocol TCP` and ARM do.
  const direction = (['Inbound', 'Outbound'] as const).find((d) => typeof f.direction === 'string' && d.toLowerCase() === f.direction.trim().toLowerCase());
  const protoText = typeof f.protocol === 'string' ? f.protocol.trim().toLowerCase() : '';
  const protocol = protoText === 'any' || protoText === 'all' ? '*' : (['Tcp', 'Udp', 'Icmp', '*'] as const).find((p) => p.toLowerCase() === protoText);
  if (!direction) err('direction', 'flow-invalid-direction', `The direction must be Inbound or Outbound, not ${JSON.stringify(f.direction) ?? 'nothing'}.`);
  if (!protocol) err('protocol', 'flow-invalid-protocol', `The protocol must be Tcp, Udp, Icmp or * (Any), not ${JSON.stringify(f.protocol) ?? 'nothing'}.`);
  const ip = (field: 'sourceIp' | 'destinationIp'): Ip | undefined => {
    const r = parseIp(f[field]);
    if (!r.ok) err(field, 'flow-invalid-ip', `The ${field === 'sourceIp' ? 'source' : 'destination'} address is not valid: ${r.reason}.`);
    return r.ok ? r.value : undefined;
  };
  const source = ip('sourceIp');
  const destination = ip('destinationIp');
  for (const field of ['sourcePort', 'destinationPort'] as const) {
    const p = f[field];
    if (typeof p !== 'number' || !Number.isInteger(p) || p < 0 || p > 65535) err(field, 'flow-invalid-port', `The ${field === 'sourcePort' ? 'source' : 'destination'} port must be a whole number from 0 to 65535.`);
  }
  if (source && destination && source.family !== destination.family) err('destinationIp', 'flow-mixed-families', 'The source and destination must both be IPv4 or both be IPv6.');
  if (!ok || !source || !destination) return undefined;
  return {
    direction: direction!, protocol: protocol!, sourcePort: f.sourcePort!, destinationPort: f.destinationPort!,
    source, destination, sourceText: String(f.sourceIp).trim(), destinationText: String(f.destinationIp).trim(),
  };
}

function row(rule: NsgRule): Omit<RuleRow, 'result' | 'why' | 'deciding'> {
  return {
    name: rule.name, ruleId: ruleId(rule), priority: rule.priority, access: rule.access,
    protocol: rule.protocol === '*' ? 'Any' : rule.protocol,
    source: formatAddresses(rule.sources, rule.sourceAsgs), sourcePorts: formatPorts(rule.sourcePorts),
    destination: formatAddresses(rule.destinations, rule.destinationAsgs), destinationPorts: formatPorts(rule.destinationPorts),
    isDefault: rule.isDefault,
  };
}

/** The rules of one direction in processing order: custom rules by priority (stable), then the defaults. */
export function orderedRules(nsg: Nsg, direction: Flow['direction']): NsgRule[] {
  const custom = nsg.rules.filter((r) => r.direction === direction || r.directionUnknown).sort((a, b) => (Number.isFinite(a.priority) ? a.priority : 1e9) - (Number.isFinite(b.priority) ? b.priority : 1e9));
  return [...custom, ...DEFAULT_RULES.filter((r) => r.direction === direction)];
}

function evaluateNsg(nsg: Nsg, flow: ParsedFlow, ctx: TagContext, diags: Diagnostic[]): NsgEvaluation {
  const rows: RuleRow[] = [];
  let decided: NsgRule | undefined;
  for (const rule of orderedRules(nsg, flow.direction)) {
    if (decided) {
      rows.push({ ...row(rule), result: 'not-reached', why: `not evaluated: "${decided.name}" (${decided.priority}) decided first`, deciding: false });
      continue;
    }
    const m = matchRule(rule, flow, ctx);
    if (m.result === 'unknown') {
      diags.push(diag('warning', 'nsg-rule-not-resolved', `Rule "${rule.name}" in the ${label(nsg.name)} could not be evaluated offline: ${m.why}. If it does match in Azure, the verdict may differ.`, { field: rule.name }));
    }
    if (m.result === 'yes') decided = rule;
    rows.push({ ...row(rule), result: m.result === 'yes' ? 'match' : m.result === 'no' ? 'no-match' : 'unknown', why: m.why, deciding: m.result === 'yes' });
  }
  // The DenyAll default always matches, so `decided` is set for any valid flow.
  // Fail closed: a Deny that could not be read or resolved, and that might come before the deciding
  // rule (an unreadable priority might), leaves an Allow undecided.
  const unresolved = decided?.access === 'Allow'
    ? orderedRules(nsg, flow.direction)
        .filter((r) => !r.isDefault && r.access === 'Deny' && (r.invalid ? !(Number.isFinite(r.priority) && r.priority > decided!.priority) : Number.isFinite(r.priority) && r.priority < decided!.priority && matchRule(r, flow, ctx).result === 'unknown'))
        .map((r) => `${r.invalid ? 'unreadable ' : ''}rule "${r.name}" in the ${label(nsg.name)}`)
    : [];
  return { name: nsg.name, evaluated: true, access: decided?.access, decidingRule: decided?.name, rows, unresolved };
}

function describe(d: Decision): string {
  return `the ${label(d.nsg)}'s ${d.isDefault ? 'default ' : ''}rule ${d.rule} (priority ${d.priority})`;
}

/** Reading of a flow when neither the subnet nor the NIC has an NSG; the two versions of the Microsoft page disagree. */
function noNsg(flow: ParsedFlow, ctx: TagContext): Pick<EvaluateFlowResult, 'access' | 'explanation' | 'conflict'> {
  if (flow.direction === 'Outbound') {
    return { access: 'Allow', explanation: 'Allowed: no NSG is associated with the subnet or the NIC, and outbound traffic from such a VM "flows freely" (both versions of "How network security groups filter network traffic" agree).' };
  }
  const fromInternet: Tri = addressContains({ kind: 'tag', tag: 'Internet', text: 'Internet' }, flow.source, ctx);
  const readings = [
    { source: `${SOURCES.howItWorks} (ms.date 07/28/2025, current)`, says: 'Blocked: "Traffic is blocked to VM4 because a network security group isn\'t associated with Subnet3 nor the network interface … The virtual machine with a standard public IP address is secure by default."' },
    { source: 'The same page, ms.date 08/24/2020 (MicrosoftDocs/azure-docs commit 0b167e76)', says: 'Allowed: "All network traffic is allowed through a subnet and network interface if they don\'t have a network security group associated to them."' },
  ];
  if (fromInternet === 'yes') {
    return {
      access: 'Deny',
      explanation: 'Denied: no NSG is associated with the subnet or the NIC. For traffic from the internet, the current Microsoft page says it is blocked (a Standard public IP is secure by default and needs an NSG to open it); the 2020 version said it was allowed. The current page applies.',
      conflict: { readings, applied: 'current (2025) page: blocked from the internet' },
    };
  }
  return {
    access: 'Allow',
    explanation: 'Allowed: no NSG is associated with the subnet or the NIC, so no rule filters traffic from inside the virtual network. (The current page says traffic to such a VM is blocked, explaining it with the secure-by-default Standard public IP, which concerns traffic from the internet; the 2020 page said all traffic is allowed. For a source inside the VNet this tool follows the 2020 reading — our interpretation.)',
    conflict: { readings, applied: '2020 page for traffic from inside the VNet (our reading; the current page speaks of public-IP traffic)' },
  };
}

function invalidResult(diagnostics: Diagnostic[], explanation: string): EvaluateFlowResult {
  return { access: 'Deny', decidedBy: [], explanation, diagnostics, order: [], nsgs: [], returnTrafficAllowed: false, valid: false, verdict: 'unknown', unresolved: [] };
}

export function evaluateFlow(input: EvaluateFlowInput): EvaluateFlowResult {
  return guard(
    () => evaluate(input),
    (d) => invalidResult([d], 'The flow could not be evaluated.'),
  );
}

function evaluate(input: EvaluateFlowInput): EvaluateFlowResult {
  const diags: Diagnostic[] = [];
  const read = readNsgs(typeof input?.nsgs === 'string' ? input.nsgs : '');
  diags.push(...read.diagnostics);
  let vnet = Array.isArray(input?.vnetCidrs) ? input.vnetCidrs.filter((c): c is string => typeof c === 'string') : [];
  const learntVnet = Object.entries(read.tagPrefixes).find(([k]) => k.toLowerCase() === 'virtualnetwork')?.[1] ?? [];
  if (!vnet.length && learntVnet.length) {
    vnet = learntVnet.filter((c) => c !== `${AZURE_HOST_IP}/32`);
    diags.push(diag('info', 'nsg-vnet-from-effective', `The VirtualNetwork tag is taken from the effective rules' expansion: ${learntVnet.join(', ')}.`, { field: 'vnetCidrs', source: SOURCES.tags }));
  }
  if (!vnet.length) {
    diags.push(diag('warning', 'nsg-vnet-assumed', `No VNet address space was given, so the VirtualNetwork tag is taken to be the private ranges ${RFC1918.join(', ')} (plus 168.63.129.16). Give the VNet's ranges for an exact answer.`, { field: 'vnetCidrs', source: SOURCES.tags }));
    vnet = RFC1918;
  }
  const ctx = makeTagContext(vnet, { ...read.tagPrefixes, ...(input?.serviceTags ?? {}) });
  diags.push(...lintNsgs(read.nsgs, ctx, read.doc));
  const flow = readFlow(input?.flow, diags);
  if (!flow) return invalidResult(diags, 'The flow is not valid, so it was not evaluated.');

  const local = flow.direction === 'Inbound' ? flow.destination : flow.source;
  if (input?.vnetCidrs?.length && addressContains({ kind: 'tag', tag: 'VirtualNetwork', text: '' }, local, ctx) === 'no') {
    diags.push(diag('warning', 'flow-local-not-in-vnet', `The ${flow.direction === 'Inbound' ? 'destination' : 'source'} ${flow.direction === 'Inbound' ? flow.destinationText : flow.sourceText} should be the VM's own (local) address inside the VNet; it is not in ${input.vnetCidrs.join(', ')}.`, { field: flow.direction === 'Inbound' ? 'flow.destinationIp' : 'flow.sourceIp', source: SOURCES.ipFlowVerify }));
  }
  if (flow.protocol === 'Icmp') {
    diags.push(diag('info', 'nsg-icmp-ports', 'ICMP has no ports: rules that limit ports are treated as not matching ICMP. Microsoft does not document this case; IP flow verify itself tests only TCP and UDP.', { field: 'flow.protocol', source: SOURCES.ipFlowVerify }));
  }
  if (read.nsgs.length === 0) {
    if (!read.none) return invalidResult(diags, 'The NSG rules could not be read, so the flow was not evaluated.');
    const r = noNsg(flow, ctx);
    return { ...r, decidedBy: [], diagnostics: diags, order: [], nsgs: [], returnTrafficAllowed: r.access === 'Allow', valid: true, verdict: r.access, unresolved: [] };
  }

  const byName = new Map(read.nsgs.map((n) => [n.name, n]));
  const order = read.nsgs.length === 1 && read.nsgs[0]!.name === 'nsg' ? ['nsg'] : ORDER[flow.direction].filter((n) => byName.has(n));
  const evaluations: NsgEvaluation[] = [];
  const decidedBy: Decision[] = [];
  let denied = false;
  for (const name of order) {
    const nsg = byName.get(name)!;
    if (denied) {
      evaluations.push({ name, evaluated: false, unresolved: [], rows: orderedRules(nsg, flow.direction).map((r) => ({ ...row(r), result: 'not-reached', why: `not evaluated: the ${label(decidedBy[0]!.nsg)} denied the flow first`, deciding: false })) });
      continue;
    }
    const e = evaluateNsg(nsg, flow, ctx, diags);
    evaluations.push(e);
    const rule = e.rows.find((r) => r.deciding);
    if (rule) decidedBy.push({ nsg: name, rule: rule.name, priority: rule.priority, ruleId: rule.ruleId, isDefault: rule.isDefault, access: rule.access });
    if (e.access === 'Deny') denied = true;
  }
  const access: Access = denied ? 'Deny' : 'Allow';
  const missing = order.length === 1 && order[0] !== 'nsg' ? ` There is no ${label(order[0] === 'subnet' ? 'nic' : 'subnet')}, so only the ${label(order[0]!)} filters this flow.` : '';
  let explanation: string;
  if (denied) {
    const d = decidedBy[decidedBy.length - 1]!;
    const skipped = evaluations.filter((e) => !e.evaluated).map((e) => label(e.name));
    explanation = `Denied by ${describe(d)}.${decidedBy.length > 1 ? ` ${describe(decidedBy[0]!)} had allowed it first.` : ''}${skipped.length ? ` The ${skipped.join(' and ')} was not evaluated.` : ''}${missing}`;
  } else {
    explanation = `Allowed by ${decidedBy.map(describe).join(', then ')}.${order.length > 1 ? ' Both NSGs must allow a flow; both did.' : ''}${missing} Replies to this flow are allowed too: NSGs are stateful.`;
  }
  const unresolved = access === 'Allow' ? [...read.unreadable.map((n) => `the ${label(n)}, which could not be read`), ...evaluations.flatMap((e) => e.unresolved)] : [];
  if (unresolved.length) {
    explanation = `Unknown: the readable rules allow this flow (${explanation.replace(/^Allowed by /, '').replace(/\.$/, '')}), but ${unresolved.join(', ')} might deny it first. Fix or resolve ${unresolved.length === 1 ? 'it' : 'them'} for a definite answer.`;
    diags.push(diag('warning', 'nsg-verdict-unknown', `The flow is allowed only if ${unresolved.join(', ')} does not deny it; the verdict is "unknown" rather than Allow.`, { field: 'flow' }));
  }
  return { access, decidedBy, explanation, diagnostics: diags, order, nsgs: evaluations, returnTrafficAllowed: access === 'Allow' && !unresolved.length, valid: true, verdict: unresolved.length ? 'unknown' : access, unresolved };
}

export interface LintNsgResult {
  rules: { nsg: string; count: number }[];
  diagnostics: Diagnostic[];
}

/** Lint only: reads the NSG JSON and reports rule problems, without a flow. */
export function lintNsg(input: { nsgs: string; vnetCidrs?: string[]; serviceTags?: Record<string, string[]> }): LintNsgResult {
  return guard(
    () => {
      const read = readNsgs(typeof input?.nsgs === 'string' ? input.nsgs : '');
      const ctx = makeTagContext(input?.vnetCidrs?.length ? input.vnetCidrs : RFC1918, input?.serviceTags ?? {});
      return { rules: read.nsgs.map((n) => ({ nsg: n.name, count: n.rules.length })), diagnostics: [...read.diagnostics, ...lintNsgs(read.nsgs, ctx, read.doc)] };
    },
    (d) => ({ rules: [], diagnostics: [d] }),
  );
}
