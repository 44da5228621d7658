/**
 * Reads multi-document Kubernetes YAML into objects with their source positions, and
 * extracts pods (with labels and container ports) from Pods and workload templates.
 * Shared by the network-policy, Service and Ingress engines.
 */
import { diag, type Diagnostic } from '../diagnostics';
import { parseYamlDocuments, type YamlDocument, type YamlOptions } from '../yaml';
import { readLabels, type Labels } from './selector';

export interface Manifest {
  kind: string;
  apiVersion: string;
  name: string;
  /** metadata.namespace, or "default" when absent. */
  namespace: string;
  /** True when metadata.namespace was written in the document. */
  namespaceSet: boolean;
  /** True when metadata.namespace was written but is not a namespace name (engines must not guess which one). */
  namespaceUnread: boolean;
  labels: Labels;
  annotations: Record<string, string>;
  value: Record<string, unknown>;
  doc: YamlDocument;
}

export interface ManifestSet {
  manifests: Manifest[];
  diagnostics: Diagnostic[];
}

export function readManifests(text: unknown, options: YamlOptions = {}): ManifestSet {
  const { documents, diagnostics } = parseYamlDocuments(text, options);
  const manifests: Manifest[] = [];
  for (const doc of documents) {
    const v = doc.value;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      diagnostics.push(diag('error', 'not-a-manifest', 'This document is not a Kubernetes object (a mapping with apiVersion, kind and metadata).', { ...doc.at([]), unread: `document ${doc.index + 1}` }));
      continue;
    }
    const obj = v as Record<string, unknown>;
    // kind: List (what `kubectl get -o yaml` prints) holds objects in items.
    if (obj.kind === 'List' && Array.isArray(obj.items)) {
      obj.items.forEach((item, i) => {
        const m = toManifest(item, doc, ['items', i], diagnostics);
        if (m) manifests.push(m);
      });
      continue;
    }
    const m = toManifest(obj, doc, [], diagnostics);
    if (m) manifests.push(m);
  }
  return { manifests, diagnostics };
}

/** RFC 1123 label: what a namespace name must be. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** The part an unreadable object leaves out, in words: "document 2" or "document 2, item 3". */
const unreadPart = (doc: YamlDocument, base: (string | number)[]): string => `document ${doc.index + 1}${typeof base[1] === 'number' ? `, item ${base[1] + 1}` : ''}`;

function toManifest(v: unknown, doc: YamlDocument, base: (string | number)[], out: Diagnostic[]): Manifest | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    out.push(diag('error', 'not-a-manifest', 'This item is not a Kubernetes object.', { ...doc.at(base), unread: unreadPart(doc, base) }));
    return undefined;
  }
  const obj = v as Record<string, unknown>;
  if (typeof obj.kind !== 'string' || obj.kind === '') {
    out.push(diag('error', 'missing-kind', 'This object has no "kind" (Pod, Service, NetworkPolicy, …).', { ...doc.at(base), unread: unreadPart(doc, base) }));
    return undefined;
  }
  const meta = (typeof obj.metadata === 'object' && obj.metadata !== null && !Array.isArray(obj.metadata) ? obj.metadata : {}) as Record<string, unknown>;
  if (obj.metadata === undefined || typeof meta.name !== 'string' || meta.name === '') {
    const generate = typeof meta.generateName === 'string';
    if (!generate) out.push(diag('error', 'missing-name', `This ${obj.kind} has no metadata.name.`, doc.at(obj.metadata === undefined ? base : [...base, 'metadata'])));
  }
  const nsWritten = meta.namespace !== undefined && meta.namespace !== null;
  const namespaceUnread = nsWritten && (typeof meta.namespace !== 'string' || !DNS_LABEL.test(meta.namespace));
  if (namespaceUnread && typeof meta.namespace === 'string') {
    out.push(diag('error', 'invalid-namespace', `"${meta.namespace}" is not a namespace name (at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit).`, doc.at([...base, 'metadata', 'namespace'])));
  }
  const annotations: Record<string, string> = {};
  if (meta.annotations && typeof meta.annotations === 'object' && !Array.isArray(meta.annotations)) {
    for (const [k, a] of Object.entries(meta.annotations as Record<string, unknown>)) {
      if (typeof a === 'string') annotations[k] = a;
      else out.push(diag('error', 'wrong-type', `The annotation "${k}" must be a string: quote its value.`, doc.at([...base, 'metadata', 'annotations', k])));
    }
  }
  return {
    kind: obj.kind,
    apiVersion: typeof obj.apiVersion === 'string' ? obj.apiVersion : '',
    name: typeof meta.name === 'string' ? meta.name : typeof meta.generateName === 'string' ? meta.generateName : '',
    namespace: typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : 'default',
    namespaceSet: typeof meta.namespace === 'string' && meta.namespace !== '',
    namespaceUnread,
    labels: readLabels(meta.labels, doc, [...base, 'metadata', 'labels'], out),
    annotations,
    value: obj,
    doc: base.length ? subDocument(doc, base) : doc,
  };
}

/** A view of a document rooted at `base`, so engines address fields from the object. */
function subDocument(doc: YamlDocument, base: (string | number)[]): YamlDocument {
  return {
    index: doc.index,
    line: doc.line,
    value: undefined,
    at: (p) => doc.at([...base, ...p]),
    keyAt: (p) => doc.keyAt([...base, ...p]),
    has: (p) => doc.has([...base, ...p]),
  };
}

/** metadata.creationTimestamp in ms, when written (js-yaml reads an unquoted timestamp as a Date). */
export function createdOf(m: Manifest): number | undefined {
  const meta = m.value.metadata;
  const v = typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>).creationTimestamp : undefined;
  const t = v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(t) ? t : undefined;
}

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface ContainerPort {
  name?: string;
  port: number;
  protocol: Protocol;
}

export interface WorkloadPod {
  namespace: string;
  name: string;
  labels: Labels;
  ip?: string;
  node?: string;
  hostNetwork?: boolean;
  ports: ContainerPort[];
  /** The manifest the pod comes from (a Pod, or the workload whose template it is). */
  from: Manifest;
}

/** Workload kinds whose `spec.template` (or CronJob's jobTemplate) describes pods. */
const TEMPLATE_PATHS: Record<string, string[]> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

function get(obj: unknown, path: string[]): unknown {
  let v = obj;
  for (const p of path) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[p];
  }
  return v;
}

/**
 * Pods described by the manifests: each Pod as itself, and one representative pod per
 * workload (named after the workload) carrying its template's labels and ports.
 */
export function podsOf(manifests: Manifest[], out: Diagnostic[]): WorkloadPod[] {
  const pods: WorkloadPod[] = [];
  for (const m of manifests) {
    let specPath: string[];
    let labels: Labels;
    if (m.kind === 'Pod') {
      specPath = ['spec'];
      labels = m.labels;
    } else if (Object.hasOwn(TEMPLATE_PATHS, m.kind)) {
      const t = TEMPLATE_PATHS[m.kind]!;
      specPath = [...t, 'spec'];
      labels = readLabels(get(m.value, [...t, 'metadata', 'labels']), m.doc, [...t, 'metadata', 'labels'], out);
    } else continue;
    const spec = get(m.value, specPath) as Record<string, unknown> | undefined;
    const ports: ContainerPort[] = [];
    const containers = spec && Array.isArray(spec.containers) ? spec.containers : [];
    containers.forEach((c: unknown, ci: number) => {
      const cps = get(c, ['ports']);
      if (!Array.isArray(cps)) return;
      cps.forEach((p: unknown, pi: number) => {
        const at = [...specPath, 'containers', ci, 'ports', pi];
        const port = get(p, ['containerPort']);
        if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
          out.push(diag('error', 'invalid-port', 'containerPort must be a whole number from 1 to 65535.', m.doc.at([...at, 'containerPort'])));
          return;
        }
        const protocol = get(p, ['protocol']) ?? 'TCP';
        if (protocol !== 'TCP' && protocol !== 'UDP' && protocol !== 'SCTP') {
          out.push(diag('error', 'invalid-protocol', `"${String(protocol)}" is not a protocol; use TCP, UDP or SCTP (upper case).`, m.doc.at([...at, 'protocol'])));
          return;
        }
        const name = get(p, ['name']);
        ports.push({ port, protocol, ...(typeof name === 'string' ? { name } : {}) });
      });
    });
    const ip = get(m.value, ['status', 'podIP']);
    const node = get(spec, ['nodeName']);
    pods.push({
      namespace: m.namespace,
      name: m.name,
      labels,
      ports,
      from: m,
      ...(typeof ip === 'string' ? { ip } : {}),
      ...(typeof node === 'string' ? { node } : {}),
      ...(get(spec, ['hostNetwork']) === true ? { hostNetwork: true } : {}),
    });
  }
  return pods;
}

/**
 * Resolves a port that may be a name (an IANA_SVC_NAME such as "http") against a pod's
 * container ports, as Services' targetPort and NetworkPolicy named ports do.
 */
export function resolveNamedPort(pod: { ports?: { name?: string; port: number; protocol?: string }[] }, port: number | string, protocol: Protocol = 'TCP'): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  const found = (pod.ports ?? []).find((p) => p.name === port && (p.protocol ?? 'TCP') === protocol);
  return found?.port;
}
