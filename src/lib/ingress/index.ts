/**
 * Ingress routing evaluator: which backend a request reaches, and why.
 *
 * Follows networking.k8s.io/v1 as the Kubernetes docs and API reference state it (host
 * exact or one-label wildcard; Exact / element-wise Prefix; longest path first, Exact
 * before Prefix on a tie; defaultBackend when nothing matches). Where Kubernetes leaves a
 * choice to the controller we follow ingress-nginx and say so in the explanation:
 * ImplementationSpecific is a plain string prefix unless regex mode is on (NGINX `location /api`,
 * which also serves `/apiv1`); duplicate host+path keeps the older Ingress; `use-regex` / `rewrite-target`
 * on any Ingress of a host turns every path of that host into a case-insensitive regex
 * tried longest first; a precise host wins over a wildcard; Ingresses of one class merge.
 */
import { diag, guard, sortDiagnostics, type Diagnostic } from '../diagnostics';
import { exactMatches, hostMatches, nginxPrefixMatches, normalizeHost, prefixMatches, requestPathOf } from './match';
import { describeBackend, readIngressSet, type Backend, type IngressModel, type IngressPath, type IngressSet } from './read';
import { FACTS, retirementNotice } from '../facts';

export type { Backend } from './read';
export { describeBackend, readIngressSet } from './read';
export type { IngressModel, IngressSet } from './read';
/** Host and path primitives, shared with the Gateway API engine (same Host-header reading). */
export { normalizeHost, requestPathOf, hostMatches } from './match';

export interface RouteRequestInput {
  /** Ingress(es), and optionally IngressClass and Service manifests. */
  manifests: string;
  request: { host: string; path: string; scheme?: 'http' | 'https' };
  ingressClassName?: string;
  /** The date the manifests are read on, for retirement warnings; default: now. */
  today?: Date;
}

export interface RouteMatch {
  /** "namespace/name" of the Ingress whose rule (or defaultBackend) matched. */
  ingress: string;
  /** Index of the rule in spec.rules; -1 for spec.defaultBackend. */
  rule: number;
  path?: string;
  pathType?: string;
  backend: Backend;
  /** Index of the path in the rule's http.paths. */
  pathIndex?: number;
  /** The rule's host, when it has one. */
  host?: string;
}

export interface RouteRow {
  ingress: string;
  className?: string;
  rule: number;
  pathIndex?: number;
  /** The rule's host; undefined for "any host". */
  host?: string;
  path?: string;
  pathType?: string;
  /** How the path is compared, in words ("element-wise prefix", "NGINX regex ~* ^…"). */
  matching: string;
  backend: Backend;
  backendText: string;
  /** TLS secret serving this host, if any. */
  tlsSecret?: string;
  /** Why this row can never be chosen, if so. */
  neverMatches?: string;
}

export interface RouteResult {
  match: null | RouteMatch;
  tls?: { secretName?: string; covered: boolean };
  explanation: string;
  diagnostics: Diagnostic[];
  /** The explanation as steps, for a walkthrough. */
  steps: string[];
  /** The full route table of the Ingresses considered. */
  routes: RouteRow[];
  /** Index in `routes` of the chosen row, or -1. */
  chosen: number;
  /** A redirect the controller answers with instead of proxying (ingress-nginx: ssl-redirect 308, app-root 302). */
  redirect?: { status: number; location: string; reason: string };
  /** ingress-nginx rewrite-target: the path the backend receives. */
  rewrite?: { target: string; upstreamPath: string };
}

export interface RouteTableResult {
  routes: RouteRow[];
  diagnostics: Diagnostic[];
}

/** Every host/path → backend of the Ingresses (of one class, when given), with lint. */
export function routeTable(manifests: string, options: { ingressClassName?: string; today?: Date } = {}): RouteTableResult {
  return guard(
    () => {
      const set = readIngressSet(manifests);
      const { used } = selectIngresses(set, options.ingressClassName);
      const routes = buildTable(used);
      lint(set, used, routes, set.diagnostics, options.today ?? new Date());
      return { routes, diagnostics: sortDiagnostics(set.diagnostics) };
    },
    (d) => ({ routes: [], diagnostics: [d] }),
  );
}

export function routeRequest(input: RouteRequestInput): RouteResult {
  return guard(
    () => evaluate(input),
    (d) => ({ match: null, explanation: d.message, diagnostics: [d], steps: [d.message], routes: [], chosen: -1 }),
  );
}

function selectIngresses(set: IngressSet, className: string | undefined): { used: IngressModel[]; notes: string[] } {
  const notes: string[] = [];
  const used: IngressModel[] = [];
  for (const ing of set.ingresses) {
    if (ing.rejected) {
      notes.push(`${ing.id} is left out: the API server would reject it (see the errors), so it never exists in a cluster.`);
      continue;
    }
    if (ing.canary) {
      notes.push(`${ing.id} is a canary (nginx.ingress.kubernetes.io/canary): ingress-nginx uses it as a weighted or header-selected alternative to the main Ingress of the same host and path, never as a route of its own; this evaluator routes to the main backend.`);
      continue;
    }
    if (className !== undefined && className !== '' && ing.className !== className) {
      notes.push(
        ing.className === undefined
          ? `${ing.id} is ignored: it names no class and no IngressClass is marked default, so the "${className}" controller does not claim it.`
          : `${ing.id} is ignored: it belongs to class "${ing.className}", not "${className}" — another controller (if any) serves it.`,
      );
      continue;
    }
    used.push(ing);
  }
  return { used, notes };
}

/** A candidate path with everything needed to compare it. */
interface Candidate {
  ing: IngressModel;
  p: IngressPath;
  host?: string;
}

function hostGroup(used: IngressModel[], host: string): { kind: 'precise' | 'wildcard' | 'any' | 'none'; cands: Candidate[]; hostName?: string } {
  const all: Candidate[] = [];
  for (const ing of used) for (const r of ing.rules) for (const p of r.paths) all.push({ ing, p, ...(r.host !== undefined ? { host: r.host } : {}) });
  const precise = host === '' ? [] : all.filter((c) => c.host !== undefined && !c.host.startsWith('*') && c.host === host);
  if (precise.length) return { kind: 'precise', cands: precise, hostName: host };
  const wild = host === '' ? [] : all.filter((c) => c.host !== undefined && c.host.startsWith('*.') && hostMatches(c.host, host));
  if (wild.length) return { kind: 'wildcard', cands: wild, hostName: wild[0]!.host! };
  const any = all.filter((c) => c.host === undefined);
  if (any.length) return { kind: 'any', cands: any };
  return { kind: 'none', cands: [] };
}

/** Regex mode of ingress-nginx: on when any Ingress contributing to the host asks for it. */
const regexMode = (cands: Candidate[]): boolean => cands.some((c) => c.ing.regex);

function compileRegex(path: string): RegExp | undefined {
  try {
    return new RegExp(`^${path}`, 'i');
  } catch {
    return undefined;
  }
}

/** Chooses among candidates; returns the winner and the words that justify it. */
function choosePath(cands: Candidate[], path: string, regex: boolean): { winner?: Candidate; why: string } {
  if (regex) {
    // ingress-nginx orders locations by descending path length; NGINX takes the first regex that matches.
    const ordered = [...cands].sort((a, b) => b.p.path.length - a.p.path.length || a.ing.order - b.ing.order || a.p.rule - b.p.rule || a.p.index - b.p.index);
    for (const c of ordered) {
      const re = compileRegex(c.p.path);
      if (re && re.test(path)) {
        return {
          winner: c,
          why: `Regex mode (use-regex or rewrite-target on an Ingress of this host): every path is a case-insensitive regex "~* ^${c.p.path}", tried longest first; "${c.p.path}" is the first that matches "${path}".`,
        };
      }
    }
    return { why: `Regex mode: none of the regexes (${ordered.map((c) => `^${c.p.path}`).join(', ')}) matches "${path}".` };
  }
  const matching = cands.filter((c) =>
    c.p.pathType === 'Exact' ? exactMatches(c.p.path, path) : c.p.pathType === 'Prefix' ? prefixMatches(c.p.path, path) : nginxPrefixMatches(c.p.path, path),
  );
  if (matching.length === 0) {
    return { why: `No path matches "${path}" (${cands.map((c) => `${c.p.pathType} ${c.p.path}`).join(', ')}).` };
  }
  // Longest matching path first; on a tie, Exact over Prefix; then the older Ingress (read.ts order).
  const rank = (c: Candidate): number => (c.p.pathType === 'Exact' ? 0 : 1);
  const sorted = [...matching].sort((a, b) => b.p.path.length - a.p.path.length || rank(a) - rank(b) || a.ing.order - b.ing.order || a.p.rule - b.p.rule || a.p.index - b.p.index);
  const w = sorted[0]!;
  const others = sorted.slice(1);
  const kind = w.p.pathType === 'Exact' ? 'Exact' : w.p.pathType === 'Prefix' ? 'Prefix (element-wise)' : 'ImplementationSpecific, which ingress-nginx writes as a plain NGINX prefix location: a string prefix, not element by element';
  let why = `"${w.p.path}" (${kind}) matches "${path}".`;
  if (others.length) {
    const tie = others.find((o) => o.p.path.length === w.p.path.length);
    why += ` It beats ${others.map((o) => `${o.p.pathType} ${o.p.path}`).join(', ')}: the longest matching path wins`;
    why += tie && tie.p.pathType !== w.p.pathType ? ', and on equal length Exact wins over Prefix.' : '.';
  }
  return { winner: w, why };
}

function tlsFor(used: IngressModel[], host: string): { secretName?: string; covered: boolean; ingress?: IngressModel } {
  for (const ing of used) {
    for (const t of ing.tls) {
      if (t.hosts.some((h) => hostMatches(h, host))) return { covered: true, ingress: ing, ...(t.secretName !== undefined ? { secretName: t.secretName } : {}) };
    }
  }
  return { covered: false };
}

function evaluate(input: RouteRequestInput): RouteResult {
  const manifests = typeof input?.manifests === 'string' ? input.manifests : '';
  const set = readIngressSet(manifests);
  const diagnostics = set.diagnostics;
  const req = input?.request ?? { host: '', path: '/' };
  const host = normalizeHost(typeof req.host === 'string' ? req.host : '');
  const path = requestPathOf(typeof req.path === 'string' ? req.path : '/');
  const scheme = req.scheme === 'https' ? 'https' : 'http';
  const className = typeof input?.ingressClassName === 'string' && input.ingressClassName !== '' ? input.ingressClassName : undefined;

  const steps: string[] = [];
  const { used, notes } = selectIngresses(set, className);
  steps.push(...notes);
  if (className !== undefined && set.classes.length > 0 && !set.classes.some((c) => c.name === className)) {
    diagnostics.push(diag('warning', 'ingress-class-not-found', `No IngressClass named "${className}" is in the input.`, { line: 1, column: 1 }));
  }
  if (className === undefined) {
    const names = [...new Set(used.map((i) => i.className ?? '(none)'))];
    if (names.length > 1) {
      steps.push(`The Ingresses name different classes (${names.join(', ')}): each is served by its own controller. They are merged here; add "class: <name>" to see one controller's view.`);
    }
  }
  const routes = buildTable(used);
  lint(set, used, routes, diagnostics, input?.today instanceof Date ? input.today : new Date());

  const result = (match: RouteMatch | null, extra: Partial<RouteResult> = {}): RouteResult => {
    const chosen = match
      ? routes.findIndex((r) => r.ingress === match.ingress && r.rule === match.rule && (match.rule === -1 || r.pathIndex === match.pathIndex))
      : -1;
    return { match, explanation: steps.join(' '), diagnostics: sortDiagnostics(diagnostics), steps, routes, chosen, ...extra };
  };

  if (used.length === 0) {
    steps.push(set.ingresses.length === 0 ? 'There is no Ingress in the input, so nothing routes the request.' : 'No Ingress applies, so this controller answers with its own default backend (ingress-nginx: 404).');
    return result(null);
  }
  steps.push(`Request: ${scheme}://${host || '(no Host header)'}${path}.`);

  // TLS: which certificate the HTTPS listener presents for this host (SNI).
  let tls: RouteResult['tls'];
  let redirect: RouteResult['redirect'];
  const t = host ? tlsFor(used, host) : { covered: false };
  if (scheme === 'https') {
    tls = { covered: t.covered, ...(t.secretName !== undefined ? { secretName: t.secretName } : {}) };
    steps.push(
      t.covered
        ? `TLS: ${host} is listed in spec.tls of ${t.ingress!.id}, so the certificate in Secret "${t.secretName ?? '(none named)'}" is presented (TLS ends at the controller; traffic to the Service is plain HTTP).`
        : `TLS: no spec.tls entry lists ${host || 'this host'}, so the controller presents its default certificate — browsers warn that it does not match.`,
    );
  } else if (t.covered && t.ingress!.sslRedirect) {
    redirect = { status: 308, location: `https://${host}${path}`, reason: 'ssl-redirect' };
    steps.push(`ingress-nginx redirects plain HTTP with 308 to https://${host}${path} because TLS is set for ${host} (annotation nginx.ingress.kubernetes.io/ssl-redirect: "false" turns this off). The route below is what the HTTPS request then takes.`);
  }

  const group = hostGroup(used, host);
  if (group.kind === 'precise') steps.push(`Host: rules for "${host}" match exactly; a precise host is preferred over wildcards and host-less rules (NGINX picks the exact server_name first).`);
  else if (group.kind === 'wildcard') steps.push(`Host: no rule names "${host}" exactly; the wildcard "${group.hostName}" matches because it covers exactly one DNS label.`);
  else if (group.kind === 'any') steps.push(host ? `Host: no rule names "${host}" (exactly or by wildcard), so the rules without a host apply — they take any host.` : 'Host: the request has no Host header; the rules without a host apply.');
  else steps.push(host ? `Host: no rule matches "${host}": hosts match exactly, or by a wildcard "*.domain" that covers exactly one label.` : 'Host: the request has no Host header and every rule names a host.');

  let winner: Candidate | undefined;
  if (group.cands.length) {
    const regex = regexMode(group.cands);
    const chosen = choosePath(group.cands, path, regex);
    steps.push(chosen.why);
    winner = chosen.winner;
  }
  if (winner) {
    const extra: Partial<RouteResult> = { ...(tls ? { tls } : {}), ...(redirect ? { redirect } : {}) };
    if (winner.ing.redirectTo && !redirect) {
      const r = winner.ing.redirectTo;
      extra.redirect = { status: r.status, location: r.url, reason: r.annotation };
      steps.push(`The annotation nginx.ingress.kubernetes.io/${r.annotation} makes ingress-nginx answer ${r.status} with Location ${r.url} instead of proxying.`);
    } else if (winner.ing.appRoot && path === '/' && !redirect) {
      extra.redirect = { status: 302, location: `${scheme}://${host}${winner.ing.appRoot}`, reason: 'app-root' };
      steps.push(`The annotation nginx.ingress.kubernetes.io/app-root makes ingress-nginx answer "/" with a 302 redirect to ${winner.ing.appRoot}.`);
    }
    if (winner.ing.rewriteTarget) {
      const m = compileRegex(winner.p.path)?.exec(path);
      const upstreamPath = m ? winner.ing.rewriteTarget.replace(/\$(\d)/g, (_, n: string) => m[Number(n)] ?? '') : winner.ing.rewriteTarget;
      extra.rewrite = { target: winner.ing.rewriteTarget, upstreamPath };
      steps.push(`rewrite-target "${winner.ing.rewriteTarget}" fills in the regex's capture groups: the backend receives "${upstreamPath}".`);
    }
    steps.push(`→ ${describeBackend(winner.p.backend)} (Ingress ${winner.ing.id}, rule ${winner.p.rule}, path ${winner.p.index}).`);
    return result(
      {
        ingress: winner.ing.id,
        rule: winner.p.rule,
        path: winner.p.path,
        pathType: winner.p.pathType,
        backend: winner.p.backend,
        pathIndex: winner.p.index,
        ...(winner.host !== undefined ? { host: winner.host } : {}),
      },
      extra,
    );
  }

  // No rule matched: spec.defaultBackend, preferring one from an Ingress of the matched host.
  const groupIngs = new Set(group.cands.map((c) => c.ing));
  const withDefault = [...used.filter((i) => groupIngs.has(i)), ...used.filter((i) => !groupIngs.has(i))].filter((i) => i.defaultBackend);
  if (withDefault.length) {
    const ing = withDefault[0]!;
    steps.push(`No rule matches, so spec.defaultBackend of ${ing.id} handles the request → ${describeBackend(ing.defaultBackend!)}.`);
    return result({ ingress: ing.id, rule: -1, backend: ing.defaultBackend! }, { ...(tls ? { tls } : {}), ...(redirect ? { redirect } : {}) });
  }
  steps.push('No rule matches and no Ingress sets spec.defaultBackend, so the controller answers itself (ingress-nginx: its default backend returns 404).');
  return result(null, { ...(tls ? { tls } : {}), ...(redirect ? { redirect } : {}) });
}

function buildTable(used: IngressModel[]): RouteRow[] {
  const rows: RouteRow[] = [];
  // Regex mode is per host: find the hosts (by rule host key) where any Ingress turns it on.
  const key = (h: string | undefined): string => h ?? '\u0000any';
  const regexHosts = new Set<string>();
  for (const ing of used) if (ing.regex) for (const r of ing.rules) regexHosts.add(key(r.host));
  for (const ing of used) {
    for (const r of ing.rules) {
      const tls = r.host ? tlsFor(used, r.host.startsWith('*.') ? `x${r.host.slice(1)}` : r.host) : { covered: false };
      for (const p of r.paths) {
        const regex = regexHosts.has(key(r.host));
        rows.push({
          ingress: ing.id,
          ...(ing.className !== undefined ? { className: ing.className } : {}),
          rule: r.index,
          pathIndex: p.index,
          ...(r.host !== undefined ? { host: r.host } : {}),
          path: p.path,
          pathType: p.pathType,
          matching: regex
            ? `NGINX regex ~* "^${p.path}" (case-insensitive, longest first)`
            : p.pathType === 'Exact'
              ? 'exact, case-sensitive'
              : p.pathType === 'Prefix'
                ? 'prefix, element by element'
                : 'string prefix (ingress-nginx `location /path`: /api also serves /apiv1)',
          backend: p.backend,
          backendText: describeBackend(p.backend),
          ...(tls.covered && tls.secretName ? { tlsSecret: tls.secretName } : {}),
        });
      }
    }
    if (ing.defaultBackend) {
      rows.push({ ingress: ing.id, ...(ing.className !== undefined ? { className: ing.className } : {}), rule: -1, matching: 'when no rule matches', backend: ing.defaultBackend, backendText: describeBackend(ing.defaultBackend) });
    }
  }
  // A row is dead when an earlier row has the same host, path and pathType: ingress-nginx keeps the
  // older Ingress's (creationTimestamp; in the order written when pasted without one).
  const seen = new Map<string, RouteRow>();
  for (const row of rows) {
    if (row.rule === -1) continue;
    const k = `${key(row.host)}\u0000${row.path}\u0000${row.matching.startsWith('NGINX') ? 'regex' : row.pathType}`;
    const first = seen.get(k);
    if (first) row.neverMatches = `${first.ingress} rule ${first.rule} already routes ${row.host ?? '(any host)'} ${row.pathType} ${row.path} to ${first.backendText}`;
    else seen.set(k, row);
  }
  const defaults = rows.filter((r) => r.rule === -1);
  defaults.slice(1).forEach((r) => (r.neverMatches = `${defaults[0]!.ingress} sets a defaultBackend too, and the first one is used`));
  return rows;
}

function lint(set: IngressSet, used: IngressModel[], routes: RouteRow[], out: Diagnostic[], today: Date): void {
  const byIngress = new Map(used.map((i) => [i.id, i]));
  for (const row of routes) {
    const ing = byIngress.get(row.ingress)!;
    const at = row.rule >= 0 ? ing.manifest.doc.at(['spec', 'rules', row.rule, 'http', 'paths', row.pathIndex!, 'path']) : ing.manifest.doc.at(['spec', 'defaultBackend']);
    if (row.matching.startsWith('NGINX') && row.path !== undefined && !compileRegex(row.path)) {
      out.push(diag('error', 'invalid-regex', `"${row.path}" is not a valid regular expression, so NGINX would fail to load this configuration.`, at));
    }
    if (row.neverMatches) {
      out.push(diag('warning', row.rule === -1 ? 'duplicate-default-backend' : 'path-never-matches', `This ${row.rule === -1 ? 'defaultBackend' : 'path'} is never used: ${row.neverMatches}.`, at));
    }
  }
  for (const ing of used) {
    // A TLS host that no rule serves: the certificate is loaded but nothing routes there.
    ing.tls.forEach((t) => {
      t.hosts.forEach((h, hi) => {
        const served = used.some((i) => i.rules.some((r) => r.host !== undefined && (r.host === h || hostMatches(r.host, h.startsWith('*.') ? `x${h.slice(1)}` : h))));
        if (!served) {
          out.push(
            diag('warning', 'tls-host-without-rule', `TLS lists "${h}" but no rule has that host. TLS hosts "need to explicitly match the host in the rules section".`, {
              ...ing.manifest.doc.at(['spec', 'tls', t.index, 'hosts', hi]),
              source: 'https://kubernetes.io/docs/concepts/services-networking/ingress/#tls',
            }),
          );
        }
      });
      if (t.hosts.length === 0) {
        out.push(diag('info', 'tls-without-hosts', 'This tls entry lists no hosts: it falls back to the controller\'s wildcard host setting; list the hosts the certificate is for.', ing.manifest.doc.at(['spec', 'tls', t.index])));
      }
    });
  }
  // Backends against the Services given (only when some Service is in the input).
  if (set.services.length) {
    for (const row of routes) {
      const svc = row.backend.service;
      if (!svc) continue;
      const ing = byIngress.get(row.ingress)!;
      const at = row.rule >= 0 ? ing.manifest.doc.at(['spec', 'rules', row.rule, 'http', 'paths', row.pathIndex!, 'backend', 'service']) : ing.manifest.doc.at(['spec', 'defaultBackend', 'service']);
      const found = set.services.find((s) => s.name === svc.name && s.namespace === ing.namespace);
      if (!found) {
        out.push(diag('warning', 'backend-service-missing', `No Service "${svc.name}" in namespace "${ing.namespace}" is in the input: an Ingress can only reach Services in its own namespace (ingress-nginx answers 503).`, at));
      } else if (!found.ports.some((p) => (typeof svc.port === 'number' ? p.port === svc.port : p.name === svc.port))) {
        out.push(
          diag('warning', 'backend-port-missing', `Service "${svc.name}" has no port ${typeof svc.port === 'number' ? svc.port : `named "${svc.port}"`} (it has ${found.ports.map((p) => (p.name ? `${p.name}=${p.port}` : p.port)).join(', ') || 'none'}).`, at),
        );
      }
    }
  }
  for (const ing of used) {
    if (ing.className === FACTS['app-routing-ingress-class'].value) {
      const notice = retirementNotice('app-routing-nginx-support-end', today);
      out.push(diag('warning', 'app-routing-nginx-retirement', `${ing.id} is served by the application routing add-on's managed NGINX. ${notice.message}`, { ...ing.manifest.doc.at(['spec', 'ingressClassName']), source: notice.source }));
    }
    if (ing.className !== undefined && set.classes.length > 0 && !set.classes.some((c) => c.name === ing.className)) {
      out.push(diag('warning', 'ingress-class-not-found', `No IngressClass "${ing.className}" is in the input; if none exists in the cluster, no controller serves this Ingress.`, ing.manifest.doc.at(['spec', 'ingressClassName'])));
    }
  }
}

