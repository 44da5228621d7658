/**
 * Explanations as data, for tools to render (policy-assistant's explain.go): the policies
 * grouped by target → direction → peer → ports, the deciding steps of one matrix cell,
 * and the whole playground run (cluster + policies + query → verdicts, matrix, findings).
 */
import { diag, type Diagnostic } from '../diagnostics';
import { describeSelector } from '../k8s/selector';
import { parseClusterText } from './cluster';
import { lintModel } from './lint';
import { buildModel, decide, selects, type Model } from './model';
import { describePort, shortPeer, type Direction } from './policy';
import { defaultMatrixPorts, parseQuery, queryNames, type Query } from './query';
import { computeTable, type NameColumn, type TableColumn } from './table';
import type { TrafficResult } from './types';

export interface PolicyRow {
  direction: Direction;
  /** The peer in a few words ("namespaces team=web", "10.0.0.0/8"), or "—" for a rule-less direction. */
  peer: string;
  ports: string;
  /** "namespace/policy ingress[0]". */
  rule: string;
}

export interface PolicyGroup {
  /** "namespace: selector" or "namespace: all pods". */
  target: string;
  /** Keys of the cluster's pods the group's policies select. */
  pods: string[];
  /** Ingress rows first, then egress, each sorted by peer; rows of one target combine with OR. */
  rows: PolicyRow[];
}

/** Policies grouped by the pods they select, then direction, then peer (like policy-assistant's explain table). */
export function explainPolicies(m: Model): PolicyGroup[] {
  const groups = new Map<string, { indices: number[]; rows: PolicyRow[] }>();
  m.policies.forEach((p, pi) => {
    const target = p.unread ? `${p.anyNamespace ? 'every namespace' : p.namespace}: not read, counted as selecting all pods` : `${p.namespace}: ${p.podSelector.matchesAll ? 'all pods' : describeSelector(p.podSelector)}`;
    const g = groups.get(target) ?? { indices: [], rows: [] };
    g.indices.push(pi);
    for (const d of p.policyTypes) {
      const rules = p[d];
      if (rules.length === 0) g.rows.push({ direction: d, peer: '—', ports: '—', rule: p.unread ? `${p.key} (${p.unread}: counted as deny all)` : `${p.key} (no ${d} rules: deny all)` });
      for (const r of rules) {
        for (const peer of r.peers) g.rows.push({ direction: d, peer: shortPeer(peer), ports: r.ports.map(describePort).join(', '), rule: `${p.key} ${d}[${r.index}]` });
      }
    }
    groups.set(target, g);
  });
  const order = (d: Direction) => (d === 'ingress' ? 0 : 1);
  return [...groups.entries()].map(([target, g]) => ({
    target,
    pods: m.cluster.pods.filter((pod) => g.indices.some((i) => selects(m.policies[i]!, pod))).map((p) => p.key),
    rows: [...g.rows].sort((a, b) => order(a.direction) - order(b.direction) || a.peer.localeCompare(b.peer)),
  }));
}

/** The deciding step of each side of a connection, shorter than the full walkthrough (for matrix cells). */
export function decidingSteps(r: TrafficResult, src: string, dst: string): string[] {
  const side = (v: TrafficResult['egress'], word: string, who: string) => (v.isolated ? `${word} ${who} (isolated): ${v.steps[v.steps.length - 1]!}` : `${word} ${who}: not isolated, so allowed.`);
  return src === dst || r.egress.steps.length === 0 ? [r.explanation] : [side(r.egress, 'Egress from', src), side(r.ingress, 'Ingress to', dst)];
}

export interface QueryRun {
  model: Model;
  query: Query;
  /** One per connection line of the query, with its line number. */
  results: { r: TrafficResult; line: number }[];
  /** The matrix's columns: the "ports:" line, else defaultMatrixPorts. */
  columns: TableColumn[];
  /** DNS-name destinations of the query, the matrix's columns after the pods. */
  names: NameColumn[];
  /** [column][source][destination] over model.cluster.pods, then `names`. */
  cells: ('allow' | 'deny')[][][];
  /** Every finding, each with `input` naming the pane ('cluster', 'policies' or 'query'). */
  diagnostics: Diagnostic[];
}

/** The playground's whole run: the three panes' texts in, everything its views show out. */
export function runQuery(inputs: { policies?: string; cluster?: string; query?: string }): QueryRun {
  const parsed = parseClusterText(inputs.cluster ?? '');
  const query = parseQuery(inputs.query ?? '');
  const model = buildModel(parsed.cluster, inputs.policies ?? '', query.engine);
  const diagnostics: Diagnostic[] = [
    ...parsed.diagnostics.map((d) => ({ ...d, input: 'cluster' })),
    ...model.diagnostics.map((d) => ({ ...d, input: 'policies' })),
    ...lintModel(model, model.cluster.pods.length > 0).map((d) => ({ ...d, input: 'policies' })),
    ...query.diagnostics,
  ];
  const results = query.traffic.map(({ traffic, line }) => {
    const { result, problem } = decide(model, traffic);
    if (problem) diagnostics.push(diag('error', 'query-connection', `${problem[0]!.toUpperCase()}${problem.slice(1)}.`, { line, column: 1, input: 'query' }));
    return { r: result, line };
  });
  const columns = query.ports.length ? query.ports : defaultMatrixPorts(model.cluster);
  const names = queryNames(query);
  return { model, query, results, columns, names, cells: computeTable(model, columns, names).cells, diagnostics };
}

/** One matrix cell's connection, decided with its explanation (`resolvesTo` for a name column). */
export function explainCell(m: Model, src: string, dst: string, col: TableColumn, resolvesTo?: string): TrafficResult {
  return decide(m, { from: src, to: dst, port: col.port, protocol: col.protocol, ...(resolvesTo ? { resolvesTo } : {}) }).result;
}
