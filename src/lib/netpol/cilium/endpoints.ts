/**
 * Cilium endpoint selectors (cilium-policy.md §3, §5.1). A pod's label view is its labels
 * plus `io.kubernetes.pod.namespace=<ns>` and `io.cilium.k8s.namespace.labels.<k>=<v>`
 * for each label of its namespace. Selector keys may carry a source prefix (`k8s:`,
 * `any:`), which matches pod labels like no prefix; `reserved:` keys select reserved
 * identities, never pods.
 */
import { diag, type Diagnostic } from '../../diagnostics';
import { matches, readSelector, type Labels, type Selector } from '../../k8s/selector';
import type { PathSegment, YamlDocument } from '../../yaml';
import type { PodRec } from '../cluster';

export const NS_KEY = 'io.kubernetes.pod.namespace';
export const NS_LABELS_PREFIX = 'io.cilium.k8s.namespace.labels.';
const C_K8S = 'https://github.com/cilium/cilium/blob/main/Documentation/security/policy/kubernetes.rst';

const NEVER: Selector = { requirements: [{ key: '\u0000reserved', operator: 'Exists', values: [] }], matchesAll: false };

const views = new WeakMap<PodRec, Labels>();

/** The labels Cilium matches selectors against for this pod. */
export function labelView(pod: PodRec): Labels {
  let v = views.get(pod);
  if (!v) {
    v = { ...pod.labels, [NS_KEY]: pod.namespace };
    for (const [k, val] of Object.entries(pod.nsLabels)) v[`${NS_LABELS_PREFIX}${k}`] = val;
    views.set(pod, v);
  }
  return v;
}

const stripSource = (key: string): string => key.replace(/^(k8s|any):/, '');

/**
 * Reads an endpoint selector with Cilium's key prefixes. Problems go to `out`. A selector
 * naming a `reserved:` identity selects no pod (and says so).
 */
export function readEndpointSelector(raw: unknown, doc: YamlDocument, path: PathSegment[], out: Diagnostic[]): Selector {
  if (raw === undefined || raw === null || typeof raw !== 'object' || Array.isArray(raw)) return readSelector(raw, doc, path, out);
  const src = raw as { matchLabels?: unknown; matchExpressions?: unknown };
  let reserved = false;
  const copy: Record<string, unknown> = { ...src };
  if (src.matchLabels && typeof src.matchLabels === 'object' && !Array.isArray(src.matchLabels)) {
    const ml: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(src.matchLabels as Record<string, unknown>)) {
      if (k.startsWith('reserved:')) reserved = true;
      else ml[stripSource(k)] = v;
    }
    copy.matchLabels = ml;
  }
  if (Array.isArray(src.matchExpressions)) {
    copy.matchExpressions = src.matchExpressions.filter((e: unknown) => {
      const key = e && typeof e === 'object' ? (e as { key?: unknown }).key : undefined;
      if (typeof key === 'string' && key.startsWith('reserved:')) {
        reserved = true;
        return false;
      }
      return true;
    }).map((e: unknown) => (e && typeof e === 'object' && typeof (e as { key?: unknown }).key === 'string' ? { ...(e as object), key: stripSource((e as { key: string }).key) } : e));
  }
  const sel = readSelector(copy, doc, path, out);
  if (reserved) {
    out.push(diag('info', 'cilium-reserved-selector', 'A `reserved:` label selects a reserved identity (host, world, health…), never a pod: write it with fromEntities/toEntities instead.', { ...doc.at(path), source: 'https://github.com/cilium/cilium/blob/main/Documentation/security/policy/layer3.rst' }));
    return NEVER;
  }
  return sel;
}

/** True when the selector says which namespace (io.kubernetes.pod.namespace), so no namespace is implied. */
export const namesNamespace = (s: Selector): boolean => s.requirements.some((r) => r.key === NS_KEY);
/** True when the selector uses namespace labels (io.cilium.k8s.namespace.labels.*); Cilium then implies no namespace (C-UTIL). */
export const usesNamespaceLabels = (s: Selector): boolean => s.requirements.some((r) => r.key.startsWith(NS_LABELS_PREFIX));

/** A CNP's endpointSelector cannot pick the namespace: Cilium removes such a requirement (C-UTIL, "removing illegal namespace match"). */
export function dropNamespace(s: Selector, doc: YamlDocument, path: PathSegment[], namespace: string, out: Diagnostic[]): Selector {
  if (!namesNamespace(s)) return s;
  out.push(diag('warning', 'cilium-endpointselector-namespace-ignored', `A CiliumNetworkPolicy's endpointSelector always applies to pods of its own namespace (${namespace}); the io.kubernetes.pod.namespace requirement here is removed by Cilium. Use a CiliumClusterwideNetworkPolicy to select pods in other namespaces.`, { ...doc.at(path), source: C_K8S }));
  const requirements = s.requirements.filter((r) => r.key !== NS_KEY);
  return { requirements, matchesAll: requirements.length === 0 };
}

/** Does an endpoint selector (with its implied namespace, if any) select this pod? hostNetwork pods are never endpoints. */
export function selectsPod(selector: Selector, namespace: string | undefined, pod: PodRec): boolean {
  return !pod.hostNetwork && (namespace === undefined || pod.namespace === namespace) && matches(selector, labelView(pod));
}
