/**
 * Shared checking for the network-policy exercises. A checker judges what the learner's
 * policies DO: it computes the truth table of their policies on the exercise's own
 * cluster (never the cluster pane, which the learner could edit) and compares every cell
 * with the required allow/deny matrix, then asks about single connections the matrix
 * cannot show (addresses outside the cluster). Any policy set with that behaviour passes.
 *
 * Behaviour is judged twice: with the upstream Kubernetes semantics, and with Cilium on
 * AKS, which does not let an ipBlock select pod IPs. An answer that reaches pods only
 * through their IPs works on one and not the other, so it is not accepted.
 */
import { evaluateTraffic, parseCluster, truthTable } from '../netpol';
import type { Cluster, Engine, HttpRequest, Protocol } from '../netpol/types';
import { failOnError } from './checks';
import { fail, pass, type CheckResult } from './types';

export interface PortSpec {
  port: number;
  protocol?: Protocol;
}

/** One pod of the exercise's cluster, as the expectation sees it. */
export interface PodInfo {
  key: string;
  namespace: string;
  name: string;
  labels: Record<string, string>;
  /** Labels of the pod's namespace (kubernetes.io/metadata.name included). */
  nsLabels: Record<string, string>;
}

/** What the task requires for one cell: true = allowed, false = denied, 'any' = not judged. */
export type Expectation = (from: PodInfo, to: PodInfo, port: { port: number; protocol: Protocol }) => boolean | 'any';

export interface TrafficCase {
  from: string;
  /** "namespace/pod", an IP address, or (with the Cilium engine) a DNS name. */
  to: string;
  port: number;
  protocol?: Protocol;
  /** For a DNS name: the address it resolves to. */
  resolvesTo?: string;
  /** An HTTP request over the connection (judged by Cilium L7 rules). */
  http?: HttpRequest;
  allow: boolean;
}

export interface NetpolSpec {
  /** The exercise's cluster: Namespace and Pod manifests, also shown in the cluster pane. */
  cluster: string;
  ports: PortSpec[];
  expect: Expectation;
  /** Single connections, e.g. from or to addresses outside the cluster. */
  traffic?: TrafficCase[];
  /** Said when the answer passes: what the policies now do, and why that is right. */
  success: string;
  /**
   * Whose behaviour judges the answer. Default: upstream Kubernetes, then Cilium on AKS.
   * Exercises on CiliumNetworkPolicy are judged by Cilium alone (no other engine reads them).
   */
  engines?: Engine[];
}

const MAX_DETAILS = 12;
const arrow = (from: string, to: string, port: number, protocol: Protocol, http?: HttpRequest) => `${http ? `${http.method} ${http.path} from ` : ''}${from} → ${to} on ${port}/${protocol}`;
const word = (allow: boolean) => (allow ? 'allowed' : 'denied');

/** The exercise's cluster, read once per check (it is fixed text, so this cannot fail). */
export function exerciseCluster(text: string): Cluster {
  return parseCluster(text).cluster;
}

function podInfos(cluster: Cluster): Map<string, PodInfo> {
  const nsLabels = new Map(cluster.namespaces.map((n) => [n.name, { ...(n.labels ?? {}), 'kubernetes.io/metadata.name': n.name }]));
  return new Map(
    cluster.pods.map((p) => {
      const key = `${p.namespace}/${p.name}`;
      return [key, { key, namespace: p.namespace, name: p.name, labels: p.labels ?? {}, nsLabels: nsLabels.get(p.namespace) ?? { 'kubernetes.io/metadata.name': p.namespace } }];
    }),
  );
}

/**
 * Every cell of the learner's truth table that differs from `expected`, in words
 * ("frontend/web → backend/api on 8080/TCP: denied, should be allowed"). A pod's
 * connection to itself is always allowed, so it is not judged.
 */
export function wrongCells(policies: string, cluster: Cluster, ports: PortSpec[], expected: Expectation, engine: Engine = 'kubernetes'): { error?: CheckResult; wrong: string[] } {
  const table = truthTable({ cluster, policies, ports: ports.map((p) => ({ port: p.port, protocol: p.protocol ?? 'TCP' })), engine });
  const error = failOnError(table.diagnostics, 'policies');
  if (error) return { error, wrong: [] };
  const pods = podInfos(cluster);
  const wrong: string[] = [];
  ports.forEach((p, pi) => {
    const port = { port: p.port, protocol: p.protocol ?? 'TCP' };
    table.sources.forEach((s, si) => {
      table.destinations.forEach((d, di) => {
        if (s === d) return;
        const want = expected(pods.get(s)!, pods.get(d)!, port);
        if (want === 'any') return;
        const got = table.cells[pi]![si]![di] === 'allow';
        if (got !== want) wrong.push(`${arrow(s, d, port.port, port.protocol)}: ${word(got)}, should be ${word(want)}.`);
      });
    });
  });
  return { wrong };
}

/** The single connections that behave differently from what the task requires, in words. */
export function wrongTraffic(policies: string, cluster: Cluster, cases: TrafficCase[], engine: Engine = 'kubernetes'): { error?: CheckResult; wrong: string[] } {
  if (cases.length === 0) return { wrong: [] };
  const r = evaluateTraffic({ cluster, policies, traffic: cases.map(({ from, to, port, protocol, resolvesTo, http }) => ({ from, to, port, protocol: protocol ?? 'TCP', ...(resolvesTo ? { resolvesTo } : {}), ...(http ? { http } : {}) })), engine });
  const error = failOnError(r.diagnostics, 'policies');
  if (error) return { error, wrong: [] };
  const wrong: string[] = [];
  cases.forEach((c, i) => {
    const got = r.results[i]?.verdict === 'allow';
    if (got !== c.allow) wrong.push(`${arrow(c.from, c.to, c.port, c.protocol ?? 'TCP', c.http)}: ${word(got)}, should be ${word(c.allow)}.`);
  });
  return { wrong };
}

function listed(wrong: string[]): string[] {
  return wrong.length > MAX_DETAILS ? [...wrong.slice(0, MAX_DETAILS), `… and ${wrong.length - MAX_DETAILS} more.`] : wrong;
}

/** The failure for connections that behave wrongly, listing them in words. */
function mismatch(wrong: string[]): CheckResult {
  const n = wrong.length;
  return fail(`${n} connection${n === 1 ? '' : 's'} behave${n === 1 ? 's' : ''} differently from what the task asks.`, listed(wrong));
}

/**
 * Requires the learner's policies to give exactly the expected matrix on the exercise's
 * cluster and ports. Returns a failure, or undefined when every judged cell is right.
 */
export function requireMatrix(inputs: Record<string, string>, cluster: Cluster, ports: PortSpec[], expected: Expectation, engine: Engine = 'kubernetes'): CheckResult | undefined {
  const { error, wrong } = wrongCells(inputs.policies ?? '', cluster, ports, expected, engine);
  return error ?? (wrong.length ? mismatch(wrong) : undefined);
}

/** The whole check of a network-policy exercise: errors, the matrix, then single connections. */
export function checkPolicies(inputs: Record<string, string>, spec: NetpolSpec): CheckResult {
  const policies = inputs.policies ?? '';
  if (policies.trim() === '') return fail('The policies pane is empty: write the NetworkPolicies (Reset restores the start).');
  const cluster = exerciseCluster(spec.cluster);
  const judge = (engine: Engine): { error?: CheckResult; wrong: string[] } => {
    const cells = wrongCells(policies, cluster, spec.ports, spec.expect, engine);
    if (cells.error) return cells;
    const traffic = wrongTraffic(policies, cluster, spec.traffic ?? [], engine);
    if (traffic.error) return traffic;
    // The hand-picked connections first (they say the most); one that repeats a matrix
    // cell is said once.
    return { wrong: [...new Set([...traffic.wrong, ...cells.wrong])] };
  };
  if (spec.engines) {
    for (const engine of spec.engines) {
      const r = judge(engine);
      if (r.error) return r.error;
      if (r.wrong.length) return mismatch(r.wrong);
    }
    return pass(spec.success);
  }
  const upstream = judge('kubernetes');
  if (upstream.error) return upstream.error;
  if (upstream.wrong.length) return mismatch(upstream.wrong);
  const cilium = judge('cilium');
  if (cilium.error) return cilium.error;
  if (cilium.wrong.length) {
    return fail(
      'Your policies work only where an ipBlock matches pod IPs. Azure CNI Powered by Cilium does not let an ipBlock select pod or node IPs, and pod IPs change when pods restart: select pods with podSelector and namespaceSelector instead.',
      listed(cilium.wrong.map((w) => `With Cilium: ${w}`)),
    );
  }
  return pass(spec.success);
}
