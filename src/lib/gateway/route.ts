/**
 * routeGatewayRequest: where one HTTP request goes through a Gateway and its HTTPRoutes,
 * and why — Gateway → listener → attached routes → the winning match → filters → backends.
 */
import { diag, sortDiagnostics, type Diagnostic } from '../diagnostics';
import { attach, attachmentDiagnostics, selectListener } from './attach';
import { checkBackend } from './backends';
import { describeAction, describeListener, describeMatch } from './explain';
import { forward, redirectLocation } from './filters';
import { hostnameMatches } from './hostname';
import { comparePrecedence, failedCondition, normalizeRequest, rank, whyBefore, type Ranked } from './match';
import type { GatewayModel, GatewaySet } from './model';
import { HTTPROUTE_TYPES, readGatewaySet } from './read';
import { tableRows } from './table';
import type { RouteGatewayInput, RouteGatewayResult } from './types';

/** Picks the Gateway a request is sent to: the named one ("ns/name" or a unique "name"), else the only one. */
export function pickGateway(set: GatewaySet, wanted: string | undefined): { gateway?: GatewayModel; why: string; code?: string } {
  if (set.gateways.length === 0) return { why: 'There is no Gateway in the input, so nothing accepts the request.', code: 'no-gateway' };
  if (wanted !== undefined && wanted !== '') {
    const byId = set.gateways.find((g) => g.id === wanted) ?? (wanted.includes('/') ? undefined : set.gateways.filter((g) => g.name === wanted).length === 1 ? set.gateways.find((g) => g.name === wanted) : undefined);
    if (!byId) return { why: `No Gateway "${wanted}" is in the input (there is ${set.gateways.map((g) => g.id).join(', ')}).`, code: 'gateway-not-found' };
    return { gateway: byId, why: `The request is sent to Gateway ${byId.id}.` };
  }
  if (set.gateways.length > 1) {
    return { why: `The input has ${set.gateways.length} Gateways (${set.gateways.map((g) => g.id).join(', ')}), each with its own address: say which one receives the request (gateway: namespace/name).`, code: 'gateway-ambiguous' };
  }
  const only = set.gateways[0]!;
  return { gateway: only, why: `The request is sent to Gateway ${only.id}${only.className ? ` (class ${only.className})` : ''}.` };
}

export function evaluate(input: RouteGatewayInput): RouteGatewayResult {
  const manifests = typeof input?.manifests === 'string' ? input.manifests : '';
  const set = readGatewaySet(manifests);
  const diagnostics: Diagnostic[] = [...set.diagnostics, ...attachmentDiagnostics(set)];
  const raw = input?.request ?? { host: '', path: '/' };
  const req = normalizeRequest(raw);
  const steps: string[] = [];
  const done = (status: number, extra: Partial<RouteGatewayResult> = {}): RouteGatewayResult => ({
    status,
    match: null,
    table: [],
    chosen: -1,
    ...extra,
    explanation: steps.join(' '),
    steps,
    diagnostics: sortDiagnostics(diagnostics),
  });

  const picked = pickGateway(set, typeof raw.gateway === 'string' ? raw.gateway : undefined);
  steps.push(picked.why);
  if (!picked.gateway) {
    diagnostics.push(diag(picked.code === 'no-gateway' ? 'error' : 'warning', picked.code ?? 'no-gateway', picked.why, { line: 1, column: 1 }));
    return done(404);
  }
  const gw = picked.gateway;
  const table = tableRows(gw, set);
  steps.push(`Request: ${raw.method ? req.method : 'GET'} ${req.scheme}://${req.hostHeader || '(no Host)'}${raw.port !== undefined ? ` on port ${req.port}` : ''}${req.path}${req.query.size ? ` with query ${[...req.query].map(([k, v]) => `${k}=${v}`).join('&')}` : ''}.`);
  const sel = selectListener(gw, req);
  steps.push(sel.why);
  if (!sel.listener) return done(404, { table });
  const listener = sel.listener;

  const mine = attach(gw, set).attached.filter((a) => a.listener === listener);
  if (mine.length === 0) {
    steps.push(`No HTTPRoute is attached to listener "${listener.name}" (see the warnings for routes that name this Gateway but are refused), so the answer is 404.`);
    return done(404, { table });
  }
  steps.push(`Attached to "${listener.name}": ${mine.map((a) => `${a.route.id} (${a.hostnames.join(', ') === '*' ? 'any host' : a.hostnames.join(', ')})`).join('; ')}.`);

  const candidates: Ranked[] = [];
  const misses: string[] = [];
  for (const a of mine) {
    if (!a.hostnames.some((h) => hostnameMatches(h, req.host))) {
      misses.push(`${a.route.id} serves ${a.hostnames.join(', ')} on this listener, not ${req.host || '(no Host)'}`);
      continue;
    }
    for (const rule of a.route.rules) {
      for (const m of rule.matches) {
        const failed = failedCondition(m, req);
        if (failed) misses.push(`${a.route.id} rule ${rule.index}${m.index >= 0 ? ` match ${m.index}` : ''}: ${failed} does not match`);
        else candidates.push(rank(a.route, rule, m, a.hostnames, req.host));
      }
    }
  }
  if (candidates.length === 0) {
    steps.push(`No match of the attached routes fits the request (${misses.slice(0, 6).join('; ')}${misses.length > 6 ? `; and ${misses.length - 6} more` : ''}). "When no rules matching a request have been successfully attached ... a HTTP 404 status code MUST be returned."`);
    return done(404, { table });
  }
  candidates.sort(comparePrecedence);
  const win = candidates[0]!;
  const runnerUp = candidates[1];
  steps.push(
    `Matching: ${candidates.length} match${candidates.length === 1 ? '' : 'es'} fit${candidates.length === 1 ? 's' : ''}. The winner is ${win.route.id} rule ${win.rule.index}${win.match.index >= 0 ? ` match ${win.match.index}` : ''} (${describeMatch(win.match)})` +
      (runnerUp ? `: it beats ${runnerUp.route.id} rule ${runnerUp.rule.index}${runnerUp.match.index >= 0 ? ` match ${runnerUp.match.index}` : ''} (${describeMatch(runnerUp.match)}) because ${whyBefore(win, runnerUp)}.` : '.'),
  );
  if (runnerUp && win.route.id !== runnerUp.route.id && win.anyHost === runnerUp.anyHost && win.preciseHost === runnerUp.preciseHost && (win.route.hostnames.length === 0) !== (runnerUp.route.hostnames.length === 0)) {
    steps.push('Hostname precedence is computed on the hostnames intersected with the listener (an open question upstream, gateway-api#5120).');
  }
  const rule = win.rule;
  const match = {
    gateway: gw.id,
    listener: listener.name,
    route: win.route.id,
    rule: rule.index,
    match: win.match.index,
    backends: rule.backends.map((b) => ({ name: b.name, namespace: b.namespace, ...(b.port !== undefined ? { port: b.port } : {}), weight: b.weight })),
  };
  const table2 = { table, chosen: table.findIndex((r) => r.listener === listener.name && r.route === win.route.id && r.rule === rule.index && r.match === win.match.index) };

  const redirect = rule.filters.find((f) => f.type === 'RequestRedirect');
  if (redirect && redirect.type === 'RequestRedirect') {
    const location = redirectLocation(redirect, req, listener.port, win.match);
    steps.push(`RequestRedirect answers ${redirect.statusCode} with Location ${location} (scheme, host and path from the filter or the request; the port from the filter, the redirect scheme's well-known port, or the listener's; :80 for http and :443 for https are left out).`);
    return done(redirect.statusCode, { match, redirect: { status: redirect.statusCode, location }, ...table2 });
  }
  if (rule.backends.length === 0) {
    steps.push('The winning rule has no backendRefs and no redirect, so every request it matches gets 500 — traffic does not fall through to a less specific rule.');
    return done(500, { match, ...table2 });
  }
  const verdicts = rule.backends.map((b) => checkBackend(set, win.route, b));
  const invalid = verdicts.flatMap((v, i) => (v.ok ? [] : [{ index: i, code: v.code ?? 'invalid', reason: v.reason }]));
  for (const v of verdicts) if (v.ok && v.reason.includes('SHOULD NOT') ) diagnostics.push(diag('warning', 'external-name-service', `${v.reason}.`, { source: HTTPROUTE_TYPES }));
  for (const iv of invalid) diagnostics.push(diag('error', iv.code, `${win.route.id} rule ${rule.index} backendRef ${iv.index}: ${iv.reason}.`, { ...rule.backends[iv.index]!.at, source: HTTPROUTE_TYPES }));
  const total = rule.backends.reduce((s, b) => s + b.weight, 0);
  const validWeight = rule.backends.reduce((s, b, i) => s + (verdicts[i]!.ok ? b.weight : 0), 0);
  if (set.services.length === 0) {
    diagnostics.push(diag('info', 'services-assumed', 'The input has no Service, so every backendRef is assumed to exist; add the Services to check names and ports.'));
  }
  steps.push(`Action: ${describeAction(rule)}.`);
  if (validWeight === 0) {
    steps.push(
      total === 0
        ? 'Every backendRef has weight 0, so no traffic can be forwarded: this evaluator answers 500 (whether 500 or 503 is not settled upstream).'
        : `No backend of the winning rule can receive traffic (${invalid.map((i) => i.reason).join('; ')}): the request gets 500 — it does not fall through to another rule.`,
    );
    return done(500, { match, invalidBackends: invalid, ...table2 });
  }
  if (invalid.length) {
    const share = Math.round(((total - validWeight) / total) * 1000) / 10;
    diagnostics.push(diag('warning', 'partial-500', `${share}% of the requests ${win.route.id} rule ${rule.index} matches get 500: "the proportion of requests that would otherwise have been routed to an invalid backend MUST receive a 500 status code".`, rule.at));
    steps.push(`${share}% of such requests would go to an invalid backend and get 500; the rest are forwarded.`);
  }
  const fwd = forward(rule.filters, req, win.match);
  steps.push(...fwd.notes);
  const listenerNote = describeListener(listener);
  steps.push(`→ 200: forwarded through ${listenerNote} to ${rule.backends.filter((_, i) => verdicts[i]!.ok && rule.backends[i]!.weight > 0).map((b) => `${b.namespace}/${b.name}${b.port !== undefined ? `:${b.port}` : ''}`).join(' or ')}, path ${fwd.path}.`);
  return done(200, { match, upstream: { host: fwd.host, path: fwd.path, headers: fwd.headers }, ...(invalid.length ? { invalidBackends: invalid } : {}), ...table2 });
}
