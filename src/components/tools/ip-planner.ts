/**
 * AKS IP planner playground: a form written as YAML `key: value` lines, one per
 * ClusterPlanInput field, run through planCluster. Findings go on the line of the field
 * they are about.
 */
import { planCluster, PLUGIN_NAMES, type ClusterPlanInput } from '../../lib/ipam';
import { checkShape, type Shape } from '../../lib/k8s/shape';
import { parseYamlDocuments, type PathSegment } from '../../lib/yaml';
import { diag, type Diagnostic } from '../../lib/diagnostics';
import { h } from '../../lib/view/h';
import { addressDiagrams, limitsTable, planVerdict, sizingTable, valuesUsed } from '../views/ipam-plan';
import type { ToolDefinition } from './types';

const FIELDS: Record<string, Shape> = {
  plugin: 'string',
  dataplane: 'string',
  vnetCidrs: { list: 'string' },
  nodeSubnetCidr: 'string',
  podSubnetCidr: 'string',
  podCidr: 'string',
  serviceCidr: 'string',
  dnsServiceIp: 'string',
  nodeCount: 'integer',
  maxPods: 'integer',
  maxSurge: 'integer',
  otherCidrs: { list: { object: { name: 'string', cidr: 'string' }, required: ['cidr'] } },
  dockerBridgeCidr: 'string',
};
const SHAPE: Shape = { object: FIELDS, required: ['plugin', 'vnetCidrs', 'nodeSubnetCidr', 'nodeCount'] };

/** `vnetCidrs[1]` / `otherCidrs[0].cidr` → a YAML path. */
function pathOf(field: string): PathSegment[] {
  const out: PathSegment[] = [];
  for (const m of field.matchAll(/([A-Za-z]+)|\[(\d+)\]/g)) out.push(m[1] ?? Number(m[2]));
  return out;
}

const ipPlanner: ToolDefinition = {
  id: 'ip-planner',
  title: 'AKS IP planner',
  description: 'How many addresses each range of an AKS cluster needs, whether your subnets and CIDRs hold them, the largest node count they allow, and which ranges collide.',
  inputs: [
    {
      name: 'plan',
      label: 'Cluster plan (key: value)',
      language: 'yaml',
      rows: 12,
      hint: `plugin: ${Object.keys(PLUGIN_NAMES).join(' | ')}. Optional: dataplane, podSubnetCidr, podCidr, serviceCidr, dnsServiceIp, maxPods, maxSurge, otherCidrs (list of name/cidr). "a,b" gives a dual-stack pair.`,
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
  run(inputs) {
    const text = inputs.plan ?? '';
    const parsed = parseYamlDocuments(text);
    const diagnostics: Diagnostic[] = parsed.diagnostics.map((d) => ({ ...d, input: 'plan' }));
    const doc = parsed.documents[0];
    const raw = doc?.value;
    if (!doc || typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      if (!diagnostics.some((d) => d.severity === 'error')) {
        diagnostics.push(diag('error', 'wrong-type', 'Write the plan as key: value lines, e.g. "plugin: azure-overlay" and "nodeCount: 3".', { line: 1, column: 1, input: 'plan' }));
      }
      return { view: h('p', { class: 'pg-muted' }, 'No plan to show yet.'), diagnostics, summary: 'No valid plan' };
    }
    const value = { ...(raw as Record<string, unknown>) };
    if (typeof value.vnetCidrs === 'string') value.vnetCidrs = [value.vnetCidrs]; // one range may be written without brackets
    const shapeDiags: Diagnostic[] = [];
    checkShape(doc, value, SHAPE, [], shapeDiags);
    for (const d of shapeDiags) {
      diagnostics.push({ ...d, input: 'plan', message: d.message.replace(' The API server rejects unknown fields.', ` The planner reads: ${Object.keys(FIELDS).join(', ')}.`) });
    }
    // Fields with the wrong type are left out so the planner's defaults apply; the shape errors say why.
    const bad = new Set(shapeDiags.map((d) => (d.field ?? '').split(/[.[]/)[0]));
    const input = Object.fromEntries(Object.entries(value).filter(([k]) => FIELDS[k] && !bad.has(k))) as unknown as ClusterPlanInput;
    if (input.vnetCidrs === undefined) input.vnetCidrs = [];
    if (input.nodeSubnetCidr === undefined) input.nodeSubnetCidr = '';
    if (input.nodeCount === undefined) input.nodeCount = 0;
    const plan = planCluster(input);
    for (const d of plan.diagnostics) {
      if (bad.has((d.field ?? '').split(/[.[]/)[0]!) && d.severity !== 'error') continue;
      diagnostics.push({ ...d, ...(d.field ? doc.at(pathOf(d.field)) : { line: 1, column: 1 }), input: 'plan' });
    }

    const view = h('div', null, planVerdict(plan), sizingTable(plan), limitsTable(plan), h('h4', null, 'Address space'), ...addressDiagrams(plan), valuesUsed(plan));
    const errors = plan.diagnostics.filter((d) => d.severity === 'error').length + shapeDiags.length;
    const summary = `${PLUGIN_NAMES[plan.effective.plugin]}: node subnet needs ${plan.nodeSubnet.required.toLocaleString('en-US')} addresses${plan.nodeSubnet.known ? ` of ${plan.nodeSubnet.usable.toLocaleString('en-US')} usable` : ''}; at most ${plan.maxNodeCount.toLocaleString('en-US')} nodes; ${errors === 0 ? 'no errors' : `${errors} error${errors === 1 ? '' : 's'}`}.`;
    return { view, diagnostics, summary };
  },
};

export default ipPlanner;
