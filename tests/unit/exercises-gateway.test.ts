/**
 * Gateway API exercises: beyond "solution passes, start fails" (exercises.test.ts), a
 * plausible wrong answer per exercise must fail on the decoy request meant for it.
 */
import { describe, expect, it } from 'vitest';
import { exerciseById } from '../../src/lib/exercises';

const ex = (id: string) => {
  const e = exerciseById(id);
  if (!e) throw new Error(`no exercise ${id}`);
  return e;
};
const expectFail = (id: string, inputs: Record<string, string>, reason: RegExp): void => {
  const r = ex(id).check(inputs);
  expect(r.pass).toBe(false);
  expect(`${r.reason}\n${(r.details ?? []).join('\n')}`).toMatch(reason);
};
const edit = (id: string, from: string | RegExp, to: string): Record<string, string> => {
  const s = ex(id).solution;
  const manifests = s.manifests!.replace(from, to);
  expect(manifests).not.toBe(s.manifests);
  return { ...s, manifests };
};

describe('gateway-precedence', () => {
  it('fails a wildcard hostname on the checkout route: the precise host still wins', () => {
    expectFail('gateway-precedence', edit('gateway-precedence', 'hostnames: ["shop.example.com"]\n  rules:\n  - matches:\n    - path:\n        type: PathPrefix\n        value: /cart/checkout', 'hostnames: ["*.example.com"]\n  rules:\n  - matches:\n    - path:\n        type: PathPrefix\n        value: /cart/checkout'), /cart\/checkout ends at cart/);
  });
  it('fails removing storefront\'s hostnames: blog.example.com/cart then reaches the cart', () => {
    const start = ex('gateway-precedence').start.manifests!;
    expectFail('gateway-precedence', { manifests: start.replace('  hostnames: ["shop.example.com"]\n', ''), request: '' }, /blog\.example\.com\/cart ends at cart/);
  });
  it('fails a RegularExpression that also takes /cart/checkoutx', () => {
    expectFail('gateway-precedence', edit('gateway-precedence', 'type: PathPrefix\n        value: /cart/checkout', 'type: RegularExpression\n        value: /cart/checkout.*'), /checkoutx ends at checkout/);
  });
});

describe('gateway-hostname-intersection', () => {
  it('fails "*.example.com": www.example.com then reaches api', () => {
    expectFail('gateway-hostname-intersection', edit('gateway-hostname-intersection', '["api.example.com", "*.api.example.com"]', '["*.example.com"]'), /www\.example\.com\/ ends at api/);
  });
  it('fails "*.api.example.com" alone: the wildcard does not cover api.example.com itself', () => {
    expectFail('gateway-hostname-intersection', edit('gateway-hostname-intersection', '["api.example.com", "*.api.example.com"]', '["*.api.example.com"]'), /api\.example\.com\/v1\/users ends at web/);
  });
});

describe('gateway-reference-grant', () => {
  it('fails a grant placed in the route\'s namespace', () => {
    expectFail('gateway-reference-grant', edit('gateway-reference-grant', 'name: shop-to-payments\n  namespace: payments', 'name: shop-to-payments\n  namespace: shop'), /pay\/42 ends at 500/);
  });
  it('fails a grant for every Service of payments: /db becomes reachable', () => {
    expectFail('gateway-reference-grant', edit('gateway-reference-grant', '    name: payments-api\n', ''), /\/db ends at payments-db/);
  });
  it('fails a grant that also lets the blog namespace in', () => {
    expectFail('gateway-reference-grant', edit('gateway-reference-grant', '    namespace: shop\n  to:', '    namespace: shop\n  - group: gateway.networking.k8s.io\n    kind: HTTPRoute\n    namespace: blog\n  to:'), /blog\.example\.com\/ ends at payments-api/);
  });
});

describe('gateway-canary', () => {
  it('fails swapped weights (90% to the canary)', () => {
    expectFail('gateway-canary', edit('gateway-canary', /weight: 90\n([\s\S]*)weight: 10/, 'weight: 10\n$1weight: 90'), /checkout-v2=90%/);
  });
  it('fails a header match inside the split rule: testers then get the split', () => {
    const manifests = ex('gateway-canary').start.manifests!.replace('  - backendRefs:\n    - name: checkout-v1\n      port: 80\n', '  - matches:\n    - headers:\n      - name: x-canary\n        value: always\n    - path:\n        type: PathPrefix\n        value: /\n    backendRefs:\n    - name: checkout-v1\n      port: 80\n      weight: 90\n    - name: checkout-v2\n      port: 80\n      weight: 10\n');
    expectFail('gateway-canary', { manifests, request: '' }, /x-canary: always\) ends at checkout-v1×90\+checkout-v2×10/i);
  });
});

describe('gateway-migration-clean', () => {
  it('fails deleting the /api path: the table may be clean, but /api no longer reaches api', () => {
    const m = ex('gateway-migration-clean').solution.manifests!.replace(/      - path: \/api\n[\s\S]*?number: 8080\n/, '');
    expectFail('gateway-migration-clean', { manifests: m, options: '' }, /\/api\/orders reaches web/);
  });
  it('fails fixing only the path type: https still differs', () => {
    const m = ex('gateway-migration-clean').start.manifests!.replace('pathType: ImplementationSpecific', 'pathType: Prefix');
    expectFail('gateway-migration-clean', { manifests: m, options: '' }, /shop-tls|differ/);
  });
  it('fails a tls entry for another Secret', () => {
    expectFail('gateway-migration-clean', edit('gateway-migration-clean', 'secretName: shop-tls', 'secretName: other-tls'), /shop-tls/);
  });
});
