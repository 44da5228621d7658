/**
 * The linear-time matcher agrees with JavaScript's RegExp on the supported subset, and
 * finishes quickly on patterns that make a backtracking engine hang.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileRegex, regexSearch, REGEX_LIMITS } from '../../../src/lib/regex';

const search = (pattern: string, subject: string): boolean => {
  const r = compileRegex(pattern);
  if (!r.ok) throw new Error(r.reason);
  return regexSearch(r.value, subject);
};

describe('agrees with RegExp on the supported subset', () => {
  const patterns = ['evilbot', '^/api/v[0-9]+/', 'a|b|cd', '(ab)+c', 'x{2,3}y', '[^a-z]z', '\\d{3}-\\d{4}$', '\\bunion\\b', 'colou?r', '^$', '.*', '(?:foo|bar)baz', '[\\w.-]+@[\\w-]+\\.com', 'a.c', '\\.php$', 'a{0}b', '[a\\-z]', '\\x41\\u0042'];
  const subjects = ['evilbot', 'Mozilla evilbot/1', '/api/v2/x', '/x/api/v2/', 'ab', 'cd', 'ababc', 'xxxy', 'xy', '1z', 'az', '555-1234', 'x union select', 'reunion', 'color', 'colour', '', 'foobaz', 'barbaz', 'me@site.com', 'abc', 'a\nc', 'index.php', 'b', '-', 'AB'];
  for (const p of patterns) {
    it(p, () => {
      const js = new RegExp(p);
      for (const s of subjects) expect(search(p, s), `${p} on ${JSON.stringify(s)}`).toBe(js.test(s));
    });
  }
  it('(?i) makes the match case-insensitive', () => {
    expect(search('(?i)EvilBot', 'x evilbot')).toBe(true);
    expect(search('EvilBot', 'x evilbot')).toBe(false);
  });
  it('random subjects over a small alphabet (property)', () => {
    const pats = ['(a|ab)(c|bcd)(d*)', '^(a+|b)*c$', 'a[bc]{1,3}d?', '(x|y)+z\\b', '[^ab]+$'];
    fc.assert(
      fc.property(fc.constantFrom(...pats), fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'x', 'y', 'z', ' '), maxLength: 12 }), (p, s) => {
        expect(search(p, s)).toBe(new RegExp(p).test(s));
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 200) },
    );
  });
});

describe('hostile patterns', () => {
  it('refuses backreferences and lookaround with a reason', () => {
    for (const p of ['(a)\\1', '(?=a)b', '(?!a)b', '(?<=a)b', '(?<!a)b']) {
      const r = compileRegex(p);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.code).toBe('regex-unsupported');
    }
  });
  it('refuses huge counted repeats and over-long patterns', () => {
    const big = compileRegex('(abcdefghij){1000}');
    expect(big.ok).toBe(false);
    if (!big.ok) expect(big.code).toBe('regex-too-large');
    expect(compileRegex('a'.repeat(REGEX_LIMITS.maxPattern + 1)).ok).toBe(false);
  });
  it('catastrophic-backtracking patterns finish fast on a long subject', () => {
    const subject = 'a'.repeat(REGEX_LIMITS.maxSubject - 1) + '!';
    for (const p of ['^(a+)+$', '^(a|aa)*$', 'a*a*a*a*a*b', '^(.*a){12}$', '^(\\w+\\s?)*$']) {
      const start = Date.now();
      const r = compileRegex(p);
      expect(r.ok).toBe(true);
      if (r.ok) expect(regexSearch(r.value, subject)).toBe(false);
      expect(Date.now() - start, p).toBeLessThan(2000);
    }
  });
  it('syntax errors are reported, not thrown', () => {
    for (const p of ['(abc', 'abc)', '[abc', '*a', 'a**', 'x{3,2}', '\\']) {
      const r = compileRegex(p);
      expect(r.ok, p).toBe(false);
    }
  });
});
