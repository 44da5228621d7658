/**
 * Reads `az network route-table show` (or the ARM resource) into routes the tracer can select
 * from. Next hop types and their meaning: https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview
 * ("Virtual appliance", "Virtual network gateway", "None", "Virtual network", "Internet").
 */
import { parseCidr, parseIp, type Cidr } from '../cidr/ip';
import { diag, type Diagnostic } from '../diagnostics';
import type { YamlDocument } from '../yaml';
import { idName } from './json';
import { field, list, refId, str } from './resource-fields';

export const UDR_SOURCE = 'https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview';

export type NextHopType = 'VirtualAppliance' | 'VirtualNetworkGateway' | 'VnetLocal' | 'Internet' | 'None';
const NEXT_HOPS: readonly NextHopType[] = ['VirtualAppliance', 'VirtualNetworkGateway', 'VnetLocal', 'Internet', 'None'];

export interface Route {
  name: string;
  prefix: Cidr;
  prefixText: string;
  nextHopType: NextHopType;
  nextHopIp?: string;
}

export interface RouteTable {
  id: string;
  name: string;
  routes: Route[];
  /** Subnet ids the table says it is associated with (`subnets[].id`). */
  subnetIds: string[];
}

/**
 * Reads one route table. Problems (unknown next hop type, a prefix that is a service tag the
 * tool cannot expand, a virtual appliance without an address) are pushed onto `out`, placed
 * in `doc` under `base`.
 */
export function readRouteTable(value: unknown, doc: YamlDocument, base: (string | number)[], out: Diagnostic[]): RouteTable {
  const name = str(field(value, 'name')) ?? 'route table';
  const id = str(field(value, 'id')) ?? name;
  const routes: Route[] = [];
  const rawRoutes = field(value, 'routes');
  const routesPath = [...base, ...(Array.isArray((value as Record<string, unknown>)?.routes) ? [] : ['properties']), 'routes'];
  list(rawRoutes).forEach((r, i) => {
    const at = doc.at([...routesPath, i]);
    const rname = str(field(r, 'name')) ?? `route ${i + 1}`;
    const prefixText = str(field(r, 'addressPrefix')) ?? '';
    const p = parseCidr(prefixText, { strict: false });
    if (!p.ok) {
      out.push(diag('warning', 'route-prefix-not-read', `Route "${rname}" in ${name}: "${prefixText}" is not an address range this tool can read (service-tag prefixes are not expanded offline); the route is left out.`, { ...at, source: UDR_SOURCE }));
      return;
    }
    const rawType = str(field(r, 'nextHopType')) ?? '';
    const nextHopType = NEXT_HOPS.find((t) => t.toLowerCase() === rawType.toLowerCase().replace(/\s+/g, ''));
    if (!nextHopType) {
      out.push(diag('error', 'route-next-hop-unknown', `Route "${rname}" in ${name}: next hop type "${rawType}" is not one of ${NEXT_HOPS.join(', ')}.`, { ...at, source: UDR_SOURCE }));
      return;
    }
    const nextHopIp = str(field(r, 'nextHopIpAddress'));
    if (nextHopType === 'VirtualAppliance' && (!nextHopIp || !parseIp(nextHopIp).ok)) {
      out.push(diag('error', 'route-appliance-address', `Route "${rname}" in ${name} sends traffic to a virtual appliance but gives no valid nextHopIpAddress (found "${nextHopIp ?? ''}"; e.g. 10.0.1.4).`, { ...at, source: UDR_SOURCE }));
      return;
    }
    routes.push({ name: rname, prefix: p.value, prefixText, nextHopType, ...(nextHopIp ? { nextHopIp } : {}) });
  });
  const subnetIds = list(field(value, 'subnets')).flatMap((s) => {
    const sid = refId(s);
    return sid ? [sid] : [];
  });
  return { id, name: idName(name), routes, subnetIds };
}
