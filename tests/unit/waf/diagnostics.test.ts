/** Bad inputs become diagnostics with a stable code and the JSON line/column; nothing throws. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluateWafRequest, parseRawRequest, type WafRequest } from '../../../src/lib/waf';

const req: WafRequest = { method: 'GET', url: '/', headers: { Host: 'a' }, remoteAddr: '198.51.100.7' };
const diags = (policy: string, request: WafRequest = req) => evaluateWafRequest({ policy, request }).diagnostics;
const find = (policy: string, code: string) => diags(policy).find((d) => d.code === code);

const lines = (...l: string[]) => l.join('\n');

describe('policy diagnostics', () => {
  it('invalid JSON → yaml-syntax with a line', () => {
    const d = find(lines('{', '  "customRules": [', '    { "name": "x" "priority": 1 }', '  ]', '}'), 'yaml-syntax');
    expect(d?.severity).toBe('error');
    expect(d?.line).toBeGreaterThanOrEqual(3);
  });
  const ruleText = (cond: string, extra = '') =>
    lines(
      '{"customRules": [', //1
      '  {"name": "r", "priority": 5, "ruleType": "MatchRule", "action": "Block",' + extra, //2
      '   "matchConditions": [', //3
      `     ${cond}`, //4
      '   ]}', //5
      ']}',
    );
  it('unknown operator at its line and column', () => {
    const cond = '{"matchVariables": [{"variableName": "RequestUri"}], "operator": "Like", "matchValues": ["x"]}';
    const d = find(ruleText(cond), 'unknown-operator');
    expect(d).toMatchObject({ severity: 'error', line: 4 });
    expect(d!.column).toBe(5 + cond.indexOf('"Like"') + 1); // line 4 starts with 5 spaces
  });
  it('StartsWith / Equals are the API\'s BeginsWith / Equal: error, evaluated as those', () => {
    const p = ruleText('{"matchVariables": [{"variableName": "RequestUri"}], "operator": "StartsWith", "matchValues": ["/"]}');
    expect(find(p, 'operator-spelling')?.line).toBe(4);
    expect(evaluateWafRequest({ policy: p, request: req }).action).toBe('Block');
  });
  it('Front Door match variable (SocketAddr) is named as such', () => {
    expect(find(ruleText('{"matchVariables": [{"variableName": "SocketAddr"}], "operator": "IPMatch", "matchValues": ["10.0.0.0/8"]}'), 'front-door-variable')?.line).toBe(4);
  });
  it('invalid CIDR in IPMatch at the value', () => {
    const cond = '{"matchVariables": [{"variableName": "RemoteAddr"}], "operator": "IPMatch", "matchValues": ["10.0.0.0/33"]}';
    const d = find(ruleText(cond), 'invalid-ip-range');
    expect(d?.line).toBe(4);
    expect(d?.column).toBe(5 + cond.indexOf('"10.0.0.0/33"') + 1);
  });
  it('IPMatch on another variable', () => {
    expect(find(ruleText('{"matchVariables": [{"variableName": "RequestUri"}], "operator": "IPMatch", "matchValues": ["10.0.0.0/8"]}'), 'ipmatch-variable')).toBeDefined();
  });
  it('IPv6 IPMatch: warning that the sources disagree', () => {
    expect(find(ruleText('{"matchVariables": [{"variableName": "RemoteAddr"}], "operator": "IPMatch", "matchValues": ["2001:db8::/32"]}'), 'ipv6-ipmatch')?.severity).toBe('warning');
  });
  it('negationCondition spelling is flagged (the API spells negationConditon)', () => {
    expect(find(ruleText('{"matchVariables": [{"variableName": "RequestUri"}], "operator": "Contains", "negationCondition": true, "matchValues": ["x"]}'), 'negation-spelling')?.line).toBe(4);
  });
  it('more than 10 string match values per condition', () => {
    const vals = JSON.stringify(Array.from({ length: 11 }, (_, i) => `v${i}`));
    expect(find(ruleText(`{"matchVariables": [{"variableName": "RequestUri"}], "operator": "Contains", "matchValues": ${vals}}`), 'too-many-match-values')).toBeDefined();
  });
  it('priority outside 1–100 and duplicate priorities', () => {
    const r = (n: string, p: number) => ({ name: n, priority: p, ruleType: 'MatchRule', action: 'Block', matchConditions: [{ matchVariables: [{ variableName: 'RequestUri' }], operator: 'Any', matchValues: [] }] });
    expect(find(JSON.stringify({ customRules: [r('a', 0)] }), 'priority-out-of-range')).toBeDefined();
    expect(find(JSON.stringify({ customRules: [r('a', 101)] }), 'priority-out-of-range')).toBeDefined();
    expect(find(JSON.stringify({ customRules: [r('a', 100)] }), 'priority-out-of-range')).toBeUndefined();
    expect(find(JSON.stringify({ customRules: [r('a', 7), r('b', 7)] }), 'duplicate-priority')).toBeDefined();
  });
  it('more than 100 custom rules', () => {
    const rules = Array.from({ length: 101 }, (_, i) => ({ name: `r${i}`, priority: i + 1, ruleType: 'MatchRule', action: 'Log', matchConditions: [{ matchVariables: [{ variableName: 'RequestUri' }], operator: 'Any', matchValues: [] }] }));
    expect(find(JSON.stringify({ customRules: rules }), 'too-many-custom-rules')).toBeDefined();
  });
  it('missing required fields, unknown fields, bad mode, bad transform', () => {
    const p = JSON.stringify({ policySettings: { mode: 'Block' }, customRules: [{ name: 'x', prority: 3, action: 'Deny', matchConditions: [{ matchVariables: [{ variableName: 'RequestUri' }], operator: 'Contains', matchValues: ['a'], transforms: ['Lower'] }] }] }, null, 2);
    const codes = diags(p).map((d) => d.code);
    expect(codes).toEqual(expect.arrayContaining(['invalid-mode', 'missing-field', 'unknown-field', 'invalid-action', 'unknown-transform']));
  });
  it('regex that needs backtracking is refused with a reason; a syntax error is an error', () => {
    expect(find(ruleText('{"matchVariables": [{"variableName": "RequestUri"}], "operator": "Regex", "matchValues": ["(a)\\\\1"]}'), 'regex-unsupported')?.severity).toBe('warning');
    expect(find(ruleText('{"matchVariables": [{"variableName": "RequestUri"}], "operator": "Regex", "matchValues": ["(abc"]}'), 'regex-syntax')?.severity).toBe('error');
  });
  it('non-numeric value for a numeric operator', () => {
    expect(find(ruleText('{"matchVariables": [{"variableName": "RequestUri"}], "operator": "LessThan", "matchValues": ["ten"]}'), 'invalid-number')).toBeDefined();
  });
  it('invalid remote address', () => {
    const p = ruleText('{"matchVariables": [{"variableName": "RemoteAddr"}], "operator": "IPMatch", "matchValues": ["10.0.0.0/8"]}');
    expect(diags(p, { ...req, remoteAddr: '10.0.0.300' }).some((d) => d.code === 'invalid-remote-addr')).toBe(true);
  });
  it('empty, non-object and hostile input never throw', () => {
    expect(find('', 'empty-policy')).toBeDefined();
    expect(find('42', 'policy-not-object')).toBeDefined();
    expect(diags('[' .repeat(5000)).length).toBeGreaterThan(0);
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 200 }), (policy, raw) => {
        const parsed = parseRawRequest(raw);
        const r = evaluateWafRequest({ policy, request: parsed.request });
        expect(['Allow', 'Block', 'Log', 'None']).toContain(r.action);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 100) },
    );
  });
});

describe('raw request parsing', () => {
  it('pseudo-headers, request line, headers (repeated ones combined), cookies, body', () => {
    const p = parseRawRequest(lines('# remoteAddr: 203.0.113.9', '# country: de', '# managedMatch: 942100, Warning, 999999:Notice', 'POST /login?next=%2F HTTP/1.1', 'Host: shop.example.com', 'Cookie: a=1', 'cookie: b=2', 'X-A: 1', 'x-a: 2', '', 'user=x&pw=y'));
    expect(p.diagnostics).toEqual([]);
    expect(p.request).toMatchObject({ method: 'POST', url: '/login?next=%2F', remoteAddr: '203.0.113.9', country: 'DE', body: 'user=x&pw=y', cookies: { a: '1', b: '2' } });
    expect(p.request.headers!['X-A']).toBe('1, 2');
    expect(p.assumeManagedMatches).toEqual([{ ruleId: '942100' }, { severity: 'Warning' }, { ruleId: '999999', severity: 'Notice' }]);
    expect(p.lines.remoteAddr).toBe(1);
  });
  it('bad lines become diagnostics at their line', () => {
    const p = parseRawRequest(lines('# country: Germany', '# colour: red', 'FETCH', 'Host shop'));
    const at = Object.fromEntries(p.diagnostics.map((d) => [d.code, d.line]));
    expect(at).toMatchObject({ 'invalid-country': 1, 'unknown-pseudo-header': 2, 'invalid-request-line': 3, 'invalid-header': 4, 'missing-remote-addr': 1 });
    expect(parseRawRequest('# only a comment').diagnostics.some((d) => d.code === 'missing-request-line')).toBe(true);
  });
});
