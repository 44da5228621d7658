/**
 * The engine's internal model of Gateway API objects, after reading and defaulting
 * (read.ts). Every default here is the one the API reference states (spec §2).
 */
import type { Diagnostic, Position } from '../diagnostics';
import type { Manifest } from '../k8s/manifests';
import type { Labels, Selector } from '../k8s/selector';

export interface ListenerModel {
  name: string;
  port: number;
  /** HTTP, HTTPS, TLS, TCP, UDP (as written, upper case). */
  protocol: string;
  /** Undefined: every hostname. */
  hostname?: string;
  /** allowedRoutes.namespaces.from, default Same. */
  from: 'All' | 'Same' | 'Selector';
  selector?: Selector;
  /** False when allowedRoutes.kinds is set and leaves out HTTPRoute, or the protocol carries no HTTP. */
  acceptsHTTPRoute: boolean;
  index: number;
  /** Set when another listener has the same port, protocol and hostname: neither is accepted. */
  conflicted?: boolean;
  at: Position;
}

export interface GatewayModel {
  /** "namespace/name". */
  id: string;
  name: string;
  namespace: string;
  className: string;
  listeners: ListenerModel[];
  manifest: Manifest;
}

export interface PathMatch {
  type: 'Exact' | 'PathPrefix' | 'RegularExpression';
  value: string;
  /** Compiled for RegularExpression (full match); undefined when it does not compile. */
  regex?: RegExp;
}

export interface ValueMatch {
  name: string;
  type: 'Exact' | 'RegularExpression';
  value: string;
  regex?: RegExp;
}

export interface MatchModel {
  /** Index in the rule's matches; -1 for a rule without matches. */
  index: number;
  path: PathMatch;
  method?: string;
  headers: ValueMatch[];
  query: ValueMatch[];
}

export type PathModifier = { type: 'ReplaceFullPath'; value: string } | { type: 'ReplacePrefixMatch'; value: string };

export type FilterModel =
  | { type: 'RequestRedirect'; scheme?: string; hostname?: string; port?: number; path?: PathModifier; statusCode: number }
  | { type: 'URLRewrite'; hostname?: string; path?: PathModifier }
  | { type: 'RequestHeaderModifier'; set: { name: string; value: string }[]; add: { name: string; value: string }[]; remove: string[] }
  /** Filters that do not change where a request goes (shown, not applied). */
  | { type: 'Other'; name: string };

export interface BackendRefModel {
  group: string;
  kind: string;
  name: string;
  namespace: string;
  port?: number;
  weight: number;
  at: Position;
}

export interface RuleModel {
  index: number;
  /** Never empty: a rule without matches gets one default match (index -1). */
  matches: MatchModel[];
  filters: FilterModel[];
  backends: BackendRefModel[];
  at: Position;
}

export interface ParentRefModel {
  group: string;
  kind: string;
  name: string;
  namespace: string;
  sectionName?: string;
  port?: number;
  index: number;
  at: Position;
}

export interface RouteModel {
  /** "namespace/name". */
  id: string;
  name: string;
  namespace: string;
  hostnames: string[];
  parentRefs: ParentRefModel[];
  rules: RuleModel[];
  /** metadata.creationTimestamp in ms, when written. */
  created?: number;
  manifest: Manifest;
}

export interface ServiceModel {
  name: string;
  namespace: string;
  ports: { name?: string; port: number }[];
  externalName: boolean;
}

export interface GrantModel {
  namespace: string;
  from: { group: string; kind: string; namespace: string }[];
  to: { group: string; kind: string; name?: string }[];
}

export interface GatewaySet {
  gateways: GatewayModel[];
  routes: RouteModel[];
  services: ServiceModel[];
  grants: GrantModel[];
  /** Labels of the Namespaces in the input. */
  namespaces: Map<string, Labels>;
  diagnostics: Diagnostic[];
}
