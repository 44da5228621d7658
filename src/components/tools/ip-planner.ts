/**
 * AKS IP planner playground: a form written as YAML `key: value` lines, one per
 * ClusterPlanInput field, run through planCluster. Findings go on the line of the field
 * they are about.
 */
import { PLUGIN_NAMES } from '../../lib/ipam';
import { planFromText, setPlanFields, type PlanFieldValue } from '../../lib/ipam/plan-text';
import { queryText } from '../../lib/query-text';
import { h } from '../../lib/view/h';
import { addressDiagrams, limitsTable, planVerdict, sizingTable, valuesUsed } from '../views/ipam-plan';
import { count } from '../../lib/plural';
import type { ToolDefinition } from './types';

/** Runbook-link parameters → the plan field each sets. */
const QUERY_FIELDS: { param: string; field: string; kind: 'text' | 'int' | 'list' }[] = [
  { param: 'plugin', field: 'plugin', kind: 'text' },
  { param: 'vnet', field: 'vnetCidrs', kind: 'list' },
  { param: 'subnet', field: 'nodeSubnetCidr', kind: 'text' },
  { param: 'nodes', field: 'nodeCount', kind: 'int' },
  { param: 'maxpods', field: 'maxPods', kind: 'int' },
  { param: 'pods', field: 'podCidr', kind: 'text' },
  { param: 'service', field: 'serviceCidr', kind: 'text' },
  { param: 'dns', field: 'dnsServiceIp', kind: 'text' },
];

/**
 * `?plugin=azure-overlay&nodes=50&subnet=10.240.0.0/22` → the plan pane with those
 * fields set and the rest of it kept. Values are one line of data (at most 200
 * characters); a number that isn't one stays text, so the planner says what is wrong on
 * its line. An empty value removes the field, so its default applies.
 */
export function planFromQuery(params: URLSearchParams, current: string): Partial<Record<string, string>> {
  const fields: [string, PlanFieldValue][] = [];
  for (const q of QUERY_FIELDS) {
    const v = queryText(params, q.param, { max: 200, noSpaces: true });
    if (v === undefined) continue;
    if (v === '') fields.push([q.field, null]);
    else if (q.kind === 'int') fields.push([q.field, /^\d{1,7}$/.test(v) ? Number(v) : v]);
    else if (q.kind === 'list') fields.push([q.field, v.split(',').filter(Boolean).slice(0, 8)]);
    else fields.push([q.field, v]);
  }
  return fields.length ? { plan: setPlanFields(current, fields) } : {};
}

const ipPlanner: ToolDefinition = {
  id: 'ip-planner',
  title: 'AKS IP planner',
  description: 'How many addresses each range of an AKS cluster needs, whether your subnets and CIDRs hold them, the largest node count they allow, and which ranges collide.',
  inputs: [
    {
      name: 'plan',
      label: 'Cluster plan (key: value, or az aks show + az network vnet show JSON)',
      language: 'yaml',
      rows: 12,
      hint: `plugin: ${Object.keys(PLUGIN_NAMES).join(' | ')}. Optional: dataplane, podSubnetCidr, podCidr, serviceCidr, dnsServiceIp, maxPods, maxSurge, otherCidrs (list of name/cidr). "a,b" gives a dual-stack pair. Or paste \`az aks show -o json\` followed by \`az network vnet show -o json\`: the plan is computed for that cluster.`,
    },
  ],
  example: {
    plan: `plugin: azure
vnetCidrs: [10.1.0.0/16]
nodeSubnetCidr: 10.1.0.0/21
nodeCount: 50
maxPods: 30
serviceCidr: 10.2.0.0/16
dnsServiceIp: 10.2.0.10
`,
  },
  fromQuery: (params, inputs) => planFromQuery(params, inputs.plan ?? ''),
  queryParams: {
    plugin: 'The network plugin: kubenet, azure (node subnet), azure-dynamic (pod subnet) or azure-overlay.',
    nodes: 'The node count (nodeCount), e.g. nodes=50.',
    subnet: 'The node subnet (nodeSubnetCidr), e.g. subnet=10.240.0.0/22; "IPv4,IPv6" for dual-stack.',
    vnet: 'The VNet address spaces (vnetCidrs), comma-separated, e.g. vnet=10.240.0.0/16.',
    pods: 'The pod CIDR of kubenet or Overlay (podCidr), e.g. pods=192.168.0.0/16.',
    service: 'The service CIDR (serviceCidr), e.g. service=10.2.0.0/16.',
    dns: 'The DNS service IP (dnsServiceIp), e.g. dns=10.2.0.10.',
    maxpods: 'Pods per node (maxPods), e.g. maxpods=110. For every parameter, an empty value (pods=) removes the field so the planner uses its default.',
  },
  run(inputs) {
    const { plan, diagnostics: found } = planFromText(inputs.plan ?? '');
    const diagnostics = found.map((d) => ({ ...d, input: 'plan' }));
    if (!plan) return { view: h('p', { class: 'pg-muted' }, 'No plan to show yet.'), diagnostics, summary: 'No valid plan' };

    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const view = h('div', null, planVerdict(plan, errors), sizingTable(plan), limitsTable(plan), h('h4', null, 'Address space'), ...addressDiagrams(plan), valuesUsed(plan));
    // Errors are counted once, by the playground's headline.
    // An unread plugin is never presented as the answer (the numbers were computed as Overlay only to show the other checks).
    const who = plan.unread?.includes('plugin') ? 'Network plugin not read (numbers shown as if Azure CNI Overlay)' : PLUGIN_NAMES[plan.effective.plugin];
    const summary = `${who}: node subnet needs ${count(plan.nodeSubnet.required, 'address')}${plan.nodeSubnet.known ? ` of ${plan.nodeSubnet.usable.toLocaleString('en-US')} usable` : ''}; at most ${count(plan.maxNodeCount, 'node')}.`;
    return { view, diagnostics, summary };
  },
};

export default ipPlanner;
