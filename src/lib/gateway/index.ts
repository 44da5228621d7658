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
import { guard, sortDiagnostics } from '../diagnostics';
import { attachmentDiagnostics } from './attach';
import { readGatewaySet } from './read';
import { evaluate } from './route';
import { tableRows } from './table';
import type { GatewayRouteTableResult, RouteGatewayInput, RouteGatewayResult } from './types';

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
