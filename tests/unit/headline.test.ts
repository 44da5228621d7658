/**
 * Errors reach the headline: a result computed from part of the input says so first, with
 * the same error count as Findings, and counts read as English ("1 address").
 */
import { describe, expect, it } from 'vitest';
import { findingsCount, headline, resultView } from '../../src/components/playground/result';
import cidr from '../../src/components/tools/cidr';
import ipPlanner from '../../src/components/tools/ip-planner';
import netpol from '../../src/components/tools/netpol';
import nsg from '../../src/components/tools/nsg';
import waf from '../../src/components/tools/waf';
import service from '../../src/components/tools/service';
import { count, noun } from '../../src/lib/plural';
import { toText, type Child, type VNode } from '../../src/lib/view/h';

/** The first element with this class, depth first. */
function byClass(node: Child, cls: string): VNode | undefined {
  if (!node || typeof node !== 'object') return undefined;
  if (Array.isArray(node)) {
    for (const c of node) {
      const f = byClass(c, cls);
      if (f) return f;
    }
    return undefined;
  }
  if (String(node.attrs.class ?? '').split(' ').includes(cls)) return node;
  return byClass(node.children, cls);
}

/** The example policies with one line of policy 2 indented one space less (a YAML error). */
function slippedPolicies(): { text: string; line: number } {
  const lines = netpol.example.policies!.split('\n');
  const line = lines.findIndex((l, i) => i > 20 && l === '      podSelector:') + 1;
  lines[line - 1] = '     podSelector:';
  return { text: lines.join('\n'), line };
}

describe('the headline puts errors first', () => {
  it('a one-space slip that drops policy 2 is named before the verdict, which says what it left out', () => {
    const { text } = slippedPolicies();
    const out = netpol.run({ ...netpol.example, policies: text });
    const top = headline(out, netpol);
    const errors = out.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(top.errors).toMatch(new RegExp(`^${count(errors.length, 'error')} — NetworkPolicies document 2 not read, line ${errors[0]!.line}$`));
    expect(top.summary).toMatch(/^Computed without NetworkPolicies document 2: /);
    const summaryText = toText(byClass(resultView(out, netpol), 'pg-summary'));
    expect(summaryText.startsWith(top.errors!)).toBe(true);
    expect(summaryText.indexOf(top.errors!)).toBeLessThan(summaryText.indexOf('Computed without'));
  });

  it('Findings and the headline give the same error count', () => {
    const { text } = slippedPolicies();
    const broken = text.replace('kind: NetworkPolicy', 'kind: NetworkPolicy\n  : bad');
    const out = netpol.run({ ...netpol.example, policies: broken });
    const n = out.diagnostics.filter((d) => d.severity === 'error').length;
    expect(n).toBeGreaterThanOrEqual(2);
    const view = resultView(out, netpol);
    expect(toText(byClass(view, 'pg-headline-errors'))).toMatch(new RegExp(`^${n} errors — .+\\.$`));
    expect(toText(byClass(view, 'pg-diagnostics'))).toContain(`Findings: ${n} errors`);
  });

  it('the planner’s banner counts the same errors as the headline', () => {
    const plan = 'plugin: azure\nnodeSubnetCidr: 10.1.0.0/28\nnodeCount: 50\nmaxPods: 30\nserviceCidr: 10.1.0.0/16\ndnsServiceIp: 10.1.0.10\n';
    const out = ipPlanner.run({ plan });
    const n = out.diagnostics.filter((d) => d.severity === 'error').length;
    expect(n).toBeGreaterThanOrEqual(2);
    const view = resultView(out, ipPlanner);
    expect(toText(byClass(view, 'pg-verdict'))).toMatch(new RegExp(`^${n} errors to fix`));
    expect(toText(byClass(view, 'pg-headline-errors'))).toMatch(new RegExp(`^${n} errors — `));
  });

  it('an error that drops nothing is still named first, without claiming parts were left out', () => {
    const out = cidr.run({ ranges: '10.0.0.0/33', split: '' });
    const top = headline(out, cidr);
    expect(top.errors).toMatch(/^1 error — .+ \(Ranges, one per line, line 1\)$/);
    expect(top.summary).not.toMatch(/Computed without/);
  });

  it('without errors the summary is the tool’s own', () => {
    const out = cidr.run(cidr.example);
    expect(headline(out, cidr)).toEqual({ errors: null, summary: out.summary });
  });
});

describe('finding locations are buttons that carry the pane, line and column', () => {
  it('each finding with a line has a goto button; the headline error is one too', () => {
    const { text, line } = slippedPolicies();
    const view = resultView(netpol.run({ ...netpol.example, policies: text }), netpol);
    const head = byClass(view, 'pg-headline-errors')!;
    expect(head.tag).toBe('button');
    expect(head.attrs['data-goto-pane']).toBe('policies');
    expect(head.attrs['data-goto-line']).toBe(line);
    expect(Number(head.attrs['data-goto-column'])).toBeGreaterThan(0);
    const finding = byClass(byClass(view, 'pg-diagnostics'), 'pg-goto')!;
    expect(finding.tag).toBe('button');
    expect(toText(finding)).toMatch(/^NetworkPolicies, line \d+, column \d+$/);
  });
});

describe('JSON panes say JSON', () => {
  it('a JSON syntax error in the NSG pane is called a JSON syntax error', () => {
    const out = nsg.run({ ...nsg.example, nsgs: '[{"name": "a",, }]' });
    const msgs = out.diagnostics.map((d) => d.message).join('\n');
    expect(msgs).toMatch(/JSON syntax error/);
    expect(msgs).not.toMatch(/YAML/);
    expect(headline(out, nsg).errors).toMatch(/^1 error — NSG rules \(JSON\) not read, line 1$/);
  });
  it('and in the WAF policy pane', () => {
    const pane = waf.inputs.find((i) => i.language === 'json')!.name;
    const out = waf.run({ ...waf.example, [pane]: '{"properties": {' });
    expect(out.diagnostics.map((d) => d.message).join('\n')).toMatch(/JSON syntax error/);
    expect(out.diagnostics.map((d) => d.message).join('\n')).not.toMatch(/YAML/);
  });
});

describe('counts read as English', () => {
  it('count() and noun()', () => {
    expect(count(1, 'address')).toBe('1 address');
    expect(count(2, 'address')).toBe('2 addresses');
    expect(count(0, 'pod')).toBe('0 pods');
    expect(count(1, 'policy')).toBe('1 policy');
    expect(count(1024n, 'node')).toBe('1,024 nodes');
    expect(noun(1n, 'endpoint')).toBe('endpoint');
    expect(findingsCount([{ severity: 'error', code: 'a', message: 'x' }, { severity: 'warning', code: 'b', message: 'y' }, { severity: 'warning', code: 'c', message: 'z' }])).toBe('1 error, 2 warnings');
  });
  it('a /32 has "1 address"; a Service with one endpoint has "1 endpoint"', () => {
    expect(cidr.run({ ranges: '10.0.0.5/32', split: '' }).summary).toMatch(/^10\.0\.0\.5\/32: 1 address\b/);
    const one = service.example.manifests!.replace(/replicas: \d+/g, 'replicas: 1');
    expect(service.run({ manifests: one }).summary).toMatch(/, 1 endpoint$/);
    for (const tool of [cidr, ipPlanner, netpol, service]) {
      const text = toText(resultView(tool.run(tool.example), tool));
      expect(text, tool.id).not.toMatch(/(^|[^\d,.])1 (addresses|endpoints|pods|nodes|errors|policies|subnets|warnings)\b/);
    }
  });
});
