/**
 * Layout of the "Retirements and changes" timeline: one row per dated change, oldest at the
 * top, evenly spaced (the changes cluster in 2025–2026, so a to-scale axis would stack them),
 * with a year mark where the year changes. Pure data; ChangesTimeline.astro draws it as SVG.
 */
import { formatFactDate } from './dates.ts';
import { changesByDate, type ChangeKind } from './retirements.ts';

export const TIMELINE = { width: 440, rowHeight: 34, top: 16, axisX: 92, labelX: 110 } as const;

export interface TimelineRow {
  y: number;
  date: string;
  /** "3 Mar 2025"-style date for the picture; the table gives the full wording. */
  shortDate: string;
  label: string;
  kind: ChangeKind;
  href: string;
  /** Set on the first row of each year. */
  year?: string;
}

const SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function timelineRows(): { rows: TimelineRow[]; height: number } {
  let lastYear = '';
  const rows = changesByDate().map((c, i) => {
    const year = c.date.slice(0, 4);
    const row: TimelineRow = {
      y: TIMELINE.top + i * TIMELINE.rowHeight + TIMELINE.rowHeight / 2,
      date: c.date,
      shortDate: `${Number(c.date.slice(8, 10))} ${SHORT[Number(c.date.slice(5, 7)) - 1]}`,
      label: c.label,
      kind: c.kind,
      href: c.affects[0]!.href,
      ...(year !== lastYear ? { year } : {}),
    };
    lastYear = year;
    return row;
  });
  return { rows, height: TIMELINE.top * 2 + rows.length * TIMELINE.rowHeight };
}

/** Words for a change kind, as the legend and the table write it. */
export const KIND_WORDS: Record<ChangeKind, string> = {
  retirement: 'retirement',
  'end-of-support': 'end of support',
  removed: 'removed',
  'generally-available': 'generally available',
  new: 'new',
};

export { formatFactDate };
