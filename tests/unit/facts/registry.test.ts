import { describe, expect, it } from 'vitest';
import { allFacts, CHANGES, FACTS, factDisplay, getFact, oldestChecked, retirementNotice, TABLES } from '../../../src/lib/facts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

describe('fact registry', () => {
  const facts = allFacts();

  it('holds facts from every topic table', () => {
    expect(Object.keys(TABLES).length).toBeGreaterThan(5);
    for (const [topic, table] of Object.entries(TABLES)) expect(Object.keys(table).length, topic).toBeGreaterThan(0);
  });

  it.each(facts.map((f) => [f.id, f] as const))('%s has a source, a quote, a sentence and a real check date', (id, f) => {
    expect(f.id).toBe(id);
    expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(f.source).toMatch(/^https:\/\/[a-z0-9.-]+\.[a-z]{2,}\//);
    expect(f.quote.trim().length).toBeGreaterThan(3);
    expect(f.text.trim()).toMatch(/[.)]$/);
    expect(f.checked).toMatch(ISO_DATE);
    const d = new Date(`${f.checked}T00:00:00Z`);
    expect(Number.isNaN(d.getTime())).toBe(false);
    expect(d.toISOString().slice(0, 10)).toBe(f.checked);
    expect(f.checked >= '2025-01-01').toBe(true);
    if (f.disputed !== undefined) expect(f.disputed).toMatch(/https:\/\//);
  });

  it('has no id twice across topic files', () => {
    const ids = facts.map((f) => f.id);
    const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(dupes).toEqual([]);
    expect(Object.keys(FACTS).length).toBe(ids.length);
  });

  it('dates of dated changes are ISO dates and every change names a section', () => {
    for (const c of CHANGES) {
      expect(FACTS[c.fact].value, c.fact).toMatch(ISO_DATE);
      expect(c.affects.length, c.fact).toBeGreaterThan(0);
      for (const a of c.affects) expect(a.href).toMatch(/^\/[a-z0-9/-]+\/(#[a-z0-9-]+)?$/);
    }
  });

  it('writes values the way pages show them', () => {
    expect(factDisplay(FACTS['vnet-configured-ips'])).toBe('65,536');
    expect(factDisplay(FACTS['kubenet-max-nodes'])).toBe('400');
    expect(factDisplay(FACTS['localdns-min-k8s'])).toBe('1.31');
  });

  it('finds facts by id and the oldest check date of a set', () => {
    expect(getFact('kubenet-max-nodes')?.value).toBe(400);
    expect(getFact('no-such-fact')).toBeUndefined();
    expect(getFact('toString')).toBeUndefined();
    expect(oldestChecked(['kubenet-max-nodes', 'no-such-fact'])).toBe('2026-11-30');
    expect(oldestChecked([])).toBeUndefined();
  });
});

describe('retirement notices relative to the reading date', () => {
  it('counts down before the date and says how long ago after it', () => {
    const before = retirementNotice('kubenet-retirement', new Date('2026-11-30T12:00:00Z'));
    expect(before.status).toBe('upcoming');
    expect(before.days).toBe(487);
    expect(before.message).toContain('31 March 2028');
    expect(before.message).toContain('in 16 months');
    expect(before.message).toContain('Azure CNI Overlay');
    const after = retirementNotice('kubenet-retirement', new Date('2028-04-02T00:00:00Z'));
    expect(after.status).toBe('past');
    expect(after.days).toBe(-2);
    expect(after.message).toContain('2 days ago');
  });

  it('treats the last day as still supported', () => {
    const n = retirementNotice('app-routing-nginx-support-end', new Date('2026-11-30T23:59:00Z'));
    expect(n.status).toBe('upcoming');
    expect(n.message).toContain('That is today.');
    expect(retirementNotice('app-routing-nginx-support-end', new Date('2026-12-01T00:00:00Z')).status).toBe('past');
  });
});

describe('engines take their defaults and limits from the registry', () => {
  it('the planner and the tracer default the DNS service IP to the REST API default, 10.0.0.10', async () => {
    const { DEFAULTS } = await import('../../../src/lib/ipam');
    // Independent value: "dnsServiceIP" … "default": "10.0.0.10" in the AKS REST API specification.
    expect(FACTS['dns-service-ip-default'].value).toBe('10.0.0.10');
    expect(DEFAULTS.dnsServiceIp).toBe(FACTS['dns-service-ip-default'].value);
    expect(DEFAULTS.serviceCidr).toBe('10.0.0.0/16');
  });
  it('the WAF size check uses the documented CRS 3.1 defaults (128 KB body, 100 MB uploads)', async () => {
    const { SIZE_DEFAULTS } = await import('../../../src/lib/waf/size');
    expect(SIZE_DEFAULTS.maxBodyKb).toBe(128);
    expect(SIZE_DEFAULTS.fileUploadMb).toBe(100);
    expect(FACTS['waf-body-limit-kb-default'].value).toBe(SIZE_DEFAULTS.maxBodyKb);
  });
  it('the az script checker gives az aks create without --node-count the CLI default of 3 nodes', async () => {
    const { checkAzScript } = await import('../../../src/lib/azcli');
    // Independent value: `def aks_create(… node_count=3,` in Azure/azure-cli acs/custom.py.
    expect(FACTS['az-aks-create-default-node-count'].value).toBe(3);
    const plain = checkAzScript('az aks create -g rg -n c --network-plugin azure --network-plugin-mode overlay');
    expect(plain.clusters[0]!.input).toMatchObject({ nodeCount: 3 });
    const four = checkAzScript('az aks create -g rg -n c --network-plugin azure --network-plugin-mode overlay --node-count 4');
    expect(four.clusters[0]!.input).toMatchObject({ nodeCount: 4 });
  });
  it('the WAF checker allows a custom rule name of 128 characters and refuses 129 (REST maxLength)', async () => {
    const { evaluateWafRequest } = await import('../../../src/lib/waf');
    expect(FACTS['waf-custom-rule-name-max'].value).toBe(128);
    const run = (name: string) => evaluateWafRequest({
      policy: JSON.stringify({ policySettings: { mode: 'Prevention' }, customRules: [{ name, priority: 1, ruleType: 'MatchRule', action: 'Block', matchConditions: [{ matchVariables: [{ variableName: 'RequestUri' }], operator: 'BeginsWith', matchValues: ['/admin'] }] }] }),
      request: { method: 'GET', url: '/admin', headers: { Host: 'a.example.com' }, remoteAddr: '203.0.113.9' },
    }).diagnostics.map((d) => d.code);
    expect(run('r'.repeat(128))).not.toContain('name-too-long');
    expect(run('r'.repeat(129))).toContain('name-too-long');
  });
  it('the Ingress reader names Kubernetes 1.22 as the release that removed the beta Ingress APIs', async () => {
    const { routeTable } = await import('../../../src/lib/ingress');
    // Independent value: the Kubernetes deprecation guide, "Ingress" under v1.22.
    expect(FACTS['ingress-beta-api-removed-k8s'].value).toBe('1.22');
    const beta = 'apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  backend:\n    serviceName: web\n    servicePort: 80\n';
    const d = routeTable(beta).diagnostics.find((x) => x.code === 'ingress-api-version');
    expect(d?.message).toContain('removed in Kubernetes 1.22');
    const v1 = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  defaultBackend:\n    service:\n      name: web\n      port:\n        number: 80\n';
    expect(routeTable(v1).diagnostics.some((x) => x.code === 'ingress-api-version')).toBe(false);
  });
  it('writes NSG priorities without a thousands separator and the NodePort range as a range', () => {
    expect(factDisplay(FACTS['nsg-default-deny-priority'])).toBe('65500');
    expect(factDisplay(FACTS['nsg-priority-max'])).toBe('4096');
    expect(factDisplay(FACTS['nodeport-range'])).toBe('30000–32767');
    expect(FACTS['nodeport-range'].value).toEqual([30000, 32767]);
  });
});
