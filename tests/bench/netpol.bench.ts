/**
 * Truth-table benchmark: 200 policies × 500 pods × 3 ports (issue 4).
 * Run: npx vitest bench --run tests/bench/netpol.bench.ts
 * The set is generated deterministically (no randomness), mixing every peer and port kind.
 */
import { bench, describe } from 'vitest';
import { evaluateTraffic, truthTable, type Cluster } from '../../src/lib/netpol';

const NAMESPACES = 20;
const PODS = 500;
const POLICIES = 200;
const APPS = ['web', 'api', 'db', 'cache', 'queue', 'worker', 'auth', 'search', 'mail', 'admin'];

function cluster(): Cluster {
  const namespaces = Array.from({ length: NAMESPACES }, (_, i) => ({ name: `ns${i}`, labels: { team: `t${i % 5}`, env: i % 2 ? 'prod' : 'dev' } }));
  const pods = Array.from({ length: PODS }, (_, i) => ({
    namespace: `ns${i % NAMESPACES}`,
    name: `pod${i}`,
    labels: { app: APPS[i % APPS.length]!, tier: `${i % 3}` },
    ip: `10.${244 + (i % 2)}.${Math.floor(i / 250)}.${i % 250}`,
    node: `node${i % 10}`,
    ports: [
      { name: 'http', port: 8080 + (i % 2) },
      { name: 'metrics', port: 9090 },
    ],
  }));
  return { namespaces, pods };
}

function policies(): string {
  const docs: string[] = [];
  for (let i = 0; i < POLICIES; i++) {
    const ns = `ns${i % NAMESPACES}`;
    const app = APPS[i % APPS.length]!;
    const peer = [
      `    - podSelector:\n        matchLabels:\n          app: ${APPS[(i + 1) % APPS.length]}`,
      `    - namespaceSelector:\n        matchLabels:\n          team: t${i % 5}`,
      `    - namespaceSelector:\n        matchLabels:\n          env: prod\n      podSelector:\n        matchExpressions:\n        - {key: tier, operator: In, values: ["0", "1"]}`,
      `    - ipBlock:\n        cidr: 10.244.0.0/16\n        except: [10.244.1.0/24]`,
    ][i % 4];
    const port = ['    - port: 8080', '    - port: http', '    - port: 8000\n      endPort: 8100', '    - protocol: UDP'][i % 4];
    docs.push(
      [
        'apiVersion: networking.k8s.io/v1',
        'kind: NetworkPolicy',
        `metadata:\n  name: pol${i}\n  namespace: ${ns}`,
        'spec:',
        i % 10 === 0 ? '  podSelector: {}' : `  podSelector:\n    matchLabels:\n      app: ${app}`,
        i % 3 === 0 ? '  policyTypes: [Ingress, Egress]' : '  policyTypes: [Ingress]',
        `  ingress:\n  - from:\n${peer}\n    ports:\n${port}`,
        i % 3 === 0 ? `  egress:\n  - to:\n${peer}\n  - ports:\n    - port: 53\n      protocol: UDP` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
  }
  return docs.join('\n---\n');
}

const c = cluster();
const p = policies();
const ports = [{ port: 8080 }, { port: 'http' }, { port: 53, protocol: 'UDP' }];

// One timed run, printed, so the figure is visible without reading bench tables.
{
  const t0 = performance.now();
  const t = truthTable({ cluster: c, policies: p, ports });
  const t1 = performance.now();
  const allowed = t.cells.flat(2).filter((x) => x === 'allow').length;
  console.log(`truthTable ${POLICIES} policies × ${PODS} pods × ${ports.length} ports: ${(t1 - t0).toFixed(0)} ms (first run), ${t.cells.flat(2).length} cells, ${allowed} allowed, ${t.diagnostics.filter((d) => d.severity === 'error').length} errors`);
}

describe('netpol', () => {
  bench('truthTable 200 policies × 500 pods × 3 ports', () => {
    truthTable({ cluster: c, policies: p, ports });
  }, { iterations: 5, time: 0 });
  bench('evaluateTraffic 1,000 connections, same set', () => {
    const traffic = Array.from({ length: 1000 }, (_, i) => ({ from: `ns${i % NAMESPACES}/pod${i % PODS}`, to: `ns${(i * 7) % NAMESPACES}/pod${(i * 7) % PODS}`, port: 8080 }));
    evaluateTraffic({ cluster: c, policies: p, traffic });
  }, { iterations: 5, time: 0 });
});
