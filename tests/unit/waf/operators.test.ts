/**
 * Each operator, transform and match variable of the ARM schema (Microsoft.Network
 * 2024-05-01 webapplicationfirewall.json), with the documented semantics from
 * learn.microsoft.com/azure/web-application-firewall/ag/custom-waf-rules-overview.
 */
import { describe, expect, it } from 'vitest';
import { evaluateWafRequest, type WafRequest } from '../../../src/lib/waf';
import { applyTransform } from '../../../src/lib/waf/conditions';

const base: WafRequest = { method: 'GET', url: '/', headers: { Host: 'shop.example.com', 'User-Agent': 'Mozilla/5.0' }, remoteAddr: '198.51.100.7' };

/** One Block rule with one condition; returns whether it blocked. */
function blocks(cond: Record<string, unknown>, req: Partial<WafRequest> = {}): boolean {
  const policy = JSON.stringify({ policySettings: { mode: 'Prevention' }, customRules: [{ name: 'r', priority: 1, ruleType: 'MatchRule', action: 'Block', matchConditions: [cond] }] });
  const r = evaluateWafRequest({ policy, request: { ...base, ...req } });
  return r.action === 'Block';
}
const c = (variableName: string, operator: string, matchValues: string[], extra: Record<string, unknown> = {}) => ({
  matchVariables: [{ variableName, ...(extra.selector ? { selector: extra.selector } : {}) }],
  operator,
  negationConditon: extra.negate ?? false,
  matchValues,
  transforms: extra.transforms ?? [],
});

describe('operators', () => {
  it('IPMatch: an address inside a CIDR range or equal to a bare address', () => {
    expect(blocks(c('RemoteAddr', 'IPMatch', ['192.168.5.0/24']), { remoteAddr: '192.168.5.255' })).toBe(true);
    expect(blocks(c('RemoteAddr', 'IPMatch', ['192.168.5.0/24']), { remoteAddr: '192.168.6.0' })).toBe(false);
    expect(blocks(c('RemoteAddr', 'IPMatch', ['10.0.0.1', '192.168.5.0/24']), { remoteAddr: '10.0.0.1' })).toBe(true);
    // The 2020 docs text wrote 192.168.5.4/24: read as the /24 it falls in.
    expect(blocks(c('RemoteAddr', 'IPMatch', ['192.168.5.4/24']), { remoteAddr: '192.168.5.200' })).toBe(true);
  });
  it('GeoMatch: compares the country code, case-insensitively; no country → no match', () => {
    expect(blocks(c('RemoteAddr', 'GeoMatch', ['US', 'CA']), { country: 'CA' })).toBe(true);
    expect(blocks(c('RemoteAddr', 'GeoMatch', ['us']), { country: 'US' })).toBe(true);
    expect(blocks(c('RemoteAddr', 'GeoMatch', ['US']), { country: 'DE' })).toBe(false);
    expect(blocks(c('RemoteAddr', 'GeoMatch', ['US']))).toBe(false);
  });
  it('Equal is exact and case-sensitive without a transform', () => {
    expect(blocks(c('RequestMethod', 'Equal', ['POST']), { method: 'POST' })).toBe(true);
    expect(blocks(c('RequestMethod', 'Equal', ['POST']), { method: 'GET' })).toBe(false);
    expect(blocks(c('RequestHeaders', 'Equal', ['user1'], { selector: 'User-Agent' }), { headers: { 'User-Agent': 'User1' } })).toBe(false);
  });
  it('Contains, BeginsWith, EndsWith', () => {
    expect(blocks(c('RequestUri', 'Contains', ['admin']), { url: '/x/admin/y' })).toBe(true);
    expect(blocks(c('RequestUri', 'BeginsWith', ['/admin']), { url: '/admin/x' })).toBe(true);
    expect(blocks(c('RequestUri', 'BeginsWith', ['/admin']), { url: '/x/admin' })).toBe(false);
    expect(blocks(c('RequestUri', 'EndsWith', ['.php']), { url: '/index.php' })).toBe(true);
    expect(blocks(c('RequestUri', 'EndsWith', ['.php']), { url: '/index.php.bak' })).toBe(false);
  });
  it('Contains is literal: no wildcards or regex ("Wildcard and regex aren\'t supported")', () => {
    expect(blocks(c('RequestUri', 'Contains', ['adm*']), { url: '/admin' })).toBe(false);
    expect(blocks(c('RequestUri', 'Contains', ['adm*']), { url: '/adm*' })).toBe(true);
  });
  it('Regex searches anywhere in the value (Example 1a: "evilbot" acts like Contains)', () => {
    expect(blocks(c('RequestHeaders', 'Regex', ['evilbot'], { selector: 'User-Agent', transforms: ['Lowercase'] }), { headers: { 'User-Agent': 'Mozilla EvilBot/1' } })).toBe(true);
    expect(blocks(c('RequestUri', 'Regex', ['^/api/v[0-9]+/']), { url: '/api/v2/users' })).toBe(true);
    expect(blocks(c('RequestUri', 'Regex', ['^/api/v[0-9]+/']), { url: '/x/api/v2/' })).toBe(false);
  });
  it('LessThan, GreaterThan, LessThanOrEqual, GreaterThanOrEqual compare numbers (boundaries included only for the OrEqual forms)', () => {
    const len = (op: string, v: string, n: string) => blocks(c('RequestHeaders', op, [v], { selector: 'Content-Length' }), { headers: { 'Content-Length': n } });
    expect(len('LessThan', '100', '99')).toBe(true);
    expect(len('LessThan', '100', '100')).toBe(false);
    expect(len('LessThanOrEqual', '100', '100')).toBe(true);
    expect(len('GreaterThan', '100', '100')).toBe(false);
    expect(len('GreaterThan', '100', '101')).toBe(true);
    expect(len('GreaterThanOrEqual', '100', '100')).toBe(true);
    expect(len('GreaterThan', '9', '10')).toBe(true); // numeric, not text, order
    expect(len('GreaterThan', '1', 'abc')).toBe(false);
  });
  it('Any: holds when the selected variable is present, not when it is absent', () => {
    expect(blocks(c('RequestHeaders', 'Any', [], { selector: 'X-Debug' }), { headers: { 'x-debug': '1' } })).toBe(true);
    expect(blocks(c('RequestHeaders', 'Any', [], { selector: 'X-Debug' }))).toBe(false);
  });
});

describe('match values, negation, conditions', () => {
  it('match values are ORed', () => {
    const cond = c('RequestHeaders', 'Equal', ['user1', 'user2'], { selector: 'User-Agent' });
    expect(blocks(cond, { headers: { 'User-Agent': 'user2' } })).toBe(true);
    expect(blocks(cond, { headers: { 'User-Agent': 'user3' } })).toBe(false);
  });
  it('negation inverts the whole OR', () => {
    const cond = c('RequestHeaders', 'Equal', ['user1', 'user2'], { selector: 'User-Agent', negate: true });
    expect(blocks(cond, { headers: { 'User-Agent': 'user2' } })).toBe(false);
    expect(blocks(cond, { headers: { 'User-Agent': 'user3' } })).toBe(true);
  });
  it('conditions in one rule are ANDed', () => {
    const policy = JSON.stringify({ customRules: [{ name: 'and', priority: 1, ruleType: 'MatchRule', action: 'Block', matchConditions: [c('RequestMethod', 'Equal', ['POST']), c('RequestUri', 'BeginsWith', ['/login'])] }] });
    const run = (method: string, url: string) => evaluateWafRequest({ policy, request: { ...base, method, url } }).action;
    expect(run('POST', '/login')).toBe('Block');
    expect(run('GET', '/login')).toBe('None');
    expect(run('POST', '/home')).toBe('None');
  });
  it('several match variables in one condition: any of them (documented choice)', () => {
    const cond = { matchVariables: [{ variableName: 'QueryString' }, { variableName: 'RequestUri' }], operator: 'Contains', matchValues: ['etc/passwd'] };
    expect(blocks(cond, { url: '/etc/passwd' })).toBe(true);
  });
  it('disabled rules are skipped', () => {
    const policy = JSON.stringify({ customRules: [{ name: 'off', priority: 1, state: 'Disabled', ruleType: 'MatchRule', action: 'Block', matchConditions: [c('RequestUri', 'Contains', ['/'])] }] });
    expect(evaluateWafRequest({ policy, request: base }).action).toBe('None');
  });
});

describe('transforms', () => {
  it('each transform of the schema', () => {
    expect(applyTransform('Uppercase', 'EvilBot')).toBe('EVILBOT');
    expect(applyTransform('Lowercase', 'EvilBot')).toBe('evilbot');
    expect(applyTransform('Trim', '  a b \t')).toBe('a b');
    expect(applyTransform('UrlDecode', '%3Cscript%3E+x')).toBe('<script> x');
    expect(applyTransform('UrlDecode', '100%')).toBe('100%');
    expect(applyTransform('UrlEncode', '<a b>')).toBe('%3Ca+b%3E');
    expect(applyTransform('RemoveNulls', 'a\u0000b')).toBe('ab');
    expect(applyTransform('HtmlEntityDecode', '&lt;script&gt; &#65;&#x42; &amp;')).toBe('<script> AB &');
  });
  it('transforms run in order before matching', () => {
    const cond = c('QueryString', 'Contains', ['<script>'], { transforms: ['UrlDecode', 'Lowercase'] });
    expect(blocks(cond, { url: '/?q=%3CSCRIPT%3E' })).toBe(true);
    expect(blocks(c('QueryString', 'Contains', ['<script>']), { url: '/?q=%3CSCRIPT%3E' })).toBe(false);
  });
});

describe('match variables', () => {
  it('RequestHeaders selector is case-insensitive (RFC 9110 header names)', () => {
    expect(blocks(c('RequestHeaders', 'Equal', ['1'], { selector: 'x-bad' }), { headers: { 'X-Bad': '1' } })).toBe(true);
  });
  it('QueryString: whole query without a selector, one argument with it', () => {
    expect(blocks(c('QueryString', 'Equal', ['a=1&b=2']), { url: '/p?a=1&b=2' })).toBe(true);
    expect(blocks(c('QueryString', 'Equal', ['2'], { selector: 'b' }), { url: '/p?a=1&b=2' })).toBe(true);
    expect(blocks(c('QueryString', 'Equal', ['2'], { selector: 'a' }), { url: '/p?a=1&b=2' })).toBe(false);
  });
  it('RequestUri is path plus query, also for an absolute-form target', () => {
    expect(blocks(c('RequestUri', 'Equal', ['/p?a=1']), { url: 'https://shop.example.com/p?a=1' })).toBe(true);
  });
  it('RequestCookies by name', () => {
    expect(blocks(c('RequestCookies', 'Equal', ['admin'], { selector: 'role' }), { cookies: { role: 'admin' } })).toBe(true);
    expect(blocks(c('RequestCookies', 'Equal', ['admin'], { selector: 'Role' }), { cookies: { role: 'admin' } })).toBe(false);
  });
  it('PostArgs only with a form (or, on CRS 3.2+, JSON) Content-Type', () => {
    const cond = c('PostArgs', 'Equal', ['drop'], { selector: 'cmd' });
    expect(blocks(cond, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'cmd=drop&x=1' })).toBe(true);
    expect(blocks(cond, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"cmd":"drop"}' })).toBe(true);
    expect(blocks(cond, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'cmd=drop' })).toBe(false);
    const multipart = '--XX\r\nContent-Disposition: form-data; name="cmd"\r\n\r\ndrop\r\n--XX--\r\n';
    expect(blocks(cond, { method: 'POST', headers: { 'Content-Type': 'multipart/form-data; boundary=XX' }, body: multipart })).toBe(true);
  });
  it('a rule on an inapplicable PostArgs does not apply even when negated', () => {
    const cond = c('PostArgs', 'Equal', ['ok'], { selector: 'cmd', negate: true });
    expect(blocks(cond, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'cmd=bad' })).toBe(false);
  });
  it('RequestBody only with application/x-www-form-urlencoded (or XML types on CRS 3.2+)', () => {
    const cond = c('RequestBody', 'Contains', ['union select']);
    expect(blocks(cond, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'q=1 union select' })).toBe(true);
    expect(blocks(cond, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: '<q>1 union select</q>' })).toBe(true);
    expect(blocks(cond, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '"1 union select"' })).toBe(false);
  });
  it('with CRS 3.1, JSON PostArgs and XML RequestBody do not apply', () => {
    const policy = (cond: unknown) => JSON.stringify({ customRules: [{ name: 'r', priority: 1, ruleType: 'MatchRule', action: 'Block', matchConditions: [cond] }], managedRules: { managedRuleSets: [{ ruleSetType: 'OWASP', ruleSetVersion: '3.1' }] } });
    const r = evaluateWafRequest({ policy: policy(c('RequestBody', 'Contains', ['x'])), request: { ...base, method: 'POST', headers: { ...base.headers, 'Content-Type': 'text/xml' }, body: '<x/>' } });
    expect(r.decidedBy).toBeUndefined();
  });
});
