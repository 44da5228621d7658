/**
 * The environment a connection is traced through, read from one text of several documents
 * (separated by `---` lines): `az … show -o json` outputs and Kubernetes objects
 * (`kubectl get … -o yaml`, Lists included), plus the small `kind: AzureFirewall` form.
 * Which document is which is told by the resource `type` Azure prints, or by `apiVersion` +
 * `kind` for Kubernetes objects. What is missing is assumed as AKS does by default, and
 * every assumption becomes an `info`/`warning` diagnostic saying so.
 *
 * The Kubernetes documents are handed to the engines (service, netpol, ingress) as the same
 * text with every other document blanked, so their diagnostics keep their lines.
 */
import { parseCidr, parseIp, type Cidr } from '../cidr/ip';
import { diag, type Diagnostic } from '../diagnostics';
import { readManifests, type Manifest } from '../k8s/manifests';
import { parseCluster, type Cluster } from '../netpol';
import { resolveService, type ResolvedService } from '../service';
import { parseYamlDocuments, type YamlDocument } from '../yaml';
import { readApplicationGateway, type AppGateway } from '../azure/application-gateway';
import { readAzureFirewall, readFirewallForm, readRuleCollectionGroup, type Firewall } from '../azure/firewall';
import { field, isObj, lastSegment, list, refId, resourceType, sameId, str, strList, type Obj } from '../azure/resource-fields';
import { readRouteTable, type RouteTable } from '../azure/route-table';
import { SRC } from './sources';

export type Plugin = 'overlay' | 'pod-subnet' | 'node-subnet' | 'kubenet' | 'none';
export type OutboundType = 'loadBalancer' | 'managedNATGateway' | 'userAssignedNATGateway' | 'userDefinedRouting' | 'none' | 'block';
export type PolicyEngine = 'azure-npm' | 'calico' | 'cilium' | 'none';

export interface ClusterSettings {
  name: string;
  location: string;
  plugin: Plugin;
  /** Cilium data plane (no kube-proxy). */
  cilium: boolean;
  policy: PolicyEngine;
  podCidr?: Cidr;
  serviceCidr?: Cidr;
  dnsServiceIp: string;
  outboundType: OutboundType;
  /** Ids of the cluster's egress public IPs (load balancer or NAT gateway). */
  outboundIpIds: string[];
  privateCluster: boolean;
  authorizedIpRanges: string[];
  privateDnsZone?: string;
  fqdn?: string;
  privateFqdn?: string;
  vnetIntegration: boolean;
  nodeSubnetId?: string;
  podSubnetId?: string;
  /** True when read from `az aks show`; false when every field is an AKS default. */
  given: boolean;
}

export interface Subnet {
  id: string;
  name: string;
  vnet: string;
  prefixes: Cidr[];
  nsgId?: string;
  routeTableId?: string;
  natGatewayId?: string;
}

export interface Vnet {
  id: string;
  name: string;
  prefixes: Cidr[];
  /** Address spaces of the peered VNets. */
  peered: Cidr[];
  dnsServers: string[];
}

export interface NsgDoc {
  id: string;
  name: string;
  /** The document as given, handed to the NSG engine. */
  value: Obj;
}

export interface NodeInfo {
  name: string;
  ip?: string;
  podCidr?: string;
}

export interface Environment {
  cluster: ClusterSettings;
  vnets: Vnet[];
  subnets: Subnet[];
  nsgs: NsgDoc[];
  routeTables: RouteTable[];
  firewalls: Firewall[];
  appGateways: AppGateway[];
  /** WAF policies by id, as JSON text for the WAF engine. */
  wafPolicies: { id: string; name: string; text: string }[];
  publicIps: { id: string; name: string; ip: string }[];
  /** Private DNS zone → ids of the VNets linked to it. */
  dnsLinks: { zone: string; vnetId: string }[];
  /** A records (public or private zones): fqdn → addresses. */
  dnsRecords: { fqdn: string; ips: string[]; private: boolean }[];
  /** The Kubernetes documents only, other documents blanked (lines kept). */
  k8sText: string;
  manifests: Manifest[];
  pods: Cluster;
  services: ResolvedService[];
  /** status.loadBalancer.ingress IPs by "namespace/name". */
  lbIps: Map<string, string[]>;
  nodes: NodeInfo[];
  /** True when the Kubernetes documents hold NetworkPolicies (else no pod is isolated). */
  policiesGiven: boolean;
  /** What was given, for the assumptions: 'aks', 'vnet', 'nsg' … */
  given: Set<string>;
  diagnostics: Diagnostic[];
}

const ci = <T extends string>(v: unknown, allowed: readonly T[]): T | undefined => {
  if (typeof v !== 'string') return undefined;
  return allowed.find((a) => a.toLowerCase() === v.trim().toLowerCase());
};

const cidrOf = (t: unknown): Cidr | undefined => {
  const p = parseCidr(t, { strict: false });
  return p.ok ? p.value : undefined;
};

const PLUGINS = ['azure', 'kubenet', 'none'] as const;
const OUTBOUND: readonly OutboundType[] = ['loadBalancer', 'managedNATGateway', 'userAssignedNATGateway', 'userDefinedRouting', 'none', 'block'];
const POLICIES = ['azure', 'calico', 'cilium', 'none'] as const;

/** AKS defaults (Azure CNI Overlay, 10.244.0.0/16 pods, 10.0.0.0/16 Services, DNS 10.0.0.10, load balancer egress). */
function defaultCluster(): ClusterSettings {
  return {
    name: 'cluster', location: 'region', plugin: 'overlay', cilium: false, policy: 'calico',
    podCidr: cidrOf('10.244.0.0/16'), serviceCidr: cidrOf('10.0.0.0/16'), dnsServiceIp: '10.0.0.10',
    outboundType: 'loadBalancer', outboundIpIds: [], privateCluster: false, authorizedIpRanges: [], vnetIntegration: false, given: false,
  };
}

function readAks(v: Obj, doc: YamlDocument, base: (string | number)[], out: Diagnostic[]): ClusterSettings {
  const c = defaultCluster();
  c.given = true;
  c.name = str(field(v, 'name')) ?? c.name;
  c.location = str(field(v, 'location')) ?? c.location;
  const np = field(v, 'networkProfile');
  const npPath = [...base, ...(isObj(v.properties) ? ['properties'] : []), 'networkProfile'];
  const enumErr = (key: string, raw: unknown, allowed: readonly string[]) =>
    out.push(diag('error', 'aks-unknown-enum', `networkProfile.${key} is "${String(raw)}", which is none of ${allowed.join(', ')}: the tracer cannot guess what the cluster does.`, { ...doc.at([...npPath, key]), source: SRC.cni }));
  const rawPlugin = field(np, 'networkPlugin');
  const plugin = ci(rawPlugin, PLUGINS);
  if (rawPlugin !== undefined && rawPlugin !== null && !plugin) enumErr('networkPlugin', rawPlugin, PLUGINS);
  const mode = String(field(np, 'networkPluginMode') ?? '').toLowerCase();
  const podSubnet = list(field(v, 'agentPoolProfiles')).map((p) => str(field(p, 'podSubnetId'))).find(Boolean);
  c.plugin = plugin === 'kubenet' ? 'kubenet' : plugin === 'none' ? 'none' : plugin === 'azure' ? (mode === 'overlay' ? 'overlay' : podSubnet ? 'pod-subnet' : 'node-subnet') : 'overlay';
  c.cilium = String(field(np, 'networkDataplane') ?? '').toLowerCase() === 'cilium';
  const rawPolicy = field(np, 'networkPolicy');
  const policy = ci(rawPolicy, POLICIES);
  if (rawPolicy !== undefined && rawPolicy !== null && !policy) enumErr('networkPolicy', rawPolicy, POLICIES);
  c.policy = c.cilium ? 'cilium' : policy === 'azure' ? 'azure-npm' : policy ?? 'none';
  const rawOutbound = field(np, 'outboundType');
  const outbound = ci(rawOutbound, OUTBOUND);
  if (rawOutbound !== undefined && rawOutbound !== null && !outbound) enumErr('outboundType', rawOutbound, OUTBOUND);
  c.outboundType = outbound ?? 'loadBalancer';
  c.podCidr = cidrOf(field(np, 'podCidr')) ?? (c.plugin === 'overlay' || c.plugin === 'kubenet' ? c.podCidr : undefined);
  c.serviceCidr = cidrOf(field(np, 'serviceCidr')) ?? c.serviceCidr;
  c.dnsServiceIp = str(field(np, 'dnsServiceIp')) ?? c.dnsServiceIp;
  const lbp = field(np, 'loadBalancerProfile');
  const natp = field(np, 'natGatewayProfile');
  c.outboundIpIds = [...list(field(lbp, 'effectiveOutboundIPs')), ...list(field(natp, 'effectiveOutboundIPs'))].flatMap((x) => {
    const id = refId(x);
    return id ? [id] : [];
  });
  const api = field(v, 'apiServerAccessProfile');
  c.privateCluster = field(api, 'enablePrivateCluster') === true;
  c.authorizedIpRanges = strList(field(api, 'authorizedIpRanges'));
  c.vnetIntegration = field(api, 'enableVnetIntegration') === true;
  const zone = str(field(api, 'privateDnsZone'));
  if (zone) c.privateDnsZone = zone;
  const fqdn = str(field(v, 'fqdn'));
  if (fqdn) c.fqdn = fqdn;
  const pfqdn = str(field(v, 'privateFqdn'));
  if (pfqdn) c.privateFqdn = pfqdn;
  const nodeSubnet = list(field(v, 'agentPoolProfiles')).map((p) => str(field(p, 'vnetSubnetId'))).find(Boolean);
  if (nodeSubnet) c.nodeSubnetId = nodeSubnet;
  if (podSubnet) c.podSubnetId = podSubnet;
  return c;
}

function readSubnet(v: unknown, vnetName: string): Subnet | undefined {
  const name = str(field(v, 'name'));
  const prefixes = [str(field(v, 'addressPrefix')), ...strList(field(v, 'addressPrefixes'))].flatMap((t) => {
    const c = t ? cidrOf(t) : undefined;
    return c ? [c] : [];
  });
  if (!name) return undefined;
  const id = str(field(v, 'id')) ?? name;
  const vnet = vnetName || (/\/virtualNetworks\/([^/]+)/i.exec(id)?.[1] ?? '');
  const nsgId = refId(field(v, 'networkSecurityGroup'));
  const routeTableId = refId(field(v, 'routeTable'));
  const natGatewayId = refId(field(v, 'natGateway'));
  return { id, name, vnet, prefixes, ...(nsgId ? { nsgId } : {}), ...(routeTableId ? { routeTableId } : {}), ...(natGatewayId ? { natGatewayId } : {}) };
}

/** One Azure resource or form, classified by its `type` (or `kind: AzureFirewall`). Returns false when it is none the tracer reads. */
function readAzure(v: Obj, env: Reading, doc: YamlDocument, base: (string | number)[]): boolean {
  const out = env.diagnostics;
  const t = resourceType(v);
  const name = str(field(v, 'name')) ?? '';
  const id = str(field(v, 'id')) ?? name;
  if (v.kind === 'AzureFirewall') {
    env.firewalls.push(readFirewallForm(v, doc, out));
    env.given.add('firewall');
    return true;
  }
  switch (t) {
    case 'microsoft.containerservice/managedclusters':
      env.cluster = readAks(v, doc, base, out);
      env.given.add('aks');
      return true;
    case 'microsoft.network/virtualnetworks': {
      const prefixes = strList(field(field(v, 'addressSpace'), 'addressPrefixes')).flatMap((x) => cidrOf(x) ?? []);
      const peered = list(field(v, 'virtualNetworkPeerings')).flatMap((p) => strList(field(field(p, 'remoteAddressSpace'), 'addressPrefixes')).flatMap((x) => cidrOf(x) ?? []));
      env.vnets.push({ id, name, prefixes, peered, dnsServers: strList(field(field(v, 'dhcpOptions'), 'dnsServers')) });
      for (const s of list(field(v, 'subnets'))) {
        const sub = readSubnet(s, name);
        if (sub) env.subnets.push(sub);
      }
      env.given.add('vnet');
      return true;
    }
    case 'microsoft.network/virtualnetworks/subnets': {
      const sub = readSubnet(v, '');
      if (sub) {
        env.subnets = env.subnets.filter((s) => !sameId(s.id, sub.id));
        env.subnets.push(sub);
      }
      env.given.add('subnet');
      return true;
    }
    case 'microsoft.network/networksecuritygroups':
      env.nsgs.push({ id, name, value: v });
      env.given.add('nsg');
      return true;
    case 'microsoft.network/routetables':
      env.routeTables.push(readRouteTable(v, doc, base, out));
      env.given.add('route-table');
      return true;
    case 'microsoft.network/azurefirewalls':
      env.firewalls.push(readAzureFirewall(v));
      env.given.add('firewall');
      return true;
    case 'microsoft.network/firewallpolicies/rulecollectiongroups': {
      const g = readRuleCollectionGroup(v);
      const policyId = g.id.replace(/\/ruleCollectionGroups\/[^/]+$/i, '');
      const fw = env.firewalls.find((f) => sameId(f.policyId, policyId)) ?? (env.firewalls.length === 1 ? env.firewalls[0] : undefined);
      if (fw) fw.rules.push(...g.rules);
      else env.pendingRuleGroups.push({ policyId, rules: g.rules });
      return true;
    }
    case 'microsoft.network/applicationgateways':
      env.appGateways.push(readApplicationGateway(v));
      env.given.add('app-gateway');
      return true;
    case 'microsoft.network/applicationgatewaywebapplicationfirewallpolicies':
      env.wafPolicies.push({ id, name, text: JSON.stringify(v) });
      return true;
    case 'microsoft.network/publicipaddresses': {
      const ip = str(field(v, 'ipAddress'));
      if (ip) env.publicIps.push({ id, name, ip });
      return true;
    }
    case 'microsoft.network/privatednszones/virtualnetworklinks': {
      const zone = /privateDnsZones\/([^/]+)/i.exec(id)?.[1] ?? '';
      const vnetId = refId(field(v, 'virtualNetwork'));
      if (zone && vnetId) env.dnsLinks.push({ zone: zone.toLowerCase(), vnetId });
      return true;
    }
    default:
      if (/^microsoft\.network\/(private)?dnszones\/a$/.test(t)) {
        const fqdn = (str(field(v, 'fqdn')) ?? '').replace(/\.$/, '').toLowerCase();
        const ips = list(field(v, 'aRecords')).flatMap((r) => {
          const ip = str(field(r, 'ipv4Address'));
          return ip ? [ip] : [];
        });
        if (fqdn) env.dnsRecords.push({ fqdn, ips, private: t.includes('private') });
        return true;
      }
      return false;
  }
}

interface Reading extends Environment {
  pendingRuleGroups: { policyId: string; rules: Firewall['rules'] }[];
}

/** Reads the environment text. Never throws; problems and assumptions are in `diagnostics`. */
export function readEnvironment(text: string): Environment {
  const env: Reading = {
    cluster: defaultCluster(), vnets: [], subnets: [], nsgs: [], routeTables: [], firewalls: [], appGateways: [], wafPolicies: [],
    publicIps: [], dnsLinks: [], dnsRecords: [], k8sText: '', manifests: [], pods: { namespaces: [], pods: [] }, services: [],
    lbIps: new Map(), nodes: [], policiesGiven: false, given: new Set(), diagnostics: [], pendingRuleGroups: [],
  };
  const parsed = parseYamlDocuments(text);
  env.diagnostics.push(...parsed.diagnostics);
  const source = typeof text === 'string' ? text.replace(/\r\n?/g, '\n').split('\n') : [];
  const keep = new Array<boolean>(source.length).fill(false);
  const docs = parsed.documents;
  docs.forEach((doc, i) => {
    const start = doc.line - 1;
    const end = i + 1 < docs.length ? docs[i + 1]!.line - 1 : source.length;
    const items: { v: unknown; base: (string | number)[] }[] = Array.isArray(doc.value) ? doc.value.map((v, j) => ({ v, base: [j] })) : [{ v: doc.value, base: [] }];
    let k8s = false;
    for (const { v, base } of items) {
      if (!isObj(v)) {
        env.diagnostics.push(diag('warning', 'trace-document-unknown', 'This document is not an object the tracer reads; it was skipped. Expected az … -o json output, Kubernetes objects or the kind: AzureFirewall form.', doc.at(base)));
        continue;
      }
      if (typeof v.apiVersion === 'string' && typeof v.kind === 'string') {
        k8s = true;
        continue;
      }
      if (!readAzure(v, env, doc, base)) {
        env.diagnostics.push(diag('warning', 'trace-document-unknown', `This document (${str(v.type) ?? str(v.kind) ?? 'no type'}) is not one the tracer reads; it was skipped. Azure resources are told apart by their "type" (e.g. Microsoft.Network/routeTables).`, doc.at(base)));
      }
    }
    if (k8s) for (let l = start; l < end; l++) keep[l] = true;
  });
  for (const g of env.pendingRuleGroups) {
    const fw = env.firewalls.find((f) => sameId(f.policyId, g.policyId));
    if (fw) fw.rules.push(...g.rules);
    else env.diagnostics.push(diag('warning', 'firewall-policy-unattached', `A rule collection group of policy ${lastSegment(g.policyId)} was given, but no firewall using that policy; its rules are not applied.`, { source: SRC.firewallRules }));
  }
  env.k8sText = source.map((l, i) => (keep[i] ? l : '')).join('\n');
  readKubernetes(env);
  return env;
}

const quiet = new Set(['kind-skipped', 'no-service', 'yaml-syntax', 'yaml-too-deep', 'yaml-alias-bomb', 'input-too-large', 'too-many-documents']);

/** Pods, Services, Nodes and load balancer IPs from the Kubernetes documents. */
function readKubernetes(env: Environment): void {
  if (env.k8sText.trim() === '') return;
  const { manifests } = readManifests(env.k8sText);
  env.manifests = manifests;
  env.policiesGiven = manifests.some((m) => m.kind === 'NetworkPolicy');
  const cl = parseCluster(env.k8sText);
  env.pods = cl.cluster;
  const svc = resolveService({ manifests: env.k8sText });
  env.services = svc.services;
  const seen = new Set(env.diagnostics.map((d) => `${d.code}:${d.line}:${d.column}`));
  for (const d of [...cl.diagnostics, ...svc.diagnostics]) {
    const key = `${d.code}:${d.line}:${d.column}`;
    if (quiet.has(d.code) || seen.has(key)) continue;
    seen.add(key);
    env.diagnostics.push(d);
  }
  for (const m of manifests) {
    if (m.kind === 'Service') {
      const ing = field(field(field(m.value, 'status'), 'loadBalancer'), 'ingress');
      const ips = list(ing).flatMap((x) => {
        const ip = str(field(x, 'ip'));
        return ip ? [ip] : [];
      });
      if (ips.length) env.lbIps.set(`${m.namespace}/${m.name}`, ips);
    } else if (m.kind === 'Node') {
      const addrs = list(field(field(m.value, 'status'), 'addresses'));
      const ip = addrs.map((a) => (field(a, 'type') === 'InternalIP' ? str(field(a, 'address')) : undefined)).find(Boolean);
      const podCidr = str(field(field(m.value, 'spec'), 'podCIDR'));
      env.nodes.push({ name: m.name, ...(ip && parseIp(ip).ok ? { ip } : {}), ...(podCidr ? { podCidr } : {}) });
    }
  }
}
