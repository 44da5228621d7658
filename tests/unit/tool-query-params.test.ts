/**
 * Readable query parameters of the Ingress and WAF tools (runbook links): they set the
 * request pane as documented, keep the rest of it, and treat values as one line of data.
 */
import { describe, expect, it } from 'vitest';
import ingress from '../../src/components/tools/ingress';
import waf from '../../src/components/tools/waf';
import { parseRawRequest } from '../../src/lib/waf';

const q = (s: string) => new URLSearchParams(s);

describe('ingress ?url= and ?class=', () => {
  it('url replaces the request line and the tool routes it', () => {
    const set = ingress.fromQuery!(q('url=https://myapp.com/api/orders'), ingress.example);
    expect(set.request).toBe('https://myapp.com/api/orders');
    const out = ingress.run({ ...ingress.example, ...set } as Record<string, string>);
    expect(out.summary).toMatch(/Service api, port 8080/);
  });

  it('class adds a class line and keeps the URL; an empty class removes it', () => {
    const withClass = ingress.fromQuery!(q('class=nginx'), { ...ingress.example, request: 'http://a.example/x' });
    expect(withClass.request).toBe('http://a.example/x\nclass: nginx');
    const cleared = ingress.fromQuery!(q('class='), { ...ingress.example, request: 'http://a.example/x\nclass: nginx' });
    expect(cleared.request).toBe('http://a.example/x');
  });

  it('a value cannot add lines, and is bounded', () => {
    const set = ingress.fromQuery!(q(`url=${encodeURIComponent('https://myapp.com/\nclass: evil')}`), ingress.example);
    expect(set.request!.split('\n')).toHaveLength(1);
    const long = ingress.fromQuery!(q(`url=https://myapp.com/${'a'.repeat(100_000)}`), ingress.example);
    expect(long.request!.length).toBeLessThanOrEqual(2048);
  });

  it('no readable parameter changes nothing', () => {
    expect(ingress.fromQuery!(q('foo=bar'), ingress.example)).toEqual({});
  });
});

describe('waf ?method=, ?url=, ?ip=, ?country=', () => {
  it('sets the request line and pseudo-headers, keeping headers', () => {
    const set = waf.fromQuery!(q('method=POST&url=/login?next=1&ip=198.51.100.7&country=fr'), waf.example);
    const parsed = parseRawRequest(set.request!);
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(parsed.request.method).toBe('POST');
    expect(parsed.request.url).toBe('/login?next=1');
    expect(parsed.request.remoteAddr).toBe('198.51.100.7');
    expect(parsed.request.country).toBe('FR');
    // The example's User-Agent header is still there, so its blocking rule still decides.
    expect(parsed.request.headers?.['User-Agent'] ?? parsed.request.headers?.['user-agent']).toMatch(/EvilBot/);
  });

  it('an absolute url sets the Host header; the verdict follows the new request', () => {
    const policy = '{"policySettings":{"mode":"Prevention"},"customRules":[{"name":"noAdmin","priority":1,"ruleType":"MatchRule","action":"Block","matchConditions":[{"matchVariables":[{"variableName":"RequestUri"}],"operator":"BeginsWith","matchValues":["/admin"]}]}]}';
    const request = 'GET / HTTP/1.1\nHost: old.example.com\nUser-Agent: curl/8\n';
    const set = waf.fromQuery!(q('url=https://shop.example.com/admin/users'), { policy, request });
    expect(set.request).toBe('GET /admin/users HTTP/1.1\nHost: shop.example.com\nUser-Agent: curl/8\n');
    expect(waf.run({ policy, request: set.request! }).summary).toMatch(/^Block by noAdmin/);
    expect(waf.run({ policy, request }).summary).not.toMatch(/^Block/);
  });

  it('adds a request line to a pane without one, and values cannot add lines', () => {
    const set = waf.fromQuery!(q(`ip=${encodeURIComponent('203.0.113.1\nGET /x HTTP/1.1')}`), { policy: '', request: '# just a comment' });
    const lines = set.request!.split('\n');
    expect(lines[0]).toBe('# remoteAddr: 203.0.113.1GET/xHTTP/1.1');
    expect(lines.filter((l) => /^GET /.test(l))).toEqual(['GET / HTTP/1.1']);
  });
});
