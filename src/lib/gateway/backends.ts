/**
 * Whether a backendRef can receive traffic (spec §7): kind, existence, and
 * ReferenceGrant for cross-namespace Services ("All cross-namespace references in Gateway
 * API (with the exception of cross-namespace Gateway-route attachment) require a
 * ReferenceGrant", referencegrant_types.go).
 */
import type { BackendRefModel, GatewaySet, RouteModel } from './model';
import { GATEWAY_GROUP } from './read';

export interface BackendVerdict {
  ok: boolean;
  /** InvalidKind, RefNotPermitted, BackendNotFound (API condition reasons). */
  code?: string;
  reason: string;
}

/** True when a ReferenceGrant in the Service's namespace lets HTTPRoutes of the route's namespace refer to it. */
export function grantAllows(set: GatewaySet, route: RouteModel, ref: BackendRefModel): boolean {
  return set.grants.some(
    (g) =>
      g.namespace === ref.namespace &&
      g.from.some((f) => f.group === GATEWAY_GROUP && f.kind === 'HTTPRoute' && f.namespace === route.namespace) &&
      g.to.some((t) => t.group === '' && t.kind === 'Service' && (t.name === undefined || t.name === ref.name)),
  );
}

export function checkBackend(set: GatewaySet, route: RouteModel, ref: BackendRefModel): BackendVerdict {
  const id = `${ref.namespace}/${ref.name}`;
  if (ref.group !== '' || ref.kind !== 'Service') {
    return { ok: false, code: 'InvalidKind', reason: `${ref.kind}${ref.group ? `.${ref.group}` : ''} ${id} is not a Service; this evaluator (like the AKS implementations' core support) forwards to Services only` };
  }
  if (ref.namespace !== route.namespace && !grantAllows(set, route, ref)) {
    return {
      ok: false,
      code: 'RefNotPermitted',
      reason: `Service ${id} is in another namespace than the route (${route.namespace}) and no ReferenceGrant in "${ref.namespace}" allows HTTPRoutes from "${route.namespace}" to refer to it`,
    };
  }
  if (set.services.length > 0) {
    const svc = set.services.find((s) => s.name === ref.name && s.namespace === ref.namespace);
    if (!svc) return { ok: false, code: 'BackendNotFound', reason: `Service ${id} is not in the input (the input has Services, so a missing one is taken as absent)` };
    if (svc.externalName) return { ok: true, reason: `Service ${id} is of type ExternalName, which implementations "SHOULD NOT support"` };
    if (ref.port !== undefined && svc.ports.length > 0 && !svc.ports.some((p) => p.port === ref.port)) {
      return { ok: true, reason: `Service ${id} has no port ${ref.port} (it has ${svc.ports.map((p) => p.port).join(', ')}); the port is the Service port, not the target port` };
    }
  }
  return { ok: true, reason: `Service ${id}${ref.port !== undefined ? `:${ref.port}` : ''}` };
}
