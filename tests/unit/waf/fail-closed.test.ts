/**
 * WAF checks that must never fail open, and the policy outputs a reader pastes.
 * Sources: "Azure Web Application Firewall JavaScript challenge (preview)"
 * (https://learn.microsoft.com/azure/web-application-firewall/waf-javascript-challenge): "The
 * JavaScript challenge action on Application Gateway isn't supported for Rate Limit type custom
 * rules"; the WAF policy schema, api-version 2024-05-01
 * (https://learn.microsoft.com/azure/templates/microsoft.network/applicationgatewaywebapplicationfirewallpolicies):
 * the operators Application Gateway defines; "Geomatch custom rules"
 * (https://learn.microsoft.com/azure/web-application-firewall/ag/geomatch-custom-rules).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateWafRequest, type WafRequest } from '../../../src/lib/waf';
import wafTool from '../../../src/components/tools/waf';

const fixture = (n: string) => readFileSync(new URL(`../../fixtures/az/${n}`, import.meta.url), 'utf8');
const req = (over: Partial<WafRequest> = {}): WafRequest => ({ method: 'GET', url: '/', headers: { 'User-Agent': 'Mozilla/5.0' }, remoteAddr: '198.51.100.7', ...over });
const cond = (operator: string, values: string[], extra: Record<string, unknown> = {}) => ({ matchVariables: [{ variableName: 'RemoteAddr' }], operator, negationConditon: false, matchValues: values, ...extra });
const policy = (...rules: Record<string, unknown>[]) => JSON.stringify({ policySettings: { mode: 'Prevention', state: 'Enabled' }, customRules: rules.map((r, i) => ({ name: `r${i}`, priority: i + 1, ruleType: 'MatchRule', action: 'Block', matchConditions: [cond('IPMatch', ['198.51.100.0/24'])], ...r })) });
const codes = (r: { diagnostics: { code: string }[] }) => r.diagnostics.map((d) => d.code);

describe('WAF diagnostics saying what Azure does', () => {
  it('RateLimitRule with JSChallenge is not supported on Application Gateway', () => {
    const r = evaluateWafRequest({ policy: policy({ ruleType: 'RateLimitRule', action: 'JSChallenge', rateLimitThreshold: 10, rateLimitDuration: 'OneMin' }), request: req() });
    expect(codes(r)).toContain('jschallenge-rate-limit');
    expect(codes(evaluateWafRequest({ policy: policy({ ruleType: 'RateLimitRule', action: 'Block', rateLimitThreshold: 10 }), request: req() }))).not.toContain('jschallenge-rate-limit');
  });

  it('a negated GeoMatch on a request with no country: a diagnostic, and the verdict is not decided by "no country"', () => {
    const geo = { matchConditions: [cond('GeoMatch', ['US'], { negationConditon: true })], action: 'Block' };
    const none = evaluateWafRequest({ policy: policy(geo), request: req() });
    expect(codes(none)).toContain('geomatch-no-country');
    const de = evaluateWafRequest({ policy: policy(geo), request: req({ country: 'DE' }) });
    expect(de.verdict).toBe('Block');
    const us = evaluateWafRequest({ policy: policy(geo), request: req({ country: 'US' }) });
    expect(us.verdict).toBe('None');
    expect(codes(us)).not.toContain('geomatch-no-country');
  });

  it('a non-negated GeoMatch Block on a request with no country gives unknown, not "passes"', () => {
    const r = evaluateWafRequest({ policy: policy({ matchConditions: [cond('GeoMatch', ['CN'])] }), request: req() });
    expect(r.action).toBe('None');
    expect(r.verdict).toBe('unknown');
  });

  it("an operator Application Gateway does not define (Front Door's ServiceTagMatch) is an error and leaves the verdict unknown", () => {
    const r = evaluateWafRequest({ policy: policy({ matchConditions: [cond('ServiceTagMatch', ['AzureFrontDoor.Backend'])] }), request: req() });
    expect(codes(r)).toContain('front-door-operator');
    expect(r.diagnostics.find((d) => d.code === 'front-door-operator')!.message).toMatch(/does not define it/);
    expect(r.verdict).toBe('unknown');
    expect(codes(evaluateWafRequest({ policy: policy({ matchConditions: [cond('SizeGreaterThan', ['1'])] }), request: req() }))).toContain('unknown-operator');
  });

  it('GreaterThanOrEqual is in the Application Gateway schema (2024-05-01) and is evaluated', () => {
    const r = evaluateWafRequest({ policy: policy({ matchConditions: [{ matchVariables: [{ variableName: 'RequestHeaders', selector: 'Content-Length' }], operator: 'GreaterThanOrEqual', matchValues: ['100'] }] }), request: req({ headers: { 'Content-Length': '150' } }) });
    expect(codes(r)).not.toContain('unknown-operator');
    expect(r.verdict).toBe('Block');
  });
});

describe('rules that cannot be read never let a request through', () => {
  it('customRules that are not a list: unknown', () => {
    const r = evaluateWafRequest({ policy: '{"customRules": {"name": "x"}}', request: req() });
    expect(r.action).toBe('None');
    expect(r.verdict).toBe('unknown');
  });
  it('a Block rule with an unreadable priority might run before an Allow: unknown', () => {
    const r = evaluateWafRequest({ policy: policy({ action: 'Allow', priority: 5 }, { priority: 'first' }), request: req() });
    expect(r.action).toBe('Allow');
    expect(r.verdict).toBe('unknown');
  });
  it('a Block stands even when other rules cannot be read', () => {
    const r = evaluateWafRequest({ policy: policy({}, { matchConditions: [cond('Nope', ['x'])] }), request: req() });
    expect(r.verdict).toBe('Block');
  });
});

describe('the WAF tool reads the policy as az, REST and an ARM export print it', () => {
  it('REST sample and ARM template export give the same answer', () => {
    const request = '# remoteAddr: 192.168.1.7\nGET / HTTP/1.1\nHost: example.com\nUser-Agent: Windows\n\n';
    const rest = wafTool.run({ policy: fixture('waf-policy-get-rest-sample.json'), request });
    const arm = wafTool.run({ policy: fixture('waf-policy-arm-export.json'), request });
    expect(rest.summary).toMatch(/^Block by Rule1/);
    expect(arm.summary).toBe(rest.summary);
    // Microsoft's own sample writes "RequestHeader" in Rule2; Application Gateway's enum has only
    // RequestHeaders, so both forms report it (and nothing else) as an error.
    const errors = (o: typeof rest) => o.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
    expect(errors(rest)).toEqual(['front-door-variable']);
    expect(errors(arm)).toEqual(['front-door-variable']);
  });
});
