/**
 * Checks the Kubernetes JSON Schema the YAML panes give monaco-yaml: it is well-formed, and
 * real manifests (upstream test policies and kubernetes.io examples) pass while manifests that
 * the API server rejects fail at the right place. The validator below implements only the
 * draft-07 keywords the schema uses, and fails loudly on any keyword it does not know, so a
 * schema change cannot silently escape the checks.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kubernetesSchema } from '../../src/components/playground/k8s-schemas';
import { parseYamlDocuments } from '../../src/lib/yaml';

type Schema = Record<string, unknown> | boolean;
const root = kubernetesSchema.schema;
const definitions = root.definitions as Record<string, Schema>;

// Keywords that only annotate (no effect on validity).
const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'examples', 'errorMessage']);
const HANDLED = new Set([
  '$ref', 'type', 'enum', 'const', 'properties', 'additionalProperties', 'required', 'items', 'minimum', 'maximum',
  'maxLength', 'pattern', 'maxItems', 'allOf', 'oneOf', 'if', 'then', 'propertyNames', 'definitions',
]);

function resolve(ref: string): Schema {
  if (ref === '#') return root;
  const m = /^#\/definitions\/(.+)$/.exec(ref);
  const target = m ? definitions[m[1]!] : undefined;
  if (target === undefined) throw new Error(`unresolved $ref ${ref}`);
  return target;
}

const typeOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v;

/** Returns the problems as "path: message" strings; an empty list means valid. */
function validate(schema: Schema, value: unknown, path = ''): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${path}: not allowed`];
  const out: string[] = [];
  for (const key of Object.keys(schema)) {
    if (!ANNOTATIONS.has(key) && !HANDLED.has(key)) throw new Error(`validator does not know keyword "${key}"`);
  }
  const s = schema as Record<string, any>;
  if (s.$ref) out.push(...validate(resolve(s.$ref), value, path));
  if (s.type !== undefined) {
    const types: string[] = Array.isArray(s.type) ? s.type : [s.type];
    const t = typeOf(value);
    if (!types.includes(t) && !(t === 'integer' && types.includes('number'))) return [...out, `${path}: expected ${types.join('|')}, got ${t}`];
  }
  if (s.enum && !s.enum.includes(value)) out.push(`${path}: ${JSON.stringify(value)} not in enum`);
  if ('const' in s && s.const !== value) out.push(`${path}: not ${JSON.stringify(s.const)}`);
  if (typeof value === 'number') {
    if (s.minimum !== undefined && value < s.minimum) out.push(`${path}: below minimum`);
    if (s.maximum !== undefined && value > s.maximum) out.push(`${path}: above maximum`);
  }
  if (typeof value === 'string') {
    if (s.maxLength !== undefined && value.length > s.maxLength) out.push(`${path}: too long`);
    if (s.pattern !== undefined && !new RegExp(s.pattern).test(value)) out.push(`${path}: does not match pattern`);
  }
  if (Array.isArray(value)) {
    if (s.maxItems !== undefined && value.length > s.maxItems) out.push(`${path}: too many items`);
    if (s.items) value.forEach((item, i) => out.push(...validate(s.items, item, `${path}[${i}]`)));
  }
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    for (const r of s.required ?? []) if (!(r in obj)) out.push(`${path}: missing ${r}`);
    for (const [k, v] of Object.entries(obj)) {
      const p = path ? `${path}.${k}` : k;
      if (s.propertyNames) out.push(...validate(s.propertyNames, k, p).map((e) => `${e} (property name)`));
      if (s.properties && k in s.properties) out.push(...validate(s.properties[k], v, p));
      else if (s.additionalProperties !== undefined) out.push(...validate(s.additionalProperties, v, p).map((e) => (s.additionalProperties === false ? `${p}: unknown field` : e)));
    }
  }
  for (const sub of s.allOf ?? []) out.push(...validate(sub, value, path));
  if (s.oneOf) {
    const passing = (s.oneOf as Schema[]).filter((sub) => validate(sub, value, path).length === 0).length;
    if (passing !== 1) out.push(`${path}: matches ${passing} of oneOf`);
  }
  if (s.if && validate(s.if, value, path).length === 0 && s.then) out.push(...validate(s.then, value, path));
  return out;
}

/** Every sub-schema with the path that leads to it. */
function* walk(schema: unknown, path: string): Generator<[Record<string, any>, string]> {
  if (typeof schema !== 'object' || schema === null) return;
  if (Array.isArray(schema)) {
    for (const [i, s] of schema.entries()) yield* walk(s, `${path}/${i}`);
    return;
  }
  yield [schema as Record<string, any>, path];
  for (const [k, v] of Object.entries(schema)) if (k !== 'enum' && k !== 'examples' && k !== 'const') yield* walk(v, `${path}/${k}`);
}
const all = [...walk(root, '#')];

const docsOf = (text: string): unknown[] => {
  const { documents, diagnostics } = parseYamlDocuments(text);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return documents.map((d) => d.value).filter((v) => v !== null && v !== undefined);
};

describe('schema is well-formed', () => {
  it('is plain JSON data (survives the trip to the YAML worker unchanged)', () => {
    expect(JSON.parse(JSON.stringify(kubernetesSchema))).toEqual(kubernetesSchema);
  });

  it('resolves every $ref to a definition, and uses every definition', () => {
    const refs = all.filter(([s]) => typeof s.$ref === 'string').map(([s]) => s.$ref as string);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) expect(() => resolve(ref), ref).not.toThrow();
    const used = new Set(refs);
    for (const name of Object.keys(definitions)) expect(used.has(`#/definitions/${name}`), `${name} is never used`).toBe(true);
  });

  it('has non-empty enums without duplicates, of the declared type', () => {
    const enums = all.filter(([s]) => 'enum' in s);
    expect(enums.length).toBeGreaterThan(15);
    for (const [s, path] of enums) {
      expect(Array.isArray(s.enum) && s.enum.length > 0, path).toBe(true);
      expect(new Set(s.enum).size, path).toBe(s.enum.length);
      for (const v of s.enum) expect(validate({ type: s.type }, v), path).toEqual([]);
    }
  });

  it('describes every declared property', () => {
    for (const [s, path] of all) {
      if (/\/if(\/|$)/.test(path)) continue; // conditions, not declarations
      for (const [name, prop] of Object.entries((s.properties ?? {}) as Record<string, any>)) {
        expect(typeof prop.description === 'string' && prop.description.length > 10, `${path}/properties/${name}`).toBe(true);
      }
    }
  });

  it('gives each kind its API group version', () => {
    const expected: Record<string, string> = {
      Namespace: 'v1', Pod: 'v1', Service: 'v1', List: 'v1',
      Deployment: 'apps/v1', StatefulSet: 'apps/v1', DaemonSet: 'apps/v1', ReplicaSet: 'apps/v1',
      Ingress: 'networking.k8s.io/v1', IngressClass: 'networking.k8s.io/v1', NetworkPolicy: 'networking.k8s.io/v1',
    };
    for (const [kind, apiVersion] of Object.entries(expected)) {
      expect(validate(root, { apiVersion, kind, metadata: { name: 'x' } }).filter((e) => !e.includes('missing')), kind).toEqual([]);
      expect(validate(root, { apiVersion: 'v2', kind, metadata: { name: 'x' } }).some((e) => e.startsWith('apiVersion:')), kind).toBe(true);
    }
  });
});

// Upstream NetworkPolicies used by the network-policy engine's vectors (Antrea, Cilium,
// Kubernetes e2e tests; see each case's `source`).
const netpolCases = JSON.parse(readFileSync(new URL('../vectors/netpol-cases.json', import.meta.url), 'utf8')) as { id: string; policies: string }[];

// kubernetes/website, content/en/examples/service/… at the commits noted: same content, the
// flow-style (JSON-like) files reflowed onto fewer lines.
const WEBSITE: Record<string, string> = {
  // networking/networkpolicy.yaml @3842a284
  networkpolicy: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: test-network-policy
  namespace: default
spec:
  podSelector:
    matchLabels:
      role: db
  policyTypes:
  - Ingress
  - Egress
  ingress:
  - from:
    - ipBlock:
        cidr: 172.17.0.0/16
        except:
        - 172.17.1.0/24
    - namespaceSelector:
        matchLabels:
          project: myproject
    - podSelector:
        matchLabels:
          role: frontend
    ports:
    - protocol: TCP
      port: 6379
  egress:
  - to:
    - ipBlock:
        cidr: 10.0.0.0/24
    ports:
    - protocol: TCP
      port: 5978
`,
  // networking/networkpolicy-multiport-egress.yaml @32b80366
  multiport: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: multi-port-egress
  namespace: default
spec:
  podSelector:
    matchLabels:
      role: db
  policyTypes:
  - Egress
  egress:
  - to:
    - ipBlock:
        cidr: 10.0.0.0/24
    ports:
    - protocol: TCP
      port: 32000
      endPort: 32768
`,
  // networking/dual-stack-prefer-ipv6-lb-svc.yaml @6ef03d7b
  dualStackService: `{ apiVersion: "v1", kind: "Service", metadata: { name: "my-service", labels: { app.kubernetes.io/name: "MyApp" } },
  spec: { ipFamilyPolicy: "PreferDualStack", ipFamilies: [ "IPv6" ], type: "LoadBalancer",
    selector: { app.kubernetes.io/name: "MyApp" }, ports: [{ protocol: "TCP", port: 80 }] } }
`,
  // networking/nginx-secure-app.yaml @6ef03d7b (Service + Deployment)
  nginxSecureApp: `---
{ apiVersion: "v1", kind: "Service", metadata: { name: "my-nginx", labels: { run: "my-nginx" } },
  spec: { type: "NodePort", ports: [{ port: 8080, targetPort: 80, protocol: "TCP", name: "http" }, { port: 443, protocol: "TCP", name: "https" }],
    selector: { run: "my-nginx" } } }
---
{ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "my-nginx" },
  spec: { selector: { matchLabels: { run: "my-nginx" } }, replicas: 1,
    template: { metadata: { labels: { run: "my-nginx" } },
      spec: { volumes: [{ name: "secret-volume", secret: { secretName: "nginxsecret" } }, { name: "configmap-volume", configMap: { name: "nginxconfigmap" } }],
        containers: [{ name: "nginxhttps", image: "bprashanth/nginxhttps:1.0", ports: [{ containerPort: 443 }, { containerPort: 80 }],
          volumeMounts: [{ mountPath: "/etc/nginx/ssl", name: "secret-volume" }, { mountPath: "/etc/nginx/conf.d", name: "configmap-volume" }] }] } } } }
`,
  // networking/tls-example-ingress.yaml @7a090ad7
  tlsIngress: `{ apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name: "tls-example-ingress" },
  spec: { tls: [{ hosts: [ "https-example.foo.com" ], secretName: "testsecret-tls" }],
    rules: [{ host: "https-example.foo.com", http: { paths: [{ path: "/", pathType: "Prefix",
      backend: { service: { name: "service1", port: { number: 80 } } } }] } }] } }
`,
  // networking/ingress-resource-backend.yaml @6ef03d7b
  resourceBackend: `{ apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name: "ingress-resource-backend" },
  spec: { defaultBackend: { resource: { apiGroup: "k8s.example.com", kind: "StorageBucket", name: "static-assets" } },
    rules: [{ http: { paths: [{ path: "/icons", pathType: "ImplementationSpecific",
      backend: { resource: { apiGroup: "k8s.example.com", kind: "StorageBucket", name: "icon-assets" } } }] } }] } }
`,
  // networking/namespaced-params.yaml @7a090ad7
  ingressClass: `{ apiVersion: "networking.k8s.io/v1", kind: "IngressClass", metadata: { name: "external-lb" },
  spec: { controller: "example.com/ingress-controller",
    parameters: { apiGroup: "k8s.example.com", kind: "IngressParameters", name: "external-lb", namespace: "external-configuration", scope: "Namespace" } } }
`,
  // access/backend-deployment.yaml @3389c10e
  backendDeployment: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: backend
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: hello
      tier: backend
      track: stable
  replicas: 3
  template:
    metadata:
      labels:
        app.kubernetes.io/name: hello
        tier: backend
        track: stable
    spec:
      containers:
        - name: hello
          image: "gcr.io/google-samples/hello-go-gke:1.0"
          ports:
            - name: http
              containerPort: 80
`,
};

describe('real manifests pass', () => {
  it.each(netpolCases.filter((c) => c.policies.trim() !== ''))('netpol vector $id', ({ policies }) => {
    const docs = docsOf(policies);
    expect(docs.length).toBeGreaterThan(0);
    for (const doc of docs) expect(validate(root, doc)).toEqual([]);
  });

  it.each(Object.entries(WEBSITE))('kubernetes.io example %s', (_name, text) => {
    const docs = docsOf(text);
    expect(docs.length).toBeGreaterThan(0);
    for (const doc of docs) expect(validate(root, doc)).toEqual([]);
  });

  it('checks the items of a List by their own kind', () => {
    const list = { apiVersion: 'v1', kind: 'List', items: docsOf(WEBSITE.networkpolicy!) };
    expect(validate(root, list)).toEqual([]);
    (list.items[0] as any).spec.podSelecter = {};
    expect(validate(root, list)).toEqual(['items[0].spec.podSelecter: unknown field']);
  });

  it('leaves kinds it does not describe alone', () => {
    expect(validate(root, { apiVersion: 'v1', kind: 'ConfigMap', data: { a: 'b' } })).toEqual([]);
  });
});

/**
 * Mistakes the API server rejects (field names and enums from the API reference for
 * networking.k8s.io/v1 and core/v1): each edit to a valid manifest must be reported at `at`.
 */
describe('mistakes are reported where they are', () => {
  const base = (name: string, i = 0): any => docsOf(WEBSITE[name]!)[i];
  const cases: [string, string, (d: any) => void, string][] = [
    ['networkpolicy', 'misspelled spec field', (d) => (d.spec.podselector = d.spec.podSelector), 'spec.podselector'],
    ['networkpolicy', 'lowercase policy type', (d) => (d.spec.policyTypes = ['ingress']), 'spec.policyTypes[0]'],
    ['networkpolicy', 'lowercase protocol', (d) => (d.spec.ingress[0].ports[0].protocol = 'tcp'), 'spec.ingress[0].ports[0].protocol'],
    ['networkpolicy', 'port above 65535', (d) => (d.spec.egress[0].ports[0].port = 65536), 'spec.egress[0].ports[0].port'],
    ['networkpolicy', 'port 0', (d) => (d.spec.egress[0].ports[0].port = 0), 'spec.egress[0].ports[0].port'],
    ['networkpolicy', 'port name with capitals', (d) => (d.spec.egress[0].ports[0].port = 'HTTP'), 'spec.egress[0].ports[0].port'],
    ['networkpolicy', 'ipBlock typo', (d) => (d.spec.ingress[0].from[0].ipBlock.cdir = '10.0.0.0/8'), 'spec.ingress[0].from[0].ipBlock'],
    ['networkpolicy', 'ipBlock with podSelector in one peer', (d) => (d.spec.ingress[0].from[0].podSelector = {}), 'spec.ingress[0].from[0].podSelector'],
    ['networkpolicy', 'bad selector operator', (d) => (d.spec.podSelector = { matchExpressions: [{ key: 'a', operator: 'Equals', values: ['b'] }] }), 'spec.podSelector.matchExpressions[0].operator'],
    ['networkpolicy', 'NetworkPolicy has no status', (d) => (d.status = {}), 'status'],
    ['multiport', 'egress rule uses "from"', (d) => (d.spec.egress[0].from = d.spec.egress[0].to), 'spec.egress[0].from'],
    ['dualStackService', 'misspelled Service type', (d) => (d.spec.type = 'Loadbalancer'), 'spec.type'],
    ['dualStackService', 'lowercase traffic policy', (d) => (d.spec.externalTrafficPolicy = 'local'), 'spec.externalTrafficPolicy'],
    ['dualStackService', 'unknown IP family', (d) => (d.spec.ipFamilies = ['IPv5']), 'spec.ipFamilies[0]'],
    ['dualStackService', 'port without number', (d) => delete d.spec.ports[0].port, 'spec.ports[0]'],
    ['dualStackService', 'misspelled metadata field', (d) => (d.metadata.lables = d.metadata.labels), 'metadata.lables'],
    ['tlsIngress', 'path without pathType', (d) => delete d.spec.rules[0].http.paths[0].pathType, 'spec.rules[0].http.paths[0]'],
    ['tlsIngress', 'lowercase pathType', (d) => (d.spec.rules[0].http.paths[0].pathType = 'prefix'), 'spec.rules[0].http.paths[0].pathType'],
    ['tlsIngress', 'v1beta1-style backend', (d) => (d.spec.rules[0].http.paths[0].backend = { serviceName: 'service1', servicePort: 80 }), 'spec.rules[0].http.paths[0].backend'],
    ['tlsIngress', 'port with both name and number', (d) => (d.spec.rules[0].http.paths[0].backend.service.port.name = 'http'), 'spec.rules[0].http.paths[0].backend.service.port'],
    ['resourceBackend', 'backend with service and resource', (d) => (d.spec.defaultBackend.service = { name: 's', port: { number: 80 } }), 'spec.defaultBackend'],
    ['ingressClass', 'unknown parameters scope', (d) => (d.spec.parameters.scope = 'Cluster-wide'), 'spec.parameters.scope'],
    ['backendDeployment', 'containerPort above 65535', (d) => (d.spec.template.spec.containers[0].ports[0].containerPort = 80000), 'spec.template.spec.containers[0].ports[0].containerPort'],
    ['backendDeployment', 'container port typo', (d) => (d.spec.template.spec.containers[0].ports[0].contianerPort = 80), 'spec.template.spec.containers[0].ports[0]'],
  ];
  it.each(cases)('%s: %s', (name, _what, edit, at) => {
    const doc = base(name);
    expect(validate(root, doc)).toEqual([]);
    edit(doc);
    const problems = validate(root, doc);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.startsWith(`${at}:`) || p.startsWith(`${at}.`) || p.startsWith(`${at}[`)), problems.join('\n')).toBe(true);
  });
});

// Cilium policies of the shared Cilium vectors (cilium/cilium examples and the AKS docs; see each case's `source`).
const ciliumCases = JSON.parse(readFileSync(new URL('../vectors/cilium-cases.json', import.meta.url), 'utf8')) as { name: string; input: { policies: string } }[];

describe('Cilium policies', () => {
  it.each(ciliumCases.map((c) => [c.name.split(' ')[0]!, c.input.policies] as const))('vector %s passes', (_id, policies) => {
    const docs = docsOf(policies);
    expect(docs.length).toBeGreaterThan(0);
    for (const doc of docs) expect(validate(root, doc)).toEqual([]);
  });
  const fqdn = () => docsOf(ciliumCases.find((c) => c.name.startsWith('cil-p18'))!.input.policies)[0] as any;
  const cases: [string, (d: any) => void, string][] = [
    ['toFQDN typo', (d) => (d.spec.egress[1].toFQDN = d.spec.egress[1].toFQDNs), 'spec.egress[1].toFQDN'],
    ['unknown entity', (d) => (d.spec.egress[1] = { toEntities: ['internet'] }), 'spec.egress[1].toEntities[0]'],
    ['lowercase protocol', (d) => (d.spec.egress[0].toPorts[0].ports[0].protocol = 'udp'), 'spec.egress[0].toPorts[0].ports[0].protocol'],
    ['toFQDNs in a deny rule', (d) => (d.spec.egressDeny = [{ toFQDNs: [{ matchName: 'x.com' }] }]), 'spec.egressDeny[0].toFQDNs'],
    ['wrong apiVersion', (d) => (d.apiVersion = 'cilium.io/v1'), 'apiVersion'],
  ];
  it.each(cases)('%s is reported where it is', (_what, edit, at) => {
    const doc = fqdn();
    expect(validate(root, doc)).toEqual([]);
    edit(doc);
    const problems = validate(root, doc);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.startsWith(`${at}:`) || p.startsWith(`${at}.`) || p.startsWith(`${at}[`)), problems.join('\n')).toBe(true);
  });
});

describe('Gateway API objects (gateway-schemas.ts)', () => {
  // Independent manifests: every manifest of the shared Gateway API vectors (conformance
  // tests, Gateway API and AKS docs) must pass; typos the API server rejects must not.
  const vectors = JSON.parse(readFileSync(new URL('../vectors/gateway-cases.json', import.meta.url), 'utf8')) as { name: string; input: { manifests: string } }[];
  it('accepts every manifest of the shared Gateway API vectors', () => {
    let checked = 0;
    for (const v of vectors) {
      for (const doc of docsOf(v.input.manifests)) {
        expect(validate(root, doc), v.name).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(150);
  });
  const route = (spec: string): unknown => docsOf(`apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r}\nspec:\n${spec}`)[0];
  for (const [what, spec, problem] of [
    ['backendRef (typo)', '  rules:\n  - backendRef: [{name: a, port: 80}]\n', 'unknown field'],
    ['path type prefix (lower case)', '  rules:\n  - matches: [{path: {type: prefix, value: /}}]\n', 'not in enum'],
    ['redirect status 305', '  rules:\n  - filters: [{type: RequestRedirect, requestRedirect: {statusCode: 305}}]\n', 'not in enum'],
    ['an IP as hostname', '  hostnames: ["10.0.0.1:80"]\n', 'does not match pattern'],
    ['method get (lower case)', '  rules:\n  - matches: [{method: get}]\n', 'not in enum'],
  ] as const) {
    it(`rejects ${what}`, () => expect(validate(root, route(spec)).join('\n')).toContain(problem));
  }
  it('rejects a listener without a protocol, and an unknown allowedRoutes.from', () => {
    const gw = docsOf('apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: g}\nspec:\n  gatewayClassName: approuting-istio\n  listeners:\n  - {name: http, port: 80, allowedRoutes: {namespaces: {from: Any}}}\n')[0];
    const errors = validate(root, gw).join('\n');
    expect(errors).toContain('missing protocol');
    expect(errors).toContain('not in enum');
  });
});
