// `npm run facts`: every fact of the registry with its age, oldest first, then those older
// than 180 days with the URL to recheck. A report for maintainers; it never fails.
// `npm run facts -- 2027-06-01` computes ages as of another date.
import { allFacts } from '../src/lib/facts/index.ts';
import { daysSince } from '../src/lib/facts/dates.ts';

const STALE_DAYS = 180;
const today = process.argv[2] ? new Date(`${process.argv[2]}T00:00:00Z`) : new Date();
if (Number.isNaN(today.getTime())) {
  console.error(`"${process.argv[2]}" is not a date; write it as YYYY-MM-DD, e.g. npm run facts -- 2027-06-01.`);
  process.exit(2);
}
const rows = allFacts()
  .map((f) => ({ f, age: daysSince(f.checked, today) }))
  .sort((a, b) => b.age - a.age || a.f.id.localeCompare(b.f.id));

const idWidth = Math.max(...rows.map((r) => r.f.id.length));
console.log(`${rows.length} facts, as of ${today.toISOString().slice(0, 10)} (oldest first)\n`);
console.log(`${'age'.padStart(6)}  checked     ${'id'.padEnd(idWidth)}  value`);
for (const { f, age } of rows) {
  const value = Array.isArray(f.value) ? f.value.join(', ') : String(f.value);
  console.log(`${`${age} d`.padStart(6)}  ${f.checked}  ${f.id.padEnd(idWidth)}  ${value.length > 60 ? `${value.slice(0, 57)}…` : value}${f.disputed ? '  (sources disagree)' : ''}`);
}
const stale = rows.filter((r) => r.age > STALE_DAYS);
console.log(`\n${stale.length ? `${stale.length} fact${stale.length === 1 ? '' : 's'} older than ${STALE_DAYS} days — recheck at:` : `No fact is older than ${STALE_DAYS} days.`}`);
for (const { f, age } of stale) console.log(`  ${f.id} (${age} days): ${f.source}`);
