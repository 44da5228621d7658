/**
 * Reads Azure Firewall rules in three shapes:
 * - `az network firewall show` (classic rule collections: networkRuleCollections,
 *   applicationRuleCollections, natRuleCollections; ipConfigurations; firewallPolicy);
 * - `az network firewall policy rule-collection-group show` (ruleCollections with NetworkRule,
 *   ApplicationRule and NatRule entries);
 * - a small documented form for what neither prints in one place (the public IP, DNS proxy):
 *
 *     kind: AzureFirewall
 *     name: fw-hub
 *     privateIp: 10.42.1.4
 *     publicIp: 20.61.8.9
 *     dnsProxy: true
 *     rules:
 *       - { type: network, name: dns, protocols: [UDP, TCP], sources: ['*'], destinations: ['*'], ports: ['53'] }
 *       - { type: application, name: aks, fqdnTags: [AzureKubernetesService], protocols: ['Https:443'] }
 *       - { type: dnat, name: web, destinations: [20.61.8.9], ports: ['443'], translatedAddress: 10.42.2.10, translatedPort: '443' }
 *
 * Rules keep the priority of their collection (and group) so the tracer can order them.
 */
import { diag, type Diagnostic } from '../diagnostics';
import type { YamlDocument } from '../yaml';
import { idName, isObj } from './json';
import { field, list, refId, str, strList } from './resource-fields';

export const FIREWALL_SOURCES = {
  rules: 'https://learn.microsoft.com/azure/firewall/rule-processing',
  snat: 'https://learn.microsoft.com/azure/firewall/snat-private-range',
  aks: 'https://learn.microsoft.com/azure/aks/limit-egress-traffic',
  outbound: 'https://learn.microsoft.com/azure/aks/outbound-rules-control-egress',
} as const;

export type FirewallRuleKind = 'network' | 'application' | 'dnat';

export interface FirewallRule {
  kind: FirewallRuleKind;
  /** "collection/rule" as the portal names it. */
  name: string;
  /** Group priority × 100 000 + collection priority: lower is processed first. */
  order: number;
  action: 'Allow' | 'Deny';
  /** Network rules: TCP, UDP, ICMP, Any. Application rules: "Https:443", "Http:80". */
  protocols: string[];
  sources: string[];
  destinations: string[];
  destinationFqdns: string[];
  ports: string[];
  fqdns: string[];
  fqdnTags: string[];
  translatedAddress?: string;
  translatedPort?: string;
}

export interface Firewall {
  id: string;
  name: string;
  privateIp?: string;
  publicIps: string[];
  publicIpIds: string[];
  dnsProxy?: boolean;
  policyId?: string;
  rules: FirewallRule[];
}

export interface FirewallRuleGroup {
  id: string;
  name: string;
  rules: FirewallRule[];
}

const action = (v: unknown): 'Allow' | 'Deny' => (/deny/i.test(String(field(v, 'type') ?? v ?? '')) ? 'Deny' : 'Allow');

const appProtocols = (v: unknown): string[] =>
  list(v).flatMap((p) => {
    if (typeof p === 'string') return [p];
    const t = str(field(p, 'protocolType'));
    const port = field(p, 'port');
    return t ? [`${t}:${String(port ?? (t.toLowerCase() === 'https' ? 443 : 80))}`] : [];
  });

function ruleOf(kind: FirewallRuleKind, r: unknown, collection: string, order: number, act: 'Allow' | 'Deny'): FirewallRule {
  const name = `${collection}/${str(field(r, 'name')) ?? 'rule'}`;
  return {
    kind,
    name,
    order,
    action: act,
    protocols: kind === 'application' ? appProtocols(field(r, 'protocols')) : strList(field(r, 'ipProtocols') ?? field(r, 'protocols')),
    sources: strList(field(r, 'sourceAddresses') ?? field(r, 'sources')),
    destinations: strList(field(r, 'destinationAddresses') ?? field(r, 'destinations')),
    destinationFqdns: strList(field(r, 'destinationFqdns')),
    ports: strList(field(r, 'destinationPorts') ?? field(r, 'ports')),
    fqdns: strList(field(r, 'targetFqdns') ?? field(r, 'fqdns')),
    fqdnTags: strList(field(r, 'fqdnTags')),
    ...(str(field(r, 'translatedAddress')) ? { translatedAddress: str(field(r, 'translatedAddress')) } : {}),
    ...(field(r, 'translatedPort') !== undefined ? { translatedPort: String(field(r, 'translatedPort')) } : {}),
  };
}

/** `az network firewall show`: classic rule collections and the addresses of the firewall. */
export function readAzureFirewall(value: unknown): Firewall {
  const name = str(field(value, 'name')) ?? 'firewall';
  const rules: FirewallRule[] = [];
  const classic: [string, FirewallRuleKind][] = [['natRuleCollections', 'dnat'], ['networkRuleCollections', 'network'], ['applicationRuleCollections', 'application']];
  for (const [key, kind] of classic) {
    for (const c of list(field(value, key))) {
      const cname = str(field(c, 'name')) ?? key;
      const prio = Number(field(c, 'priority') ?? 65000);
      for (const r of list(field(c, 'rules'))) rules.push(ruleOf(kind, r, cname, prio, kind === 'dnat' ? 'Allow' : action(field(c, 'action'))));
    }
  }
  const ipConfigs = list(field(value, 'ipConfigurations'));
  const privateIp = ipConfigs.map((c) => str(field(c, 'privateIPAddress') ?? field(c, 'privateIpAddress'))).find(Boolean);
  const publicIpIds = ipConfigs.flatMap((c) => {
    const id = refId(field(c, 'publicIPAddress') ?? field(c, 'publicIpAddress'));
    return id ? [id] : [];
  });
  const extra = field(value, 'additionalProperties');
  const dnsProxyText = isObj(extra) ? extra['Network.DNS.EnableProxy'] : undefined;
  const policyId = refId(field(value, 'firewallPolicy'));
  return {
    id: str(field(value, 'id')) ?? name,
    name,
    ...(privateIp ? { privateIp } : {}),
    publicIps: [],
    publicIpIds,
    ...(dnsProxyText !== undefined ? { dnsProxy: String(dnsProxyText).toLowerCase() === 'true' } : {}),
    ...(policyId ? { policyId } : {}),
    rules,
  };
}

/** `az network firewall policy rule-collection-group show`. */
export function readRuleCollectionGroup(value: unknown): FirewallRuleGroup {
  const name = str(field(value, 'name')) ?? 'rule collection group';
  const groupPrio = Number(field(value, 'priority') ?? 65000);
  const rules: FirewallRule[] = [];
  for (const c of list(field(value, 'ruleCollections'))) {
    const cname = str(field(c, 'name')) ?? 'collection';
    const order = groupPrio * 100000 + Number(field(c, 'priority') ?? 65000);
    const isNat = /nat/i.test(String(field(c, 'ruleCollectionType') ?? ''));
    for (const r of list(field(c, 'rules'))) {
      const t = String(field(r, 'ruleType') ?? '').toLowerCase();
      const kind: FirewallRuleKind = isNat || t === 'natrule' ? 'dnat' : t === 'applicationrule' ? 'application' : 'network';
      rules.push(ruleOf(kind, r, cname, order, kind === 'dnat' ? 'Allow' : action(field(c, 'action'))));
    }
  }
  return { id: str(field(value, 'id')) ?? name, name, rules };
}

/**
 * The small form (`kind: AzureFirewall`). Problems are pushed onto `out` at their place in
 * `doc` (a rule without a type, an unknown type).
 */
export function readFirewallForm(value: Record<string, unknown>, doc: YamlDocument, out: Diagnostic[]): Firewall {
  const name = str(value.name) ?? 'firewall';
  const rules: FirewallRule[] = [];
  list(value.rules).forEach((r, i) => {
    const t = String(isObj(r) ? r.type ?? '' : '').toLowerCase();
    if (t !== 'network' && t !== 'application' && t !== 'dnat') {
      out.push(diag('error', 'firewall-rule-type', `Firewall ${name}, rule ${i + 1}: "type" must be network, application or dnat (found "${t}"). Example: { type: application, name: aks, fqdnTags: [AzureKubernetesService], protocols: ['Https:443'] }.`, { ...doc.at(['rules', i]), source: FIREWALL_SOURCES.rules }));
      return;
    }
    const prio = Number(isObj(r) ? r.priority ?? 100 + i : 100 + i);
    rules.push(ruleOf(t, r, str(isObj(r) ? r.collection : undefined) ?? name, prio, action(isObj(r) ? r.action : undefined)));
  });
  const privateIp = str(value.privateIp);
  return {
    id: name,
    name,
    ...(privateIp ? { privateIp } : {}),
    publicIps: strList(value.publicIp ?? value.publicIps),
    publicIpIds: [],
    ...(typeof value.dnsProxy === 'boolean' ? { dnsProxy: value.dnsProxy } : {}),
    rules,
  };
}

export const firewallLabel = (f: Firewall): string => idName(f.name);
