/**
 * The NSG rule model and the built-in default rules.
 *
 * Default rules are copied from "Azure network security groups overview"
 * (https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview#default-security-rules).
 * Names use the spelling ARM and IP flow verify print (`defaultSecurityRules/AllowVnetInBound`, …);
 * the overview's headings (`AllowVNetInBound`, `DenyAllInbound`) and the 2018 tutorial's
 * (`DefaultInboundDenyAll`, `DefaultOutboundDenyAll`) are kept as aliases, since the sources
 * spell them differently and IP flow verify output has used both.
 */
import type { Cidr } from '../cidr/ip';
import type { PathSegment } from '../yaml';
import { FACTS } from '../facts';

export type Direction = 'Inbound' | 'Outbound';
export type Access = 'Allow' | 'Deny';
/** ARM's protocol values; `*` is "Any" (TCP, UDP and ICMP per the overview; ESP/AH are separate values). */
export type RuleProtocol = 'Tcp' | 'Udp' | 'Icmp' | 'Esp' | 'Ah' | '*';
export type FlowProtocol = 'Tcp' | 'Udp' | 'Icmp' | '*';

export interface PortRange {
  from: number;
  to: number;
}

export type Address =
  | { kind: 'any'; text: string }
  | { kind: 'cidr'; cidr: Cidr; text: string }
  | { kind: 'tag'; tag: string; text: string };

export interface NsgRule {
  name: string;
  priority: number;
  direction: Direction;
  access: Access;
  protocol: RuleProtocol;
  sources: Address[];
  sourcePorts: PortRange[];
  destinations: Address[];
  destinationPorts: PortRange[];
  /** Application security group ids/names; this offline tool cannot resolve their members. */
  sourceAsgs: string[];
  destinationAsgs: string[];
  isDefault: boolean;
  /** Other spellings of a default rule's name found in Microsoft sources. */
  aliases?: string[];
  description?: string;
  /** Where the rule is in the input (for diagnostics); absent for default rules. */
  path?: PathSegment[];
  /** True when the rule's fields sit under `properties` (ARM shape). */
  nested?: boolean;
  /** Set when the rule could not be read completely; such a rule is shown but never matches. */
  invalid?: boolean;
  /** Set when the direction could not be read: the rule is considered in both directions (as unresolved). */
  directionUnknown?: boolean;
}

export interface Nsg {
  /** "subnet", "nic", or "nsg" when one unnamed NSG was given. */
  name: string;
  rules: NsgRule[];
  path: PathSegment[];
}

export const ALL_PORTS: PortRange[] = [{ from: 0, to: 65535 }];
const any = (text: string): Address => ({ kind: 'any', text });
const tag = (t: string): Address => ({ kind: 'tag', tag: t, text: t });

function defaultRule(name: string, priority: number, direction: Direction, access: Access, source: Address, destination: Address, aliases: string[]): NsgRule {
  return {
    name, priority, direction, access, protocol: '*',
    sources: [source], sourcePorts: ALL_PORTS, destinations: [destination], destinationPorts: ALL_PORTS,
    sourceAsgs: [], destinationAsgs: [], isDefault: true, aliases,
  };
}

/** Azure creates these in every NSG; they cannot be removed, only overridden by rules with lower numbers. */
export const DEFAULT_RULES: readonly NsgRule[] = [
  defaultRule('AllowVnetInBound', FACTS['nsg-default-allow-vnet-priority'].value, 'Inbound', 'Allow', tag('VirtualNetwork'), tag('VirtualNetwork'), ['AllowVNetInBound']),
  defaultRule('AllowAzureLoadBalancerInBound', FACTS['nsg-default-allow-lb-internet-priority'].value, 'Inbound', 'Allow', tag('AzureLoadBalancer'), any('0.0.0.0/0'), []),
  defaultRule('DenyAllInBound', FACTS['nsg-default-deny-priority'].value, 'Inbound', 'Deny', any('0.0.0.0/0'), any('0.0.0.0/0'), ['DenyAllInbound', 'DefaultInboundDenyAll']),
  defaultRule('AllowVnetOutBound', FACTS['nsg-default-allow-vnet-priority'].value, 'Outbound', 'Allow', tag('VirtualNetwork'), tag('VirtualNetwork'), ['AllowVNetOutBound']),
  defaultRule('AllowInternetOutBound', FACTS['nsg-default-allow-lb-internet-priority'].value, 'Outbound', 'Allow', any('0.0.0.0/0'), tag('Internet'), ['AllowInternetOutbound']),
  defaultRule('DenyAllOutBound', FACTS['nsg-default-deny-priority'].value, 'Outbound', 'Deny', any('0.0.0.0/0'), any('0.0.0.0/0'), ['DenyAllOutbound', 'DefaultOutboundDenyAll']),
];

/** Custom rule priorities allowed by ARM: "The value can be between 100 and 4096." */
export const PRIORITY_MIN = FACTS['nsg-priority-min'].value;
export const PRIORITY_MAX = FACTS['nsg-priority-max'].value;
/** Subscription limits (azure-subscription-service-limits, networking). */
export const MAX_RULES_PER_NSG = FACTS['nsg-rules-per-nsg'].value;
export const MAX_PREFIXES_PER_NSG = FACTS['nsg-addresses-per-side'].value;

/** The host's virtual IP: health probes come from it ("AzureLoadBalancer"), and it is part of "VirtualNetwork". */
export const AZURE_HOST_IP = FACTS['azure-probe-ip'].value;

export const SOURCES = {
  overview: 'https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview',
  howItWorks: 'https://learn.microsoft.com/azure/virtual-network/network-security-group-how-it-works',
  tags: 'https://learn.microsoft.com/azure/virtual-network/service-tags-overview',
  probe: 'https://learn.microsoft.com/azure/load-balancer/load-balancer-custom-probe-overview#probe-source-ip-address',
  limits: 'https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#azure-resource-manager-virtual-networking-limits',
  rest: 'https://learn.microsoft.com/rest/api/virtualnetwork/security-rules/create-or-update',
  ipFlowVerify: 'https://learn.microsoft.com/azure/network-watcher/ip-flow-verify-overview',
  aksEgress: 'https://learn.microsoft.com/azure/aks/outbound-rules-control-egress',
  aksSecurity: 'https://learn.microsoft.com/azure/aks/concepts-security',
} as const;

export const formatPorts = (ports: PortRange[]): string =>
  ports.length === 1 && ports[0]!.from === 0 && ports[0]!.to === 65535 ? '*' : ports.map((p) => (p.from === p.to ? String(p.from) : `${p.from}-${p.to}`)).join(', ');

export const formatAddresses = (a: Address[], asgs: string[] = []): string => [...a.map((x) => x.text), ...asgs.map((g) => `ASG ${g.split('/').pop()}`)].join(', ') || '—';

/** `defaultSecurityRules/<name>` or `securityRules/<name>`, as IP flow verify names rules. */
export const ruleId = (r: NsgRule): string => `${r.isDefault ? 'defaultSecurityRules' : 'securityRules'}/${r.name}`;
