/**
 * The endpoint grammar of `connection.from` / `connection.to`:
 *
 *   internet:203.0.113.7          a client on the internet with this public address
 *   vm:10.50.1.4                  a VM (any host) with this private address: a VNet of the
 *                                 environment, a peered VNet or on-premises
 *   node:aks-nodepool1-0          an AKS node, by name or by IP (node:10.224.0.4)
 *   pod:shop/web-7f9c             a pod: namespace/name of a Pod, or of a workload (its pods)
 *   service:shop/web              a Service: its cluster IP from inside the cluster, its load
 *                                 balancer IP from outside
 *   https://www.contoso.com/path  a web request; the host is resolved through the
 *                                 environment's DNS records, App Gateway listeners and
 *                                 Ingress hosts (http:// too; a port may follow the host)
 *   fqdn:mcr.microsoft.com        a DNS name (outside the cluster or a private endpoint)
 *   api-server                    the cluster's API server
 *   10.224.0.4                    a bare address: whatever in the environment has it, else
 *                                 the internet (public) or a VM (private)
 */
import { parseIp } from '../cidr/ip';

export type Endpoint =
  | { kind: 'internet'; ip: string }
  | { kind: 'vm'; ip: string }
  | { kind: 'node'; name: string }
  | { kind: 'pod'; namespace: string; name: string }
  | { kind: 'service'; namespace: string; name: string }
  | { kind: 'url'; scheme: 'http' | 'https'; host: string; port?: number; path: string }
  | { kind: 'fqdn'; name: string }
  | { kind: 'api-server' }
  | { kind: 'ip'; ip: string };

export const ENDPOINT_EXAMPLES = ['internet:203.0.113.7', 'vm:10.50.1.4', 'node:aks-nodepool1-0', 'pod:shop/web-7f9c', 'service:shop/web', 'https://www.contoso.com/cart', 'fqdn:mcr.microsoft.com', 'api-server', '10.224.0.4'];

const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const HOST = /^(?=.{1,253}$)([a-z0-9*]([-a-z0-9]*[a-z0-9])?)(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/i;

const nsName = (t: string): { namespace: string; name: string } | undefined => {
  const [a, b, extra] = t.split('/');
  if (extra !== undefined) return undefined;
  const namespace = b === undefined ? 'default' : a!;
  const name = b === undefined ? a! : b;
  return NAME.test(namespace) && NAME.test(name) ? { namespace, name } : undefined;
};

/** Reads one endpoint; `problem` says what was expected when it is not one. */
export function parseEndpoint(raw: unknown): { endpoint?: Endpoint; problem?: string } {
  const text = typeof raw === 'string' ? raw.trim() : '';
  const expected = `Write an endpoint such as ${ENDPOINT_EXAMPLES.slice(0, 7).join(', ')}`;
  if (!text) return { problem: `The endpoint is empty. ${expected}.` };
  if (text.length > 300) return { problem: 'The endpoint is longer than 300 characters.' };
  if (text === 'api-server') return { endpoint: { kind: 'api-server' } };
  const url = /^(https?):\/\/([^/:?#]+)(?::(\d{1,5}))?([^?#]*)?/i.exec(text);
  if (url) {
    const host = url[2]!.toLowerCase();
    const port = url[3] !== undefined ? Number(url[3]) : undefined;
    if (!HOST.test(host) && !parseIp(host).ok) return { problem: `"${host}" is not a host name. ${expected}.` };
    if (port !== undefined && (port < 1 || port > 65535)) return { problem: `Port ${port} is not between 1 and 65535.` };
    return { endpoint: { kind: 'url', scheme: url[1]!.toLowerCase() as 'http' | 'https', host, ...(port !== undefined ? { port } : {}), path: url[4] || '/' } };
  }
  const colon = text.indexOf(':');
  const prefix = colon > 0 ? text.slice(0, colon).toLowerCase() : '';
  const rest = colon > 0 ? text.slice(colon + 1).trim() : '';
  switch (prefix) {
    case 'internet':
    case 'vm': {
      const ip = parseIp(rest);
      if (!ip.ok) return { problem: `"${rest}" after ${prefix}: is not an IP address (${ip.reason}); e.g. ${prefix}:${prefix === 'vm' ? '10.50.1.4' : '203.0.113.7'}.` };
      return { endpoint: { kind: prefix, ip: rest } };
    }
    case 'node':
      if (!rest || rest.length > 253) return { problem: 'Write node:<name> or node:<ip>, e.g. node:aks-nodepool1-0.' };
      return { endpoint: { kind: 'node', name: rest } };
    case 'pod':
    case 'service': {
      const n = nsName(rest);
      if (!n) return { problem: `"${rest}" is not namespace/name (lower-case letters, digits, "-" and "."); e.g. ${prefix}:shop/web.` };
      return { endpoint: { kind: prefix, ...n } };
    }
    case 'fqdn':
      if (!HOST.test(rest)) return { problem: `"${rest}" is not a DNS name; e.g. fqdn:mcr.microsoft.com.` };
      return { endpoint: { kind: 'fqdn', name: rest.toLowerCase().replace(/\.$/, '') } };
    default:
      break;
  }
  if (parseIp(text).ok) return { endpoint: { kind: 'ip', ip: text } };
  return { problem: `"${text}" is not an endpoint. ${expected}.` };
}
