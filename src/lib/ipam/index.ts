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
import { FACTS, factDisplay, retirementNotice } from '../facts';

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
  /**
   * Inputs that could not be read and were replaced only to show the other checks
   * (`plugin`: computed as Azure CNI Overlay). A tool must not present those numbers as the answer.
   */
  unread?: string[];
}

export const PLUGINS: readonly Plugin[] = ['kubenet', 'azure', 'azure-dynamic', 'azure-overlay'];
/** Spellings readers use for a plugin, for the "did you mean" of an unknown value (never applied silently). */
const PLUGIN_ALIASES: Record<string, Plugin> = {
  azurecni: 'azure', 'azure-cni': 'azure', cni: 'azure', overlay: 'azure-overlay', 'azure-cni-overlay': 'azure-overlay', azureoverlay: 'azure-overlay',
  'azure-podsubnet': 'azure-dynamic', podsubnet: 'azure-dynamic', 'pod-subnet': 'azure-dynamic', dynamic: 'azure-dynamic',
};
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
  dnsServiceIp: FACTS['dns-service-ip-default'].value,
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

/** How messages write the VNet limit ("65,536"). */
const VNET_IPS = factDisplay(FACTS['vnet-configured-ips']);

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

/**
 * What every step of the plan shares: the input as given, the findings and the defaults
 * applied so far. Steps append to `diags` (through `add`) and `defaults`; nothing else.
 */
interface PlanCtx {
  input: Partial<ClusterPlanInput>;
  diags: Diagnostic[];
  defaults: string[];
  add(severity: Severity, code: string, message: string, field: string | undefined, source?: string): void;
}

/** The scalar fields, defaults filled in. */
interface Scalars {
  plugin: Plugin;
  /** False when `plugin` could not be read: the plan is then computed as Overlay and says so. */
  pluginKnown: boolean;
  dataplane: Dataplane;
  nodeCount: number;
  maxSurge: number;
  maxPods: number;
}

/** Every range of the plan, by role. */
interface Ranges {
  all: Parsed[];
  vnets: Parsed[];
  nodeSubnets: Parsed[];
  podSubnets: Parsed[];
  podCidrs: Parsed[];
  services: Parsed[];
  others: Parsed[];
  usesPodCidr: boolean;
  effectivePodCidr?: string;
  serviceText: string;
  effectiveDns: string;
}

function plan(raw: ClusterPlanInput, today: Date): ClusterPlan {
  const diags: Diagnostic[] = [];
  const ctx: PlanCtx = {
    input: raw && typeof raw === 'object' ? raw : {},
    diags,
    defaults: [],
    add: (severity, code, message, field, source) => diags.push(diag(severity, code, message, { ...(field ? { field } : {}), ...(source ? { source } : {}) })),
  };
  const s = readScalars(ctx);
  const r = readRanges(ctx, s.plugin);
  checkFamilies(ctx, s, r);
  checkContainment(ctx, r);
  const forbiddenHits = checkForbidden(ctx, r);
  const overlapNames = checkOverlaps(ctx, r);
  checkServiceRange(ctx, r);
  const sizing = sizeRanges(ctx, s, r);
  const limits = [...sizing.limits, ...nodeCeilings(ctx, s, today)];
  const lowest = limits.length ? Math.min(...limits.map((l) => l.maxNodes)) : 0;

  return {
    nodeSubnet: sizing.nodeSubnet,
    ...(sizing.podSubnet ? { podSubnet: sizing.podSubnet } : {}),
    ...(sizing.podCidr ? { podCidr: sizing.podCidr } : {}),
    maxNodeCount: Math.max(0, lowest),
    diagnostics: sortDiagnostics(diags),
    effective: {
      plugin: s.plugin,
      dataplane: s.dataplane,
      nodeCount: s.nodeCount,
      maxPods: s.maxPods,
      maxSurge: s.maxSurge,
      ...(r.effectivePodCidr ? { podCidr: r.effectivePodCidr } : {}),
      serviceCidr: r.serviceText || DEFAULTS.serviceCidr,
      dnsServiceIp: r.effectiveDns,
    },
    defaults: ctx.defaults,
    ranges: diagramRanges(r.all, forbiddenHits, overlapNames),
    limits: limits.map((l) => ({ ...l, binding: l.maxNodes === lowest })),
    ...(s.pluginKnown ? {} : { unread: ['plugin'] }),
  };
}

/** plugin, dataplane, nodeCount, maxSurge, maxPods. Enums are read ignoring case; an unknown one is an error, never a silent default. */
function readScalars(ctx: PlanCtx): Scalars {
  const { input, add, defaults, diags } = ctx;
  let plugin: Plugin = 'azure-overlay';
  const pluginText = typeof input.plugin === 'string' ? input.plugin.trim().toLowerCase() : undefined;
  const known = PLUGINS.find((p) => p === pluginText);
  if (known) plugin = known;
  else {
    const near = PLUGIN_ALIASES[pluginText ?? ''];
    add('error', 'invalid-plugin', `${shown(input.plugin)} is not a network plugin this planner knows: use ${PLUGINS.join(', ')}${near ? ` (did you mean ${near}?)` : ''}. The numbers below are computed as if it were ${PLUGIN_NAMES[plugin]}, only to show the other checks.`, 'plugin');
  }

  let dataplane: Dataplane = 'azure';
  const dataplaneText = typeof input.dataplane === 'string' ? input.dataplane.trim().toLowerCase() : input.dataplane;
  if (dataplaneText === 'cilium' || dataplaneText === 'azure') dataplane = dataplaneText;
  else if (input.dataplane !== undefined && input.dataplane !== null)
    add('error', 'invalid-dataplane', `${shown(input.dataplane)} is not a dataplane: use azure or cilium.`, 'dataplane');

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
  return { plugin, pluginKnown: !!known, dataplane, nodeCount, maxSurge, maxPods };
}

/**
 * A text field, trimmed; '' when absent. A value that is not text is an error on that field
 * (appended to ctx.diags) and reads as absent — the error says so, so no default is silent.
 */
function textField(ctx: PlanCtx, field: 'nodeSubnetCidr' | 'podSubnetCidr' | 'podCidr' | 'serviceCidr' | 'dnsServiceIp'): string {
  const v = ctx.input[field];
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v.trim();
  ctx.add('error', field === 'dnsServiceIp' ? 'invalid-ip' : 'invalid-cidr', `${field} should be text such as ${field === 'dnsServiceIp' ? '10.0.0.10' : '10.0.0.0/16'}, not ${shown(v)}; it is not read.`, field);
  return '';
}

/** Every range field, parsed; defaults for the pod CIDR, service CIDR and DNS IP recorded. */
function readRanges(ctx: PlanCtx, plugin: Plugin): Ranges {
  const { input, add, defaults, diags } = ctx;
  const all: Parsed[] = [];
  const vnets: Parsed[] = [];
  const vnetList = Array.isArray(input.vnetCidrs) ? input.vnetCidrs.slice(0, MAX_INPUT_CIDRS) : [];
  if (input.vnetCidrs !== undefined && !Array.isArray(input.vnetCidrs)) add('error', 'wrong-type', 'vnetCidrs should be a list of ranges.', 'vnetCidrs');
  vnetList.forEach((text, i) => {
    const c = cidrOf(text, `vnetCidrs[${i}]`, diags);
    if (c) vnets.push({ cidr: c, field: `vnetCidrs[${i}]`, kind: 'vnet', name: `VNet ${formatCidr(c)}` });
  });
  all.push(...vnets);

  const nodeSubnets: Parsed[] = [];
  const nodeSubnetText = textField(ctx, 'nodeSubnetCidr');
  if (nodeSubnetText === '') {
    add('info', 'node-subnet-unknown', 'No node subnet is given, so its size is not checked.', 'nodeSubnetCidr');
  } else {
    for (const c of cidrList(nodeSubnetText, 'nodeSubnetCidr', diags)) nodeSubnets.push({ cidr: c, field: 'nodeSubnetCidr', kind: 'node-subnet', name: `node subnet ${formatCidr(c)}` });
  }
  all.push(...nodeSubnets);

  const podSubnets: Parsed[] = [];
  const podSubnetText = textField(ctx, 'podSubnetCidr');
  if (podSubnetText !== '') {
    if (plugin !== 'azure-dynamic') {
      add('warning', 'option-not-applicable', `A pod subnet is used only by Azure CNI with dynamic pod-subnet allocation; ${PLUGIN_NAMES[plugin]} ignores podSubnetCidr.`, 'podSubnetCidr', SOURCES.podSubnet);
    } else {
      for (const c of cidrList(podSubnetText, 'podSubnetCidr', diags)) podSubnets.push({ cidr: c, field: 'podSubnetCidr', kind: 'pod-subnet', name: `pod subnet ${formatCidr(c)}` });
    }
  } else if (plugin === 'azure-dynamic') {
    add('error', 'missing-field', 'Azure CNI with dynamic pod-subnet allocation needs podSubnetCidr, the subnet pods take their addresses from.', 'podSubnetCidr', SOURCES.podSubnet);
  }
  all.push(...podSubnets);

  const usesPodCidr = plugin === 'kubenet' || plugin === 'azure-overlay';
  const podCidrs: Parsed[] = [];
  const podCidrText = textField(ctx, 'podCidr');
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
  all.push(...podCidrs);

  const serviceText = textField(ctx, 'serviceCidr');
  const dnsText = textField(ctx, 'dnsServiceIp');
  if (!serviceText) defaults.push(`serviceCidr ${DEFAULTS.serviceCidr}`);
  const services: Parsed[] = [];
  for (const c of cidrList(serviceText || DEFAULTS.serviceCidr, 'serviceCidr', diags))
    services.push({ cidr: c, field: 'serviceCidr', kind: 'service-cidr', name: `service CIDR ${formatCidr(c)}`, defaulted: !serviceText });
  all.push(...services);

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
  all.push(...others);

  if (typeof input.dockerBridgeCidr === 'string' && input.dockerBridgeCidr.trim()) {
    add('info', 'option-not-applicable', 'The Docker bridge address is no longer used by AKS (nodes run containerd); the value is ignored.', 'dockerBridgeCidr', SOURCES.azureCni);
    const c = parseCidr(input.dockerBridgeCidr, { strict: false });
    if (c.ok) all.push({ cidr: { ...c.value }, field: 'dockerBridgeCidr', kind: 'docker-bridge', name: `Docker bridge ${formatCidr(c.value)} (unused)` });
  }
  return { all, vnets, nodeSubnets, podSubnets, podCidrs, services, others, usesPodCidr, effectivePodCidr, serviceText, effectiveDns };
}

/** Plugin / dataplane / address-family rules. */
function checkFamilies(ctx: PlanCtx, s: Scalars, r: Ranges): void {
  const { add } = ctx;
  const { plugin } = s;
  if (s.dataplane === 'cilium') {
    if (plugin === 'kubenet') {
      add('error', 'option-not-applicable', 'The Cilium dataplane runs on Azure CNI (Overlay or pod subnet), not on kubenet.', 'dataplane', SOURCES.cilium);
    } else if (plugin === 'azure') {
      add('info', 'cilium-node-subnet', 'Microsoft documents Azure CNI Powered by Cilium with Overlay or a pod subnet; node-subnet mode was added later (2025). The address math is the same as without Cilium.', 'dataplane', SOURCES.cilium);
    }
  }
  const hasV6 = [...r.nodeSubnets, ...r.podCidrs, ...r.services, ...r.podSubnets].some((x) => x.cidr.family === 6);
  if (hasV6 && plugin !== 'azure-overlay') {
    add(
      'error',
      'option-not-applicable',
      `Dual-stack (IPv6) needs Azure CNI Overlay: "Azure CNI Overlay is required". ${PLUGIN_NAMES[plugin]} cannot be dual-stack${plugin === 'kubenet' ? ` (the kubenet dual-stack page was removed on ${FACTS['kubenet-dual-stack-removed'].display})` : ''}.`,
      plugin === 'kubenet' ? 'podCidr' : 'nodeSubnetCidr',
      SOURCES.dualStack,
    );
  }
  if (r.usesPodCidr && r.podCidrs.length > 0 && !r.podCidrs.some((p) => p.cidr.family === 4)) {
    add('warning', 'ipv6-only', 'IPv6-only pod addressing is not supported: a dual-stack pod CIDR needs an IPv4 range too.', 'podCidr', SOURCES.dualStack);
  }
}

/** Subnets must lie inside the VNet's address space. */
function checkContainment(ctx: PlanCtx, r: Ranges): void {
  if (r.vnets.length === 0) return;
  for (const s of [...r.nodeSubnets, ...r.podSubnets]) {
    const sameFamily = r.vnets.filter((v) => v.cidr.family === s.cidr.family);
    if (!sameFamily.some((v) => containsCidr(v.cidr, s.cidr))) {
      const code = s.kind === 'node-subnet' ? 'node-subnet-outside-vnet' : 'pod-subnet-outside-vnet';
      const list = sameFamily.map((v) => formatCidr(v.cidr)).join(', ') || `no IPv${s.cidr.family} space`;
      ctx.add('error', code, `The ${s.name} is not inside the VNet's address space (${list}); a subnet must lie within it.`, s.field, SOURCES.vnetFaq);
    }
  }
}

/** Ranges AKS clusters cannot use; returns the reserved blocks hit, for the diagram. */
function checkForbidden(ctx: PlanCtx, r: Ranges): Parsed[] {
  const forbidden = FORBIDDEN_RANGES.map((t) => parseCidr(t)).flatMap((p) => (p.ok ? [p.value] : []));
  const hits: Parsed[] = [];
  for (const x of r.all) {
    if (!['vnet', 'node-subnet', 'pod-subnet', 'pod-cidr', 'service-cidr'].includes(x.kind)) continue;
    for (const f of forbidden) {
      if (!overlaps(x.cidr, f)) continue;
      ctx.add('error', 'forbidden-range', `The ${x.name} overlaps ${formatCidr(f)}, which AKS clusters can't use for the service, pod or VNet address range.`, x.field, SOURCES.legacyCni);
      if (!hits.some((h) => h.cidr.network === f.network)) hits.push({ cidr: { ...f, text: formatCidr(f) }, field: '', kind: 'forbidden', name: `reserved ${formatCidr(f)}` });
    }
  }
  return hits;
}

/** Rule-breaking overlaps between ranges; returns, per range, the names of the ranges it collides with. */
function checkOverlaps(ctx: PlanCtx, r: Ranges): Map<Parsed, string[]> {
  const { add } = ctx;
  const { vnets, nodeSubnets, podSubnets, podCidrs, services, others } = r;
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
  return overlapNames;
}

/** Service CIDR size and the DNS service IP. */
function checkServiceRange(ctx: PlanCtx, r: Ranges): void {
  for (const s of r.services) {
    const hostBits = familyBits(s.cidr.family) - s.cidr.prefix;
    if (hostBits > LIMITS.serviceRangeMaxHostBits) {
      ctx.add(
        'error',
        'service-cidr-too-large',
        `The ${s.name} has ${hostBits} host bits; Kubernetes accepts at most ${LIMITS.serviceRangeMaxHostBits} (a /${familyBits(s.cidr.family) - LIMITS.serviceRangeMaxHostBits} or smaller), and the AKS docs say it must be smaller than /12.`,
        s.field,
        SOURCES.azureCni,
      );
    } else if (s.cidr.family === 4 && s.cidr.prefix === LIMITS.serviceCidrDocsPrefix) {
      ctx.add('warning', 'service-cidr-too-large', `The ${s.name} is a /12: Kubernetes accepts it, but the AKS docs say the service range "must be smaller than /12". Use /13 or smaller.`, s.field, SOURCES.azureCni);
    }
  }
  if (r.effectiveDns) {
    const ip = parseIp(r.effectiveDns);
    if (!ip.ok) ctx.add('error', 'invalid-ip', `dnsServiceIp: ${ip.reason}.`, 'dnsServiceIp');
    else checkDns(ip.value, r.services, ctx.add);
  }
}

/** How many addresses each range must hold, whether it does, and the node ceiling each range sets. */
function sizeRanges(ctx: PlanCtx, s: Scalars, r: Ranges): { nodeSubnet: SubnetSizing; podSubnet?: SubnetSizing; podCidr?: ClusterPlan['podCidr']; limits: Omit<NodeLimit, 'binding'>[] } {
  const { add } = ctx;
  const { plugin, nodeCount, maxSurge, maxPods } = s;
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
  const nodeSubnet = sizeSubnet(r.nodeSubnets, nodeRequired, nodeFormula);
  for (const x of r.nodeSubnets) {
    const usable = azureUsable(x.cidr);
    if (usable < nodeRequired) {
      const fit = prefixForAzureUsable(x.cidr.family, toNum(nodeRequired));
      add(
        'error',
        'node-subnet-too-small',
        `The ${x.name} has ${n(sizeOf(x.cidr))} − 5 = ${n(usable)} usable addresses but needs ${nodeFormula}.${fit !== null ? ` A /${fit} or larger fits.` : ''}`,
        x.field,
        SOURCES.azureCni,
      );
    }
    const perNode = plugin === 'azure' ? 1n + P : 1n;
    // each node takes one address of each family; the IPv4 subnet is always the tighter one
    if (x.cidr.family === 6 && r.nodeSubnets.some((y) => y.cidr.family === 4)) continue;
    limits.push({
      name: `node subnet ${formatCidr(x.cidr)}`,
      maxNodes: clampNodes(usable / perNode - S),
      formula: plugin === 'azure' ? `⌊${n(usable)} usable ÷ (1 + ${maxPods})⌋ − ${maxSurge} surge` : `${n(usable)} usable − ${maxSurge} surge`,
      source: SOURCES.azureCni,
    });
  }

  let podSubnet: SubnetSizing | undefined;
  if (plugin === 'azure-dynamic') {
    const required = nodesAtOnce * P;
    const formula = `(nodes + surge) × maxPods = (${nodeCount} + ${maxSurge}) × ${maxPods} = ${n(required)}`;
    podSubnet = sizeSubnet(r.podSubnets, required, formula);
    for (const x of r.podSubnets) {
      const usable = azureUsable(x.cidr);
      if (usable < required) {
        const fit = prefixForAzureUsable(x.cidr.family, toNum(required));
        add('error', 'pod-subnet-too-small', `The ${x.name} has ${n(usable)} usable addresses but a full cluster needs ${formula}.${fit !== null ? ` A /${fit} or larger fits.` : ''}`, x.field, SOURCES.podSubnet);
      }
      limits.push({ name: `pod subnet ${formatCidr(x.cidr)}`, maxNodes: clampNodes(usable / P - S), formula: `⌊${n(usable)} usable ÷ ${maxPods}⌋ − ${maxSurge} surge`, source: SOURCES.podSubnet });
    }
    if (r.podSubnets.length > 0) {
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
  const v4Pod = r.podCidrs.find((p) => p.cidr.family === 4);
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
  if (r.podCidrs.some((p) => p.cidr.family === 6)) {
    add('info', 'ipv6-pod-cidr', 'The IPv6 pod CIDR is checked for validity and overlaps only; the per-node IPv6 block size is not sized here.', 'podCidr', SOURCES.overlay);
  }
  return { nodeSubnet, ...(podSubnet ? { podSubnet } : {}), ...(podCidr ? { podCidr } : {}), limits };
}

/**
 * Ceilings on the node count that do not come from a range: route table, cluster and pool
 * limits, VNet IP count; and the kubenet retirement notice as read on `today`.
 * A plan exactly at a documented limit is valid; only the upgrade's surge nodes go past it,
 * which is worth a warning (the upgrade needs room), not an error.
 */
function nodeCeilings(ctx: PlanCtx, s: Scalars, today: Date): Omit<NodeLimit, 'binding'>[] {
  const { add } = ctx;
  const { plugin, nodeCount, maxSurge, maxPods } = s;
  const N = BigInt(nodeCount);
  const S = BigInt(maxSurge);
  const P = BigInt(maxPods);
  const nodesAtOnce = N + S;
  const limits: Omit<NodeLimit, 'binding'>[] = [];
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
      formula: `⌊${VNET_IPS} ÷ (1 + ${maxPods})⌋ − ${maxSurge} surge`,
      source: SOURCES.azureCni,
    });
    if (nodesAtOnce * perNode > BigInt(LIMITS.vnetConfiguredIps)) {
      add('error', 'node-limit', `Node and pod addresses, (${nodeCount} + ${maxSurge}) × (1 + ${maxPods}) = ${n(nodesAtOnce * perNode)}, exceed the ${VNET_IPS} configured IP addresses a VNet holds with Azure CNI.`, 'nodeCount', SOURCES.azureCni);
    }
  }
  return limits;
}

/** The ranges as the address-space diagram draws them. */
function diagramRanges(ranges: Parsed[], forbiddenHits: Parsed[], overlapNames: Map<Parsed, string[]>): PlannedRange[] {
  return [...ranges, ...forbiddenHits].map((r) => ({
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

/** A value as a message shows it: text in quotes, anything else as JSON (never throws, unlike String() on a prototype-less object). */
const shown = (v: unknown): string => (typeof v === 'string' ? `"${v}"` : (JSON.stringify(v) ?? typeof v));

const clampNodes = (v: bigint): number => (v < 0n ? 0 : toNum(v));

/** `v` as a whole number 0–1,000,000, else `fallback`; appends an `invalid-number` error to `diags` when it is not one. */
function wholeNumber(v: unknown, field: string, fallback: number, diags: Diagnostic[]): number {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1_000_000) return v;
  diags.push(diag('error', 'invalid-number', `${field} should be a whole number from 0 to 1,000,000, not ${JSON.stringify(v) ?? String(v)}.`, { field }));
  return fallback;
}

/** Parses one range; appends an `invalid-cidr` error to `diags` when it does not parse. */
function cidrOf(text: unknown, field: string, diags: Diagnostic[]): Cidr | undefined {
  const p = parseCidr(text);
  if (p.ok) return p.value;
  diags.push(diag('error', 'invalid-cidr', `${field}: ${p.reason}.`, { field }));
  return undefined;
}

/** A range field may hold one range or a dual-stack pair separated by a comma. Appends `invalid-cidr` errors to `diags`. */
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
