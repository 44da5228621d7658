/**
 * Kubernetes NetworkPolicy (networking.k8s.io/v1) evaluator: verdicts with the chain that
 * decided them, the truth table, lint, and a cluster reader. Pure and synchronous; bad
 * input becomes diagnostics. Semantics and sources: ../shared/specs/network-policy.md.
 */
import { diag, guard, type Diagnostic } from '../diagnostics';
import { parseClusterText } from './cluster';
import { lintModel } from './lint';
import { buildModel, decide } from './model';
import { computeTable } from './table';
import {
  PROTOCOLS,
  type Cluster,
  type EvaluateInput,
  type EvaluateOutput,
  type LintInput,
  type Protocol,
  type TruthTableInput,
  type TruthTableOutput,
} from './types';

export type * from './types';
export { ENGINES, PROTOCOLS } from './types';
export { ENGINE_PROFILES, type EngineProfile } from './engines';
export { parseQuery, defaultMatrixPorts, queryNames, type Query } from './query';
export { explainPolicies, decidingSteps, runQuery, explainCell, type PolicyGroup, type PolicyRow, type QueryRun } from './explain';
export type { Model } from './model';
export type { NameColumn, TableColumn } from './table';

export function evaluateTraffic(input: EvaluateInput): EvaluateOutput {
  return guard(
    () => {
      const m = buildModel(input.cluster, input.policies, input.engine);
      const diagnostics = [...m.diagnostics];
      const results = (Array.isArray(input.traffic) ? input.traffic : []).map((t, i) => {
        const { result, problem } = decide(m, t);
        if (problem) diagnostics.push(diag('error', 'invalid-traffic', `Connection ${i + 1}: ${problem}.`, { field: `traffic[${i}]` }));
        return result;
      });
      return { results, diagnostics };
    },
    (d) => ({ results: [], diagnostics: [d] }),
  );
}

export function truthTable(input: TruthTableInput): TruthTableOutput {
  return guard(
    () => {
      const m = buildModel(input.cluster, input.policies, input.engine);
      const diagnostics = [...m.diagnostics];
      const columns = (Array.isArray(input.ports) ? input.ports : []).map((p, i) => {
        const protocol = String(p.protocol ?? 'TCP').toUpperCase() as Protocol;
        if (!PROTOCOLS.includes(protocol)) diagnostics.push(diag('error', 'invalid-protocol', `Port ${i + 1}: "${String(p.protocol)}" is not TCP, UDP or SCTP.`, { field: `ports[${i}]` }));
        return { port: p.port, protocol: PROTOCOLS.includes(protocol) ? protocol : 'TCP' };
      });
      const names = (Array.isArray(input.names) ? input.names : []).filter((n) => n && typeof n.name === 'string');
      return { ...computeTable(m, columns, names), diagnostics };
    },
    (d) => ({ sources: [], destinations: [], cells: [], diagnostics: [d] }),
  );
}

export function lintPolicies(input: LintInput): Diagnostic[] {
  return guard(
    () => {
      const m = buildModel(input.cluster, input.policies, input.engine);
      return [...m.diagnostics, ...lintModel(m, input.cluster !== undefined)];
    },
    (d) => [d],
  );
}

export function parseCluster(yaml: string): { cluster: Cluster; diagnostics: Diagnostic[] } {
  return guard(
    () => parseClusterText(yaml),
    (d) => ({ cluster: { namespaces: [], pods: [] }, diagnostics: [d] }),
  );
}
