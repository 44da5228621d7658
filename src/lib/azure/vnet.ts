/**
 * Reads `az network vnet show -o json` and `az network vnet subnet show -o json` (and the
 * same resources as REST or an ARM export print them): address space, subnets with their
 * prefixes, and the ids of the NSG, route table and NAT gateway attached to each subnet.
 *
 * Field names: VirtualNetwork and Subnet in the REST API
 * (https://learn.microsoft.com/rest/api/virtual-network/virtual-networks/get,
 * https://learn.microsoft.com/rest/api/virtual-network/subnets/get). A subnet has either
 * `addressPrefix` or `addressPrefixes` (dual-stack subnets print the list).
 */
import type { PathSegment, YamlDocument } from '../yaml';
import { flatten, get, isObj, Sink, text, textList, type Obj } from './json';

export const VNET_SOURCES = {
  vnet: 'https://learn.microsoft.com/rest/api/virtual-network/virtual-networks/get',
  subnet: 'https://learn.microsoft.com/rest/api/virtual-network/subnets/get',
} as const;

export interface AzSubnet {
  name: string;
  id?: string;
  /** One prefix, or an IPv4 and an IPv6 prefix for a dual-stack subnet. */
  addressPrefixes: string[];
  networkSecurityGroupId?: string;
  routeTableId?: string;
  natGatewayId?: string;
  /** Service names the subnet is delegated to (e.g. Microsoft.ContainerService/managedClusters). */
  delegations: string[];
  path: PathSegment[];
}

export interface AzPeering {
  name: string;
  /** The peered VNet's address space, as the peering records it. */
  remoteAddressPrefixes: string[];
  peeringState?: string;
  remoteVnetId?: string;
}

export interface AzVnet {
  name: string;
  id?: string;
  location?: string;
  addressPrefixes: string[];
  subnets: AzSubnet[];
  peerings: AzPeering[];
  /** Custom DNS servers; empty means Azure-provided DNS (168.63.129.16). */
  dnsServers: string[];
}

export function isVnet(v: unknown): boolean {
  if (!isObj(v)) return false;
  const type = get(v, 'type');
  if (typeof type === 'string') return type.toLowerCase() === 'microsoft.network/virtualnetworks';
  const f = flatten(v, []).fields;
  return isObj(get(f, 'addressSpace'));
}

export function isSubnet(v: unknown): boolean {
  if (!isObj(v)) return false;
  const type = get(v, 'type');
  if (typeof type === 'string') return type.toLowerCase() === 'microsoft.network/virtualnetworks/subnets';
  const f = flatten(v, []).fields;
  return get(f, 'addressSpace') === undefined && get(f, 'securityRules') === undefined && (get(f, 'addressPrefix') !== undefined || get(f, 'addressPrefixes') !== undefined);
}

const idOf = (v: unknown): string | undefined => {
  const id = get(v, 'id');
  return typeof id === 'string' ? id : undefined;
};

/** Reads one subnet object (from `subnet show`, or an item of a VNet's `subnets`). */
export function readSubnetValue(value: unknown, path: PathSegment[], sink: Sink): AzSubnet | undefined {
  if (!isObj(value)) {
    sink.add('error', 'az-wrong-shape', 'A subnet should be an object with name and addressPrefix.', path, VNET_SOURCES.subnet);
    return undefined;
  }
  const f = flatten(value, path);
  const F = f.fields;
  const single = text(get(F, 'addressPrefix'), f.pathOf('addressPrefix'), sink, 'addressPrefix');
  const plural = textList(get(F, 'addressPrefixes'), f.pathOf('addressPrefixes'), sink, 'addressPrefixes');
  const addressPrefixes = plural.length ? plural : single ? [single] : [];
  const name = text(get(F, 'name'), f.pathOf('name'), sink, 'name') ?? `subnet ${String(path[path.length - 1] ?? '')}`.trim();
  if (!addressPrefixes.length) sink.add('warning', 'az-subnet-no-prefix', `Subnet "${name}" has no addressPrefix; it is left out.`, path, VNET_SOURCES.subnet);
  const dl = get(F, 'delegations');
  return {
    name,
    id: text(get(F, 'id'), f.pathOf('id'), sink, 'id'),
    addressPrefixes,
    networkSecurityGroupId: idOf(get(F, 'networkSecurityGroup')),
    routeTableId: idOf(get(F, 'routeTable')),
    natGatewayId: idOf(get(F, 'natGateway')),
    delegations: Array.isArray(dl) ? dl.flatMap((d) => { const s = get(flatten(isObj(d) ? d : {}, []).fields, 'serviceName'); return typeof s === 'string' ? [s] : []; }) : [],
    path,
  };
}

export function readSubnet(value: unknown, where: { doc?: YamlDocument; path?: PathSegment[] } = {}): { subnet?: AzSubnet; diagnostics: Sink['diagnostics'] } {
  const sink = new Sink(where.doc);
  const subnet = readSubnetValue(value, where.path ?? [], sink);
  return { subnet, diagnostics: sink.diagnostics };
}

export function readVnet(value: unknown, where: { doc?: YamlDocument; path?: PathSegment[] } = {}): { vnet?: AzVnet; diagnostics: Sink['diagnostics'] } {
  const sink = new Sink(where.doc);
  const base = where.path ?? [];
  if (!isObj(value)) {
    sink.add('error', 'az-wrong-shape', 'Expected the JSON object `az network vnet show -o json` prints.', base, VNET_SOURCES.vnet);
    return { diagnostics: sink.diagnostics };
  }
  const f = flatten(value, base);
  const F = f.fields;
  const as = get(F, 'addressSpace');
  const asPath = f.pathOf('addressSpace');
  const addressPrefixes = textList(get(as, 'addressPrefixes'), [...asPath, 'addressPrefixes'], sink, 'addressSpace.addressPrefixes');
  if (!addressPrefixes.length) sink.add('error', 'az-vnet-no-address-space', 'The VNet has no addressSpace.addressPrefixes.', asPath, VNET_SOURCES.vnet);
  const subnetsRaw = get(F, 'subnets');
  const subnetsPath = f.pathOf('subnets');
  if (subnetsRaw !== undefined && !Array.isArray(subnetsRaw)) sink.add('error', 'az-wrong-type', 'subnets should be a list.', subnetsPath);
  const subnets = (Array.isArray(subnetsRaw) ? subnetsRaw : []).flatMap((s, i) => {
    const r = readSubnetValue(s, [...subnetsPath, i], sink);
    return r ? [r] : [];
  });
  const peeringsRaw = get(F, 'virtualNetworkPeerings');
  const peerings: AzPeering[] = (Array.isArray(peeringsRaw) ? peeringsRaw : []).flatMap((p, i) => {
    if (!isObj(p)) return [];
    const pf = flatten(p, [...f.pathOf('virtualNetworkPeerings'), i]);
    const P: Obj = pf.fields;
    return [{
      name: typeof get(P, 'name') === 'string' ? (get(P, 'name') as string) : `peering ${i + 1}`,
      remoteAddressPrefixes: textList(get(get(P, 'remoteAddressSpace'), 'addressPrefixes'), [...pf.pathOf('remoteAddressSpace'), 'addressPrefixes'], sink, 'remoteAddressSpace.addressPrefixes'),
      peeringState: typeof get(P, 'peeringState') === 'string' ? (get(P, 'peeringState') as string) : undefined,
      remoteVnetId: idOf(get(P, 'remoteVirtualNetwork')),
    }];
  });
  return {
    vnet: {
      name: text(get(F, 'name'), f.pathOf('name'), sink, 'name') ?? 'vnet',
      id: text(get(F, 'id'), f.pathOf('id'), sink, 'id'),
      location: text(get(F, 'location'), f.pathOf('location'), sink, 'location'),
      addressPrefixes,
      subnets,
      peerings,
      dnsServers: textList(get(get(F, 'dhcpOptions'), 'dnsServers'), [...f.pathOf('dhcpOptions'), 'dnsServers'], sink, 'dhcpOptions.dnsServers'),
    },
    diagnostics: sink.diagnostics,
  };
}
