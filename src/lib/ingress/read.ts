/**
 * Reads Ingress, IngressClass and Service manifests into a small model, checking what the
 * API server would check (networking/v1 validation.go) so a manifest it would reject is
 * flagged — and left out of routing, as it would never exist in a cluster.
 */
import { diag, type Diagnostic, type Position } from '../diagnostics';
import { FACTS } from '../facts';
import { parseIp } from '../cidr/ip';
import { createdOf, readManifests, type Manifest } from '../k8s/manifests';
import { checkShape, type Shape } from '../k8s/shape';
import { hostProblem, nginxStrictPathOk, pathProblem } from './match';

const K8S_INGRESS = 'https://kubernetes.io/docs/concepts/services-networking/ingress/';
const VALIDATION = 'https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/networking/validation/validation.go';
const NGINX_FAQ = 'https://kubernetes.github.io/ingress-nginx/faq/#validation-of-path';

export type PathType = 'Exact' | 'Prefix' | 'ImplementationSpecific';

export interface Backend {
  service?: { name: string; port: number | string };
  resource?: { kind: string; name: string };
}

export interface IngressPath {
  path: string;
  pathType: PathType;
  backend: Backend;
  rule: number;
  index: number;
  at: Position;
}

export interface IngressRule {
  /** Undefined when the rule has no host: it applies to every host. */
  host?: string;
  index: number;
  paths: IngressPath[];
}

export interface IngressModel {
  id: string;
  name: string;
  namespace: string;
  /** The class that applies: field, else the deprecated annotation, else the default class. */
  className?: string;
  classSource: 'field' | 'annotation' | 'default' | 'none';
  rules: IngressRule[];
  defaultBackend?: Backend;
  tls: { hosts: string[]; secretName?: string; index: number }[];
  /** ingress-nginx: use-regex or rewrite-target makes every path of its hosts a regex. */
  regex: boolean;
  /** ingress-nginx `rewrite-target` and `app-root` annotations, when set. */
  rewriteTarget?: string;
  appRoot?: string;
  /** ingress-nginx `ssl-redirect` (default true when TLS is set). */
  sslRedirect: boolean;
  /** ingress-nginx `canary: "true"`: an alternative backend for the main Ingress's host and path, not a route of its own. */
  canary: boolean;
  /** ingress-nginx `temporal-redirect` (takes priority) or `permanent-redirect`: every matched request is redirected to this URL. */
  redirectTo?: { status: number; url: string; annotation: string };
  /** True when the API server would reject the object (it then routes nothing). */
  rejected: boolean;
  manifest: Manifest;
  order: number;
}

export interface ServiceModel {
  name: string;
  namespace: string;
  ports: { name?: string; port: number }[];
}

export interface IngressSet {
  ingresses: IngressModel[];
  classes: { name: string; controller?: string; isDefault: boolean }[];
  services: ServiceModel[];
  diagnostics: Diagnostic[];
}

const backendShape: Shape = {
  object: {
    service: { object: { name: 'string', port: { object: { name: 'string', number: 'integer' } } }, required: ['name'] },
    resource: { object: { apiGroup: 'string', kind: 'string', name: 'string' }, required: ['kind', 'name'] },
  },
};

const ingressShape: Shape = {
  object: {
    apiVersion: 'string',
    kind: 'string',
    metadata: 'any',
    status: 'any',
    spec: {
      object: {
        ingressClassName: 'string',
        defaultBackend: backendShape,
        rules: {
          list: {
            object: {
              host: 'string',
              http: {
                object: { paths: { list: { object: { path: 'string', pathType: 'string', backend: backendShape }, required: ['backend'] } } },
                required: ['paths'],
              },
            },
          },
        },
        tls: { list: { object: { hosts: { list: 'string' }, secretName: 'string' } } },
      },
    },
  },
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readIngressSet(text: string): IngressSet {
  const { manifests, diagnostics } = readManifests(text);
  const out = diagnostics;
  const classes: IngressSet['classes'] = [];
  const services: ServiceModel[] = [];
  for (const m of manifests) {
    if (m.kind === 'IngressClass') {
      const spec = isObj(m.value.spec) ? m.value.spec : {};
      classes.push({
        name: m.name,
        ...(typeof spec.controller === 'string' ? { controller: spec.controller } : {}),
        isDefault: m.annotations['ingressclass.kubernetes.io/is-default-class'] === 'true',
      });
    } else if (m.kind === 'Service') {
      const spec = isObj(m.value.spec) ? m.value.spec : {};
      const ports = Array.isArray(spec.ports) ? spec.ports : [];
      services.push({
        name: m.name,
        namespace: m.namespace,
        ports: ports.filter(isObj).flatMap((p) => (typeof p.port === 'number' ? [{ port: p.port, ...(typeof p.name === 'string' ? { name: p.name } : {}) }] : [])),
      });
    }
  }
  const defaults = classes.filter((c) => c.isDefault);
  if (defaults.length > 1) {
    out.push(
      diag('warning', 'multiple-default-classes', `${defaults.length} IngressClasses are marked default (${defaults.map((c) => c.name).join(', ')}): the admission controller then refuses new Ingresses without ingressClassName.`, {
        line: 1,
        column: 1,
        source: K8S_INGRESS,
      }),
    );
  }
  const ingresses: IngressModel[] = [];
  manifests.forEach((m, order) => {
    if (m.kind !== 'Ingress') return;
    const model = readIngress(m, order, defaults.length === 1 ? defaults[0]!.name : undefined, out);
    if (model) ingresses.push(model);
  });
  // ingress-nginx's sortIngressSlice: older creationTimestamp first, equal ones by "namespace/name"
  // descending; its merge keeps the first of a duplicate host+path. Without a timestamp (pasted
  // manifests) an Ingress counts as newer than any that has one, in the order written.
  const created = (i: IngressModel): number => createdOf(i.manifest) ?? Infinity;
  ingresses.sort((a, b) => created(a) - created(b) || (created(a) !== Infinity ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : 0) || a.order - b.order);
  ingresses.forEach((i, n) => (i.order = n));
  return { ingresses, classes, services, diagnostics: out };
}

function readIngress(m: Manifest, order: number, defaultClass: string | undefined, out: Diagnostic[]): IngressModel | undefined {
  const doc = m.doc;
  const errorsBefore = out.filter((d) => d.severity === 'error').length;
  if (m.apiVersion !== 'networking.k8s.io/v1') {
    out.push(
      diag(
        'error',
        'ingress-api-version',
        m.apiVersion === 'extensions/v1beta1' || m.apiVersion === 'networking.k8s.io/v1beta1'
          ? `apiVersion ${m.apiVersion} was removed in Kubernetes ${FACTS['ingress-beta-api-removed-k8s'].value}; use networking.k8s.io/v1 (its backend fields are service.name and service.port).`
          : `An Ingress has apiVersion networking.k8s.io/v1, not "${m.apiVersion}".`,
        { ...doc.at(['apiVersion']), source: K8S_INGRESS },
      ),
    );
    return undefined;
  }
  checkShape(doc, m.value, ingressShape, [], out);
  const spec = isObj(m.value.spec) ? m.value.spec : {};
  const id = `${m.namespace}/${m.name}`;

  // Class: the field, else the deprecated annotation, else the cluster's default class.
  const field = typeof spec.ingressClassName === 'string' ? spec.ingressClassName : undefined;
  const annotation = m.annotations['kubernetes.io/ingress.class'];
  if (field !== undefined && annotation !== undefined && field !== annotation) {
    out.push(
      diag('error', 'ingress-class-mismatch', `The annotation kubernetes.io/ingress.class ("${annotation}") must match \`ingressClassName\` when both are specified (ingressClassName is "${field}").`, {
        ...doc.at(['spec', 'ingressClassName']),
        source: VALIDATION,
      }),
    );
  }
  const className = field ?? annotation ?? defaultClass;
  const classSource = field !== undefined ? 'field' : annotation !== undefined ? 'annotation' : defaultClass !== undefined ? 'default' : 'none';

  const defaultBackend = spec.defaultBackend !== undefined ? readBackend(spec.defaultBackend, m, ['spec', 'defaultBackend'], out) : undefined;
  const rawRules = Array.isArray(spec.rules) ? spec.rules : [];
  if (rawRules.length === 0 && spec.defaultBackend === undefined) {
    out.push(diag('error', 'ingress-empty-spec', 'either `defaultBackend` or `rules` must be specified: this Ingress routes nothing.', { ...doc.at(['spec']), source: VALIDATION }));
  }
  const rules: IngressRule[] = [];
  rawRules.forEach((r: unknown, ri: number) => {
    if (!isObj(r)) return;
    let host: string | undefined;
    if (typeof r.host === 'string' && r.host !== '') {
      const problem = hostProblem(r.host, parseIp(r.host).ok);
      if (problem) out.push(diag('error', parseIp(r.host).ok ? 'host-is-ip' : 'invalid-host', `${problem}.`, { ...doc.at(['spec', 'rules', ri, 'host']), source: VALIDATION }));
      host = r.host;
    }
    const paths: IngressPath[] = [];
    const http = isObj(r.http) ? r.http : undefined;
    if (http && Array.isArray(http.paths) && http.paths.length === 0) {
      out.push(diag('error', 'http-paths-required', 'http.paths must list at least one path.', { ...doc.at(['spec', 'rules', ri, 'http', 'paths']), source: VALIDATION }));
    }
    const rawPaths = http && Array.isArray(http.paths) ? http.paths : [];
    rawPaths.forEach((p: unknown, pi: number) => {
      if (!isObj(p)) return;
      const at = ['spec', 'rules', ri, 'http', 'paths', pi];
      const path = typeof p.path === 'string' ? p.path : '';
      const pathType = p.pathType;
      if (pathType === undefined || pathType === null) {
        out.push(
          diag('error', 'missing-path-type', `pathType must be specified for "${path || '(empty path)'}": the API server rejects paths without one. Use Prefix (most common), Exact or ImplementationSpecific.`, {
            ...doc.at(at),
            source: K8S_INGRESS,
          }),
        );
        return;
      }
      if (pathType !== 'Exact' && pathType !== 'Prefix' && pathType !== 'ImplementationSpecific') {
        out.push(
          diag('error', 'invalid-path-type', `Unsupported value "${String(pathType)}" for pathType: supported values are "Exact", "Prefix", "ImplementationSpecific" (case-sensitive).`, {
            ...doc.at([...at, 'pathType']),
            source: VALIDATION,
          }),
        );
        return;
      }
      const problem = pathProblem(path, pathType);
      if (problem) out.push(diag('error', problem.code, problem.message, { ...doc.at([...at, 'path']), source: VALIDATION }));
      else if (pathType !== 'ImplementationSpecific' && !nginxStrictPathOk(path)) {
        out.push(
          diag(
            'warning',
            'nginx-strict-path',
            `"${path}" has characters other than letters, digits, '-', '_' and '/'. ingress-nginx (strict-validate-path-type, on by default) rejects such ${pathType} paths; write regular expressions with pathType ImplementationSpecific.`,
            { ...doc.at([...at, 'path']), source: NGINX_FAQ },
          ),
        );
      }
      const backend = readBackend(p.backend, m, [...at, 'backend'], out);
      if (!backend) return;
      paths.push({ path: pathType === 'ImplementationSpecific' && path === '' ? '/' : path, pathType, backend, rule: ri, index: pi, at: doc.at([...at, 'path']) });
    });
    rules.push({ ...(host !== undefined ? { host } : {}), index: ri, paths });
  });

  const tls: IngressModel['tls'] = [];
  (Array.isArray(spec.tls) ? spec.tls : []).forEach((t: unknown, ti: number) => {
    if (!isObj(t)) return;
    const hosts = Array.isArray(t.hosts) ? t.hosts.filter((h): h is string => typeof h === 'string') : [];
    hosts.forEach((h, hi) => {
      const problem = hostProblem(h, parseIp(h).ok);
      if (problem) out.push(diag('error', 'invalid-host', `TLS host: ${problem}.`, { ...doc.at(['spec', 'tls', ti, 'hosts', hi]), source: VALIDATION }));
    });
    tls.push({ hosts, index: ti, ...(typeof t.secretName === 'string' ? { secretName: t.secretName } : {}) });
  });

  const rewrite = m.annotations['nginx.ingress.kubernetes.io/rewrite-target'];
  const rejected = out.filter((d) => d.severity === 'error').length > errorsBefore;
  return {
    id,
    name: m.name,
    namespace: m.namespace,
    ...(className !== undefined ? { className } : {}),
    classSource,
    rules,
    ...(defaultBackend ? { defaultBackend } : {}),
    tls,
    regex: m.annotations['nginx.ingress.kubernetes.io/use-regex'] === 'true' || (rewrite !== undefined && rewrite !== ''),
    ...(rewrite ? { rewriteTarget: rewrite } : {}),
    ...(m.annotations['nginx.ingress.kubernetes.io/app-root'] ? { appRoot: m.annotations['nginx.ingress.kubernetes.io/app-root'] } : {}),
    sslRedirect: m.annotations['nginx.ingress.kubernetes.io/ssl-redirect'] !== 'false',
    canary: m.annotations['nginx.ingress.kubernetes.io/canary'] === 'true',
    ...redirectAnnotation(m.annotations),
    rejected,
    manifest: m,
    order,
  };
}

const NGINX = 'nginx.ingress.kubernetes.io/';

/**
 * ingress-nginx redirect annotations (docs, annotations "Permanent Redirect" / "Temporal
 * Redirect"): `temporal-redirect` (code 301, 302, 303 or 307; default 302) "takes priority
 * over permanent redirect" (code 301, 302, 303, 307 or 308; default 301).
 */
function redirectAnnotation(a: Record<string, string>): { redirectTo?: IngressModel['redirectTo'] } {
  const pick = (key: string, codeKey: string, allowed: number[], dflt: number): IngressModel['redirectTo'] | undefined => {
    const url = a[NGINX + key];
    if (!url) return undefined;
    const code = Number(a[NGINX + codeKey]);
    return { url, status: allowed.includes(code) ? code : dflt, annotation: key };
  };
  const r = pick('temporal-redirect', 'temporal-redirect-code', [301, 302, 303, 307], 302) ?? pick('permanent-redirect', 'permanent-redirect-code', [301, 302, 303, 307, 308], 301);
  return r ? { redirectTo: r } : {};
}

function readBackend(raw: unknown, m: Manifest, at: (string | number)[], out: Diagnostic[]): Backend | undefined {
  const doc = m.doc;
  if (!isObj(raw)) {
    out.push(diag('error', 'backend-required', 'resource or service backend is required.', { ...doc.at(at), source: VALIDATION }));
    return undefined;
  }
  const svc = isObj(raw.service) ? raw.service : undefined;
  const res = isObj(raw.resource) ? raw.resource : undefined;
  if (svc && res) {
    out.push(diag('error', 'backend-both', 'cannot set both resource and service backends.', { ...doc.at(at), source: VALIDATION }));
    return undefined;
  }
  if (res) {
    return typeof res.kind === 'string' && typeof res.name === 'string' ? { resource: { kind: res.kind, name: res.name } } : undefined;
  }
  if (!svc) {
    out.push(diag('error', 'backend-required', 'resource or service backend is required (networking.k8s.io/v1 uses backend.service.name and backend.service.port).', { ...doc.at(at), source: VALIDATION }));
    return undefined;
  }
  const port = isObj(svc.port) ? svc.port : {};
  const hasName = typeof port.name === 'string' && port.name !== '';
  const hasNumber = typeof port.number === 'number';
  if (hasName && hasNumber) {
    out.push(diag('error', 'backend-port-both', 'cannot set both port name & port number.', { ...doc.at([...at, 'service', 'port']), source: VALIDATION }));
    return undefined;
  }
  if (!hasName && !hasNumber) {
    out.push(diag('error', 'backend-port-required', 'port name or number is required.', { ...doc.at([...at, 'service', 'port']), source: VALIDATION }));
    return undefined;
  }
  if (hasNumber && (!Number.isInteger(port.number) || (port.number as number) < 1 || (port.number as number) > 65535)) {
    out.push(diag('error', 'invalid-port', 'port.number must be a whole number from 1 to 65535.', { ...doc.at([...at, 'service', 'port', 'number']), source: VALIDATION }));
    return undefined;
  }
  if (typeof svc.name !== 'string') return undefined;
  return { service: { name: svc.name, port: hasName ? (port.name as string) : (port.number as number) } };
}

export const describeBackend = (b: Backend): string =>
  b.service ? `Service ${b.service.name}:${b.service.port}` : b.resource ? `${b.resource.kind} ${b.resource.name}` : '(none)';
