/**
 * The public shapes of the Gateway API engine (src/lib/gateway/index.ts). The names and
 * fields of `routeGatewayRequest`, `gatewayRouteTable` and `convertIngress` are a contract
 * (issue 13): tests, tools and runbook automation use them. Add fields; rename none.
 */
import type { Diagnostic } from '../diagnostics';

export interface GatewayRequest {
  /** "namespace/name" of the Gateway; default: the only Gateway of the input. */
  gateway?: string;
  /** Default 80 for http, 443 for https. */
  port?: number;
  /** Default http. */
  scheme?: 'http' | 'https';
  /** The Host header as sent (a port in it is ignored for matching). */
  host: string;
  /** The request target; may include `?query`. */
  path: string;
  /** Default GET. */
  method?: string;
  headers?: Record<string, string>;
}

export interface RouteGatewayInput {
  /** Multi-document YAML or JSON: Gateway(s), HTTPRoute(s); optionally GatewayClass, Service, ReferenceGrant, Namespace. */
  manifests: string;
  request: GatewayRequest;
}

export interface BackendOut {
  name: string;
  namespace: string;
  port?: number;
  weight: number;
}

export interface GatewayMatch {
  /** "namespace/name" of the Gateway. */
  gateway: string;
  /** The listener's name. */
  listener: string;
  /** "namespace/name" of the HTTPRoute. */
  route: string;
  /** Index in spec.rules. */
  rule: number;
  /** Index in the rule's matches; -1 when the rule has none. */
  match: number;
  /** Every backendRef of the winning rule, in order, weight-0 entries included. */
  backends: BackendOut[];
}

export interface RouteGatewayResult {
  /** 200 routed; 404 no listener or no matching rule; 500 the winning rule cannot forward; 3xx RequestRedirect. */
  status: number;
  /** Null only when nothing matched (404). */
  match: null | GatewayMatch;
  redirect?: { status: number; location: string };
  /** Only for 200: what the backend receives. Header keys are lower-cased; no Host among them. */
  upstream?: { host: string; path: string; headers: Record<string, string> };
  explanation: string;
  steps: string[];
  diagnostics: Diagnostic[];
  /** The route table of the Gateway considered (added for the tools). */
  table: GatewayRouteRow[];
  /** Index in `table` of the winning row, or -1. */
  chosen: number;
  /** Backends of the winning rule that cannot receive traffic, with the reason (added). */
  invalidBackends?: { index: number; code: string; reason: string }[];
}

/** One row of a route table: listener × route × rule × match. */
export interface GatewayRouteRow {
  gateway: string;
  listener: string;
  /** "port/PROTOCOL" of the listener, e.g. "80/HTTP". */
  listenerPort: string;
  listenerHostname?: string;
  route: string;
  rule: number;
  match: number;
  /** The route's hostnames intersected with the listener's ("*" for any). */
  hostnames: string[];
  /** The match in words: "PathPrefix /api, method GET, header version=two". */
  matchText: string;
  /** Backends and filters in words. */
  actionText: string;
  /** Why this row ranks where it does (the precedence criteria that tell it apart). */
  rankText: string;
  /** Why this row can never win, when that is certain. */
  neverWins?: string;
}

export interface GatewayRouteTableResult {
  rows: GatewayRouteRow[];
  diagnostics: Diagnostic[];
}

export interface ConvertIngressInput {
  manifests: string;
  /** Convert only the Ingresses of this class (all classes when absent). */
  ingressClassName?: string;
  /** The GatewayClass of the generated Gateways (default: mapped from the Ingress class). */
  gatewayClassName?: string;
}

export interface NotConverted {
  /** "Ingress namespace/name" (or the object it concerns). */
  object: string;
  /** The annotation key or the behaviour. */
  what: string;
  reason: string;
}

export interface ConvertIngressResult {
  /** Gateway(s) + HTTPRoute(s), followed by the input's Services, so the result routes as is. */
  manifests: string;
  notConverted: NotConverted[];
  diagnostics: Diagnostic[];
}
