/**
 * Service evaluator: which pods back a Service (its endpoints), on which ports, who can
 * reach it and how — and the mistakes that leave it with no endpoints or the wrong exposure.
 *
 * Kubernetes rules: https://kubernetes.io/docs/concepts/services-networking/service/
 * (types, default NodePort range 30000-32767, targetPort defaulting to port, named ports
 * resolved per pod, externalTrafficPolicy). Azure rules: the AKS load balancer pages and the
 * cloud-provider-azure annotation table (see ./annotations.ts).
 */
import { diag, guard, sortDiagnostics, type Diagnostic } from '../diagnostics';
import { containsCidr, formatCidr, parseCidr, type Cidr } from '../cidr/ip';
import { readManifests, podsOf, resolveNamedPort, type Manifest, type Protocol, type WorkloadPod } from '../k8s/manifests';
import { describeSelector, matches, readLabels, type Labels } from '../k8s/selector';
import { checkShape, editDistance, type Shape } from '../k8s/shape';
import { FACTS, factDisplay } from '../facts';
import { AZURE_ANNOTATIONS, LB_ANNOTATIONS_SOURCE, PORT_ANNOTATION, PREFIX, annotationByKey } from './annotations';

export { AZURE_ANNOTATIONS } from './annotations';

const K8S_SERVICE = 'https://kubernetes.io/docs/concepts/services-networking/service/';
const AKS_LB = 'https://learn.microsoft.com/azure/aks/configure-load-balancer-standard';
const AKS_ILB = 'https://learn.microsoft.com/azure/aks/internal-lb';

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

export interface ServicePort {
  name?: string;
  port: number;
  /** As written (a number or a container port name); defaults to `port`. */
  targetPort: number | string;
  nodePort?: number;
  protocol: Protocol;
}

export interface Endpoint {
  /** "namespace/name" of the Pod, or of the workload whose pods it stands for. */
  pod: string;
  ip?: string;
  /** The container port traffic reaches. */
  port: number;
  /** The Service port (name or number) this endpoint serves. */
  servicePort: string;
  node?: string;
  /** True when the pod stands for a workload's replicas (Deployment, StatefulSet, …). */
  workload?: boolean;
}

export interface AzureExposure {
  loadBalancer?: 'public' | 'internal';
  internalSubnet?: string;
  /** Requested frontend IP (annotation, or the deprecated spec.loadBalancerIP). */
  ip?: string;
  pipName?: string;
  dnsLabel?: string;
  resourceGroup?: string;
  /** spec.loadBalancerSourceRanges, which AKS turns into NSG rules. */
  sourceRanges: string[];
  /** Every service.beta.kubernetes.io annotation on the Service, with what it does. */
  annotations: { key: string; value: string; effect: string; known: boolean }[];
}

export interface ResolvedService {
  name: string;
  namespace: string;
  type: ServiceType;
  clusterIp?: string;
  headless: boolean;
  selector?: string;
  externalName?: string;
  externalTrafficPolicy?: 'Cluster' | 'Local';
  ports: ServicePort[];
  endpoints: Endpoint[];
  /** In words: who can reach it and how. */
  exposure: string;
  azure: AzureExposure;
  /**
   * Set when the API server would refuse to create this Service (e.g. spec.type "Loadbalancer":
   * Service types are case-sensitive). The Service then does not exist; nothing is evaluated
   * as if it had a default type.
   */
  rejected?: string;
}

export interface ResolveServiceInput {
  /** Service(s) plus Pods or workloads. */
  manifests: string;
  /** "namespace/name" (or "name" in default) to resolve only that Service. */
  service?: string;
}

export interface ResolveServiceResult {
  services: ResolvedService[];
  diagnostics: Diagnostic[];
}

const [NODE_PORT_MIN, NODE_PORT_MAX] = FACTS['nodeport-range'].value;
const TYPES: ServiceType[] = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];

const portShape: Shape = {
  object: { name: 'string', protocol: 'string', appProtocol: 'string', port: 'integer', targetPort: 'int-or-string', nodePort: 'integer' },
  required: ['port'],
};
const serviceShape: Shape = {
  object: {
    apiVersion: 'string',
    kind: 'string',
    metadata: 'any',
    status: 'any',
    spec: {
      object: {
        type: 'string',
        selector: { map: 'string' },
        ports: { list: portShape },
        clusterIP: 'string',
        clusterIPs: { list: 'string' },
        externalName: 'string',
        externalIPs: { list: 'string' },
        externalTrafficPolicy: 'string',
        internalTrafficPolicy: 'string',
        healthCheckNodePort: 'integer',
        loadBalancerIP: 'string',
        loadBalancerSourceRanges: { list: 'string' },
        loadBalancerClass: 'string',
        allocateLoadBalancerNodePorts: 'boolean',
        sessionAffinity: 'string',
        sessionAffinityConfig: 'any',
        ipFamilies: { list: 'string' },
        ipFamilyPolicy: 'string',
        publishNotReadyAddresses: 'boolean',
        trafficDistribution: 'string',
      },
    },
  },
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function resolveService(input: ResolveServiceInput): ResolveServiceResult {
  return guard(
    () => resolve(input),
    (d) => ({ services: [], diagnostics: [d] }),
  );
}

function resolve(input: ResolveServiceInput): ResolveServiceResult {
  const { manifests, diagnostics } = readManifests(typeof input?.manifests === 'string' ? input.manifests : '');
  const out = diagnostics;
  const pods = podsOf(manifests, out);
  let svcs = manifests.filter((m) => m.kind === 'Service');
  if (typeof input?.service === 'string' && input.service.trim() !== '') {
    const want = input.service.includes('/') ? input.service.trim() : `default/${input.service.trim()}`;
    const picked = svcs.filter((m) => `${m.namespace}/${m.name}` === want);
    if (picked.length === 0) out.push(diag('error', 'service-not-found', `No Service "${want}" is in the input (it has ${svcs.map((m) => `${m.namespace}/${m.name}`).join(', ') || 'none'}).`));
    svcs = picked;
  } else if (svcs.length === 0 && manifests.length > 0) {
    out.push(diag('info', 'no-service', 'The input has no Service (kind: Service).', { line: 1, column: 1 }));
  }
  const services = svcs.map((m) => readService(m, pods, out));
  // NodePorts are cluster-wide: two Services cannot share one.
  const usedNodePorts = new Map<string, string>();
  services.forEach((s, si) => {
    s.ports.forEach((p, pi) => {
      if (p.nodePort === undefined) return;
      const key = `${p.nodePort}/${p.protocol}`;
      const owner = usedNodePorts.get(key);
      if (owner) out.push(diag('error', 'node-port-in-use', `nodePort ${p.nodePort}/${p.protocol} is already used by ${owner}: node ports are unique in the cluster.`, svcs[si]!.doc.at(['spec', 'ports', pi, 'nodePort'])));
      else usedNodePorts.set(key, `${s.namespace}/${s.name}`);
    });
  });
  return { services, diagnostics: sortDiagnostics(out) };
}

function readService(m: Manifest, pods: WorkloadPod[], out: Diagnostic[]): ResolvedService {
  const doc = m.doc;
  checkShape(doc, m.value, serviceShape, [], out);
  const spec = isObj(m.value.spec) ? m.value.spec : {};
  let type: ServiceType = 'ClusterIP';
  let rejected: string | undefined;
  if (spec.type !== undefined) {
    if (TYPES.includes(spec.type as ServiceType)) type = spec.type as ServiceType;
    else {
      // The API server rejects an unsupported type (Kubernetes enums are case-sensitive): the
      // Service is never created, so it is not evaluated as ClusterIP or any other type.
      const near = TYPES.find((t) => t.toLowerCase() === String(spec.type).toLowerCase());
      rejected = `spec.type "${String(spec.type)}" is not a Service type${near ? ` (types are case-sensitive: "${near}")` : ''}; the API server rejects the Service ("Unsupported value"), so it does not exist.`;
      out.push(diag('error', 'invalid-service-type', `"${String(spec.type)}" is not a Service type; use ClusterIP, NodePort, LoadBalancer or ExternalName${near ? ` (types are case-sensitive: "${near}")` : ''}. The API server rejects the Service, so it is not evaluated.`, { ...doc.at(['spec', 'type']), source: K8S_SERVICE }));
    }
  }
  const clusterIp = typeof spec.clusterIP === 'string' && spec.clusterIP !== '' ? spec.clusterIP : undefined;
  const headless = clusterIp === 'None';
  if (headless && (type === 'NodePort' || type === 'LoadBalancer')) {
    out.push(diag('error', 'headless-not-allowed', `clusterIP: None (headless) cannot be used with type ${type}: a ${type} Service needs a cluster IP.`, { ...doc.at(['spec', 'clusterIP']), source: K8S_SERVICE }));
  }

  // Ports.
  const ports: ServicePort[] = [];
  const rawPorts = Array.isArray(spec.ports) ? spec.ports : [];
  rawPorts.forEach((p: unknown, i: number) => {
    if (!isObj(p)) return;
    const at = ['spec', 'ports', i];
    const port = p.port;
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
      if (typeof port === 'number') out.push(diag('error', 'invalid-port', 'port must be a whole number from 1 to 65535.', doc.at([...at, 'port'])));
      return;
    }
    const protocol = (p.protocol ?? 'TCP') as Protocol;
    if (protocol !== 'TCP' && protocol !== 'UDP' && protocol !== 'SCTP') {
      out.push(diag('error', 'invalid-protocol', `"${String(p.protocol)}" is not a protocol; use TCP, UDP or SCTP (upper case).`, doc.at([...at, 'protocol'])));
      return;
    }
    let targetPort: number | string = port;
    if (typeof p.targetPort === 'number' || (typeof p.targetPort === 'string' && p.targetPort !== '')) targetPort = p.targetPort as number | string;
    if (typeof targetPort === 'number' && (targetPort < 1 || targetPort > 65535)) {
      out.push(diag('error', 'invalid-port', 'targetPort must be a number from 1 to 65535 or a container port name.', doc.at([...at, 'targetPort'])));
    }
    const sp: ServicePort = { port, targetPort, protocol, ...(typeof p.name === 'string' ? { name: p.name } : {}) };
    if (typeof p.nodePort === 'number') {
      if (type === 'ClusterIP' || type === 'ExternalName') {
        out.push(diag('error', 'node-port-not-allowed', `nodePort may not be used when type is ${type}; use type NodePort or LoadBalancer.`, { ...doc.at([...at, 'nodePort']), source: K8S_SERVICE }));
      } else if (p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX) {
        out.push(
          diag('error', 'node-port-out-of-range', `nodePort ${p.nodePort} is outside the node port range ${NODE_PORT_MIN}-${NODE_PORT_MAX} (the default of --service-node-port-range).`, {
            ...doc.at([...at, 'nodePort']),
            source: K8S_SERVICE,
          }),
        );
      } else sp.nodePort = p.nodePort;
    }
    ports.push(sp);
  });
  if (ports.length > 1) {
    ports.forEach((p, i) => {
      if (!p.name) out.push(diag('error', 'port-name-required', 'A Service with more than one port must name every port.', { ...doc.at(['spec', 'ports', i]), source: K8S_SERVICE }));
    });
  }
  if (ports.length === 0 && type !== 'ExternalName' && !headless) {
    out.push(diag('error', 'ports-required', 'A Service needs at least one port under spec.ports.', doc.at(['spec'])));
  }

  // Selector → endpoints.
  const hasSelector = isObj(spec.selector) && Object.keys(spec.selector).length > 0;
  const selectorLabels: Labels = hasSelector ? readLabels(spec.selector, doc, ['spec', 'selector'], out) : {};
  const selector = { requirements: Object.entries(selectorLabels).map(([key, v]) => ({ key, operator: 'In' as const, values: [v] })), matchesAll: false };
  const endpoints: Endpoint[] = [];
  const externalName = typeof spec.externalName === 'string' && spec.externalName !== '' ? spec.externalName : undefined;
  if (type === 'ExternalName') {
    if (!externalName) out.push(diag('error', 'external-name-required', 'A Service of type ExternalName needs spec.externalName (a DNS name such as db.example.com).', { ...doc.at(['spec']), source: K8S_SERVICE }));
    if (hasSelector) {
      out.push(diag('warning', 'external-name-selector', 'An ExternalName Service ignores its selector: DNS answers with a CNAME to externalName and no endpoints are made.', { ...doc.keyAt(['spec', 'selector']), source: K8S_SERVICE }));
    }
  } else if (!hasSelector) {
    out.push(diag('info', 'no-selector', 'This Service has no selector, so Kubernetes makes no endpoints for it: you manage its EndpointSlices yourself.', { ...doc.at(['spec']), source: K8S_SERVICE }));
  } else {
    const selected = pods.filter((p) => p.namespace === m.namespace && matches(selector, p.labels));
    if (selected.length === 0) {
      const elsewhere = pods.filter((p) => p.namespace !== m.namespace && matches(selector, p.labels));
      const sameNs = pods.filter((p) => p.namespace === m.namespace);
      let hint = '';
      if (elsewhere.length) hint = ` ${elsewhere.map((p) => `${p.namespace}/${p.name}`).join(', ')} match but live in another namespace: a Service selects pods only in its own namespace ("${m.namespace}").`;
      else if (sameNs.length) hint = ` Pods here have ${sameNs.slice(0, 3).map((p) => `${p.name} {${Object.entries(p.labels).map(([k, v]) => `${k}=${v}`).join(', ')}}`).join('; ')}.`;
      if (pods.length) {
        out.push(diag('warning', 'selector-matches-no-pod', `The selector ${describeSelector(selector)} matches no pod in the input, so the Service has no endpoints (connections fail).${hint}`, { ...doc.keyAt(['spec', 'selector']), source: K8S_SERVICE }));
      } else {
        out.push(diag('info', 'no-pods-given', 'No Pod or workload is in the input, so endpoints cannot be shown; add the Deployment or Pods the selector should match.', { ...doc.keyAt(['spec', 'selector']) }));
      }
    }
    ports.forEach((sp, pi) => {
      const missing: string[] = [];
      const undeclared: string[] = [];
      for (const pod of selected) {
        const target = resolveNamedPort(pod, sp.targetPort, sp.protocol);
        if (target === undefined) {
          missing.push(pod.name);
          continue;
        }
        if (typeof sp.targetPort === 'number' && pod.ports.length > 0 && !pod.ports.some((c) => c.port === target && c.protocol === sp.protocol)) undeclared.push(pod.name);
        endpoints.push({
          pod: `${pod.namespace}/${pod.name}`,
          port: target,
          servicePort: sp.name ?? String(sp.port),
          ...(pod.ip ? { ip: pod.ip } : {}),
          ...(pod.node ? { node: pod.node } : {}),
          ...(pod.from.kind !== 'Pod' ? { workload: true } : {}),
        });
      }
      const at = { ...doc.at(['spec', 'ports', pi, typeof (rawPorts[pi] as Obj | undefined)?.targetPort !== 'undefined' ? 'targetPort' : 'port']), source: K8S_SERVICE };
      if (missing.length) {
        out.push(diag('warning', 'target-port-not-found', `targetPort "${sp.targetPort}" names no ${sp.protocol} container port of ${missing.join(', ')}, so ${missing.length === 1 ? 'it is' : 'they are'} left out of the endpoints for port ${sp.name ?? sp.port}.`, at));
      }
      if (undeclared.length) {
        out.push(
          diag('warning', 'target-port-not-exposed', `targetPort ${sp.targetPort} is not among the container ports of ${undeclared.join(', ')} (they declare ${[...new Set(selected.flatMap((p) => p.ports.map((c) => c.port)))].join(', ')}). Traffic is still sent to ${sp.targetPort}; if nothing listens there, connections are refused.`, at),
        );
      }
    });
  }

  // externalTrafficPolicy.
  let externalTrafficPolicy: 'Cluster' | 'Local' | undefined;
  if (spec.externalTrafficPolicy !== undefined) {
    if (spec.externalTrafficPolicy === 'Cluster' || spec.externalTrafficPolicy === 'Local') {
      externalTrafficPolicy = spec.externalTrafficPolicy;
      if (type !== 'NodePort' && type !== 'LoadBalancer') {
        out.push(diag('warning', 'external-traffic-policy-ignored', `externalTrafficPolicy only applies to NodePort and LoadBalancer Services (this one is ${type}).`, { ...doc.at(['spec', 'externalTrafficPolicy']), source: K8S_SERVICE }));
      }
    } else {
      out.push(diag('error', 'invalid-external-traffic-policy', `externalTrafficPolicy must be Cluster or Local, not "${String(spec.externalTrafficPolicy)}".`, { ...doc.at(['spec', 'externalTrafficPolicy']), source: K8S_SERVICE }));
    }
  }
  if (externalTrafficPolicy === undefined && (type === 'NodePort' || type === 'LoadBalancer')) externalTrafficPolicy = 'Cluster';

  const azure = readAzure(m, type, spec, out);
  const resolved: ResolvedService = {
    name: m.name,
    namespace: m.namespace,
    type,
    ...(clusterIp !== undefined ? { clusterIp } : {}),
    headless,
    ...(hasSelector ? { selector: describeSelector(selector) } : {}),
    ...(externalName ? { externalName } : {}),
    ...(externalTrafficPolicy ? { externalTrafficPolicy } : {}),
    ports,
    endpoints,
    exposure: '',
    azure,
    ...(rejected ? { rejected } : {}),
  };
  resolved.exposure = rejected ? `Not created: ${rejected}` : describeExposure(resolved);
  return resolved;
}

function readAzure(m: Manifest, type: ServiceType, spec: Obj, out: Diagnostic[]): AzureExposure {
  const doc = m.doc;
  const a = m.annotations;
  const isLb = type === 'LoadBalancer';
  const azure: AzureExposure = { sourceRanges: [], annotations: [] };
  for (const [key, value] of Object.entries(a)) {
    if (!key.startsWith(PREFIX)) continue;
    const at = { ...doc.keyAt(['metadata', 'annotations', key]), source: LB_ANNOTATIONS_SOURCE };
    const known = annotationByKey.get(key);
    const portAnn = PORT_ANNOTATION.exec(key);
    if (known) {
      azure.annotations.push({ key, value, effect: known.effect, known: true });
      if (known.removed) out.push(diag('warning', 'removed-azure-annotation', `${key} has no effect: ${known.removed}.`, at));
      const problem = known.check?.(value);
      if (problem) out.push(diag('error', 'invalid-annotation-value', `${key} ${problem} (it is "${value}").`, { ...doc.at(['metadata', 'annotations', key]), source: LB_ANNOTATIONS_SOURCE }));
    } else if (portAnn) {
      azure.annotations.push({ key, value, effect: `Health probe setting for service port ${portAnn[1]}.`, known: true });
    } else if (key.startsWith(`${PREFIX}azure-`)) {
      const short = key.slice(PREFIX.length);
      const near = AZURE_ANNOTATIONS.map((x) => x.key).filter((k) => editDistance(k, short) <= 3).sort((x, y) => editDistance(x, short) - editDistance(y, short))[0];
      azure.annotations.push({ key, value, effect: 'Not an annotation the Azure cloud provider reads: it does nothing.', known: false });
      out.push(diag('warning', 'unknown-azure-annotation', `${key} is not an Azure load balancer annotation, so it does nothing${near ? ` — did you mean ${PREFIX}${near}?` : ''}`, at));
    } else continue;
    if (!isLb) out.push(diag('info', 'annotation-ignored', `${key} only applies to Services of type LoadBalancer (this one is ${type}).`, at));
  }
  if (!isLb) {
    if (Array.isArray(spec.loadBalancerSourceRanges) && spec.loadBalancerSourceRanges.length) {
      out.push(diag('info', 'source-ranges-ignored', `loadBalancerSourceRanges only applies to type LoadBalancer (this Service is ${type}).`, doc.keyAt(['spec', 'loadBalancerSourceRanges'])));
    }
    return azure;
  }
  const internal = a[`${PREFIX}azure-load-balancer-internal`] === 'true';
  azure.loadBalancer = internal ? 'internal' : 'public';
  const subnet = a[`${PREFIX}azure-load-balancer-internal-subnet`];
  if (subnet !== undefined) {
    azure.internalSubnet = subnet;
    if (!internal) out.push(diag('warning', 'annotation-needs-internal', `azure-load-balancer-internal-subnet only takes effect with service.beta.kubernetes.io/azure-load-balancer-internal: "true"; this load balancer is public.`, { ...doc.keyAt(['metadata', 'annotations', `${PREFIX}azure-load-balancer-internal-subnet`]), source: AKS_ILB }));
  }
  const dns = a[`${PREFIX}azure-dns-label-name`];
  if (dns !== undefined) {
    azure.dnsLabel = dns;
    if (internal) out.push(diag('warning', 'dns-label-on-internal', 'azure-dns-label-name sets a DNS label on a public IP; an internal load balancer has none.', { ...doc.keyAt(['metadata', 'annotations', `${PREFIX}azure-dns-label-name`]), source: LB_ANNOTATIONS_SOURCE }));
  }
  const pip = a[`${PREFIX}azure-pip-name`];
  if (pip !== undefined) azure.pipName = pip;
  const rg = a[`${PREFIX}azure-load-balancer-resource-group`];
  if (rg !== undefined) azure.resourceGroup = rg;
  const ipv4 = a[`${PREFIX}azure-load-balancer-ipv4`] ?? a[`${PREFIX}azure-load-balancer-ipv6`];
  if (ipv4 !== undefined) azure.ip = ipv4;
  if (typeof spec.loadBalancerIP === 'string' && spec.loadBalancerIP !== '') {
    azure.ip ??= spec.loadBalancerIP;
    out.push(diag('warning', 'load-balancer-ip-deprecated', 'spec.loadBalancerIP is deprecated and cannot do dual-stack; use the annotation service.beta.kubernetes.io/azure-load-balancer-ipv4 (or azure-pip-name for an existing public IP).', { ...doc.keyAt(['spec', 'loadBalancerIP']), source: LB_ANNOTATIONS_SOURCE }));
  }

  // loadBalancerSourceRanges become NSG rules on the node subnet's NSG.
  const ranges = Array.isArray(spec.loadBalancerSourceRanges) ? spec.loadBalancerSourceRanges : [];
  const parsed: Cidr[] = [];
  ranges.forEach((r: unknown, i: number) => {
    const p = parseCidr(r, { strict: false });
    if (!p.ok) {
      out.push(diag('error', 'invalid-source-range', `loadBalancerSourceRanges: ${p.reason}.`, doc.at(['spec', 'loadBalancerSourceRanges', i])));
      return;
    }
    parsed.push(p.value);
    azure.sourceRanges.push(formatCidr(p.value));
  });
  if (parsed.length) {
    const at = { ...doc.keyAt(['spec', 'loadBalancerSourceRanges']), source: AKS_LB };
    const nobody = cidrs('0.0.0.0/32', '127.0.0.0/8', '169.254.0.0/16', '::/128', '::1/128', 'fe80::/10');
    const priv = cidrs('10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7');
    const inAny = (c: Cidr, set: Cidr[]): boolean => set.some((s) => s.family === c.family && containsCidr(s, c));
    if (parsed.every((c) => inAny(c, nobody))) {
      out.push(diag('warning', 'source-ranges-exclude-everyone', `loadBalancerSourceRanges (${azure.sourceRanges.join(', ')}) only allows unspecified, loopback or link-local sources: no real client can connect.`, at));
    } else if (!internal && parsed.every((c) => inAny(c, priv))) {
      out.push(
        diag('warning', 'source-ranges-private-only', `This public load balancer only allows private sources (${azure.sourceRanges.join(', ')}): internet clients cannot connect. If only VNet clients need it, use an internal load balancer.`, at),
      );
    }
    if (internal && a[`${PREFIX}azure-deny-all-except-load-balancer-source-ranges`] !== 'true') {
      out.push(
        diag('info', 'source-ranges-vnet-still-allowed', `On an internal load balancer the NSG default rule AllowVnetInBound (${FACTS['nsg-default-allow-vnet-priority'].value}) still admits any VNet client; add service.beta.kubernetes.io/azure-deny-all-except-load-balancer-source-ranges: "true" to enforce the ranges.`, {
          ...at,
          source: LB_ANNOTATIONS_SOURCE,
        }),
      );
    }
  }
  return azure;
}

/** Well-known ranges, written as literals here (they always parse). */
const cidrs = (...texts: string[]): Cidr[] => texts.flatMap((t) => {
  const p = parseCidr(t);
  return p.ok ? [p.value] : [];
});

function describeExposure(s: ResolvedService): string {
  const dnsName = `${s.name}.${s.namespace}.svc.cluster.local`;
  const portList = s.ports.map((p) => `${p.port}/${p.protocol}`).join(', ') || '(no ports)';
  if (s.type === 'ExternalName') return `DNS only: ${dnsName} is a CNAME to ${s.externalName ?? '(externalName missing)'}. No cluster IP, no proxying, no endpoints.`;
  if (s.headless) return `Headless: no cluster IP and no load balancing by kube-proxy. DNS for ${dnsName} answers with the IPs of the ${s.endpoints.length ? 'selected ' : ''}pods directly.`;
  const parts = [`Inside the cluster: ${dnsName} (cluster IP ${s.clusterIp ?? 'assigned by Kubernetes'}) on ${portList}; kube-proxy spreads connections over the endpoints.`];
  if (s.type === 'NodePort' || s.type === 'LoadBalancer') {
    const nps = s.ports.map((p) => (p.nodePort ? `${p.nodePort}` : `a port from ${factDisplay(FACTS['nodeport-range'])}`)).join(', ');
    parts.push(`On every node: <node IP>:${nps} — AKS node IPs are private, so from the VNet and connected networks.`);
  }
  if (s.type === 'LoadBalancer') {
    const a = s.azure;
    const where = a.loadBalancer === 'internal'
      ? `an internal Azure Standard Load Balancer frontend with a private IP${a.ip ? ` ${a.ip}` : ''}${a.internalSubnet ? ` in subnet ${a.internalSubnet}` : ''}: reachable from the VNet, peered VNets and on-premises networks connected to it`
      : `a public IP${a.ip ? ` ${a.ip}` : a.pipName ? ` (existing public IP "${a.pipName}")` : ''} on the cluster's Azure Standard Load Balancer${a.dnsLabel ? ` (DNS name ${a.dnsLabel}.<region>.cloudapp.azure.com)` : ''}: reachable from the internet`;
    parts.push(`From outside: ${where}.`);
    parts.push(
      a.sourceRanges.length
        ? `AKS adds NSG rules allowing only ${a.sourceRanges.join(', ')} to these ports.`
        : a.loadBalancer === 'public'
          ? 'AKS adds an NSG rule allowing any source (Internet) to these ports; set loadBalancerSourceRanges to restrict it.'
          : 'No loadBalancerSourceRanges: any client that can reach the VNet can connect.',
    );
    parts.push(
      s.externalTrafficPolicy === 'Local'
        ? 'externalTrafficPolicy Local: the client source IP is preserved, and the load balancer sends traffic only to nodes with a ready endpoint (the health probe fails on the others).'
        : 'externalTrafficPolicy Cluster (default): any node accepts the traffic and may forward it to a pod on another node, replacing the client source IP with the node\'s IP.',
    );
  }
  if (s.type === 'NodePort' && s.externalTrafficPolicy === 'Local') parts.push('externalTrafficPolicy Local: only nodes running an endpoint answer on the node port, and the client IP is kept.');
  return parts.join(' ');
}
