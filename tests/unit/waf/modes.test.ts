/**
 * Detection vs Prevention, actions, and policy settings — per custom-waf-rules-overview
 * ("In WAF policy detection mode, if a custom rule is triggered, the action is always
 * logged regardless of the action value"), ag-overview, waf-javascript-challenge and the
 * ARM schema (customBlockResponseStatusCode, state).
 */
import { describe, expect, it } from 'vitest';
import { evaluateWafRequest, type WafRequest } from '../../../src/lib/waf';

const req: WafRequest = { method: 'GET', url: '/admin', headers: { Host: 'shop.example.com', 'User-Agent': 'Mozilla/5.0' }, remoteAddr: '203.0.113.9' };
const rule = (name: string, priority: number, action: string, value = '/admin') => ({
  name,
  priority,
  ruleType: 'MatchRule',
  action,
  matchConditions: [{ matchVariables: [{ variableName: 'RequestUri' }], operator: 'BeginsWith', negationConditon: false, matchValues: [value] }],
});
const run = (rules: unknown[], settings: Record<string, unknown> = {}, request: WafRequest = req, extra: Record<string, unknown> = {}) =>
  evaluateWafRequest({ policy: JSON.stringify({ policySettings: settings, customRules: rules, ...extra }), request });

describe('Prevention vs Detection', () => {
  for (const action of ['Block', 'Allow', 'JSChallenge']) {
    it(`${action}: acts in Prevention, is only logged in Detection`, () => {
      const p = run([rule('r', 1, action)], { mode: 'Prevention' });
      const d = run([rule('r', 1, action)], { mode: 'Detection' });
      expect(p.action).toBe(action === 'Allow' ? 'Allow' : 'Block');
      expect(d.action).toBe('Log');
      expect(d.decidedBy).toBe('r');
      expect(d.statusCode).toBeUndefined();
    });
  }
  it('Detection: evaluation stops after the triggered rule', () => {
    const d = run([rule('first', 1, 'Block'), rule('second', 2, 'Block')], { mode: 'Detection' });
    expect(d.evaluated.find((e) => e.rule === 'second')?.effect).toBe('not-evaluated');
  });
  it('Log rules log and continue in both modes', () => {
    for (const mode of ['Prevention', 'Detection']) {
      const r = run([rule('log', 1, 'Log'), rule('block', 2, 'Block')], { mode });
      expect(r.logged).toEqual(['log']);
      expect(r.decidedBy).toBe('block');
    }
    const onlyLog = run([rule('log', 1, 'Log')], { mode: 'Prevention' });
    expect(onlyLog.action).toBe('Log');
  });
  it('managed demo: score ≥ 5 blocks in Prevention, is "Detected" (logged) in Detection', () => {
    const managed = { managedRules: { managedRuleSets: [{ ruleSetType: 'Microsoft_DefaultRuleSet', ruleSetVersion: '2.1' }] } };
    const scanner = { ...req, headers: { Host: 'shop.example.com', 'User-Agent': 'Nikto/2.5' } };
    expect(run([], { mode: 'Prevention' }, scanner, managed).action).toBe('Block');
    expect(run([], { mode: 'Detection' }, scanner, managed).action).toBe('Log');
  });
  it('mode missing: Prevention is assumed and said so', () => {
    const r = run([rule('r', 1, 'Block')], {});
    expect(r.mode).toBe('Prevention');
    expect(r.diagnostics.some((d) => d.code === 'mode-defaulted')).toBe(true);
  });
});

describe('actions and settings', () => {
  it('Allow skips every later rule, including a lower-priority Block', () => {
    const r = run([rule('block', 20, 'Block'), rule('allow', 10, 'Allow')], { mode: 'Prevention' });
    expect(r.action).toBe('Allow');
    expect(r.decidedBy).toBe('allow');
  });
  it('customBlockResponseStatusCode replaces 403', () => {
    expect(run([rule('r', 1, 'Block')], { mode: 'Prevention' }).statusCode).toBe(403);
    expect(run([rule('r', 1, 'Block')], { mode: 'Prevention', customBlockResponseStatusCode: 429 }).statusCode).toBe(429);
  });
  it('JSChallenge: challenged without the clearance cookie; with it the remaining rules run', () => {
    const rules = [rule('challenge', 1, 'JSChallenge'), rule('block', 2, 'Block')];
    const first = run(rules, { mode: 'Prevention' });
    expect(first.challenged).toBe(true);
    expect(first.decidedBy).toBe('challenge');
    const again = run(rules, { mode: 'Prevention' }, { ...req, cookies: { appgw_azwaf_jsclearance: 'token' } });
    expect(again.decidedBy).toBe('block');
    expect(again.challenged).toBeUndefined();
  });
  it('a rate-limit rule is explained, counted, and does not decide a single request', () => {
    const rl = { ...rule('rl', 1, 'Block'), ruleType: 'RateLimitRule', rateLimitDuration: 'OneMin', rateLimitThreshold: 100, groupByUserSession: [{ groupByVariables: [{ variableName: 'ClientAddr' }] }] };
    const r = run([rl], { mode: 'Prevention' });
    expect(r.action).toBe('None');
    expect(r.evaluated[0]!.effect).toBe('counted');
    expect(r.evaluated[0]!.why).toMatch(/100 requests per 1 minute/);
  });
  it('a disabled policy forwards everything', () => {
    const r = run([rule('r', 1, 'Block')], { mode: 'Prevention', state: 'Disabled' });
    expect(r.action).toBe('None');
  });
  it('a managed rule override with state Disabled removes that rule from the score', () => {
    const scanner = { ...req, headers: { Host: 'shop.example.com', 'User-Agent': 'sqlmap' } };
    const managed = (state?: string) => ({ managedRules: { managedRuleSets: [{ ruleSetType: 'OWASP', ruleSetVersion: '3.2', ruleGroupOverrides: [{ ruleGroupName: 'REQUEST-913-SCANNER-DETECTION', rules: [{ ruleId: '913100', ...(state ? { state } : {}) }] }] }] } });
    expect(run([], { mode: 'Prevention' }, scanner, managed('Disabled')).action).toBe('None');
    // ARM: a listed override's state "Defaults to Disabled if not specified".
    expect(run([], { mode: 'Prevention' }, scanner, managed()).action).toBe('None');
    expect(run([], { mode: 'Prevention' }, scanner, managed('Enabled')).action).toBe('Block');
  });
});
