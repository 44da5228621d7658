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
import { FACTS } from '../facts';
import { detectAzOutput, idName, isObj, readAksCluster, readSubnet, readVnet, sameId, type AksCluster, type AzSubnet, type Obj } from '../azure';
import { field, list, refId, resourceType, str } from '../azure/resource-fields';
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
  /** Endpoints an EndpointSlice marks not ready, by Service "namespace/name" (left out of the Service's endpoints). */
  notReady: Map<string, string[]>;
  /** What was given, for the assumptions: 'aks', 'vnet', 'nsg' … */
  given: Set<string>;
  diagnostics: Diagnostic[];
}

const cidrOf = (t: unknown): Cidr | undefined => {
  const p = parseCidr(t, { strict: false });
  return p.ok ? p.value : undefined;
};

/** AKS defaults (Azure CNI Overlay, the default pod and service CIDRs and DNS service IP from the fact registry, load balancer egress). */
function defaultCluster(): ClusterSettings {
  return {
    name: 'cluster', location: 'region', plugin: 'overlay', cilium: false, policy: 'calico',
    podCidr: cidrOf(FACTS['default-pod-cidr'].value), serviceCidr: cidrOf(FACTS['default-service-cidr'].value), dnsServiceIp: FACTS['dns-service-ip-default'].value,
    outboundType: 'loadBalancer', outboundIpIds: [], privateCluster: false, authorizedIpRanges: [], vnetIntegration: false, given: false,
  };
}

/** The tracer's view of `az aks show`, read by the shared reader (which reports unknown enum values as errors). */
function clusterOf(a: AksCluster): ClusterSettings {
  const c = defaultCluster();
  const np = a.networkProfile;
  const podSubnet = a.agentPools.map((p) => p.podSubnetId).find(Boolean);
  c.given = true;
  c.name = a.name;
  c.location = a.location ?? c.location;
  c.plugin = np.networkPlugin === 'kubenet' ? 'kubenet' : np.networkPlugin === 'none' ? 'none' : np.networkPluginMode === 'overlay' || !np.networkPlugin ? 'overlay' : podSubnet ? 'pod-subnet' : 'node-subnet';
  c.cilium = np.networkDataplane === 'cilium';
  c.policy = c.cilium ? 'cilium' : np.networkPolicy === 'azure' ? 'azure-npm' : np.networkPolicy ?? 'none';
  c.outboundType = np.outboundType ?? 'loadBalancer';
  c.podCidr = cidrOf(np.podCidrs[0]) ?? (c.plugin === 'overlay' || c.plugin === 'kubenet' ? c.podCidr : undefined);
  c.serviceCidr = cidrOf(np.serviceCidrs[0]) ?? c.serviceCidr;
  c.dnsServiceIp = np.dnsServiceIp ?? c.dnsServiceIp;
  c.outboundIpIds = np.effectiveOutboundIpIds;
  c.privateCluster = a.apiServerAccess.enablePrivateCluster;
  c.authorizedIpRanges = a.apiServerAccess.authorizedIpRanges;
  c.vnetIntegration = a.apiServerAccess.enableVnetIntegration;
  if (a.apiServerAccess.privateDnsZone) c.privateDnsZone = a.apiServerAccess.privateDnsZone;
  if (a.fqdn) c.fqdn = a.fqdn;
  if (a.privateFqdn) c.privateFqdn = a.privateFqdn;
  const nodeSubnet = a.agentPools.map((p) => p.vnetSubnetId).find(Boolean);
  if (nodeSubnet) c.nodeSubnetId = nodeSubnet;
  if (podSubnet) c.podSubnetId = podSubnet;
  return c;
}

function subnetOf(a: AzSubnet, vnetName: string): Subnet {
  const id = a.id ?? a.name;
  const vnet = vnetName || (/\/virtualNetworks\/([^/]+)/i.exec(id)?.[1] ?? '');
  return {
    id, name: a.name, vnet, prefixes: a.addressPrefixes.flatMap((t) => cidrOf(t) ?? []),
    ...(a.networkSecurityGroupId ? { nsgId: a.networkSecurityGroupId } : {}),
    ...(a.routeTableId ? { routeTableId: a.routeTableId } : {}),
    ...(a.natGatewayId ? { natGatewayId: a.natGatewayId } : {}),
  };
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
  switch (detectAzOutput(v)) {
    case 'aks-cluster': {
      const r = readAksCluster(v, { doc, path: base });
      out.push(...r.diagnostics);
      if (r.cluster) env.cluster = clusterOf(r.cluster);
      // The shared reader keeps the load balancer's outbound IPs; a NAT gateway's are under natGatewayProfile.
      const nat = field(field(field(v, 'networkProfile'), 'natGatewayProfile'), 'effectiveOutboundIPs');
      env.cluster.outboundIpIds.push(...list(nat).flatMap((x) => refId(x) ?? []));
      env.given.add('aks');
      return true;
    }
    case 'vnet': {
      const r = readVnet(v, { doc, path: base });
      out.push(...r.diagnostics);
      if (!r.vnet) return true;
      const vn = r.vnet;
      env.vnets.push({ id: vn.id ?? vn.name, name: vn.name, prefixes: vn.addressPrefixes.flatMap((x) => cidrOf(x) ?? []), peered: vn.peerings.flatMap((p) => p.remoteAddressPrefixes.flatMap((x) => cidrOf(x) ?? [])), dnsServers: vn.dnsServers });
      for (const sub of vn.subnets) env.subnets.push(subnetOf(sub, vn.name));
      env.given.add('vnet');
      return true;
    }
    case 'subnet': {
      const r = readSubnet(v, { doc, path: base });
      out.push(...r.diagnostics);
      if (r.subnet) {
        const sub = subnetOf(r.subnet, '');
        env.subnets = env.subnets.filter((x) => !sameId(x.id, sub.id));
        env.subnets.push(sub);
      }
      env.given.add('subnet');
      return true;
    }
    case 'nsg':
      env.nsgs.push({ id, name, value: v });
      env.given.add('nsg');
      return true;
    case 'waf-policy':
      env.wafPolicies.push({ id, name, text: JSON.stringify(v) });
      return true;
    default:
      break;
  }
  switch (t) {
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
    lbIps: new Map(), nodes: [], policiesGiven: false, notReady: new Map(), given: new Set(), diagnostics: [], pendingRuleGroups: [],
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
    else env.diagnostics.push(diag('warning', 'firewall-policy-unattached', `A rule collection group of policy ${idName(g.policyId)} was given, but no firewall using that policy; its rules are not applied.`, { source: SRC.firewallRules }));
  }
  env.k8sText = source.map((l, i) => (keep[i] ? l : '')).join('\n');
  readKubernetes(env);
  return env;
}

const quiet = new Set(['kind-skipped', 'no-service', 'yaml-syntax', 'yaml-too-deep', 'yaml-alias-bomb', 'input-too-large', 'too-many-documents']);

/**
 * EndpointSlices, when given, say which endpoints are ready: kube-proxy sends new connections only
 * to ready ones ("ready … A nil value should be interpreted as true"), so a not-ready pod is left out
 * of the Service's endpoints, and remembered to say why a Service has none.
 */
function withReadiness(env: Environment, manifests: Manifest[], s: ResolvedService): ResolvedService {
  const slices = manifests.filter((m) => m.kind === 'EndpointSlice' && m.namespace === s.namespace && m.labels['kubernetes.io/service-name'] === s.name);
  if (!slices.length) return s;
  const notReady = new Set<string>();
  for (const m of slices) {
    for (const e of list(field(m.value, 'endpoints'))) {
      if (field(field(e, 'conditions'), 'ready') !== false) continue;
      for (const a of list(field(e, 'addresses'))) if (str(a)) notReady.add(str(a)!);
    }
  }
  if (!notReady.size) return s;
  const dropped = s.endpoints.filter((e) => e.ip && notReady.has(e.ip));
  if (dropped.length) env.notReady.set(`${s.namespace}/${s.name}`, [...new Set(dropped.map((e) => `${e.pod} (${e.ip})`))]);
  return { ...s, endpoints: s.endpoints.filter((e) => !(e.ip && notReady.has(e.ip))) };
}

/** Pods, Services, Nodes and load balancer IPs from the Kubernetes documents. */
function readKubernetes(env: Environment): void {
  if (env.k8sText.trim() === '') return;
  const { manifests } = readManifests(env.k8sText);
  env.manifests = manifests;
  env.policiesGiven = manifests.some((m) => m.kind === 'NetworkPolicy');
  const cl = parseCluster(env.k8sText);
  env.pods = cl.cluster;
  const svc = resolveService({ manifests: env.k8sText });
  env.services = svc.services.map((s) => withReadiness(env, manifests, s));
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
