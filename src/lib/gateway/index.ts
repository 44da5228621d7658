/**
 * Gateway API evaluator (issue 13; spec: Gateway API reference, conformance tests,
 * ingress2gateway, AKS docs). Public API — names and shapes are a contract:
 *
 * - routeGatewayRequest({ manifests, request }): where one HTTP request goes, and why.
 * - gatewayRouteTable({ manifests }): every listener × route × rule × match in precedence order.
 * - convertIngress({ manifests, ingressClassName?, gatewayClassName? }): Ingresses → Gateway API.
 *
 * Pure and synchronous; every bad input becomes a diagnostic. Implements listener
 * isolation (GatewayHTTPListenerIsolation), which Application Gateway for Containers does
 * not claim; the explanation says where a choice is implementation-specific.
 */
import { guard, sortDiagnostics, type Diagnostic } from '../diagnostics';
import { attachmentDiagnostics } from './attach';
import { convert } from './convert';
import { equivalence, type EquivalenceResult } from './equivalence';
import { readGatewaySet } from './read';
import { evaluate } from './route';
import { tableRows } from './table';
import type { NotConverted, ConvertIngressInput, ConvertIngressResult, GatewayRouteTableResult, RouteGatewayInput, RouteGatewayResult } from './types';

export type * from './types';

export function routeGatewayRequest(input: RouteGatewayInput): RouteGatewayResult {
  return guard(
    () => evaluate(input),
    (d) => ({ status: 404, match: null, explanation: d.message, steps: [d.message], diagnostics: [d], table: [], chosen: -1 }),
  );
}

export function gatewayRouteTable(input: { manifests: string }): GatewayRouteTableResult {
  return guard(
    () => {
      const set = readGatewaySet(typeof input?.manifests === 'string' ? input.manifests : '');
      const rows = set.gateways.flatMap((g) => tableRows(g, set));
      return { rows, diagnostics: sortDiagnostics([...set.diagnostics, ...attachmentDiagnostics(set)]) };
    },
    (d) => ({ rows: [], diagnostics: [d] }),
  );
}

/** Ingresses → Gateway(s) + HTTPRoute(s) + the input's Services; `gateways` (added) lists the Gateways written ("namespace/name"). */
export function convertIngress(input: ConvertIngressInput): ConvertIngressResult & { gateways: string[] } {
  return guard(
    () => convert(input),
    (d) => ({ manifests: '', notConverted: [], diagnostics: [d], gateways: [] }),
  );
}

export type { EquivalenceRequest, EquivalenceRow, EquivalenceResult } from './equivalence';

/**
 * The migration's equivalence table: requests derived from every host/path of the
 * Ingresses, plus near-misses, routed by the Ingress engine and through the converted
 * Gateway API side by side (`gatewayManifests` overrides the converted YAML).
 */
export function ingressEquivalence(input: { manifests: string; ingressClassName?: string; gatewayClassName?: string; gatewayManifests?: string }): EquivalenceResult & { notConverted: NotConverted[]; diagnostics: Diagnostic[] } {
  return guard(
    () => ({ ...equivalence(input), diagnostics: [] as Diagnostic[] }),
    (d) => ({ rows: [], differences: 0, notConverted: [], diagnostics: [d] }),
  );
}

export { parseRequestText, requestFromQuery, requestText } from './query';
