/**
 * The cluster a policy set is evaluated against: namespaces (with labels) and pods (with
 * labels, ports, and optionally IP, node and hostNetwork). Read from YAML manifests
 * (Namespace, Pod, and workload pod templates) or given as a plain object.
 */
import { diag, type Diagnostic } from '../diagnostics';
import { parseIp, type Ip } from '../cidr/ip';
import { podsOf, readManifests } from '../k8s/manifests';
import type { Labels } from '../k8s/selector';
import type { Cluster, ClusterPod, ClusterService, Protocol } from './types';

/** The label the control plane sets on every namespace (spec §4). */
export const NAME_LABEL = 'kubernetes.io/metadata.name';

const WORKLOADS = new Set(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob']);

export function parseClusterText(text: unknown): { cluster: Cluster; diagnostics: Diagnostic[] } {
  const { manifests, diagnostics } = readManifests(text);
  const cluster: Cluster = { namespaces: [], pods: [] };
  const endpoints = new Map<string, string[]>();
  for (const m of manifests) {
    if (m.kind === 'Namespace') {
      cluster.namespaces.push({ name: m.name, labels: { ...m.labels, [NAME_LABEL]: m.name } });
      if (m.labels[NAME_LABEL] !== undefined && m.labels[NAME_LABEL] !== m.name) {
        diagnostics.push(diag('warning', 'namespace-name-label', `The control plane sets ${NAME_LABEL}=${m.name} on this namespace; the value written here is replaced.`, m.doc.at(['metadata', 'labels', NAME_LABEL])));
      }
    } else if (m.kind === 'Service') {
      // For Cilium's toServices: the selector, or (without one) the endpoint addresses of a
      // matching Endpoints object; the API server is the `kubernetes` Service in `default`.
      const spec = (m.value.spec ?? {}) as { selector?: unknown };
      const selector = spec.selector && typeof spec.selector === 'object' && !Array.isArray(spec.selector) ? Object.fromEntries(Object.entries(spec.selector as Record<string, unknown>).map(([k, v]) => [k, String(v)])) : undefined;
      (cluster.services ??= []).push({ namespace: m.namespace, name: m.name, labels: m.labels, ...(selector ? { selector } : {}) });
    } else if (m.kind === 'Endpoints') {
      const subsets = Array.isArray(m.value.subsets) ? (m.value.subsets as { addresses?: { ip?: unknown }[] }[]) : [];
      endpoints.set(`${m.namespace}/${m.name}`, subsets.flatMap((x) => (Array.isArray(x?.addresses) ? x.addresses : [])).map((a) => String(a?.ip ?? '')).filter(Boolean));
    } else if (!WORKLOADS.has(m.kind)) {
      diagnostics.push(diag('info', 'kind-skipped', `This ${m.kind} does not describe pods or namespaces; it was skipped here.`, m.doc.at(['kind'])));
    }
  }
  const seen = new Set<string>();
  for (const p of podsOf(manifests, diagnostics)) {
    const key = `${p.namespace}/${p.name}`;
    if (seen.has(key)) {
      diagnostics.push(diag('warning', 'duplicate-pod', `A second pod named ${key}; only the first is used.`, p.from.doc.at(['metadata', 'name'])));
      continue;
    }
    seen.add(key);
    if (p.ip !== undefined && !parseIp(p.ip).ok) {
      diagnostics.push(diag('error', 'invalid-ip', `status.podIP "${p.ip}" is not an IP address.`, p.from.doc.at(['status', 'podIP'])));
    }
    cluster.pods.push({
      namespace: p.namespace,
      name: p.name,
      labels: p.labels,
      ports: p.ports.map((x) => ({ port: x.port, protocol: x.protocol, ...(x.name ? { name: x.name } : {}) })),
      ...(p.ip !== undefined ? { ip: p.ip } : {}),
      ...(p.node !== undefined ? { node: p.node } : {}),
      ...(p.hostNetwork ? { hostNetwork: true } : {}),
    });
  }
  for (const svc of cluster.services ?? []) {
    const eps = endpoints.get(`${svc.namespace}/${svc.name}`);
    if (eps && !svc.selector) svc.endpoints = eps;
  }
  const declared = new Set(cluster.namespaces.map((n) => n.name));
  for (const p of cluster.pods) {
    if (!declared.has(p.namespace)) {
      declared.add(p.namespace);
      cluster.namespaces.push({ name: p.namespace, labels: { [NAME_LABEL]: p.namespace } });
    }
  }
  return { cluster, diagnostics };
}

// ---- the indexed form the evaluator works on ----------------------------------------

export interface PodRec {
  index: number;
  key: string;
  namespace: string;
  name: string;
  labels: Labels;
  nsLabels: Labels;
  ip?: Ip;
  ipText?: string;
  node?: string;
  hostNetwork: boolean;
  ports: { name?: string; port: number; protocol: Protocol }[];
}

export interface ClusterIndex {
  pods: PodRec[];
  byKey: Map<string, PodRec>;
  /** Pod-network pods by IP (hostNetwork pods share their node's IP, so they are kept apart). */
  byIp: Map<string, PodRec>;
  hostByIp: Map<string, PodRec>;
  nsLabels: Map<string, Labels>;
  services: ClusterService[];
}

/** Builds the index; a namespace a pod uses but the cluster does not list gets its name label. */
export function indexCluster(cluster: Cluster | undefined): ClusterIndex {
  const nsLabels = new Map<string, Labels>();
  for (const n of cluster?.namespaces ?? []) nsLabels.set(n.name, { ...(n.labels ?? {}), [NAME_LABEL]: n.name });
  const pods: PodRec[] = [];
  const byKey = new Map<string, PodRec>();
  const byIp = new Map<string, PodRec>();
  const hostByIp = new Map<string, PodRec>();
  for (const p of cluster?.pods ?? []) {
    const key = `${p.namespace}/${p.name}`;
    if (byKey.has(key)) continue;
    if (!nsLabels.has(p.namespace)) nsLabels.set(p.namespace, { [NAME_LABEL]: p.namespace });
    const ip = p.ip !== undefined ? parseIp(p.ip) : undefined;
    const rec: PodRec = {
      index: pods.length,
      key,
      namespace: p.namespace,
      name: p.name,
      labels: p.labels ?? {},
      nsLabels: nsLabels.get(p.namespace)!,
      hostNetwork: p.hostNetwork === true,
      ports: (p.ports ?? []).map((x: NonNullable<ClusterPod['ports']>[number]) => ({ port: x.port, protocol: x.protocol ?? 'TCP', ...(x.name ? { name: x.name } : {}) })),
      ...(ip?.ok ? { ip: ip.value, ipText: p.ip } : {}),
      ...(p.node !== undefined ? { node: p.node } : {}),
    };
    pods.push(rec);
    byKey.set(key, rec);
    if (rec.ip) {
      const k = ipKey(rec.ip);
      if (rec.hostNetwork) {
        if (!hostByIp.has(k)) hostByIp.set(k, rec);
      } else if (!byIp.has(k)) byIp.set(k, rec);
    }
  }
  const services = Array.isArray(cluster?.services) ? cluster.services.filter((x) => x && typeof x.name === 'string' && typeof x.namespace === 'string') : [];
  return { pods, byKey, byIp, hostByIp, nsLabels, services };
}

/** Cluster DNS: CoreDNS pods (label k8s-app=kube-dns in kube-system, on the pod network). */
export const kubeDnsPods = (c: ClusterIndex): PodRec[] => c.pods.filter((p) => p.namespace === 'kube-system' && p.labels['k8s-app'] === 'kube-dns' && !p.hostNetwork);

export const ipKey = (ip: Ip): string => `${ip.family}:${ip.value.toString(16)}`;
