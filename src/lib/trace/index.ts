/**
 * The connection tracer: one connection walked through every layer of an AKS environment,
 * composing the engines (nsg, waf, service, ingress, netpol, access, cidr) along the hop
 * vocabulary and patterns of ../shared/specs/traffic-paths.md. Pure and synchronous; bad
 * input becomes diagnostics. What cannot be known offline is `unknown`, never `delivered`.
 */
import { diag, guard, sortDiagnostics, type Diagnostic } from '../diagnostics';
import { FACTS } from '../facts';
import { parseEndpoint } from './endpoint';
import { readEnvironment, type Environment } from './environment';
import { walkAppGateway, walkLoadBalancer, walkToPodIp } from './inbound';
import { walkApiServer, walkEgress, walkPodToPod } from './outbound';
import { resolveSource, resolveTarget, type Source, type Target } from './resolve';
import type { Connection, TraceInput, TraceResult } from './types';
import { Walk } from './walk';

export * from './types';
export { parseEndpoint, ENDPOINT_EXAMPLES, type Endpoint } from './endpoint';
export { readEnvironment, type Environment } from './environment';

const MAX_ENV = 1_000_000;

export function traceConnection(input: TraceInput): TraceResult {
  return guard(
    () => trace(input),
    (d) => ({ outcome: 'unknown', hops: [], diagnostics: [d] }),
  );
}

function readConnection(c: unknown, out: Diagnostic[]): Connection | undefined {
  const conn = (c ?? {}) as Partial<Connection>;
  let ok = true;
  for (const f of ['from', 'to'] as const) {
    if (typeof conn[f] !== 'string' || !conn[f]!.trim()) {
      out.push(diag('error', 'trace-endpoint-missing', `connection.${f} is missing. Write an endpoint such as internet:203.0.113.7 or service:shop/web.`, { field: `connection.${f}` }));
      ok = false;
    }
  }
  if (conn.port !== undefined && (typeof conn.port !== 'number' || !Number.isInteger(conn.port) || conn.port < 1 || conn.port > 65535)) {
    out.push(diag('error', 'trace-invalid-port', `connection.port must be a whole number from 1 to 65535 (found ${String(conn.port)}).`, { field: 'connection.port' }));
    ok = false;
  }
  if (conn.protocol !== undefined && conn.protocol !== 'TCP' && conn.protocol !== 'UDP') {
    out.push(diag('error', 'trace-invalid-protocol', `connection.protocol must be TCP or UDP (found ${String(conn.protocol)}).`, { field: 'connection.protocol' }));
    ok = false;
  }
  return ok ? (conn as Connection) : undefined;
}

function trace(input: TraceInput): TraceResult {
  const diagnostics: Diagnostic[] = [];
  const text = typeof input?.environment === 'string' ? input.environment : '';
  if (text.length > MAX_ENV) {
    return { outcome: 'unknown', hops: [], diagnostics: [diag('error', 'input-too-large', `The environment has ${text.length.toLocaleString('en')} characters; the tracer reads at most ${MAX_ENV.toLocaleString('en')}.`, { line: 1, column: 1 })] };
  }
  const conn = readConnection(input?.connection, diagnostics);
  const env = readEnvironment(text);
  diagnostics.push(...env.diagnostics);
  if (!conn) return finish(env, [], diagnostics);
  const from = parseEndpoint(conn.from);
  const to = parseEndpoint(conn.to);
  if (from.problem) diagnostics.push(diag('error', 'trace-endpoint-invalid', `from: ${from.problem}`, { field: 'connection.from' }));
  if (to.problem) diagnostics.push(diag('error', 'trace-endpoint-invalid', `to: ${to.problem}`, { field: 'connection.to' }));
  if (!from.endpoint || !to.endpoint) return finish(env, [], diagnostics);
  assumptions(env);
  const toEp = to.endpoint;
  const connection = toEp.kind === 'url' && conn.port === undefined ? { ...conn, port: toEp.port ?? (toEp.scheme === 'https' ? 443 : 80) } : conn;
  const src = resolveSource(env, from.endpoint);
  if (!src.value) {
    env.diagnostics.push(diag('error', 'trace-endpoint-not-found', `from: ${src.problem}`, { field: 'connection.from' }));
    return finish(env, [], diagnostics);
  }
  const dst = resolveTarget(env, to.endpoint, src.value);
  if (!dst.value) {
    env.diagnostics.push(diag('error', 'trace-endpoint-not-found', `to: ${dst.problem}`, { field: 'connection.to' }));
    return finish(env, [], diagnostics);
  }
  const w = new Walk(env);
  route(w, src.value, dst.value, connection, dst.name, dst.privateZone);
  return finish(env, w.hops, diagnostics);
}

/** The pattern for this pair of endpoints. */
function route(w: Walk, src: Source, dst: Target, conn: Connection, name?: string, privateZone?: string): void {
  const env = w.env;
  const inside = src.kind === 'pod' || src.kind === 'node';
  switch (dst.kind) {
    case 'lb':
      if (inside) {
        // A7: in-cluster clients of the LB IP are short-circuited by kube-proxy to the Service.
        if (src.kind === 'pod') walkPodToPod(w, src, { service: dst.service }, conn, name);
        else notModelled(env, 'a node to a load balancer IP');
        return;
      }
      walkLoadBalancer(w, src, dst.service, dst.ip, conn);
      return;
    case 'appgw':
      if (inside) return notModelled(env, 'a pod or node to an Application Gateway');
      walkAppGateway(w, src, dst.gw, dst.ip, dst.frontend, conn);
      return;
    case 'cluster-ip':
      if (src.kind === 'pod') walkPodToPod(w, src, { service: dst.service }, conn, name);
      else if (!inside) w.add({ id: 'route', resource: 'service network', verdict: 'block', sees: { src: src.ip, dst: dst.service.clusterIp ?? dst.service.name, port: conn.port }, detail: 'A cluster IP exists only inside the cluster (kube-proxy rules on the nodes): clients outside have no route to it.', source: 'https://kubernetes.io/docs/concepts/services-networking/service/', fix: 'Use a Service of type LoadBalancer (internal for VNet clients) or an Ingress.' });
      else notModelled(env, 'a node to a cluster IP');
      return;
    case 'pod':
      if (src.kind === 'pod') walkPodToPod(w, src, { pod: dst.pod }, conn, name);
      else if (!inside) walkToPodIp(w, src, dst.pod, conn);
      else notModelled(env, 'a node to a pod');
      return;
    case 'api-server':
      walkApiServer(w, src, conn);
      return;
    case 'external':
    case 'vm':
      if (inside) {
        walkEgress(w, src, { ...(dst.kind === 'vm' || dst.ip ? { ip: dst.ip } : {}), ...(name ? { fqdn: name } : dst.kind === 'external' && dst.fqdn ? { fqdn: dst.fqdn } : {}), ...(privateZone ? { privateZone } : {}) }, conn);
        return;
      }
      notModelled(env, `${src.kind} to an address outside the cluster`);
      return;
    case 'node':
      notModelled(env, 'connections to a node');
      return;
  }
}

function notModelled(env: Environment, what: string): void {
  env.diagnostics.push(diag('warning', 'trace-path-not-modelled', `The tracer does not model ${what}; the outcome is unknown. It traces: internet/VM → LoadBalancer Service, App Gateway, ingress host or API server; pod → pod, Service, internet name or API server.`));
}

/** Defaults in use, said once each. */
function assumptions(env: Environment): void {
  if (!env.given.has('aks')) env.diagnostics.push(diag('info', 'trace-aks-assumed', `No az aks show output: AKS defaults are assumed (Azure CNI Overlay, pod CIDR ${FACTS['default-pod-cidr'].value}, Service CIDR ${FACTS['default-service-cidr'].value}, outbound type loadBalancer, public API server without authorized ranges, NetworkPolicies enforced).`, { source: 'https://learn.microsoft.com/azure/aks/concepts-network-azure-cni-overlay' }));
  if (!env.given.has('vnet') && !env.given.has('subnet')) env.diagnostics.push(diag('info', 'trace-vnet-assumed', 'No VNet or subnet: no subnet NSG or route table is known, so only the AKS-managed NIC NSG and the system routes (private ranges, 0.0.0.0/0 → Internet) are applied.', { source: 'https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview' }));
  if (env.cluster.outboundType === 'userDefinedRouting' && !env.routeTables.length) env.diagnostics.push(diag('warning', 'trace-udr-without-table', 'The outbound type is userDefinedRouting but no route table was given: the path to the firewall cannot be followed.', { source: 'https://learn.microsoft.com/azure/aks/egress-udr' }));
}

function finish(env: Environment, hops: TraceResult['hops'], diagnostics: Diagnostic[]): TraceResult {
  const all = [...diagnostics];
  for (const d of env.diagnostics) if (!all.includes(d)) all.push(d);
  const blocked = hops.find((h) => h.verdict === 'block');
  const errors = all.some((d) => d.severity === 'error');
  const outcome = blocked ? 'blocked' : !hops.length || errors || hops.some((h) => h.verdict === 'unknown') ? 'unknown' : 'delivered';
  return { outcome, ...(blocked ? { blockedAt: blocked.id } : {}), hops, diagnostics: sortDiagnostics(all) };
}
export { readConnectionText, connectionText } from './connection-text';
export { headline, hopLine, seesText, VERDICT_WORDS } from './explain';
export { WORKED_EXAMPLES, type WorkedExample } from './examples';
export { INCIDENTS, type Incident } from './incidents';
