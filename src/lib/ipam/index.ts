/**
 * AKS IP address planner: given a network plugin, the VNet and subnet ranges, the node
 * count and pods per node, says how many addresses each range must hold, whether it
 * does, the largest node count the ranges allow, and which ranges collide.
 *
 * Every number and rule follows a public page (see ./sources.ts); each diagnostic names
 * its page in `source` and the input field at fault in `field` (`vnetCidrs[1]`,
 * `otherCidrs[0].cidr` …) so a tool can put it on the right line.
 *
 * Pure and synchronous; bad input becomes diagnostics, never an exception.
 */
import { diag, guard, sortDiagnostics, type Diagnostic, type Severity } from '../diagnostics';
import {
  azureUsable,
  containsCidr,
  containsIp,
  familyBits,
  formatCidr,
  formatCount,
  formatIp,
  lastOf,
  overlaps,
  parseCidr,
  parseIp,
  prefixForAzureUsable,
  sizeOf,
  type Cidr,
  type Family,
  type Ip,
} from '../cidr/ip';
import { SOURCES } from './sources';
import { FACTS, retirementNotice } from '../facts';

export type Plugin = 'kubenet' | 'azure' | 'azure-dynamic' | 'azure-overlay';
export type Dataplane = 'azure' | 'cilium';

export interface ClusterPlanInput {
  plugin: Plugin;
  dataplane?: Dataplane;
  /** VNet address spaces. */
  vnetCidrs: string[];
  /** The node subnet; a dual-stack subnet may be written "10.0.0.0/24,fd00::/64". Empty = unknown. */
  nodeSubnetCidr: string;
  /** azure-dynamic only. */
  podSubnetCidr?: string;
  /** kubenet and azure-overlay (default 10.244.0.0/16); "v4,v6" for dual-stack. */
  podCidr?: string;
  /** Default 10.0.0.0/16; "v4,v6" for dual-stack. */
  serviceCidr?: string;
  /** Default 10.0.0.10 (only when the service CIDR is also left at its default). */
  dnsServiceIp?: string;
  nodeCount: number;
  /** Default per plugin: Azure CNI node subnet 30, Overlay 250, kubenet and pod subnet 110. */
  maxPods?: number;
  /** Extra nodes during an upgrade; default 1. */
  maxSurge?: number;
  /** Other subnets, peered VNets, on-premises ranges. */
  otherCidrs?: { name: string; cidr: string }[];
  /** Deprecated `--docker-bridge-address`: accepted, no longer used by AKS. */
  dockerBridgeCidr?: string;
}

export type RangeKind = 'vnet' | 'node-subnet' | 'pod-subnet' | 'pod-cidr' | 'service-cidr' | 'docker-bridge' | 'other' | 'forbidden';

/** One address range of the plan, as the address-space diagram draws it. */
export interface PlannedRange {
  /** Words naming the range, e.g. "node subnet 10.0.0.0/22". */
  name: string;
  kind: RangeKind;
  /** The input field it came from (`serviceCidr`, `vnetCidrs[0]` …); '' for forbidden ranges. */
  field: string;
  cidr: string;
  family: Family;
  first: string;
  last: string;
  /** Addresses in the range, with thousands separators. */
  size: string;
  /** Names of the ranges it collides with (rule-breaking overlaps only). */
  overlaps: string[];
  /** True when the value was a default, not given. */
  defaulted?: boolean;
  /** Bigint bounds for drawing to scale. */
  start: bigint;
  end: bigint;
}

/** One ceiling on the node count. */
export interface NodeLimit {
  name: string;
  /** Largest nodeCount this limit allows (already net of surge where surge nodes count). */
  maxNodes: number;
  /** The rule with the numbers filled in. */
  formula: string;
  source: string;
  /** True when this limit is the lowest, i.e. the one that decides maxNodeCount. */
  binding: boolean;
}

export interface SubnetSizing {
  required: number;
  usable: number;
  fits: boolean;
  /** The formula with the numbers filled in. */
  formula: string;
  /** The range the numbers are about (empty when unknown). */
  cidr: string;
  /** Smallest prefix that would fit (largest prefix number), null if none. */
  smallestFittingPrefix: number | null;
  /** False when the range is missing or invalid, so usable is 0 by default, not by size. */
  known: boolean;
}

export interface ClusterPlan {
  nodeSubnet: SubnetSizing;
  podSubnet?: SubnetSizing;
  podCidr?: { nodesSupported: number; fits: boolean; formula: string; cidr: string; required: number };
  /** Largest nodeCount these ranges allow (all limits applied). */
  maxNodeCount: number;
  diagnostics: Diagnostic[];
  /** The values the plan used, defaults filled in. */
  effective: {
    plugin: Plugin;
    dataplane: Dataplane;
    nodeCount: number;
    maxPods: number;
    maxSurge: number;
    podCidr?: string;
    serviceCidr: string;
    dnsServiceIp: string;
  };
  /** Defaults applied, in words. */
  defaults: string[];
  ranges: PlannedRange[];
  limits: NodeLimit[];
}

export const PLUGINS: readonly Plugin[] = ['kubenet', 'azure', 'azure-dynamic', 'azure-overlay'];
export const PLUGIN_NAMES: Record<Plugin, string> = {
  kubenet: 'kubenet',
  azure: 'Azure CNI (node subnet)',
  'azure-dynamic': 'Azure CNI with dynamic pod subnet',
  'azure-overlay': 'Azure CNI Overlay',
};

/** Defaults and limits come from the fact registry (src/lib/facts), where each is cited. */
export const DEFAULTS = {
  podCidr: FACTS['default-pod-cidr'].value,
  serviceCidr: FACTS['default-service-cidr'].value,
  dnsServiceIp: '10.0.0.10',
  maxSurge: FACTS['max-surge-default'].value,
  maxPods: {
    kubenet: FACTS['max-pods-default-kubenet'].value,
    azure: FACTS['max-pods-default-azure-cni'].value,
    'azure-dynamic': FACTS['max-pods-default-pod-subnet'].value,
    'azure-overlay': FACTS['max-pods-default-overlay'].value,
  } as Record<Plugin, number>,
} as const;

export const LIMITS = {
  minMaxPods: FACTS['max-pods-min'].value,
  maxMaxPods: FACTS['max-pods-max'].value,
  /** maxPods below 30 is allowed only if the pool has room for 30 pods in all. */
  minPodsPerPool: FACTS['min-pods-per-pool'].value,
  nodesPerCluster: FACTS['nodes-per-cluster'].value,
  nodesPerPool: FACTS['nodes-per-pool'].value,
  routesPerTable: FACTS['kubenet-max-nodes'].value,
  /** Azure CNI: a VNet holds at most 65,536 configured IP addresses. */
  vnetConfiguredIps: FACTS['vnet-configured-ips'].value,
  /** Each kubenet/Overlay node gets a /24 of the pod CIDR. */
  podCidrPerNodePrefix: FACTS['pod-cidr-per-node-prefix'].value,
  /** kube-apiserver: at most 20 host bits in a service range. */
  serviceRangeMaxHostBits: FACTS['service-range-max-host-bits'].value,
  /** AKS docs: service CIDR "must be smaller than /12". */
  serviceCidrDocsPrefix: FACTS['service-cidr-docs-prefix'].value,
  /** Dynamic pod subnet: addresses reach nodes in batches of 16. */
  podSubnetBatch: FACTS['pod-subnet-batch'].value,
} as const;

/** "AKS clusters can't use these for the service, pod or VNet address range." */
export const FORBIDDEN_RANGES: readonly string[] = FACTS['forbidden-ranges'].value;

const MAX_INPUT_CIDRS = 200; // more ranges than any real plan; keeps pairwise checks small

interface Parsed {
  cidr: Cidr;
  field: string;
  kind: RangeKind;
  name: string;
  defaulted?: boolean;
}

const n = (v: bigint | number): string => formatCount(typeof v === 'number' ? BigInt(Math.trunc(v)) : v);
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const toNum = (v: bigint): number => (v > SAFE ? Number(v) : v < -SAFE ? -Number.MAX_SAFE_INTEGER : Number(v));

/** Options that are not part of the plan itself. */
export interface PlanOptions {
  /** The date the plan is read on, for retirement warnings; default: now. */
  today?: Date;
}

export function planCluster(input: ClusterPlanInput, options: PlanOptions = {}): ClusterPlan {
  return guard(
    () => plan(input, options.today ?? new Date()),
    (d) => emptyPlan([d]),
  );
}

function emptyPlan(diagnostics: Diagnostic[]): ClusterPlan {
  return {
    nodeSubnet: { required: 0, usable: 0, fits: false, formula: '', cidr: '', smallestFittingPrefix: null, known: false },
    maxNodeCount: 0,
    diagnostics,
    effective: { plugin: 'azure-overlay', dataplane: 'azure', nodeCount: 0, maxPods: 0, maxSurge: 0, serviceCidr: DEFAULTS.serviceCidr, dnsServiceIp: DEFAULTS.dnsServiceIp },
    defaults: [],
    ranges: [],
    limits: [],
  };
}

function plan(raw: ClusterPlanInput, today: Date): ClusterPlan {
  const diags: Diagnostic[] = [];
  const add = (severity: Severity, code: string, message: string, field: string | undefined, source?: string) =>
    diags.push(diag(severity, code, message, { ...(field ? { field } : {}), ...(source ? { source } : {}) }));
  const input: Partial<ClusterPlanInput> = raw && typeof raw === 'object' ? raw : {};
  const defaults: string[] = [];

  // ---- scalar fields -------------------------------------------------------------
  let plugin: Plugin = 'azure-overlay';
  if (PLUGINS.includes(input.plugin as Plugin)) plugin = input.plugin as Plugin;
  else add('error', 'invalid-plugin', `"${String(input.plugin)}" is not a network plugin this planner knows: use ${PLUGINS.join(', ')}.`, 'plugin');

  let dataplane: Dataplane = 'azure';
  if (input.dataplane === 'cilium' || input.dataplane === 'azure') dataplane = input.dataplane;
  else if (input.dataplane !== undefined && input.dataplane !== null)
    add('error', 'invalid-dataplane', `"${String(input.dataplane)}" is not a dataplane: use azure or cilium.`, 'dataplane');

  const nodeCount = wholeNumber(input.nodeCount, 'nodeCount', 0, diags);
  const maxSurge = input.maxSurge === undefined || input.maxSurge === null ? DEFAULTS.maxSurge : wholeNumber(input.maxSurge, 'maxSurge', DEFAULTS.maxSurge, diags);
  if (input.maxSurge === undefined || input.maxSurge === null) defaults.push(`maxSurge ${DEFAULTS.maxSurge} (one extra node during an upgrade)`);

  let maxPods = DEFAULTS.maxPods[plugin];
  if (input.maxPods === undefined || input.maxPods === null) {
    defaults.push(`maxPods ${maxPods} (the default for ${PLUGIN_NAMES[plugin]})`);
  } else {
    maxPods = wholeNumber(input.maxPods, 'maxPods', maxPods, diags);
    if (maxPods < LIMITS.minMaxPods || maxPods > LIMITS.maxMaxPods) {
      add('error', 'max-pods-out-of-range', `maxPods ${maxPods} is outside the allowed ${LIMITS.minMaxPods}–${LIMITS.maxMaxPods}.`, 'maxPods', SOURCES.ipPlanning);
    } else if (maxPods < LIMITS.minPodsPerPool && nodeCount * maxPods < LIMITS.minPodsPerPool) {
      add(
        'error',
        'max-pods-out-of-range',
        `maxPods ${maxPods} is below ${LIMITS.minPodsPerPool}, which AKS allows only when the pool has room for ${LIMITS.minPodsPerPool} pods in all; ${nodeCount} × ${maxPods} = ${nodeCount * maxPods}. Use at least ${Math.ceil(LIMITS.minPodsPerPool / maxPods)} nodes or raise maxPods.`,
        'maxPods',
        SOURCES.ipPlanning,
      );
    }
  }

  // ---- ranges --------------------------------------------------------------------
  const ranges: Parsed[] = [];
  const vnets: Parsed[] = [];
  const vnetList = Array.isArray(input.vnetCidrs) ? input.vnetCidrs.slice(0, MAX_INPUT_CIDRS) : [];
  if (input.vnetCidrs !== undefined && !Array.isArray(input.vnetCidrs)) add('error', 'wrong-type', 'vnetCidrs should be a list of ranges.', 'vnetCidrs');
  vnetList.forEach((text, i) => {
    const c = cidrOf(text, `vnetCidrs[${i}]`, diags);
    if (c) vnets.push({ cidr: c, field: `vnetCidrs[${i}]`, kind: 'vnet', name: `VNet ${formatCidr(c)}` });
  });
  ranges.push(...vnets);

  const nodeSubnets: Parsed[] = [];
  const nodeSubnetText = typeof input.nodeSubnetCidr === 'string' ? input.nodeSubnetCidr.trim() : '';
  if (nodeSubnetText === '') {
    add('info', 'node-subnet-unknown', 'No node subnet is given, so its size is not checked.', 'nodeSubnetCidr');
  } else {
    for (const c of cidrList(nodeSubnetText, 'nodeSubnetCidr', diags)) nodeSubnets.push({ cidr: c, field: 'nodeSubnetCidr', kind: 'node-subnet', name: `node subnet ${formatCidr(c)}` });
  }
  ranges.push(...nodeSubnets);

  const podSubnets: Parsed[] = [];
  const podSubnetText = typeof input.podSubnetCidr === 'string' ? input.podSubnetCidr.trim() : '';
  if (podSubnetText !== '') {
    if (plugin !== 'azure-dynamic') {
      add('warning', 'option-not-applicable', `A pod subnet is used only by Azure CNI with dynamic pod-subnet allocation; ${PLUGIN_NAMES[plugin]} ignores podSubnetCidr.`, 'podSubnetCidr', SOURCES.podSubnet);
    } else {
      for (const c of cidrList(podSubnetText, 'podSubnetCidr', diags)) podSubnets.push({ cidr: c, field: 'podSubnetCidr', kind: 'pod-subnet', name: `pod subnet ${formatCidr(c)}` });
    }
  } else if (plugin === 'azure-dynamic') {
    add('error', 'missing-field', 'Azure CNI with dynamic pod-subnet allocation needs podSubnetCidr, the subnet pods take their addresses from.', 'podSubnetCidr', SOURCES.podSubnet);
  }
  ranges.push(...podSubnets);

  const usesPodCidr = plugin === 'kubenet' || plugin === 'azure-overlay';
  const podCidrs: Parsed[] = [];
  const podCidrText = typeof input.podCidr === 'string' ? input.podCidr.trim() : '';
  let effectivePodCidr: string | undefined;
  if (usesPodCidr) {
    const text = podCidrText || DEFAULTS.podCidr;
    if (!podCidrText) defaults.push(`podCidr ${DEFAULTS.podCidr}`);
    effectivePodCidr = text;
    for (const c of cidrList(text, 'podCidr', diags))
      podCidrs.push({ cidr: c, field: 'podCidr', kind: 'pod-cidr', name: `pod CIDR ${formatCidr(c)}`, defaulted: !podCidrText });
  } else if (podCidrText) {
    add(
      'warning',
      'option-not-applicable',
      `${PLUGIN_NAMES[plugin]} gives pods VNet addresses (from the ${plugin === 'azure' ? 'node' : 'pod'} subnet), so a pod CIDR does not apply; only kubenet and Azure CNI Overlay use one.`,
      'podCidr',
      SOURCES.overlay,
    );
  }
  ranges.push(...podCidrs);

  const serviceText = typeof input.serviceCidr === 'string' && input.serviceCidr.trim() ? input.serviceCidr.trim() : '';
  const dnsText = typeof input.dnsServiceIp === 'string' && input.dnsServiceIp.trim() ? input.dnsServiceIp.trim() : '';
  if (!serviceText) defaults.push(`serviceCidr ${DEFAULTS.serviceCidr}`);
  const services: Parsed[] = [];
  for (const c of cidrList(serviceText || DEFAULTS.serviceCidr, 'serviceCidr', diags))
    services.push({ cidr: c, field: 'serviceCidr', kind: 'service-cidr', name: `service CIDR ${formatCidr(c)}`, defaulted: !serviceText });
  ranges.push(...services);

  let effectiveDns = dnsText;
  if (!dnsText) {
    if (serviceText) {
      add('warning', 'missing-field', 'A service CIDR is given without dnsServiceIp; set both (AKS defaults the DNS address only together with the default service CIDR).', 'dnsServiceIp', SOURCES.azureCni);
    } else {
      effectiveDns = DEFAULTS.dnsServiceIp;
      defaults.push(`dnsServiceIp ${DEFAULTS.dnsServiceIp}`);
    }
  }

  const others: Parsed[] = [];
  if (input.otherCidrs !== undefined && input.otherCidrs !== null && !Array.isArray(input.otherCidrs)) add('error', 'wrong-type', 'otherCidrs should be a list of {name, cidr}.', 'otherCidrs');
  (Array.isArray(input.otherCidrs) ? input.otherCidrs.slice(0, MAX_INPUT_CIDRS) : []).forEach((o, i) => {
    const field = `otherCidrs[${i}].cidr`;
    const name = o && typeof o.name === 'string' && o.name.trim() ? o.name.trim() : `other range ${i + 1}`;
    for (const c of cidrList(o && typeof o === 'object' ? o.cidr : undefined, field, diags)) others.push({ cidr: c, field, kind: 'other', name: `${name} ${formatCidr(c)}` });
  });
  ranges.push(...others);

  if (typeof input.dockerBridgeCidr === 'string' && input.dockerBridgeCidr.trim()) {
    add('info', 'option-not-applicable', 'The Docker bridge address is no longer used by AKS (nodes run containerd); the value is ignored.', 'dockerBridgeCidr', SOURCES.azureCni);
    const c = parseCidr(input.dockerBridgeCidr, { strict: false });
    if (c.ok) ranges.push({ cidr: { ...c.value }, field: 'dockerBridgeCidr', kind: 'docker-bridge', name: `Docker bridge ${formatCidr(c.value)} (unused)` });
  }

  // ---- plugin / dataplane / family rules -----------------------------------------
  if (dataplane === 'cilium') {
    if (plugin === 'kubenet') {
      add('error', 'option-not-applicable', 'The Cilium dataplane runs on Azure CNI (Overlay or pod subnet), not on kubenet.', 'dataplane', SOURCES.cilium);
    } else if (plugin === 'azure') {
      add('info', 'cilium-node-subnet', 'Microsoft documents Azure CNI Powered by Cilium with Overlay or a pod subnet; node-subnet mode was added later (2025). The address math is the same as without Cilium.', 'dataplane', SOURCES.cilium);
    }
  }
  const hasV6 = [...nodeSubnets, ...podCidrs, ...services, ...podSubnets].some((r) => r.cidr.family === 6);
  if (hasV6 && plugin !== 'azure-overlay') {
    add(
      'error',
      'option-not-applicable',
      `Dual-stack (IPv6) needs Azure CNI Overlay: "Azure CNI Overlay is required". ${PLUGIN_NAMES[plugin]} cannot be dual-stack${plugin === 'kubenet' ? ' (the kubenet dual-stack page was removed on 10 March 2025)' : ''}.`,
      plugin === 'kubenet' ? 'podCidr' : 'nodeSubnetCidr',
      SOURCES.dualStack,
    );
  }
  if (usesPodCidr && podCidrs.length > 0 && !podCidrs.some((p) => p.cidr.family === 4)) {
    add('warning', 'ipv6-only', 'IPv6-only pod addressing is not supported: a dual-stack pod CIDR needs an IPv4 range too.', 'podCidr', SOURCES.dualStack);
  }

  // ---- containment: subnets inside the VNet --------------------------------------
  if (vnets.length > 0) {
    for (const s of [...nodeSubnets, ...podSubnets]) {
      const sameFamily = vnets.filter((v) => v.cidr.family === s.cidr.family);
      if (!sameFamily.some((v) => containsCidr(v.cidr, s.cidr))) {
        const code = s.kind === 'node-subnet' ? 'node-subnet-outside-vnet' : 'pod-subnet-outside-vnet';
        const list = sameFamily.map((v) => formatCidr(v.cidr)).join(', ') || `no IPv${s.cidr.family} space`;
        add('error', code, `The ${s.name} is not inside the VNet's address space (${list}); a subnet must lie within it.`, s.field, SOURCES.vnetFaq);
      }
    }
  }

  // ---- forbidden ranges ------------------------------------------------------------
  const forbidden = FORBIDDEN_RANGES.map((t) => parseCidr(t)).flatMap((p) => (p.ok ? [p.value] : []));
  const forbiddenHits: Parsed[] = [];
  for (const r of ranges) {
    if (!['vnet', 'node-subnet', 'pod-subnet', 'pod-cidr', 'service-cidr'].includes(r.kind)) continue;
    for (const f of forbidden) {
      if (!overlaps(r.cidr, f)) continue;
      add('error', 'forbidden-range', `The ${r.name} overlaps ${formatCidr(f)}, which AKS clusters can't use for the service, pod or VNet address range.`, r.field, SOURCES.legacyCni);
      if (!forbiddenHits.some((h) => h.cidr.network === f.network)) forbiddenHits.push({ cidr: { ...f, text: formatCidr(f) }, field: '', kind: 'forbidden', name: `reserved ${formatCidr(f)}` });
    }
  }

  // ---- overlaps --------------------------------------------------------------------
  const overlapNames = new Map<Parsed, string[]>();
  const mark = (a: Parsed, b: Parsed) => {
    overlapNames.set(a, [...(overlapNames.get(a) ?? []), b.name]);
    overlapNames.set(b, [...(overlapNames.get(b) ?? []), a.name]);
  };
  const ov = (a: Parsed, b: Parsed) => overlaps(a.cidr, b.cidr);
  const where = (a: Parsed, b: Parsed) => (containsCidr(b.cidr, a.cidr) ? 'lies inside' : containsCidr(a.cidr, b.cidr) ? 'contains' : 'overlaps');

  for (const s of services) {
    const hitSubnets = [...nodeSubnets, ...podSubnets].filter((x) => ov(s, x));
    for (const x of hitSubnets) {
      mark(s, x);
      add('error', 'service-cidr-overlap', `The ${s.name} ${where(s, x)} the ${x.name}. The service range must not overlap any subnet (the AKS API rejects this).`, s.field, SOURCES.azureCni);
    }
    for (const v of vnets.filter((x) => ov(s, x))) {
      mark(s, v);
      const inSubnet = hitSubnets.length > 0;
      add(
        'error',
        'service-cidr-overlap',
        `The ${s.name} ${where(s, v)} the ${v.name}${inSubnet ? '' : ', though not inside the cluster subnet'}. AKS docs: the service range "must not be within the virtual network IP address range of your cluster"; it is technically possible, but "unpredictable behavior can result": a VNet resource given an address in ${formatCidr(s.cidr)} would collide with a service IP, and pods would reach the service instead.`,
        s.field,
        SOURCES.azureCni,
      );
    }
    for (const p of podCidrs.filter((x) => ov(s, x))) {
      mark(s, p);
      add('error', 'service-cidr-overlap', `The ${s.name} ${where(s, p)} the ${p.name}; service and pod addresses must be distinct.`, s.field, SOURCES.overlay);
    }
    for (const o of others.filter((x) => ov(s, x))) {
      mark(s, o);
      add('error', 'service-cidr-overlap', `The ${s.name} ${where(s, o)} ${o.name}; it must not overlap peered networks or on-premises ranges.`, s.field, SOURCES.azureCni);
    }
  }
  for (const p of podCidrs) {
    for (const x of [...vnets, ...nodeSubnets, ...podSubnets, ...others].filter((y) => ov(p, y))) {
      mark(p, x);
      add('error', 'pod-cidr-overlap', `The ${p.name} ${where(p, x)} the ${x.name}. Pod addresses from the pod CIDR must not overlap the VNet, its subnets, or networks connected to it.`, p.field, SOURCES.overlay);
    }
  }
  for (const a of nodeSubnets) {
    for (const b of podSubnets.filter((y) => ov(a, y))) {
      mark(a, b);
      add('error', 'subnet-overlap', `The ${a.name} and the ${b.name} overlap; they must be separate subnets.`, b.field, SOURCES.podSubnet);
    }
  }
  for (const s of [...nodeSubnets, ...podSubnets]) {
    for (const o of others.filter((y) => ov(s, y))) {
      mark(s, o);
      add('error', 'subnet-overlap', `The ${s.name} overlaps ${o.name}.`, o.field, SOURCES.vnetFaq);
    }
  }

  // ---- service CIDR size, DNS service IP -------------------------------------------
  for (const s of services) {
    const hostBits = familyBits(s.cidr.family) - s.cidr.prefix;
    if (hostBits > LIMITS.serviceRangeMaxHostBits) {
      add(
        'error',
        'service-cidr-too-large',
        `The ${s.name} has ${hostBits} host bits; Kubernetes accepts at most ${LIMITS.serviceRangeMaxHostBits} (a /${familyBits(s.cidr.family) - LIMITS.serviceRangeMaxHostBits} or smaller), and the AKS docs say it must be smaller than /12.`,
        s.field,
        SOURCES.azureCni,
      );
    } else if (s.cidr.family === 4 && s.cidr.prefix === LIMITS.serviceCidrDocsPrefix) {
      add('warning', 'service-cidr-too-large', `The ${s.name} is a /12: Kubernetes accepts it, but the AKS docs say the service range "must be smaller than /12". Use /13 or smaller.`, s.field, SOURCES.azureCni);
    }
  }
  if (effectiveDns) {
    const ip = parseIp(effectiveDns);
    if (!ip.ok) add('error', 'invalid-ip', `dnsServiceIp: ${ip.reason}.`, 'dnsServiceIp');
    else checkDns(ip.value, services, add);
  }

  // ---- sizing ----------------------------------------------------------------------
  const N = BigInt(nodeCount);
  const S = BigInt(maxSurge);
  const P = BigInt(maxPods);
  const nodesAtOnce = N + S;
  const limits: Omit<NodeLimit, 'binding'>[] = [];

  const nodeRequired = plugin === 'azure' ? nodesAtOnce * (1n + P) : nodesAtOnce;
  const nodeFormula =
    plugin === 'azure'
      ? `(nodes + surge) × (1 + maxPods) = (${nodeCount} + ${maxSurge}) × (1 + ${maxPods}) = ${n(nodeRequired)}`
      : `nodes + surge = ${nodeCount} + ${maxSurge} = ${n(nodeRequired)} (pods take no node-subnet addresses)`;
  const nodeSubnet = sizeSubnet(nodeSubnets, nodeRequired, nodeFormula);
  for (const s of nodeSubnets) {
    const usable = azureUsable(s.cidr);
    if (usable < nodeRequired) {
      const fit = prefixForAzureUsable(s.cidr.family, toNum(nodeRequired));
      add(
        'error',
        'node-subnet-too-small',
        `The ${s.name} has ${n(sizeOf(s.cidr))} − 5 = ${n(usable)} usable addresses but needs ${nodeFormula}.${fit !== null ? ` A /${fit} or larger fits.` : ''}`,
        s.field,
        SOURCES.azureCni,
      );
    }
    const perNode = plugin === 'azure' ? 1n + P : 1n;
    // each node takes one address of each family; the IPv4 subnet is always the tighter one
    if (s.cidr.family === 6 && nodeSubnets.some((x) => x.cidr.family === 4)) continue;
    limits.push({
      name: `node subnet ${formatCidr(s.cidr)}`,
      maxNodes: clampNodes(usable / perNode - S),
      formula: plugin === 'azure' ? `⌊${n(usable)} usable ÷ (1 + ${maxPods})⌋ − ${maxSurge} surge` : `${n(usable)} usable − ${maxSurge} surge`,
      source: SOURCES.azureCni,
    });
  }

  let podSubnet: SubnetSizing | undefined;
  if (plugin === 'azure-dynamic') {
    const required = nodesAtOnce * P;
    const formula = `(nodes + surge) × maxPods = (${nodeCount} + ${maxSurge}) × ${maxPods} = ${n(required)}`;
    podSubnet = sizeSubnet(podSubnets, required, formula);
    for (const s of podSubnets) {
      const usable = azureUsable(s.cidr);
      if (usable < required) {
        const fit = prefixForAzureUsable(s.cidr.family, toNum(required));
        add('error', 'pod-subnet-too-small', `The ${s.name} has ${n(usable)} usable addresses but a full cluster needs ${formula}.${fit !== null ? ` A /${fit} or larger fits.` : ''}`, s.field, SOURCES.podSubnet);
      }
      limits.push({ name: `pod subnet ${formatCidr(s.cidr)}`, maxNodes: clampNodes(usable / P - S), formula: `⌊${n(usable)} usable ÷ ${maxPods}⌋ − ${maxSurge} surge`, source: SOURCES.podSubnet });
    }
    if (podSubnets.length > 0) {
      const batched = nodesAtOnce * ((P + 15n) / 16n) * 16n;
      add(
        'info',
        'pod-subnet-batches',
        `Addresses reach each node in batches of ${LIMITS.podSubnetBatch}, so a node may hold up to ⌈${maxPods} ÷ 16⌉ × 16 = ${n(((P + 15n) / 16n) * 16n)}; with every node full that is ${n(batched)} addresses. Leave headroom above ${n(required)}.`,
        'podSubnetCidr',
        SOURCES.podSubnetBatches,
      );
    }
  }

  let podCidr: ClusterPlan['podCidr'];
  const v4Pod = podCidrs.find((p) => p.cidr.family === 4);
  if (v4Pod) {
    const perNode = LIMITS.podCidrPerNodePrefix;
    const supported = v4Pod.cidr.prefix <= perNode ? 1n << BigInt(perNode - v4Pod.cidr.prefix) : 0n;
    const fits = nodesAtOnce <= supported;
    const formula = `2^(24 − ${v4Pod.cidr.prefix}) = ${n(supported)} nodes, one /24 each; needed: nodes + surge = ${n(nodesAtOnce)}`;
    podCidr = { nodesSupported: toNum(supported), fits, formula, cidr: formatCidr(v4Pod.cidr), required: toNum(nodesAtOnce) };
    if (!fits) {
      const fitPrefix = Math.max(0, perNode - Math.ceil(Math.log2(Math.max(1, nodeCount + maxSurge))));
      add('error', 'pod-cidr-too-small', `The ${v4Pod.name} gives ${formula}. A /${fitPrefix} or larger fits.`, v4Pod.field, plugin === 'kubenet' ? SOURCES.kubenet : SOURCES.overlay);
    }
    limits.push({ name: `pod CIDR ${formatCidr(v4Pod.cidr)}`, maxNodes: clampNodes(supported - S), formula: `2^(24 − ${v4Pod.cidr.prefix}) = ${n(supported)} /24 blocks − ${maxSurge} surge`, source: SOURCES.overlay });
  }
  if (podCidrs.some((p) => p.cidr.family === 6)) {
    add('info', 'ipv6-pod-cidr', 'The IPv6 pod CIDR is checked for validity and overlaps only; the per-node IPv6 block size is not sized here.', 'podCidr', SOURCES.overlay);
  }

  // ---- node ceilings -------------------------------------------------------------
  // A plan exactly at a documented limit is valid; only the upgrade's surge nodes go past it,
  // which is worth a warning (the upgrade needs room), not an error.
  if (plugin === 'kubenet') {
    const routes = LIMITS.routesPerTable;
    limits.push({
      name: 'kubenet route table',
      maxNodes: routes,
      formula: `${n(routes)} routes, one per node = ${n(routes)} nodes`,
      source: SOURCES.kubenet,
    });
    if (N > BigInt(routes)) {
      add('error', 'node-limit', `kubenet needs one route per node in a route table of at most ${n(routes)} routes: ${n(N)} nodes exceed ${n(routes)}.`, 'nodeCount', SOURCES.kubenet);
    } else if (nodesAtOnce > BigInt(routes)) {
      add(
        'warning',
        'node-limit-surge',
        `${n(N)} nodes fit the ${n(routes)}-route table, but an upgrade adds its surge node${maxSurge === 1 ? '' : 's'} before removing old ones, and ${maxSurge === 1 ? 'it needs' : 'they need'} route${maxSurge === 1 ? ` ${n(routes + 1)}` : `s ${n(routes + 1)}–${n(nodesAtOnce)}`}. Keep ${n(routes - maxSurge)} nodes or fewer if upgrades must surge.`,
        'nodeCount',
        SOURCES.kubenet,
      );
    }
    const notice = retirementNotice('kubenet-retirement', today);
    add(notice.status === 'past' ? 'error' : 'warning', 'kubenet-retirement', notice.message, 'plugin', notice.source);
  }
  const perCluster = LIMITS.nodesPerCluster;
  limits.push({ name: 'AKS nodes per cluster', maxNodes: perCluster, formula: `${n(perCluster)} nodes across all node pools`, source: SOURCES.quotas });
  if (N > BigInt(perCluster)) {
    add('error', 'node-limit', `${n(N)} nodes exceed the AKS maximum of ${n(perCluster)} nodes per cluster.`, 'nodeCount', SOURCES.quotas);
  } else if (nodesAtOnce > BigInt(perCluster)) {
    add('warning', 'node-limit-surge', `${n(N)} nodes are within the ${n(perCluster)}-node cluster limit, but an upgrade's surge nodes would take the cluster to ${n(nodesAtOnce)}.`, 'nodeCount', SOURCES.quotas);
  }
  if (N > BigInt(LIMITS.nodesPerPool)) {
    add('warning', 'node-limit', `A node pool holds at most ${n(LIMITS.nodesPerPool)} nodes; ${n(N)} nodes need at least ${Math.ceil(nodeCount / LIMITS.nodesPerPool)} node pools.`, 'nodeCount', SOURCES.quotas);
  }
  if (plugin === 'azure' || plugin === 'azure-dynamic') {
    const perNode = 1n + P;
    limits.push({
      name: 'VNet configured IP addresses (Azure CNI)',
      maxNodes: clampNodes(BigInt(LIMITS.vnetConfiguredIps) / perNode - S),
      formula: `⌊65,536 ÷ (1 + ${maxPods})⌋ − ${maxSurge} surge`,
      source: SOURCES.azureCni,
    });
    if (nodesAtOnce * perNode > BigInt(LIMITS.vnetConfiguredIps)) {
      add('error', 'node-limit', `Node and pod addresses, (${nodeCount} + ${maxSurge}) × (1 + ${maxPods}) = ${n(nodesAtOnce * perNode)}, exceed the 65,536 configured IP addresses a VNet holds with Azure CNI.`, 'nodeCount', SOURCES.azureCni);
    }
  }

  const lowest = limits.length ? Math.min(...limits.map((l) => l.maxNodes)) : 0;
  const finalLimits: NodeLimit[] = limits.map((l) => ({ ...l, binding: l.maxNodes === lowest }));

  // ---- ranges for the diagram ------------------------------------------------------
  const planned: PlannedRange[] = [...ranges, ...forbiddenHits].map((r) => ({
    name: r.name,
    kind: r.kind,
    field: r.field,
    cidr: formatCidr(r.cidr),
    family: r.cidr.family,
    first: formatIp({ family: r.cidr.family, value: r.cidr.network }),
    last: formatIp({ family: r.cidr.family, value: lastOf(r.cidr) }),
    size: n(sizeOf(r.cidr)),
    overlaps: r.kind === 'forbidden' ? ranges.filter((x) => overlaps(x.cidr, r.cidr) && x.kind !== 'other' && x.kind !== 'docker-bridge').map((x) => x.name) : [...new Set(overlapNames.get(r) ?? [])],
    ...(r.defaulted ? { defaulted: true } : {}),
    start: r.cidr.network,
    end: lastOf(r.cidr),
  }));

  return {
    nodeSubnet,
    ...(podSubnet ? { podSubnet } : {}),
    ...(podCidr ? { podCidr } : {}),
    maxNodeCount: Math.max(0, lowest),
    diagnostics: sortDiagnostics(diags),
    effective: {
      plugin,
      dataplane,
      nodeCount,
      maxPods,
      maxSurge,
      ...(effectivePodCidr ? { podCidr: effectivePodCidr } : {}),
      serviceCidr: serviceText || DEFAULTS.serviceCidr,
      dnsServiceIp: effectiveDns,
    },
    defaults,
    ranges: planned,
    limits: finalLimits,
  };
}

function checkDns(ip: Ip, services: Parsed[], add: (s: Severity, c: string, m: string, f: string, src?: string) => void): void {
  const text = formatIp(ip);
  const same = services.filter((s) => s.cidr.family === ip.family);
  const home = same.find((s) => containsIp(s.cidr, ip));
  if (!home) {
    const list = same.map((s) => formatCidr(s.cidr)).join(', ') || `no IPv${ip.family} service range`;
    add('error', 'dns-ip-outside-service-cidr', `The DNS service IP ${text} is not inside the service CIDR (${list}); it must be an address of that range.`, 'dnsServiceIp', SOURCES.azureCni);
    return;
  }
  const c = home.cidr;
  if (ip.value === c.network) {
    add('error', 'dns-ip-reserved', `${text} is the network address of ${formatCidr(c)}; Kubernetes never hands it to a service. Use an address such as .10.`, 'dnsServiceIp', SOURCES.azureCni);
  } else if (ip.value === c.network + 1n) {
    add('error', 'dns-ip-reserved', `${text} is the first address of ${formatCidr(c)}, which Kubernetes gives to the kubernetes API service (kubernetes.default.svc). Use another address, such as .10.`, 'dnsServiceIp', SOURCES.azureCni);
  } else if (ip.family === 4 && ip.value === lastOf(c)) {
    add('error', 'dns-ip-reserved', `${text} is the broadcast address of ${formatCidr(c)}; Kubernetes never hands it to a service.`, 'dnsServiceIp', SOURCES.azureCni);
  }
}

function sizeSubnet(subnets: Parsed[], required: bigint, formula: string): SubnetSizing {
  const primary = subnets.find((s) => s.cidr.family === 4) ?? subnets[0];
  if (!primary) return { required: toNum(required), usable: 0, fits: false, formula, cidr: '', smallestFittingPrefix: prefixForAzureUsable(4, toNum(required)), known: false };
  const usable = azureUsable(primary.cidr);
  return {
    required: toNum(required),
    usable: toNum(usable),
    fits: subnets.every((s) => azureUsable(s.cidr) >= required),
    formula,
    cidr: formatCidr(primary.cidr),
    smallestFittingPrefix: prefixForAzureUsable(primary.cidr.family, toNum(required)),
    known: true,
  };
}

const clampNodes = (v: bigint): number => (v < 0n ? 0 : toNum(v));

function wholeNumber(v: unknown, field: string, fallback: number, diags: Diagnostic[]): number {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1_000_000) return v;
  diags.push(diag('error', 'invalid-number', `${field} should be a whole number from 0 to 1,000,000, not ${JSON.stringify(v) ?? String(v)}.`, { field }));
  return fallback;
}

function cidrOf(text: unknown, field: string, diags: Diagnostic[]): Cidr | undefined {
  const p = parseCidr(text);
  if (p.ok) return p.value;
  diags.push(diag('error', 'invalid-cidr', `${field}: ${p.reason}.`, { field }));
  return undefined;
}

/** A range field may hold one range or a dual-stack pair separated by a comma. */
function cidrList(text: unknown, field: string, diags: Diagnostic[]): Cidr[] {
  if (typeof text !== 'string') {
    diags.push(diag('error', 'invalid-cidr', `${field}: a CIDR range must be text such as 10.0.0.0/16.`, { field }));
    return [];
  }
  const parts = text.split(',').map((s) => s.trim()).filter(Boolean).slice(0, 2);
  const out: Cidr[] = [];
  for (const part of parts) {
    const c = cidrOf(part, field, diags);
    if (c) out.push(c);
  }
  if (out.length === 2 && out[0]!.family === out[1]!.family) {
    diags.push(diag('error', 'invalid-cidr', `${field}: a dual-stack pair needs one IPv4 and one IPv6 range.`, { field }));
    return out.slice(0, 1);
  }
  return out;
}
