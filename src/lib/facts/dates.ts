/** Dates as the guide writes them: "30 November 2026", whatever the reader's locale. */
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function formatFactDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/** Whole days from `iso` (YYYY-MM-DD) to `today` (UTC days; negative if `iso` is later). */
export function daysSince(iso: string, today: Date): number {
  const [y, mo, d] = iso.split('-').map(Number);
  const then = Date.UTC(y ?? 1970, (mo ?? 1) - 1, d ?? 1);
  const now = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Math.round((now - then) / 86_400_000);
}
