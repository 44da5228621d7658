/**
 * Reads `az network application-gateway show` (or the ARM resource): frontends, listeners,
 * routing rules, path maps, backend pools and the WAF policy it uses. Child resources refer to
 * each other by id; only the last segment (the child's name) is kept.
 * How the parts fit: https://learn.microsoft.com/azure/application-gateway/how-application-gateway-works
 */
import { idName } from './json';
import { field, list, refId, str, strList } from './resource-fields';

export interface AppGatewayFrontend {
  name: string;
  privateIp?: string;
  publicIpId?: string;
}

export interface AppGatewayListener {
  name: string;
  frontend: string;
  port?: number;
  protocol: string;
  /** Empty: a basic listener that takes every host. */
  hostNames: string[];
}

export interface AppGatewayRule {
  name: string;
  priority?: number;
  listener: string;
  pool?: string;
  pathMap?: string;
}

export interface AppGatewayPathMap {
  name: string;
  defaultPool?: string;
  rules: { name: string; paths: string[]; pool?: string }[];
}

export interface AppGateway {
  id: string;
  name: string;
  tier: string;
  subnetId?: string;
  frontends: AppGatewayFrontend[];
  listeners: AppGatewayListener[];
  rules: AppGatewayRule[];
  pathMaps: AppGatewayPathMap[];
  pools: { name: string; addresses: string[] }[];
  wafPolicyId?: string;
}

const childName = (v: unknown): string | undefined => {
  const id = refId(v);
  return id ? idName(id) : undefined;
};

export function readApplicationGateway(value: unknown): AppGateway {
  const name = str(field(value, 'name')) ?? 'application gateway';
  const ports = new Map(list(field(value, 'frontendPorts')).map((p) => [str(field(p, 'name')) ?? '', Number(field(p, 'port'))]));
  const frontends: AppGatewayFrontend[] = list(field(value, 'frontendIPConfigurations')).map((f) => {
    const privateIp = str(field(f, 'privateIPAddress') ?? field(f, 'privateIpAddress'));
    const publicIpId = refId(field(f, 'publicIPAddress') ?? field(f, 'publicIpAddress'));
    return { name: str(field(f, 'name')) ?? 'frontend', ...(privateIp ? { privateIp } : {}), ...(publicIpId ? { publicIpId } : {}) };
  });
  const listeners: AppGatewayListener[] = list(field(value, 'httpListeners')).map((l) => {
    const port = ports.get(childName(field(l, 'frontendPort')) ?? '');
    const host = str(field(l, 'hostName'));
    return {
      name: str(field(l, 'name')) ?? 'listener',
      frontend: childName(field(l, 'frontendIPConfiguration')) ?? '',
      ...(port !== undefined && Number.isFinite(port) ? { port } : {}),
      protocol: str(field(l, 'protocol')) ?? 'Http',
      hostNames: [...(host ? [host] : []), ...strList(field(l, 'hostNames'))],
    };
  });
  const rules: AppGatewayRule[] = list(field(value, 'requestRoutingRules')).map((r) => {
    const prio = Number(field(r, 'priority'));
    const pool = childName(field(r, 'backendAddressPool'));
    const pathMap = childName(field(r, 'urlPathMap'));
    return {
      name: str(field(r, 'name')) ?? 'rule',
      ...(Number.isFinite(prio) ? { priority: prio } : {}),
      listener: childName(field(r, 'httpListener')) ?? '',
      ...(pool ? { pool } : {}),
      ...(pathMap ? { pathMap } : {}),
    };
  });
  const pathMaps: AppGatewayPathMap[] = list(field(value, 'urlPathMaps')).map((m) => {
    const defaultPool = childName(field(m, 'defaultBackendAddressPool'));
    return {
      name: str(field(m, 'name')) ?? 'path map',
      ...(defaultPool ? { defaultPool } : {}),
      rules: list(field(m, 'pathRules')).map((pr) => {
        const pool = childName(field(pr, 'backendAddressPool'));
        return { name: str(field(pr, 'name')) ?? 'path rule', paths: strList(field(pr, 'paths')), ...(pool ? { pool } : {}) };
      }),
    };
  });
  const pools = list(field(value, 'backendAddressPools')).map((p) => ({
    name: str(field(p, 'name')) ?? 'pool',
    addresses: list(field(p, 'backendAddresses')).flatMap((a) => {
      const x = str(field(a, 'ipAddress')) ?? str(field(a, 'fqdn'));
      return x ? [x] : [];
    }),
  }));
  const subnetId = list(field(value, 'gatewayIPConfigurations')).map((g) => refId(field(g, 'subnet'))).find(Boolean);
  const wafPolicyId = refId(field(value, 'firewallPolicy'));
  const sku = field(value, 'sku');
  return {
    id: str(field(value, 'id')) ?? name,
    name,
    tier: str(field(sku, 'tier')) ?? str(field(sku, 'name')) ?? '',
    ...(subnetId ? { subnetId } : {}),
    frontends,
    listeners,
    rules,
    pathMaps,
    pools,
    ...(wafPolicyId ? { wafPolicyId } : {}),
  };
}
