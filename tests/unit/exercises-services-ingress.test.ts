/**
 * The Services/Ingress and WAF exercise checkers judge behaviour: a second, differently
 * written correct answer passes, and plausible wrong answers fail for the right reason.
 * (tests/unit/exercises.test.ts already checks every solution passes and every start fails.)
 */
import { describe, expect, it } from 'vitest';
import { exerciseById, type Exercise } from '../../src/lib/exercises';

function ex(id: string): Exercise {
  const e = exerciseById(id);
  if (!e) throw new Error(`no exercise ${id}`);
  return e;
}

const expectPass = (id: string, inputs: Record<string, string>) => {
  const r = ex(id).check(inputs);
  expect(r.pass, `${r.reason}\n${(r.details ?? []).join('\n')}`).toBe(true);
};
const expectFail = (id: string, inputs: Record<string, string>, reason: RegExp) => {
  const r = ex(id).check(inputs);
  expect(r.pass).toBe(false);
  expect(`${r.reason}\n${(r.details ?? []).join('\n')}`).toMatch(reason);
};

describe('ingress-route-two-apps', () => {
  const id = 'ingress-route-two-apps';
  it('fails ImplementationSpecific /cart: ingress-nginx writes it as a string-prefix location, so /cartoons reaches the cart', () => {
    const manifests = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: cart }
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http:
      paths:
      - { path: /cart, pathType: ImplementationSpecific, backend: { service: { name: cart, port: { number: 80 } } } }
      - { path: /, pathType: Prefix, backend: { service: { name: web, port: { number: 80 } } } }
`;
    expectFail(id, { manifests, request: '' }, /cartoons reaches Service cart/);
  });

  it('accepts two Ingresses of one class and short port names', () => {
    // Written differently: two Ingresses merged by the controller, flow-style YAML, and a
    // trailing slash on the Prefix path (element-wise, so it changes nothing).
    const manifests = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: cart }
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http:
      paths:
      - { path: /cart/, pathType: Prefix, backend: { service: { name: cart, port: { number: 80 } } } }
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: front }
spec:
  ingressClassName: nginx
  defaultBackend: { service: { name: web, port: { number: 80 } } }
  rules:
  - host: shop.example.com
    http:
      paths:
      - { path: /, pathType: Prefix, backend: { service: { name: web, port: { name: http } } } }
`;
    expectPass(id, { manifests, request: '' });
  });

  it('accepts a host-less rule with a defaultBackend for everything else', () => {
    const manifests = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  defaultBackend:
    service: { name: web, port: { number: 80 } }
  rules:
  - http:
      paths:
      - path: /cart/
        pathType: Prefix
        backend:
          service: { name: cart, port: { number: 80 } }
`;
    expectPass(id, { manifests, request: '' });
  });

  it('fails a regex that also sends /cartoons to the cart', () => {
    const manifests = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    nginx.ingress.kubernetes.io/use-regex: "true"
spec:
  rules:
  - host: shop.example.com
    http:
      paths:
      - { path: /cart, pathType: ImplementationSpecific, backend: { service: { name: cart, port: { number: 80 } } } }
      - { path: /, pathType: Prefix, backend: { service: { name: web, port: { number: 80 } } } }
`;
    expectFail(id, { manifests, request: '' }, /cartoons reaches Service cart/);
  });

  it('fails the start, naming a request that goes wrong', () => {
    expectFail(id, ex(id).start, /\/cart\/items\/3 reaches Service web/);
  });
});

describe('ingress-add-tls', () => {
  const id = 'ingress-add-tls';
  it('accepts a one-label wildcard TLS host listed with another host, in flow style', () => {
    const manifests = ex(id).solution.manifests!.replace(/  tls:\n[\s\S]*?secretName: shop-tls\n/, '  tls:\n  - { secretName: shop-tls, hosts: [www.example.com, "*.example.com"] }\n');
    expect(manifests).toContain('*.example.com');
    expectPass(id, { manifests, request: '' });
  });

  it('fails when the certificate Secret is another one', () => {
    const manifests = ex(id).solution.manifests!.replace('secretName: shop-tls', 'secretName: other-tls');
    expectFail(id, { manifests, request: '' }, /Secret "other-tls"/);
  });

  it('fails YAML the engine cannot read, with its line', () => {
    expectFail(id, { manifests: 'kind: Ingress\nspec: [', request: '' }, /line \d+/);
  });
});

describe('service-fix-selector', () => {
  const id = 'service-fix-selector';
  it('accepts the selector app: api alone, written in flow style with a numeric targetPort', () => {
    const manifests = ex(id).start.manifests!.replace(/spec:\n  selector:\n    app: api-server\n    tier: backend\n  ports:\n  - name: http\n    port: 80\n    targetPort: http\n/, 'spec:\n  selector: { app: api }\n  ports: [{ port: 80, targetPort: 8080 }]\n');
    expect(manifests).toContain('selector: { app: api }');
    expectPass(id, { manifests });
  });

  it('fails a selector that also picks the worker pods', () => {
    const manifests = ex(id).start.manifests!.replace('    app: api-server\n', '');
    expectFail(id, { manifests }, /default\/worker is selected too/);
  });

  it('fails when the worker Deployment is deleted instead', () => {
    const manifests = ex(id).start.manifests!.split('---').filter((d) => !d.includes('name: worker')).join('---').replace('    app: api-server\n', '');
    expectFail(id, { manifests }, /Keep both Deployments/);
  });
});

describe('service-internal-lb', () => {
  const id = 'service-internal-lb';
  it('accepts the internal annotation with a subnet and single quotes', () => {
    const manifests = ex(id).start.manifests!.replace(
      '    service.beta.kubernetes.io/azure-load-balancer-internel: "true"\n',
      "    service.beta.kubernetes.io/azure-load-balancer-internal-subnet: apps-subnet\n    service.beta.kubernetes.io/azure-load-balancer-internal: 'true'\n",
    );
    expectPass(id, { manifests });
  });

  it('fails a ClusterIP Service, and keeps failing while the typo stays', () => {
    const clusterIp = ex(id).solution.manifests!.replace('  type: LoadBalancer\n', '');
    expectFail(id, { manifests: clusterIp }, /type ClusterIP/);
    const both = ex(id).start.manifests!.replace('  annotations:\n', '  annotations:\n    service.beta.kubernetes.io/azure-load-balancer-internal: "true"\n');
    expectFail(id, { manifests: both }, /internel/);
  });
});

describe('waf-block-admin-path', () => {
  const id = 'waf-block-admin-path';
  const policy = (mode: string, condition: string) => `{
    "properties": {
      "policySettings": { "mode": "${mode}", "state": "Enabled" },
      "customRules": [
        { "name": "allowAll", "priority": 90, "ruleType": "MatchRule", "action": "Allow",
          "matchConditions": [{ "matchVariables": [{ "variableName": "RequestMethod" }], "operator": "Any", "negationConditon": false, "matchValues": [] }] },
        { "name": "noAdmin", "priority": 1, "ruleType": "MatchRule", "action": "Block",
          "matchConditions": [${condition}] }
      ]
    }
  }`;
  const regex = '{ "matchVariables": [{ "variableName": "RequestUri" }], "operator": "Regex", "negationConditon": false, "matchValues": ["^/admin(/|\\\\?|$)"] }';

  it('accepts a Regex rule (with an unrelated Allow rule after it) written as ARM wraps it', () => {
    expectPass(id, { policy: policy('Prevention', regex), request: '' });
  });

  it('fails the same rule in Detection mode', () => {
    expectFail(id, { policy: policy('Detection', regex), request: '' }, /Detection mode/);
  });

  it('fails a rule that blocks everything', () => {
    const any = '{ "matchVariables": [{ "variableName": "RequestUri" }], "operator": "Any", "negationConditon": false, "matchValues": [] }';
    expectFail(id, { policy: policy('Prevention', any), request: '' }, /GET \/ from .* is blocked/);
  });
});
