/**
 * A schedule spec as people read it. The server compiles cron strings into calendar specs, so the
 * description is rendered back into cron form (always the spec in force, also after an update).
 */
import type { CalendarSpecDescription, IntervalSpecDescription, Range } from '@temporalio/client';

function rangeText<T extends string | number>(
  ranges: Range<T>[],
  full: { start: T; end: T },
  short: (v: T) => string,
): string {
  if (ranges.length === 0) return '*';
  const [only] = ranges;
  if (ranges.length === 1 && only && only.start === full.start && only.end === full.end)
    return only.step > 1 ? `*/${only.step}` : '*';
  return ranges
    .map((r) => {
      if (r.start === r.end) return short(r.start);
      return `${short(r.start)}-${short(r.end)}${r.step > 1 ? `/${r.step}` : ''}`;
    })
    .join(',');
}

const num = (v: number): string => String(v);
const abbrev = (v: string): string => v.slice(0, 3);

/** `0 9 * * *`; with a second other than 0 or a year: the 7-field form `s m h dom mon dow year`. */
export function calendarText(c: CalendarSpecDescription): string {
  const fields = [
    rangeText(c.minute, { start: 0, end: 59 }, num),
    rangeText(c.hour, { start: 0, end: 23 }, num),
    rangeText(c.dayOfMonth, { start: 1, end: 31 }, num),
    rangeText(c.month, { start: 'JANUARY', end: 'DECEMBER' }, abbrev),
    rangeText(c.dayOfWeek, { start: 'SUNDAY', end: 'SATURDAY' }, abbrev),
  ];
  const second = rangeText(c.second, { start: 0, end: 59 }, num);
  const year = rangeText(c.year, { start: Number.NaN, end: Number.NaN }, num);
  const text = second === '0' && year === '*' ? fields.join(' ') : [second, ...fields, year].join(' ');
  return c.comment ? `${text}  # ${c.comment}` : text;
}

/** 90 minutes → '1h30m'. */
export function durationText(ms: number): string {
  const parts: string[] = [];
  let rest = Math.round(ms / 1000);
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  return parts.join('') || '0s';
}

export function intervalText(i: IntervalSpecDescription): string {
  return `every ${durationText(i.every)}${i.offset ? ` offset ${durationText(i.offset)}` : ''}`;
}

/** A time in the schedule's zone and in UTC: `2026-11-28 09:00 EST (2026-11-28 14:00Z)`. */
export function zonedTimeText(date: Date, timeZone: string): string {
  const local = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
  const zone = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName')?.value;
  return `${local}${zone ? ` ${zone}` : ''} (${date.toISOString().slice(0, 16).replace('T', ' ')}Z)`;
}
