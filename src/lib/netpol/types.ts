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

export interface Cluster {
  namespaces: ClusterNamespace[];
  pods: ClusterPod[];
}

/** "namespace/pod", or an address (outside the cluster unless a pod has it). */
export type Endpoint = string | { ip: string };

export interface Traffic {
  from: Endpoint;
  to: Endpoint;
  port: number | string;
  protocol?: Protocol;
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
}

export interface TruthTableOutput {
  sources: string[];
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
