/** Public shapes of the network-policy engine (issue 4; names and fields are a contract). */
import type { Diagnostic } from '../diagnostics';

export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

export interface ClusterNamespace {
  name: string;
  labels?: Record<string, string>;
}

export interface ClusterPod {
  namespace: string;
  name: string;
  labels?: Record<string, string>;
  ip?: string;
  node?: string;
  hostNetwork?: boolean;
  ports?: { name?: string; port: number; protocol?: Protocol }[];
}

/**
 * A Service, for Cilium's `toServices` peers and the `kube-apiserver` entity (optional;
 * without services these peers match nothing, cilium-policy.md §5.4).
 */
export interface ClusterService {
  namespace: string;
  name: string;
  labels?: Record<string, string>;
  /** spec.selector: the pods behind the Service. Absent for a Service without a selector. */
  selector?: Record<string, string>;
  /**
   * Endpoint addresses of a Service without a selector (its EndpointSlices). For the
   * `kubernetes` Service in `default`, the API server's addresses: the `kube-apiserver` entity.
   */
  endpoints?: string[];
}

export interface Cluster {
  namespaces: ClusterNamespace[];
  pods: ClusterPod[];
  services?: ClusterService[];
}

/**
 * "namespace/pod", an address (outside the cluster unless a pod has it), or, as a
 * destination, a DNS name such as "api.github.com" (outside the cluster, known by name).
 */
export type Endpoint = string | { ip: string };

/** An HTTP request sent over the connection (Cilium L7 rules judge it). */
export interface HttpRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
}

export interface Traffic {
  from: Endpoint;
  to: Endpoint;
  port: number | string;
  protocol?: Protocol;
  /** For a DNS-name destination: the address the name resolves to (CIDR rules match only through it). */
  resolvesTo?: string;
  /** Without it the traffic is the L4 connection; with it, one request over that connection. */
  http?: HttpRequest;
}

/**
 * Which implementation's documented behaviour to follow where implementations differ.
 * 'kubernetes' follows the upstream e2e tests and the Kubernetes docs.
 */
export type Engine = 'kubernetes' | 'azure-npm' | 'calico' | 'cilium';
export const ENGINES: readonly Engine[] = ['kubernetes', 'azure-npm', 'calico', 'cilium'];

export interface DirectionVerdict {
  verdict: 'allow' | 'deny';
  /** True when some policy selects the pod for this direction. */
  isolated: boolean;
  /** "namespace/policy-name" of every policy with a rule that allows the connection. */
  allowedBy: string[];
  /** The rules that allowed it, each described in words. */
  rules: string[];
  /** Why, one sentence per step. */
  steps: string[];
  /** The deny rules (Cilium ingressDeny/egressDeny) that refused it, each described in words. */
  deniedBy?: string[];
  /** Set when the connection is allowed but the HTTP request is refused by L7 rules (the client gets 403). */
  l7Denied?: string;
}

export interface TrafficResult {
  verdict: 'allow' | 'deny';
  egress: DirectionVerdict;
  ingress: DirectionVerdict;
  /** The whole chain in words. */
  explanation: string;
  /** The connection as evaluated (named ports resolved): "x/a -> y/b 80/TCP". */
  label: string;
  /** Set when the verdict depends on behaviour that differs between implementations. */
  implementationDefined?: string;
}

export interface EvaluateInput {
  cluster: Cluster;
  policies: string;
  traffic: Traffic[];
  engine?: Engine;
}

export interface EvaluateOutput {
  results: TrafficResult[];
  diagnostics: Diagnostic[];
}

export interface TruthTableInput {
  cluster: Cluster;
  policies: string;
  ports: { port: number | string; protocol?: string }[];
  engine?: Engine;
  /** Extra destination columns after the pods: DNS names outside the cluster. */
  names?: { name: string; resolvesTo?: string }[];
}

export interface TruthTableOutput {
  sources: string[];
  /** The pods, then the names asked for. */
  destinations: string[];
  /** [port][source][destination] */
  cells: ('allow' | 'deny')[][][];
  diagnostics: Diagnostic[];
}

export interface LintInput {
  policies: string;
  cluster?: Cluster;
  engine?: Engine;
}
