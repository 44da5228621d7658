/**
 * Hostile inputs every engine must survive: no exception, a diagnostic, bounded time.
 * Generated rather than stored, so the repository stays small.
 */
export interface HostileCase {
  name: string;
  text: () => string;
}

function billionLaughs(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) {
    const prev = String.fromCharCode(96 + i);
    const cur = String.fromCharCode(97 + i);
    lines.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return lines.join('\n');
}

function aliasChain(): string {
  // Each level doubles the one before through two aliases: 2^40 nodes if expanded.
  const lines = ['l0: &l0 [x, y]'];
  for (let i = 1; i <= 40; i++) lines.push(`l${i}: &l${i} [*l${i - 1}, *l${i - 1}]`);
  return lines.join('\n');
}

function binaryJunk(): string {
  let s = '';
  let x = 12345;
  for (let i = 0; i < 20_000; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    s += String.fromCharCode(x % 256);
  }
  return s;
}

function manyPolicies(n: number): string {
  const docs: string[] = [];
  for (let i = 0; i < n; i++) {
    docs.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p${i}, namespace: ns${i % 50}}
spec:
  podSelector: {matchLabels: {app: a${i % 97}}}
  ingress: [{from: [{podSelector: {matchLabels: {app: b${i % 89}}}}], ports: [{port: ${1 + (i % 65535)}}]}]`);
  }
  return docs.join('\n---\n');
}

export const hostileCases: HostileCase[] = [
  { name: 'YAML billion laughs', text: billionLaughs },
  { name: 'YAML alias chain (2^40 nodes expanded)', text: aliasChain },
  { name: '5 MB document', text: () => `kind: Pod\nmetadata:\n  name: ${'x'.repeat(5 * 1024 * 1024)}\n` },
  { name: 'nesting 10 000 deep (flow)', text: () => '['.repeat(10_000) + ']'.repeat(10_000) },
  { name: 'nesting 10 000 deep (block)', text: () => Array.from({ length: 10_000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') },
  { name: 'binary junk', text: binaryJunk },
  { name: 'invalid UTF-8 (lone surrogates, BOM, NUL)', text: () => '\uFEFF\uD800a\uDFFF\u0000\uFFFE\uFFFF: \uD83D' },
  { name: 'malformed CIDRs', text: () => '999.1.1.1/8\n::/-1\n10.0.0.0/33\n1.2.3/24\n::ffff:1.2.3.4/200\n' },
  { name: 'JSON-ish garbage', text: () => '{"rules": [{"name": ' + '"a",'.repeat(5000) },
  { name: 'prototype pollution keys', text: () => '__proto__:\n  polluted: yes\nconstructor:\n  prototype:\n    polluted: yes\n' },
  { name: '10 000 policies', text: () => manyPolicies(10_000) },
  { name: 'one very long line', text: () => 'az aks create ' + '--name x '.repeat(100_000) },
];
