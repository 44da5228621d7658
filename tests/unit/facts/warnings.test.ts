/**
 * Engines warn when an input uses something retiring or retired, with the date (from the fact
 * registry) and the way forward, relative to the date the input is read. Each case fixes
 * "today" on both sides of the date, so the tests do not depend on the clock.
 */
import { describe, expect, it } from 'vitest';
import { checkAzScript } from '../../../src/lib/azcli';
import { routeRequest, routeTable } from '../../../src/lib/ingress';
import { planCluster, type ClusterPlanInput } from '../../../src/lib/ipam';
import { lintPolicies } from '../../../src/lib/netpol';
import { ENGINE_PROFILES, engineDiagnostics } from '../../../src/lib/netpol/engines';
import { readPolicies } from '../../../src/lib/netpol/policy';

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe('kubenet plan', () => {
  const kubenet: ClusterPlanInput = { plugin: 'kubenet', vnetCidrs: ['10.1.0.0/16'], nodeSubnetCidr: '10.1.0.0/22', podCidr: '192.168.0.0/15', serviceCidr: '10.2.0.0/16', dnsServiceIp: '10.2.0.10', nodeCount: 10 };
  const retirement = (today: Date) => planCluster(kubenet, { today }).diagnostics.find((d) => d.code === 'kubenet-retirement');

  it('warns before 31 March 2028, with the date, the time left and the way forward', () => {
    const d = retirement(day('2026-11-30'));
    expect(d?.severity).toBe('warning');
    expect(d?.field).toBe('plugin');
    expect(d?.message).toContain('31 March 2028');
    expect(d?.message).toContain('in 16 months');
    expect(d?.message).toContain('Azure CNI Overlay');
    expect(d?.source).toMatch(/^https:\/\/learn\.microsoft\.com\//);
  });
  it('is an error once the date has passed', () => {
    const d = retirement(day('2028-04-30'));
    expect(d?.severity).toBe('error');
    expect(d?.message).toContain('ago');
  });
  it('is not raised for Azure CNI Overlay', () => {
    const p = planCluster({ ...kubenet, plugin: 'azure-overlay' }, { today: day('2026-11-30') });
    expect(p.diagnostics.map((d) => d.code)).not.toContain('kubenet-retirement');
  });
});

describe('a plan exactly at a documented limit is valid', () => {
  const at400: ClusterPlanInput = { plugin: 'kubenet', vnetCidrs: ['10.1.0.0/16'], nodeSubnetCidr: '10.1.0.0/22', podCidr: '192.168.0.0/15', serviceCidr: '10.2.0.0/16', dnsServiceIp: '10.2.0.10', nodeCount: 400 };
  it('400 kubenet nodes: no error; the surge node needing route 401 is a warning', () => {
    const p = planCluster(at400, { today: day('2026-11-30') });
    expect(p.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const surge = p.diagnostics.find((d) => d.code === 'node-limit-surge');
    expect(surge?.severity).toBe('warning');
    expect(surge?.message).toContain('401');
    expect(p.maxNodeCount).toBe(400);
  });
  it('400 kubenet nodes with maxSurge 0: no surge warning', () => {
    const p = planCluster({ ...at400, maxSurge: 0 }, { today: day('2026-11-30') });
    expect(p.diagnostics.map((d) => d.code)).not.toContain('node-limit-surge');
    expect(p.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
  it('401 kubenet nodes: an error', () => {
    const p = planCluster({ ...at400, nodeCount: 401 }, { today: day('2026-11-30') });
    expect(p.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toContain('node-limit');
  });
  it('5,000 Overlay nodes: within the cluster limit', () => {
    const p = planCluster({ plugin: 'azure-overlay', vnetCidrs: ['10.1.0.0/16'], nodeSubnetCidr: '10.1.0.0/17', podCidr: '100.64.0.0/10', serviceCidr: '10.2.0.0/16', dnsServiceIp: '10.2.0.10', nodeCount: 5000 });
    expect(p.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(p.diagnostics.find((d) => d.code === 'node-limit-surge')?.severity).toBe('warning');
  });
});

describe('az aks create', () => {
  const script = (flags: string) => `az aks create -g rg -n c1 --network-plugin azure --network-plugin-mode overlay ${flags}\n`;
  it('enabling http_application_routing is an error after its retirement (3 March 2025)', () => {
    const d = checkAzScript(script('--enable-addons monitoring,http_application_routing'), { today: day('2026-11-30') }).diagnostics.find((x) => x.code === 'http-application-routing-retired');
    expect(d?.severity).toBe('error');
    expect(d?.message).toContain('3 March 2025');
    expect(d?.message).toContain('application routing add-on');
    expect(d?.line).toBe(1);
    expect(d?.column).toBeGreaterThan(60); // on the add-on list, not at the start of the line
  });
  it('before the date it is a warning; other add-ons are not flagged', () => {
    expect(checkAzScript(script('--enable-addons http_application_routing'), { today: day('2025-01-15') }).diagnostics.find((x) => x.code === 'http-application-routing-retired')?.severity).toBe('warning');
    expect(checkAzScript(script('--enable-addons monitoring'), { today: day('2026-11-30') }).diagnostics.map((x) => x.code)).not.toContain('http-application-routing-retired');
  });
  it('--network-policy azure warns with both NPM dates', () => {
    const d = checkAzScript(script('--network-policy azure'), { today: day('2026-11-30') }).diagnostics.filter((x) => x.code === 'azure-npm-retirement');
    expect(d.map((x) => x.message).join(' ')).toMatch(/30 September 2026[\s\S]*30 September 2028/);
    expect(d.every((x) => x.severity === 'warning')).toBe(true);
  });
  it('--network-plugin kubenet carries the kubenet retirement on the plugin flag', () => {
    const d = checkAzScript('az aks create -g rg -n c1 --network-plugin kubenet\n', { today: day('2026-11-30') }).diagnostics.find((x) => x.code === 'kubenet-retirement');
    expect(d?.severity).toBe('warning');
    expect(d?.column).toBe('az aks create -g rg -n c1 --network-plugin '.length + 1);
  });
});

describe('azure-npm network policy engine', () => {
  const policy = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: shop}\nspec:\n  podSelector: {}\n';
  it('warns with the Windows date passed and the Linux date ahead on 30 November 2026', () => {
    const { policies } = readPolicies(policy);
    const d = engineDiagnostics(ENGINE_PROFILES['azure-npm'], policies, undefined, day('2026-11-30')).filter((x) => x.code === 'engine-retirement');
    expect(d).toHaveLength(2);
    expect(d[0]?.message).toMatch(/30 September 2026.*That was 2 months ago/);
    expect(d[1]?.message).toMatch(/30 September 2028.*That is in 22 months/);
    expect(d[1]?.message).toContain('Cilium');
  });
  it('is raised through lintPolicies for azure-npm only', () => {
    expect(lintPolicies({ policies: policy, engine: 'azure-npm' }).filter((x) => x.code === 'engine-retirement')).toHaveLength(2);
    expect(lintPolicies({ policies: policy, engine: 'cilium' }).map((x) => x.code)).not.toContain('engine-retirement');
  });
});

describe('Ingress for the application routing add-on NGINX', () => {
  const ingress = (cls: string) => `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web, namespace: shop}\nspec:\n  ingressClassName: ${cls}\n  rules:\n  - http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend: {service: {name: web, port: {number: 80}}}\n`;
  it('warns on ingressClassName webapprouting.kubernetes.azure.com with the November 2026 date and Gateway API', () => {
    const d = routeTable(ingress('webapprouting.kubernetes.azure.com'), { today: day('2026-10-01') }).diagnostics.find((x) => x.code === 'app-routing-nginx-retirement');
    expect(d?.severity).toBe('warning');
    expect(d?.line).toBe(5);
    expect(d?.message).toContain('November 2026');
    expect(d?.message).toContain('approuting-istio');
    const after = routeRequest({ manifests: ingress('webapprouting.kubernetes.azure.com'), request: { host: 'a.example', path: '/' }, today: day('2027-01-15') }).diagnostics.find((x) => x.code === 'app-routing-nginx-retirement');
    expect(after?.message).toContain('ago');
  });
  it('does not warn for another class', () => {
    expect(routeTable(ingress('nginx'), { today: day('2026-10-01') }).diagnostics.map((x) => x.code)).not.toContain('app-routing-nginx-retirement');
  });
});
