/** The sidebar and Next/Previous follow src/onboarding.ts; it must be the Start here page's path. */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { laterGroups, onboardingPath } from '../../src/onboarding';

it('onboardingPath lists the pages of the Start here table, in its order', () => {
  const page = readFileSync('src/content/docs/start-here.mdx', 'utf8');
  // The numbered table: "| 1 | [Kubernetes networking basics](/basics/kubernetes-networking/) | …".
  const rows = [...page.matchAll(/^\| \d+ \| (.*?) \| [^|]+ \| [^|]+ \|$/gm)].map((m) => [...m[1]!.matchAll(/\]\((\/[^)]*)\)/g)].map((x) => x[1]!));
  expect(rows.length).toBeGreaterThanOrEqual(10);
  expect(onboardingPath).toEqual(['/start-here/', ...rows.flat()]);
});

it('every page moved to a later sidebar group is on the path', () => {
  for (const g of laterGroups) for (const p of g.paths) expect(onboardingPath).toContain(p);
});
