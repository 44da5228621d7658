/** `az aks create` and `az aks update`: the cluster's flags become planner input, and its findings land on the flags. */
import { AZ_DEFAULT_NODE_COUNT, OUTBOUND_TYPES, add, at, clip, key, type ClusterState, type Ctx, type FlagUse, type Subnet, type VNet, type Value } from './context';
import { planCluster, type ClusterPlanInput, type Plugin } from '../ipam';
import { SOURCES } from '../ipam/sources';
import type { Severity } from '../diagnostics';
import { formatCidr, parseCidr } from '../cidr/ip';
import { literal, requireFlags, splitList, valueOf } from './args';
import { retirementNotice } from '../facts';
import type { Word } from './shell';

export function aksCreate(ctx: Ctx, flags: Map<string, FlagUse>, azWord: Word): void {
  requireFlags(ctx, flags, azWord, 'aks create', ['--name', '--resource-group']);
  const name = literal(ctx, valueOf(flags, '--name'), '--name') ?? `cluster on line ${azWord.line}`;
  const rg = literal(ctx, valueOf(flags, '--resource-group'), '--resource-group');
  ctx.clusters.push({ name, ...(rg ? { rg } : {}), azWord, flags, updates: [] });
}

export function aksUpdate(ctx: Ctx, flags: Map<string, FlagUse>, azWord: Word): void {
  requireFlags(ctx, flags, azWord, 'aks update', ['--name', '--resource-group']);
  const name = literal(ctx, valueOf(flags, '--name'), '--name');
  const target = name ? [...ctx.clusters].reverse().find((c) => key(c.name) === key(name)) : undefined;
  if (!target) {
    add(ctx, 'info', 'cluster-not-in-script', `Cluster ${name ?? '(unnamed)'} is not created in this script; the update's flags are read but not planned.`, azWord);
    return;
  }
  for (const [k, v] of flags) if (k !== '--name' && k !== '--resource-group') target.flags.set(k, v);
  target.updates.push(azWord.line);
}

/** Builds the planner input from the cluster's flags, plans it, and maps findings to words. */
export function planState(ctx: Ctx, c: ClusterState): void {
  const fieldWords = new Map<string, Word>();
  const skipFields = new Set<string>();
  const get = (n: string) => valueOf(c.flags, n);
  const lit = (n: string) => literal(ctx, get(n), n);
  const label = `${c.name}: `;
  const local = (severity: Severity, code: string, message: string, w: Word, source?: string) => add(ctx, severity, code, label + message, w, source ? { source } : {});

  // ---- plugin ----
  const pluginText = lit('--network-plugin')?.toLowerCase();
  const modeText = lit('--network-plugin-mode')?.toLowerCase();
  const podSubnetValue = get('--pod-subnet-id');
  if (get('--network-plugin')) fieldWords.set('plugin', get('--network-plugin')!.word);
  if (pluginText && !['azure', 'kubenet', 'none'].includes(pluginText)) {
    local('error', 'invalid-value', `--network-plugin must be azure, kubenet or none, not "${pluginText}".`, get('--network-plugin')!.word);
  }
  if (pluginText === 'none') {
    local('info', 'byo-cni', 'With --network-plugin none you bring your own CNI; its pod addressing is not planned here.', get('--network-plugin')!.word);
    return;
  }
  if (modeText && modeText !== 'overlay') local('error', 'invalid-value', `--network-plugin-mode must be overlay, not "${modeText}".`, get('--network-plugin-mode')!.word);
  let plugin: Plugin;
  if (pluginText === 'kubenet') {
    plugin = 'kubenet';
    if (modeText) local('error', 'option-not-applicable', '--network-plugin-mode overlay applies only with --network-plugin azure.', get('--network-plugin-mode')!.word, SOURCES.overlay);
  } else if (modeText === 'overlay') {
    plugin = 'azure-overlay';
    if (podSubnetValue) local('warning', 'option-not-applicable', 'Azure CNI Overlay takes pod addresses from the pod CIDR, not from a pod subnet; --pod-subnet-id does not apply.', podSubnetValue.word, SOURCES.overlay);
  } else if (podSubnetValue) plugin = 'azure-dynamic';
  else if (pluginText === 'azure') plugin = 'azure';
  else {
    plugin = 'azure-overlay';
    local('info', 'default-plugin', 'No --network-plugin: current AKS defaults to Azure CNI Overlay (older CLI versions defaulted to kubenet), so the plan assumes Overlay.', c.azWord, SOURCES.overlay);
  }

  // ---- dataplane and policy ----
  const dataplaneText = lit('--network-dataplane')?.toLowerCase();
  let dataplane: 'azure' | 'cilium' = c.flags.has('--enable-cilium-dataplane') ? 'cilium' : 'azure';
  if (dataplaneText) {
    fieldWords.set('dataplane', get('--network-dataplane')!.word);
    if (dataplaneText === 'cilium' || dataplaneText === 'azure') dataplane = dataplaneText;
    else local('error', 'invalid-value', `--network-dataplane must be azure or cilium, not "${dataplaneText}".`, get('--network-dataplane')!.word);
  } else if (c.flags.has('--enable-cilium-dataplane')) fieldWords.set('dataplane', c.flags.get('--enable-cilium-dataplane')!.flag);
  const policy = lit('--network-policy')?.toLowerCase();
  if (policy) {
    const w = get('--network-policy')!.word;
    if (!['azure', 'calico', 'cilium', 'none'].includes(policy)) local('error', 'invalid-value', `--network-policy must be azure, calico, cilium or none, not "${policy}".`, w);
    else if (policy === 'azure' && plugin === 'kubenet') local('error', 'option-not-applicable', 'Azure Network Policy Manager is not supported with kubenet; use Calico, or move to Azure CNI.', w, SOURCES.kubenet);
    else if (policy === 'cilium' && dataplane !== 'cilium') local('error', 'option-not-applicable', '--network-policy cilium needs --network-dataplane cilium.', w, SOURCES.cilium);
  }

  // ---- numbers ----
  const int = (flag: string, field: string): number | undefined => {
    const v = get(flag);
    const t = lit(flag);
    if (!v || t === undefined) return undefined;
    fieldWords.set(field, v.word);
    if (/^\d{1,7}$/.test(t)) return Number(t);
    local('error', 'invalid-number', `${flag} should be a whole number, not "${clip(t)}".`, v.word);
    skipFields.add(field);
    return undefined;
  };
  const nodeCount = int('--node-count', 'nodeCount') ?? AZ_DEFAULT_NODE_COUNT;
  const maxPods = int('--max-pods', 'maxPods');
  let maxSurge: number | undefined;
  const surgeText = lit('--max-surge');
  if (surgeText !== undefined) {
    fieldWords.set('maxSurge', get('--max-surge')!.word);
    const pct = /^(\d{1,3})%$/.exec(surgeText);
    if (pct) maxSurge = Math.max(1, Math.ceil((nodeCount * Number(pct[1])) / 100));
    else if (/^\d{1,6}$/.test(surgeText)) maxSurge = Number(surgeText);
    else local('error', 'invalid-number', `--max-surge should be a node count or a percentage such as 33%, not "${clip(surgeText)}".`, get('--max-surge')!.word);
  }

  // ---- subnets ----
  const input: ClusterPlanInput = { plugin, dataplane, vnetCidrs: [], nodeSubnetCidr: '', nodeCount };
  if (maxPods !== undefined) input.maxPods = maxPods;
  if (maxSurge !== undefined) input.maxSurge = maxSurge;
  const subnetValue = get('--vnet-subnet-id');
  let nodeSubnet: Subnet | undefined;
  let vnet: VNet | undefined;
  if (subnetValue) {
    fieldWords.set('nodeSubnetCidr', subnetValue.word);
    const found = findSubnet(ctx, subnetValue, '--vnet-subnet-id', c.name);
    if (found) ({ subnet: nodeSubnet, vnet } = found);
  } else {
    local('info', 'managed-vnet', 'No --vnet-subnet-id: AKS creates and manages the VNet, so only the pod and service ranges are checked.', c.azWord);
  }
  if (nodeSubnet && vnet) {
    const earlier = ctx.clusters.find((o) => o !== c && o.entry?.subnet === `${nodeSubnet!.vnet}/${nodeSubnet!.name}`);
    if (earlier) local('warning', 'subnet-shared', `cluster ${earlier.name} already uses subnet ${nodeSubnet.name}; AKS docs say not to create more than one cluster in the same subnet.`, subnetValue!.word, SOURCES.kubenet);
    input.nodeSubnetCidr = nodeSubnet.prefixes.map((p) => formatCidr(p.cidr)).join(',');
    vnet.prefixes.forEach((p, i) => {
      input.vnetCidrs.push(formatCidr(p.cidr));
      fieldWords.set(`vnetCidrs[${i}]`, p.word);
    });
  }
  let podSubnet: Subnet | undefined;
  if (podSubnetValue && plugin === 'azure-dynamic') {
    fieldWords.set('podSubnetCidr', podSubnetValue.word);
    const found = findSubnet(ctx, podSubnetValue, '--pod-subnet-id', c.name);
    if (found) {
      podSubnet = found.subnet;
      input.podSubnetCidr = podSubnet.prefixes.map((p) => formatCidr(p.cidr)).join(',');
    } else skipFields.add('podSubnetCidr');
  }
  // Other subnets of the VNet and other VNets of the script must not collide with the cluster's ranges.
  const others: NonNullable<ClusterPlanInput['otherCidrs']> = [];
  for (const v of ctx.vnets.values()) {
    if (v === vnet) {
      for (const s of v.subnets.values()) {
        if (s === nodeSubnet || s === podSubnet) continue;
        for (const p of s.prefixes) {
          fieldWords.set(`otherCidrs[${others.length}].cidr`, p.word);
          others.push({ name: `subnet ${s.name}`, cidr: formatCidr(p.cidr) });
        }
      }
    } else {
      for (const p of v.prefixes) {
        fieldWords.set(`otherCidrs[${others.length}].cidr`, p.word);
        others.push({ name: `VNet ${v.name} (another VNet in this script)`, cidr: formatCidr(p.cidr) });
      }
    }
  }
  if (others.length) input.otherCidrs = others;

  // ---- cluster ranges ----
  const range = (flags: string[], field: string, set: (t: string) => void) => {
    const flag = flags.find((f) => c.flags.has(f));
    if (!flag) return;
    const v = get(flag)!;
    fieldWords.set(field, v.word);
    const t = literal(ctx, v, flag);
    if (t === undefined) skipFields.add(field);
    else set(t);
  };
  range(['--pod-cidrs', '--pod-cidr'], 'podCidr', (t) => (input.podCidr = t));
  range(['--service-cidrs', '--service-cidr'], 'serviceCidr', (t) => (input.serviceCidr = t));
  range(['--dns-service-ip'], 'dnsServiceIp', (t) => (input.dnsServiceIp = t));
  range(['--docker-bridge-address'], 'dockerBridgeCidr', (t) => (input.dockerBridgeCidr = t));
  if (skipFields.has('serviceCidr')) skipFields.add('dnsServiceIp');

  // ---- flags the planner doesn't read ----
  const ranges = get('--api-server-authorized-ip-ranges');
  if (ranges) {
    for (const piece of splitList(ctx, ranges, '--api-server-authorized-ip-ranges')) {
      const p = parseCidr(piece.text, { allowBareIp: true });
      if (!p.ok) local('error', 'invalid-cidr', `--api-server-authorized-ip-ranges: ${p.reason}.`, piece.word);
    }
  }
  const outbound = lit('--outbound-type');
  if (outbound && !OUTBOUND_TYPES.some((o) => o.toLowerCase() === outbound.toLowerCase())) {
    local('error', 'invalid-value', `--outbound-type must be one of ${OUTBOUND_TYPES.join(', ')}, not "${clip(outbound)}".`, get('--outbound-type')!.word);
  }

  const addons = get('--enable-addons');
  if (addons) {
    for (const piece of splitList(ctx, addons, '--enable-addons')) {
      if (piece.text.toLowerCase() !== 'http_application_routing') continue;
      const notice = retirementNotice('http-app-routing-retired', ctx.today);
      local(notice.status === 'past' ? 'error' : 'warning', 'http-application-routing-retired', notice.message, piece.word, notice.source);
    }
  }
  if (lit('--network-policy')?.toLowerCase() === 'azure') {
    for (const id of ['npm-windows-retirement', 'npm-linux-retirement'] as const) {
      const notice = retirementNotice(id, ctx.today);
      local('warning', 'azure-npm-retirement', notice.message, get('--network-policy')!.word, notice.source);
    }
  }

  // ---- plan, and put its findings on the words they are about ----
  const plan = planCluster(input, { today: ctx.today });
  for (const d of plan.diagnostics) {
    const field = d.field ?? '';
    if (skipFields.has(field)) continue;
    if (d.code === 'node-subnet-unknown') continue; // said more precisely above
    const w = fieldWords.get(field) ?? fieldWords.get(field.replace(/\[\d+\].*$/, '')) ?? c.azWord;
    ctx.diags.push({ ...d, message: label + d.message, ...at(w) });
  }
  c.entry = {
    name: c.name,
    line: c.azWord.line,
    input,
    plan,
    ...(c.rg ? { resourceGroup: c.rg } : {}),
    ...(nodeSubnet ? { subnet: `${nodeSubnet.vnet}/${nodeSubnet.name}` } : {}),
    updates: c.updates,
  };
}

export function findSubnet(ctx: Ctx, v: Value, flag: string, cluster: string): { subnet: Subnet; vnet: VNet } | undefined {
  const ref = v.r.subnet;
  if (!ref) {
    const why = v.r.unresolved.length ? `it uses ${v.r.unresolved.join(', ')}, whose value this script doesn't give` : 'it is not a subnet resource ID (…/virtualNetworks/<vnet>/subnets/<subnet>)';
    add(ctx, 'warning', 'unresolved-subnet', `${cluster}: the checker can't tell which subnet ${flag} names: ${why}. Subnet sizes are not checked.`, v.word);
    return undefined;
  }
  const vnet = ctx.vnets.get(key(ref.vnet));
  const subnet = vnet?.subnets.get(key(ref.subnet));
  if (!vnet || !subnet) {
    add(ctx, 'warning', 'unresolved-subnet', `${cluster}: ${flag} names subnet ${ref.subnet} in VNet ${ref.vnet}, which this script doesn't create; subnet sizes are not checked.`, v.word);
    return undefined;
  }
  if (subnet.prefixes.length === 0) {
    add(ctx, 'warning', 'unresolved-subnet', `${cluster}: subnet ${ref.subnet}'s address range is not known from this script; subnet sizes are not checked.`, v.word);
    return undefined;
  }
  return { subnet, vnet };
}

