/** The Kubernetes tools read what kubectl and Helm print (fixtures in tests/fixtures/k8s, sources in its README). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import service from '../../src/components/tools/service';
import netpol from '../../src/components/tools/netpol';
import { readManifests } from '../../src/lib/k8s/manifests';

const fixture = (n: string) => readFileSync(new URL(`../fixtures/k8s/${n}`, import.meta.url), 'utf8');
const errors = (ds: { severity: string; code: string; message: string }[]) => ds.filter((d) => d.severity !== 'info').map((d) => `${d.code}: ${d.message}`);

describe('kubectl get -A -o yaml / -o json', () => {
  for (const file of ['kubectl-get-svc-deploy-A-o-yaml.yaml', 'kubectl-get-svc-deploy-A-o-json.json']) {
    it(`${file}: the List's items are read, managedFields and status do not get in the way`, () => {
      const set = readManifests(fixture(file));
      expect(set.manifests.map((m) => `${m.kind}/${m.name}`)).toEqual(['Service/my-nginx', 'Deployment/my-nginx']);
      const out = service.run({ manifests: fixture(file) });
      expect(errors(out.diagnostics)).toEqual([]);
      expect(out.summary).toBe('default/my-nginx: LoadBalancer (internal), 1 endpoint');
    });
  }
});

describe('Helm output', () => {
  it('documents with # Source: comments are read; the Service finds its Deployment', () => {
    const out = service.run({ manifests: fixture('helm-template-output.yaml') });
    expect(errors(out.diagnostics)).toEqual([]);
    expect(out.summary).toBe('default/release-name-web: ClusterIP, 1 endpoint');
  });
});

describe('an unknown enum value is an error, never a silent default', () => {
  it('type: Loadbalancer is not evaluated as ClusterIP', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: Loadbalancer\n  selector:\n    app: web\n  ports:\n  - port: 80\n';
    const out = service.run({ manifests: text });
    expect(out.diagnostics.find((d) => d.code === 'invalid-service-type')).toMatchObject({ severity: 'error', line: 6 });
    expect(out.summary).toBe('default/web: not created (invalid type)');
    expect(out.summary).not.toMatch(/ClusterIP/);
  });
});

describe('network policies from Helm output', () => {
  it('the policy and pods of a rendered chart are evaluated', () => {
    const text = fixture('helm-template-output.yaml');
    const out = netpol.run({ policies: text, cluster: text, query: 'default/release-name-web-test-connection -> default/release-name-web:8080/TCP' });
    expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(out.summary).toMatch(/: allow/);
    // Without the frontend label the same pod spec is refused: the policy isolates the web pods.
    const other = text.replace('    role: frontend\n', '    role: other\n');
    expect(other).not.toBe(text);
    expect(netpol.run({ policies: other, cluster: other, query: 'default/release-name-web-test-connection -> default/release-name-web:8080/TCP' }).summary).toMatch(/: deny/);
  });
});
