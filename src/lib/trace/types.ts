/**
 * Public shapes of the connection tracer (issue 15; names and shapes are a contract).
 * Hop ids are exactly the vocabulary of ../shared/specs/traffic-paths.md §0.
 */
import type { Diagnostic } from '../diagnostics';

/** The hops of spec §0, in the order the table lists them. */
export const HOP_IDS = [
  'waf', 'app-gateway', 'load-balancer', 'lb-source-ranges', 'nsg', 'route', 'firewall', 'service',
  'ingress', 'gateway', 'network-policy', 'pod-port', 'api-server-authorized-ranges', 'private-dns', 'egress',
] as const;

export type HopId = (typeof HOP_IDS)[number];

export type HopVerdict = 'pass' | 'block' | 'rewrite' | 'skip' | 'unknown';

export interface Hop {
  id: HopId;
  /** Which object decided ("nsg snet-nodes-nsg", "shop/deny-all"). */
  resource: string;
  verdict: HopVerdict;
  /** The packet as this hop sees it. */
  sees: { src: string; dst: string; port?: number };
  detail: string;
  /** The rule that decided, when one did. */
  rule?: string;
  /** A public page stating the behaviour. */
  source?: string;
  /** For a blocking or unknown hop: the one-line change that would let the connection through (or settle it). */
  fix?: string;
}

export interface Connection {
  from: string;
  to: string;
  port?: number;
  protocol?: 'TCP' | 'UDP';
  http?: { method?: string; host?: string; path?: string; headers?: Record<string, string> };
}

export interface TraceInput {
  /** One multi-document YAML or JSON text: az outputs and Kubernetes objects. */
  environment: string;
  connection: Connection;
}

export interface TraceResult {
  outcome: 'delivered' | 'blocked' | 'unknown';
  /** The first hop that stops it. */
  blockedAt?: HopId;
  hops: Hop[];
  diagnostics: Diagnostic[];
}
