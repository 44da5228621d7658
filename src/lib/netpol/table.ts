/**
 * The truth table: every pod × every pod × each port, computed with bitsets so that 200
 * policies × 500 pods × 3 ports stays fast. Per rule, the set of pods its peers match is
 * computed once; per port, which destinations its ports match; then each pod's allowed
 * set is the union (OR) of the rules of the policies isolating it. The per-connection
 * evaluator (model.ts `decide`) answers the same question rule by rule; tests check
 * both agree.
 */
import { resolveNamedPort } from '../k8s/manifests';
import { decide, type Model, peerMatches, portMatches, type End } from './model';
import { rulesOf, type Rule } from './policy';
import type { Protocol } from './types';

type Bits = Uint32Array;

const has = (b: Bits, i: number): boolean => (b[i >>> 5]! & (1 << (i & 31))) !== 0;
const set = (b: Bits, i: number): void => {
  b[i >>> 5]! |= 1 << (i & 31);
};
function orInto(target: Bits, src: Bits): void {
  for (let w = 0; w < target.length; w++) target[w]! |= src[w]!;
}

export interface TableColumn {
  port: number | string;
  protocol: Protocol;
}

/** A DNS-name destination column (outside the cluster). */
export interface NameColumn {
  name: string;
  resolvesTo?: string;
}

/**
 * The truth table over every pod (sources) × every pod, then each name (destinations),
 * per port. With Cilium policies (entities relative to each pod's node, FQDNs, deny rules)
 * and for name columns, every cell is decided by the per-connection evaluator; otherwise
 * with bitsets.
 */
export function computeTable(m: Model, columns: TableColumn[], names: NameColumn[] = []): { sources: string[]; destinations: string[]; cells: ('allow' | 'deny')[][][] } {
  const keys = m.cluster.pods.map((p) => p.key);
  const pods = m.cluster.pods;
  const base = m.cilium.policies.length ? decidedTable(m, columns) : bitsetTable(m, columns);
  if (names.length === 0) return { sources: keys, destinations: [...keys], cells: base };
  const cells = base.map((grid, ci) =>
    grid.map((row, s) => [
      ...row,
      ...names.map((n) => decide(m, { from: pods[s]!.key, to: n.name, port: columns[ci]!.port, protocol: columns[ci]!.protocol, ...(n.resolvesTo ? { resolvesTo: n.resolvesTo } : {}) }).result.verdict),
    ]),
  );
  return { sources: keys, destinations: [...keys, ...names.map((n) => n.name)], cells };
}

function decidedTable(m: Model, columns: TableColumn[]): ('allow' | 'deny')[][][] {
  const pods = m.cluster.pods;
  return columns.map((col) => pods.map((src) => pods.map((dst) => decide(m, { from: src.key, to: dst.key, port: col.port, protocol: col.protocol }).result.verdict)));
}

function bitsetTable(m: Model, columns: TableColumn[]): ('allow' | 'deny')[][][] {
  const pods = m.cluster.pods;
  const n = pods.length;
  const words = Math.max(1, Math.ceil(n / 32));
  const bits = (): Bits => new Uint32Array(words);
  const all = bits();
  for (let i = 0; i < n; i++) set(all, i);
  const ends: End[] = pods.map((pod) => ({ kind: 'pod', pod }));

  // Pods each rule's peers match (the other end of the connection), once per rule.
  const peerSet = new Map<Rule, Bits>();
  const ruleList: Rule[] = [];
  for (const p of m.policies) {
    for (const d of ['ingress', 'egress'] as const) {
      for (const r of rulesOf(p, d)) {
        ruleList.push(r);
        if (r.peers.some((x) => x.kind === 'any')) {
          peerSet.set(r, all);
          continue;
        }
        const b = bits();
        for (let i = 0; i < n; i++) if (r.peers.some((peer) => peerMatches(m, peer, ends[i]!))) set(b, i);
        peerSet.set(r, b);
      }
    }
  }
  // Pods sharing a node with each pod, for node-local traffic.
  const hostPodsOnNode = new Map<string, Bits>();
  for (const pod of pods) {
    if (!pod.hostNetwork || pod.node === undefined) continue;
    const b = hostPodsOnNode.get(pod.node) ?? bits();
    set(b, pod.index);
    hostPodsOnNode.set(pod.node, b);
  }

  const cells: ('allow' | 'deny')[][][] = [];
  for (const col of columns) {
    // The port number on each destination (named ports resolve per pod).
    const numeric = typeof col.port === 'number' ? col.port : /^\d+$/.test(col.port) ? Number(col.port) : undefined;
    const valid = numeric === undefined || (Number.isInteger(numeric) && numeric >= 1 && numeric <= 65535);
    const portOf = pods.map((pod) => (!valid ? undefined : numeric !== undefined ? numeric : resolveNamedPort(pod, String(col.port), col.protocol)));
    // Destinations each rule's ports match.
    const portMask = new Map<Rule, Bits>();
    for (const r of ruleList) {
      if (r.ports.some((x) => x.kind === 'any')) {
        portMask.set(r, all);
        continue;
      }
      const b = bits();
      for (let i = 0; i < n; i++) {
        const port = portOf[i];
        if (port !== undefined && r.ports.some((pm) => portMatches(m, pm, ends[i]!, port, col.protocol))) set(b, i);
      }
      portMask.set(r, b);
    }

    // Egress: destinations each pod may send to.
    const policyOut = new Map<number, Bits>();
    const out: Bits[] = pods.map((pod) => {
      const isolating = m.isolating.egress[pod.index]!;
      if (pod.hostNetwork || isolating.length === 0) return all;
      const b = bits();
      for (const pi of isolating) {
        let pb = policyOut.get(pi);
        if (!pb) {
          pb = bits();
          for (const r of rulesOf(m.policies[pi]!, 'egress')) {
            const ps = peerSet.get(r)!;
            const pm = portMask.get(r)!;
            for (let w = 0; w < words; w++) pb[w]! |= ps[w]! & pm[w]!;
          }
          policyOut.set(pi, pb);
        }
        orInto(b, pb);
      }
      if (m.engine.egressToOwnNode && pod.node !== undefined) {
        const local = hostPodsOnNode.get(pod.node);
        if (local) orInto(b, local);
      }
      return b;
    });

    // Ingress: sources each pod may receive from.
    const policyIn = new Map<string, Bits>();
    const inn: Bits[] = pods.map((pod) => {
      const isolating = m.isolating.ingress[pod.index]!;
      if (pod.hostNetwork || isolating.length === 0) return all;
      const b = bits();
      for (const pi of isolating) {
        const rules = rulesOf(m.policies[pi]!, 'ingress').filter((r) => has(portMask.get(r)!, pod.index));
        // Pods matching the same rules of a policy share the union; key it by those rules.
        const key = `${pi}:${rules.map((r) => r.index).join(',')}`;
        let pb = policyIn.get(key);
        if (!pb) {
          pb = bits();
          for (const r of rules) orInto(pb, peerSet.get(r)!);
          policyIn.set(key, pb);
        }
        orInto(b, pb);
      }
      if (pod.node !== undefined) {
        const local = hostPodsOnNode.get(pod.node);
        if (local) orInto(b, local);
      }
      return b;
    });

    const grid: ('allow' | 'deny')[][] = [];
    for (let s = 0; s < n; s++) {
      const row: ('allow' | 'deny')[] = new Array(n);
      const o = out[s]!;
      for (let d = 0; d < n; d++) {
        if (portOf[d] === undefined) row[d] = 'deny';
        else if (s === d) row[d] = 'allow';
        else row[d] = has(o, d) && has(inn[d]!, s) ? 'allow' : 'deny';
      }
      grid.push(row);
    }
    cells.push(grid);
  }
  return cells;
}
