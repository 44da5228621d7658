/**
 * The registry of cited facts. Engines import values from here (`FACTS['kubenet-max-nodes'].value`);
 * pages show them with `<Fact id="kubenet-max-nodes" />`. To add a fact, add an entry to the
 * topic file it belongs to (or a new topic file listed in TABLES below); the unit test
 * tests/unit/facts.test.ts checks that it has a source, a quote and a check date.
 */
import { ACCESS_FACTS } from './access.ts';
import { DNS_FACTS } from './dns.ts';
import { EGRESS_FACTS } from './egress.ts';
import { IP_FACTS } from './ip.ts';
import { LIMIT_FACTS } from './limits.ts';
import { NSG_FACTS } from './nsg.ts';
import { PERFORMANCE_FACTS } from './performance.ts';
import { PLUGIN_FACTS } from './plugins.ts';
import { RETIREMENT_FACTS } from './retirements.ts';
import { SERVICE_FACTS } from './services.ts';
import type { Fact } from './types.ts';
import { WAF_FACTS } from './waf.ts';

export type { Fact, FactValue } from './types.ts';
export { CHANGES, changesByDate, retirementNotice, type Change, type ChangeKind, type RetirementId, type RetirementNotice } from './retirements.ts';

/** Every topic table, by file name; the test checks that no id appears in two of them. */
export const TABLES = {
  access: ACCESS_FACTS,
  dns: DNS_FACTS,
  egress: EGRESS_FACTS,
  ip: IP_FACTS,
  limits: LIMIT_FACTS,
  nsg: NSG_FACTS,
  performance: PERFORMANCE_FACTS,
  plugins: PLUGIN_FACTS,
  retirements: RETIREMENT_FACTS,
  services: SERVICE_FACTS,
  waf: WAF_FACTS,
} as const;

export const FACTS = {
  ...ACCESS_FACTS,
  ...DNS_FACTS,
  ...EGRESS_FACTS,
  ...IP_FACTS,
  ...LIMIT_FACTS,
  ...NSG_FACTS,
  ...PERFORMANCE_FACTS,
  ...PLUGIN_FACTS,
  ...RETIREMENT_FACTS,
  ...SERVICE_FACTS,
  ...WAF_FACTS,
};

export type FactId = keyof typeof FACTS;

/** Every fact of every table (duplicates included, so a test can find them). */
export function allFacts(): Fact[] {
  return Object.values(TABLES).flatMap((t) => Object.values(t) as Fact[]);
}

/** The fact with this id, or undefined (pages use this; a missing id fails the build). */
export function getFact(id: string): Fact | undefined {
  return Object.prototype.hasOwnProperty.call(FACTS, id) ? (FACTS as Record<string, Fact>)[id] : undefined;
}

/** How a page writes the value: `display`, else the value as text (lists joined with commas). */
export function factDisplay(f: Fact): string {
  if (f.display) return f.display;
  if (Array.isArray(f.value)) return f.value.join(', ');
  if (typeof f.value === 'number') return f.value.toLocaleString('en');
  return String(f.value);
}

/** The oldest check date among these ids (YYYY-MM-DD), or undefined when none is known. */
export function oldestChecked(ids: Iterable<string>): string | undefined {
  let oldest: string | undefined;
  for (const id of ids) {
    const f = getFact(id);
    if (f && (oldest === undefined || f.checked < oldest)) oldest = f.checked;
  }
  return oldest;
}
