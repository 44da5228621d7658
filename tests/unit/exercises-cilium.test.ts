/**
 * The Cilium exercises reject more than one plausible wrong answer (the shared list in
 * exercises-wrong-answers.test.ts has one per exercise): each starting point fails for the
 * reason its note gives, and each decoy catches the mistake it is there for.
 */
import { describe, expect, it } from 'vitest';
import tool from '../../src/components/tools/netpol';
import { exerciseById, type Exercise } from '../../src/lib/exercises';

const ex = (id: string): Exercise => {
  const e = exerciseById(id);
  if (!e) throw new Error(`no exercise ${id}`);
  return e;
};

/** The solution's policies with one text replaced (the replacement must happen). */
function edited(e: Exercise, from: string | RegExp, to: string): Record<string, string> {
  const text = e.solution.policies!;
  const out = text.replace(from, to);
  expect(out, `${e.id}: the edit applies`).not.toBe(text);
  return { ...e.solution, policies: out };
}

/** Fails, and the reason or details match `says`. */
function rejects(e: Exercise, inputs: Record<string, string>, says: RegExp): void {
  const r = e.check(inputs);
  expect(r.pass).toBe(false);
  expect(`${r.reason}\n${(r.details ?? []).join('\n')}`).toMatch(says);
}

describe('cilium-fqdn-egress', () => {
  const e = ex('cilium-fqdn-egress');
  it('the start (DNS allowed, no DNS rule) fails because the name is never learned', () => {
    rejects(e, e.start, /shop\/web → api\.github\.com on 443\/TCP: denied, should be allowed/);
  });
  it('DNS to every kube-system pod fails on metrics-server', () => {
    rejects(e, edited(e, '        k8s-app: kube-dns\n', ''), /shop\/web → kube-system\/metrics-server on 53\/UDP: allowed, should be denied/);
  });
  it('world on 443 instead of the name fails on an address', () => {
    rejects(e, edited(e, '  - toFQDNs:\n    - matchName: api.github.com\n', '  - toEntities:\n    - world\n'), /shop\/web → 203\.0\.113\.10 on 443\/TCP: allowed, should be denied/);
  });
  it('a DNS rule for another name than the toFQDNs rule fails', () => {
    rejects(e, edited(e, '        - matchName: api.github.com\n', '        - matchName: github.com\n'), /api\.github\.com on 443\/TCP: denied, should be allowed/);
  });
  it('a pattern that covers the name passes as well as the exact name', () => {
    expect(e.check(edited(e, '        - matchName: api.github.com\n', '        - matchPattern: "*.github.com"\n')).pass).toBe(true);
  });
});

describe('cilium-l7-read-only', () => {
  const e = ex('cilium-l7-read-only');
  it('the start (an L4-only rule next to the HTTP rule) fails: POST gets through', () => {
    rejects(e, e.start, /POST \/products from frontend\/web → shop\/catalog on 8080\/TCP: allowed, should be denied/);
  });
  it('allowing the whole cluster fails on the staging web pod', () => {
    rejects(e, edited(e, '  - fromEndpoints:\n    - matchLabels:\n        k8s:io.kubernetes.pod.namespace: frontend\n        app: web\n', '  - fromEntities:\n    - cluster\n'), /staging\/web → shop\/catalog on 8080\/TCP: allowed, should be denied/);
  });
  it('app=web without the namespace means shop, so frontend/web is refused', () => {
    rejects(e, edited(e, '        k8s:io.kubernetes.pod.namespace: frontend\n', ''), /frontend\/web → shop\/catalog on 8080\/TCP: denied, should be allowed/);
  });
  it('GET with an explicit any-path regex passes too (any correct answer passes)', () => {
    expect(e.check(edited(e, '        - method: GET\n', '        - method: "GET"\n          path: "/.*"\n')).pass).toBe(true);
  });
});

describe('cilium-deny-over-allow', () => {
  const e = ex('cilium-deny-over-allow');
  it('the start (app=runner without a namespace) fails: it denies shop/runner and not sandbox', () => {
    rejects(e, e.start, /sandbox\/runner → shop\/db on 5432\/TCP: allowed, should be denied/);
    rejects(e, e.start, /shop\/runner → shop\/db on 5432\/TCP: denied, should be allowed/);
  });
  it('denying the sandbox runner only fails on the notebook', () => {
    rejects(e, edited(e, '        k8s:io.kubernetes.pod.namespace: sandbox\n', '        k8s:io.kubernetes.pod.namespace: sandbox\n        app: runner\n'), /sandbox\/notebook → shop\/db on 5432\/TCP: allowed, should be denied/);
  });
  it('dropping db-allow-all (a deny-only policy) keeps everyone out', () => {
    rejects(e, { ...e.solution, policies: e.solution.policies!.slice(e.solution.policies!.indexOf('---\n') + 4) }, /shop\/api → shop\/db on 5432\/TCP: denied, should be allowed/);
  });
});

describe('cilium-ccnp-baseline', () => {
  const e = ex('cilium-ccnp-baseline');
  it('the start (a deny-only policy) fails: every selected pod loses its egress', () => {
    rejects(e, e.start, /shop\/web → 203\.0\.113\.10 on 443\/TCP: denied, should be allowed/);
  });
  it('allowing the cluster entity instead of all cuts the internet', () => {
    rejects(e, edited(e, '    - all\n', '    - cluster\n'), /shop\/web → api\.github\.com on 443\/TCP: denied, should be allowed/);
  });
  it('listing today\'s namespaces fails on a namespace created later', () => {
    const listed = edited(e, '      operator: NotIn\n      values: [kube-system]\n', '      operator: In\n      values: [shop, tools, team-b]\n');
    rejects(e, listed, /payments/);
  });
  it('a deny of port 80 only fails on 443', () => {
    rejects(e, edited(e, '    - 169.254.169.254/32\n', '    - 169.254.169.254/32\n    toPorts:\n    - ports:\n      - port: "80"\n        protocol: TCP\n'), /shop\/web → 169\.254\.169\.254 on 443\/TCP: allowed, should be denied/);
  });
});

describe('the findings the hints point to are there on the start', () => {
  const codes = (id: string) => {
    const e = ex(id);
    return tool.run(e.start).diagnostics.map((d) => d.code);
  };
  it('FQDN egress: the FQDN rule without a DNS rule is flagged', () => {
    expect(codes('cilium-fqdn-egress')).toContain('cilium-fqdn-without-dns-rule');
  });
  it('read-only API: the L4-only rule that voids the HTTP rule is flagged', () => {
    expect(codes('cilium-l7-read-only')).toContain('cilium-l7-voided');
  });
  it('baseline: the deny-only policy is flagged', () => {
    expect(codes('cilium-ccnp-baseline')).toContain('cilium-deny-only-enables-default-deny');
  });
});
