/**
 * IP-planning exercises. Each checker runs the real planner (planCluster, through the
 * planner's own text reader) or the az script checker on the learner's inputs and judges
 * what the plan DOES — fits, collides, which limit binds — so any correct answer passes.
 *
 * Each exercise also fixes some constraints (node count, VNet, …). A plan can always be
 * made to "fit" by shrinking the problem, so those fields are compared with the task's
 * values first, and changing one fails with a reason that says which.
 */
import { checkAzScript } from '../../azcli';
import { containsIp, formatCidr, formatCount, parseCidr, parseIp } from '../../cidr/ip';
import { PLUGIN_NAMES, type ClusterPlanInput, type Plugin } from '../../ipam';
import { planFromText, type PlanTextResult } from '../../ipam/plan-text';
import { failOnError } from '../checks';
import { fail, pass, type CheckResult, type Exercise } from '../types';

const n = (v: number): string => formatCount(BigInt(v));

/** A range as the planner reads it, normalised ("10.1.0.0/16"); the text itself when invalid. */
const norm = (text: string): string => {
  const p = parseCidr(text.trim(), { strict: false });
  return p.ok ? formatCidr(p.value) : text.trim();
};
const normList = (texts: readonly string[]): string => texts.map(norm).sort().join(', ');

type Fixed = Partial<Pick<ClusterPlanInput, 'plugin' | 'vnetCidrs' | 'nodeSubnetCidr' | 'nodeCount' | 'maxPods' | 'maxSurge' | 'serviceCidr'>>;

/**
 * The fixed fields the learner changed, in words. `maxSurge` compares the value the
 * planner uses (1 when the field is left out); the others compare what is written.
 */
function changedConstraints(input: ClusterPlanInput, fixed: Fixed): string[] {
  const out: string[] = [];
  const said = (v: unknown): string => (v === undefined || v === '' ? 'missing' : Array.isArray(v) ? `[${v.join(', ')}]` : String(v));
  for (const [field, want] of Object.entries(fixed) as [keyof Fixed, unknown][]) {
    const got = field === 'maxSurge' ? (input.maxSurge ?? 1) : input[field];
    let same: boolean;
    if (field === 'vnetCidrs') same = Array.isArray(got) && normList(got as string[]) === normList(want as string[]);
    else if (field === 'nodeSubnetCidr' || field === 'serviceCidr') same = typeof got === 'string' && norm(got) === norm(want as string);
    else same = got === want;
    if (!same) out.push(`${field} is ${said(got)}; the task fixes it at ${said(want)}.`);
  }
  return out;
}

/**
 * Reads a plan pane for an exercise and plans it: fails when it can't be read or when a
 * fixed constraint was changed. The planner's findings are left for the exercise to judge.
 */
function readPlan(text: string, fixed: Fixed): { error: CheckResult } | ({ error?: undefined } & Required<PlanTextResult>) {
  if (text.trim() === '') return { error: fail('The plan pane is empty: write the plan as key: value lines (Reset restores the start).') };
  const r = planFromText(text);
  if (!r.input || !r.plan) return { error: failOnError(r.diagnostics, 'plan') ?? fail('The plan could not be read.') };
  const changed = changedConstraints(r.input, fixed);
  if (changed.length) return { error: fail('A fixed constraint of the task was changed: the plan must work for the cluster as given, so put it back (Reset restores the start).', changed) };
  return { input: r.input, plan: r.plan, diagnostics: r.diagnostics };
}

// ---- (a) size a node subnet ----------------------------------------------------------

const SIZE = { vnet: '10.10.0.0/16', nodes: 40, maxPods: 50, surge: 2 };

const sizeStart = `# Azure CNI (node subnet): every node and every pod takes an address of the node subnet.
plugin: azure
vnetCidrs: [${SIZE.vnet}]
nodeSubnetCidr: 10.10.0.0/22
nodeCount: ${SIZE.nodes}
maxPods: ${SIZE.maxPods}
maxSurge: ${SIZE.surge}
serviceCidr: 10.2.0.0/16
dnsServiceIp: 10.2.0.10
`;

// ---- (b) the conflicting range in a script ---------------------------------------------

const SCRIPT_VNET = { name: 'myAKSVnet', prefix: '10.0.0.0/8', subnet: 'myAKSSubnet', subnetPrefix: '10.100.0.0/16' };

const script = (service: string, dns: string): string => `# From an article: a resource group, a VNet with one subnet, and an Overlay cluster in it.
az group create --name myResourceGroup --location eastus

az network vnet create \\
    --resource-group myResourceGroup \\
    --name ${SCRIPT_VNET.name} \\
    --address-prefixes ${SCRIPT_VNET.prefix}

az network vnet subnet create \\
    --resource-group myResourceGroup \\
    --vnet-name ${SCRIPT_VNET.name} \\
    --name ${SCRIPT_VNET.subnet} \\
    --address-prefixes ${SCRIPT_VNET.subnetPrefix}

SUBNET_ID=$(az network vnet subnet show --resource-group myResourceGroup --vnet-name ${SCRIPT_VNET.name} --name ${SCRIPT_VNET.subnet} --query id -o tsv)

az aks create \\
    --resource-group myResourceGroup \\
    --name myAKSCluster \\
    --node-count 3 \\
    --network-plugin azure \\
    --network-plugin-mode overlay \\
    --pod-cidr 192.168.0.0/16 \\
    --service-cidr ${service} \\
    --dns-service-ip ${dns} \\
    --vnet-subnet-id $SUBNET_ID \\
    --generate-ssh-keys
`;

function checkScript(text: string): CheckResult {
  if ((text ?? '').trim() === '') return fail('The script pane is empty (Reset restores the start).');
  const report = checkAzScript(text);
  if (report.clusters.length !== 1) {
    return fail(
      report.clusters.length === 0
        ? 'The script no longer creates the cluster: keep the az aks create and fix its ranges instead.'
        : `The script creates ${report.clusters.length} clusters; the task is about the one cluster of the start.`,
    );
  }
  const c = report.clusters[0]!;
  const vnet = report.vnets.find((v) => v.name.toLowerCase() === SCRIPT_VNET.name.toLowerCase());
  const subnet = vnet?.subnets.find((s) => s.name.toLowerCase() === SCRIPT_VNET.subnet.toLowerCase());
  const kept: string[] = [];
  if (!vnet || normList(vnet.prefixes) !== SCRIPT_VNET.prefix) kept.push(`The VNet ${SCRIPT_VNET.name} must keep its address space ${SCRIPT_VNET.prefix} (other teams already use it).`);
  if (!subnet || normList(subnet.prefixes) !== SCRIPT_VNET.subnetPrefix) kept.push(`The subnet ${SCRIPT_VNET.subnet} must stay ${SCRIPT_VNET.subnetPrefix}.`);
  if ((c.subnet ?? '').toLowerCase() !== `${SCRIPT_VNET.name}/${SCRIPT_VNET.subnet}`.toLowerCase() || normList(c.input.vnetCidrs) !== SCRIPT_VNET.prefix || norm(c.input.nodeSubnetCidr) !== SCRIPT_VNET.subnetPrefix) {
    kept.push(`The cluster must still be created in ${SCRIPT_VNET.name}/${SCRIPT_VNET.subnet} (--vnet-subnet-id $SUBNET_ID), with the subnet as the script creates it.`);
  }
  if (c.plan.effective.plugin !== 'azure-overlay') kept.push(`The cluster must stay on Azure CNI Overlay; it is now ${PLUGIN_NAMES[c.plan.effective.plugin]}.`);
  if (kept.length) return fail('Fix the conflicting range, not the network around it.', kept);

  const err = failOnError(report.diagnostics, 'script') ?? failOnError(c.plan.diagnostics, 'script');
  if (err) return err;
  const overlap = c.plan.diagnostics.find((d) => d.code === 'service-cidr-overlap');
  if (overlap) return fail(overlap.message);
  // A value the checker can't read (an unset $VARIABLE) would skip the DNS checks, not pass them.
  if (!c.input.serviceCidr || !c.input.dnsServiceIp) {
    return fail('Write the service CIDR and the DNS service IP out in the script (--service-cidr, --dns-service-ip), so they can be checked.');
  }
  return pass(
    `The service CIDR ${c.plan.effective.serviceCidr} is clear of the VNet ${SCRIPT_VNET.prefix}, the pod CIDR and every subnet, and the DNS service IP ${c.plan.effective.dnsServiceIp} is inside it: no VNet resource or peered network can ever take a service's address.`,
  );
}

// ---- (c) choose a plugin for constraints -------------------------------------------------

const SCALE = { vnet: '10.10.0.0/16', subnet: '10.10.0.0/20', nodes: 1000, maxPods: 100 };

// ---- (d) fix a DNS service IP ------------------------------------------------------------

const DNS = { plugin: 'azure-overlay' as Plugin, vnet: '10.1.0.0/16', subnet: '10.1.0.0/24', nodes: 5, service: '10.2.0.0/16' };

const dnsPlan = (dns: string): string => `plugin: ${DNS.plugin}
vnetCidrs: [${DNS.vnet}]
nodeSubnetCidr: ${DNS.subnet}
nodeCount: ${DNS.nodes}
podCidr: 192.168.0.0/16
# The service range was moved off the default 10.0.0.0/16 (a peered VNet uses it).
serviceCidr: ${DNS.service}
dnsServiceIp: ${dns}
`;

const exercises: Exercise[] = [
  {
    id: 'size-node-subnet',
    title: 'Size the node subnet for 40 nodes with Azure CNI',
    page: 'ip-planning',
    task: `A cluster with Azure CNI (node subnet) will run ${SIZE.nodes} nodes with up to ${SIZE.maxPods} pods each, and upgrades add ${SIZE.surge} surge nodes at a time (maxSurge: ${SIZE.surge}). Choose nodeSubnetCidr inside the VNet ${SIZE.vnet}: the smallest subnet that holds the cluster during an upgrade. Smallest, not "large enough": the point is to get the formula right rather than guess big, and a VNet runs out of space quickly with this plugin. (In your own plans, leave room to grow — the result shows how many nodes a subnet allows.) Keep the other values as they are.`,
    startNote: 'The starting /22 is too small on purpose: the planner reports node-subnet-too-small.',
    tool: 'ip-planner',
    start: { plan: sizeStart },
    solution: { plan: sizeStart.replace('nodeSubnetCidr: 10.10.0.0/22', 'nodeSubnetCidr: 10.10.0.0/20') },
    hints: [
      'With Azure CNI (node subnet), each node takes one address and reserves one for each of its pods — and the surge nodes of an upgrade need theirs too. Azure keeps 5 addresses of every subnet.',
      `Needed: (nodes + surge) × (1 + maxPods) = (${SIZE.nodes} + ${SIZE.surge}) × (1 + ${SIZE.maxPods}) = ${n((SIZE.nodes + SIZE.surge) * (1 + SIZE.maxPods))}. A /21 has 2,048 − 5 = 2,043 usable addresses: enough without the surge nodes, not with them.`,
      'A /20 has 4,096 − 5 = 4,091 usable addresses. Any /20 inside 10.10.0.0/16 will do, e.g. 10.10.0.0/20.',
    ],
    check(inputs) {
      const r = readPlan(inputs.plan ?? '', { plugin: 'azure', vnetCidrs: [SIZE.vnet], nodeCount: SIZE.nodes, maxPods: SIZE.maxPods, maxSurge: SIZE.surge });
      if (r.error) return r.error;
      const err = failOnError(r.diagnostics, 'plan');
      if (err) return err;
      const ns = r.plan.nodeSubnet;
      if (!ns.known) return fail('Set nodeSubnetCidr: the task is to choose it.');
      if (!ns.fits) return fail(`The node subnet ${ns.cidr} has ${n(ns.usable)} usable addresses but needs ${ns.formula}.`);
      const prefix = Number(ns.cidr.split('/')[1]);
      const smallest = ns.smallestFittingPrefix;
      if (smallest !== null && prefix < smallest) {
        return fail(`${ns.cidr} fits (${n(ns.usable)} usable for ${n(ns.required)} needed), but it is larger than needed: a /${smallest} already holds ${n(ns.required)} addresses. Choose the smallest subnet that fits.`);
      }
      return pass(`${ns.cidr} holds the cluster through an upgrade: ${ns.formula}, and it has ${n(ns.usable)} usable addresses — one prefix smaller would not. It allows at most ${n(r.plan.maxNodeCount)} nodes.`);
    },
  },
  {
    id: 'script-conflicting-range',
    title: 'Find and fix the conflicting range in an az script',
    page: 'ip-planning',
    task: `This script, adapted from an article, creates a VNet ${SCRIPT_VNET.prefix}, a subnet ${SCRIPT_VNET.subnetPrefix} and an Azure CNI Overlay cluster in it. One of the cluster's ranges conflicts with the network. Find it and fix the script so the checker reports no errors. The VNet, the subnet and the plugin are fixed: other teams already use that address space. Change the cluster's own ranges only.`,
    startNote: 'The script has one error on purpose: the checker flags it on the line of the range at fault.',
    tool: 'az-script',
    start: { script: script('10.32.0.0/16', '10.32.0.10') },
    solution: { script: script('172.16.0.0/16', '172.16.0.10') },
    hints: [
      'Read the error the checker puts on the script: which flag is it on, and which range does it say it lies in?',
      `A /8 VNet swallows every 10.x.x.x range. The service CIDR must not overlap the VNet, any subnet, the pod CIDR (192.168.0.0/16) or a network connected to it — and the DNS service IP must be inside the service CIDR.`,
      'Use, for example, --service-cidr 172.16.0.0/16 --dns-service-ip 172.16.0.10 (change both flags).',
    ],
    check: (inputs) => checkScript(inputs.script ?? ''),
  },
  {
    id: 'choose-plugin-for-scale',
    title: 'Choose a network plugin for 1,000 nodes in a small VNet',
    page: 'ip-planning',
    task: `You must run ${n(SCALE.nodes)} nodes with up to ${SCALE.maxPods} pods each. The network team gives you the VNet ${SCALE.vnet} and the node subnet ${SCALE.subnet}, and nothing more. Choose the plugin (and whatever ranges it needs) so the plan works: no errors, room for all ${n(SCALE.nodes)} nodes plus the surge node of an upgrade. The VNet, the node subnet, the node count and maxPods are fixed.`,
    startNote: 'The starting plan uses Azure CNI (node subnet), which cannot hold this cluster: the planner reports the subnet and VNet limits.',
    tool: 'ip-planner',
    start: {
      plan: `plugin: azure
vnetCidrs: [${SCALE.vnet}]
nodeSubnetCidr: ${SCALE.subnet}
nodeCount: ${SCALE.nodes}
maxPods: ${SCALE.maxPods}
serviceCidr: 10.2.0.0/16
dnsServiceIp: 10.2.0.10
`,
    },
    solution: {
      plan: `plugin: azure-overlay
vnetCidrs: [${SCALE.vnet}]
nodeSubnetCidr: ${SCALE.subnet}
nodeCount: ${SCALE.nodes}
maxPods: ${SCALE.maxPods}
podCidr: 10.128.0.0/14
serviceCidr: 10.2.0.0/16
dnsServiceIp: 10.2.0.10
`,
    },
    hints: [
      `Where does each plugin take pod addresses from? Flat Azure CNI needs a VNet address per pod: (1,000 + 1) × (1 + ${SCALE.maxPods}) is far more than a /20 — or a whole /16 — holds. kubenet keeps pods off the VNet, but needs one route per node, and a route table holds 400.`,
      'Azure CNI Overlay gives pods addresses from a private pod CIDR that is not part of the VNet; the node subnet holds only the nodes. Each node gets a /24 of the pod CIDR.',
      'plugin: azure-overlay, with a podCidr of /14 or larger (1,024 /24 blocks for 1,001 nodes) that overlaps nothing, e.g. podCidr: 10.128.0.0/14.',
    ],
    check(inputs) {
      const r = readPlan(inputs.plan ?? '', { vnetCidrs: [SCALE.vnet], nodeSubnetCidr: SCALE.subnet, nodeCount: SCALE.nodes, maxPods: SCALE.maxPods, maxSurge: 1 });
      if (r.error) return r.error;
      const name = PLUGIN_NAMES[r.plan.effective.plugin];
      const e = r.diagnostics.find((d) => d.severity === 'error');
      if (e) return fail(`${name} does not work here yet${e.line ? ` (plan, line ${e.line})` : ''}: ${e.message}`);
      if (r.plan.maxNodeCount < SCALE.nodes) return fail(`${name} allows at most ${n(r.plan.maxNodeCount)} nodes with these ranges; the cluster needs ${n(SCALE.nodes)}.`);
      const binding = r.plan.limits.filter((l) => l.binding).map((l) => l.name).join(', ');
      return pass(`${name} holds ${n(SCALE.nodes)} nodes × ${SCALE.maxPods} pods in the node subnet ${SCALE.subnet}: up to ${n(r.plan.maxNodeCount)} nodes (the ${binding} limit binds).`);
    },
  },
  {
    id: 'fix-dns-service-ip',
    title: 'Fix the DNS service IP',
    page: 'ip-planning',
    task: `The service CIDR of this cluster was moved to ${DNS.service}, but the DNS service IP was left behind. Choose a DNS service IP that AKS accepts for this service CIDR. The service CIDR itself, the VNet, the node subnet and the node count are fixed.`,
    startNote: 'The starting DNS service IP is the old default, 10.0.0.10, on purpose: it is no longer inside the service CIDR.',
    tool: 'ip-planner',
    start: { plan: dnsPlan('10.0.0.10') },
    solution: { plan: dnsPlan('10.2.0.10') },
    hints: [
      'The DNS service IP is the address of the kube-dns Service, so it must come from the service CIDR.',
      `Any address of ${DNS.service} will do except the first ones Kubernetes keeps: the network address (.0.0) and the first address (.0.1), which goes to the kubernetes API Service.`,
      'The usual choice is the .10 address: dnsServiceIp: 10.2.0.10.',
    ],
    check(inputs) {
      const r = readPlan(inputs.plan ?? '', { plugin: DNS.plugin, vnetCidrs: [DNS.vnet], nodeSubnetCidr: DNS.subnet, nodeCount: DNS.nodes, serviceCidr: DNS.service });
      if (r.error) return r.error;
      const dnsFinding = r.diagnostics.find((d) => d.code.startsWith('dns-ip-') || (d.code === 'invalid-ip' && d.field === 'dnsServiceIp'));
      if (dnsFinding) return fail(`${dnsFinding.message}${dnsFinding.line ? ` (plan, line ${dnsFinding.line})` : ''}`);
      const dnsText = typeof r.input.dnsServiceIp === 'string' ? r.input.dnsServiceIp.trim() : '';
      if (!dnsText) return fail('Set dnsServiceIp: with a service CIDR of your own, AKS needs the DNS service IP too.');
      const err = failOnError(r.diagnostics, 'plan');
      if (err) return err;
      const ip = parseIp(dnsText);
      const svc = parseCidr(DNS.service);
      if (!ip.ok || !svc.ok || !containsIp(svc.value, ip.value)) return fail(`${dnsText} is not inside the service CIDR ${DNS.service}.`);
      return pass(`${dnsText} is inside the service CIDR ${DNS.service} and is not one of the addresses Kubernetes keeps (the network address and the kubernetes API Service's first address), so kube-dns can have it.`);
    },
  },
];

export default exercises;
