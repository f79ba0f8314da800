/** The interval arithmetic of incremental runs (domain/game-dates.ts) and its command-line form. */
import { describe, expect, it } from 'vitest';
import { intervalOption } from '../../../cli/common.js';
import {
  addDays,
  coversDates,
  datesOfParams,
  easternDate,
  formatGameDates,
  fromNbaDate,
  parseGameDatesInput,
  resolveGameDates,
  seasonDateWindow,
  toNbaDate,
} from '../../../domain/game-dates.js';

describe('resolveGameDates', () => {
  it('without since: from the watermark minus one day of overlap, to until', () => {
    expect(resolveGameDates({ until: '2023-11-02' }, '2023-11-01')).toEqual({
      from: '2023-10-31',
      to: '2023-11-02',
    });
    // Days missed (no run for a week) are caught up: the interval starts where the data ends.
    expect(resolveGameDates({ until: '2023-11-09' }, '2023-11-01')).toEqual({
      from: '2023-10-31',
      to: '2023-11-09',
    });
  });

  it('nothing loaded yet: from the season start (no DateFrom)', () => {
    expect(resolveGameDates({ until: '2023-10-24' }, null)).toEqual({ from: null, to: '2023-10-24' });
  });

  it('an interval the watermark has passed (a re-run): never starts after until', () => {
    expect(resolveGameDates({ until: '2023-10-30' }, '2023-11-02')).toEqual({
      from: '2023-10-30',
      to: '2023-10-30',
    });
  });

  it('since given: exactly that interval, whatever the watermark', () => {
    expect(resolveGameDates({ since: '2023-10-24', until: '2023-10-26' }, '2024-01-01')).toEqual({
      from: '2023-10-24',
      to: '2023-10-26',
    });
  });
});

describe('parseGameDatesInput', () => {
  it('accepts real dates inside the season, since optional', () => {
    expect(parseGameDatesInput('2023-24', { until: '2024-02-29' })).toEqual({ until: '2024-02-29' });
    expect(parseGameDatesInput('2019-20', { since: '2020-07-30', until: '2020-10-11' })).toEqual({
      since: '2020-07-30',
      until: '2020-10-11',
    });
  });

  it.each([
    [{ until: '2023-02-30' }, `until must be a date 'YYYY-MM-DD', got "2023-02-30"`],
    [{ until: '11/01/2023' }, `until must be a date 'YYYY-MM-DD', got "11/01/2023"`],
    [{}, 'until must be a date'],
    [{ since: '2023-11-05', until: '2023-11-01' }, 'since 2023-11-05 is after until 2023-11-01'],
    [{ until: '2024-11-01' }, 'until 2024-11-01 is outside season 2023-24 (2023-07-01 to 2024-10-31)'],
    [{ since: '2023-06-30', until: '2023-11-01' }, 'since 2023-06-30 is outside season 2023-24'],
    ['2023-11-01', 'dates must be an object'],
  ])('refuses %j: %s', (input, message) => {
    expect(() => parseGameDatesInput('2023-24', input)).toThrow(message);
  });
});

describe('dates as the NBA and the schedule write them', () => {
  it('the nominal time as a US Eastern date, across midnight and daylight saving time', () => {
    expect(easternDate(new Date('2023-10-24T13:00:00Z'))).toBe('2023-10-24'); // 09:00 EDT
    expect(easternDate(new Date('2023-10-25T03:59:00Z'))).toBe('2023-10-24'); // 23:59 EDT
    expect(easternDate(new Date('2023-11-06T04:30:00Z'))).toBe('2023-11-05'); // 23:30 EST
    expect(easternDate(new Date('2024-01-15T14:00:00Z'))).toBe('2024-01-15');
  });

  it('MM/DD/YYYY both ways; days added across months and leap days', () => {
    expect(toNbaDate('2024-11-01')).toBe('11/01/2024');
    expect(fromNbaDate('11/01/2024')).toBe('2024-11-01');
    expect(fromNbaDate('2024-11-01')).toBe('2024-11-01');
    expect(fromNbaDate('')).toBeNull();
    expect(fromNbaDate('13/45/2024')).toBeUndefined();
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(seasonDateWindow('2020-21')).toEqual({ first: '2020-07-01', last: '2021-10-31' });
    expect(formatGameDates({ from: null, to: '2023-10-24' })).toBe('..2023-10-24');
  });
});

describe('ingest season --since/--until', () => {
  it('none: a whole-season run; until alone: from the watermark; both: that interval', () => {
    expect(intervalOption('2023-24', {})).toBeUndefined();
    expect(intervalOption('2023-24', { until: '2023-11-02' })).toEqual({ until: '2023-11-02' });
    expect(intervalOption('2023-24', { since: '2023-11-01', until: '2023-11-02' })).toEqual({
      since: '2023-11-01',
      until: '2023-11-02',
    });
  });

  it('names the options in its refusals', () => {
    expect(() => intervalOption('2023-24', { since: '2023-11-01' })).toThrow('--since needs --until');
    expect(() => intervalOption('2023-24', { since: '2023-11-05', until: '2023-11-01' })).toThrow(
      '--since 2023-11-05 is after --until 2023-11-01',
    );
    expect(() => intervalOption('2023-24', { until: 'yesterday' })).toThrow(
      `--until must be a date 'YYYY-MM-DD'`,
    );
  });
});

describe('easternDate', () => {
  it('is the US Eastern calendar day of GAME_DATE, not the UTC one', () => {
    expect(easternDate(new Date('2026-02-22T05:36:45Z'))).toBe('2026-02-22'); // 00:36 EST
    expect(easternDate(new Date('2026-02-22T04:59:00Z'))).toBe('2026-02-21'); // 23:59 EST
    expect(easternDate(new Date('2025-11-01T03:30:00Z'))).toBe('2025-10-31'); // 23:30 EDT
  });
});

describe('coversDates: which dead letters a league-wide load resolves', () => {
  const november = { from: '2023-11-01', to: '2023-11-10' };
  const january = { from: '2024-01-02', to: '2024-01-10' };
  it('an interval covers itself and what lies within it, never another interval', () => {
    expect(coversDates(november, november)).toBe(true);
    expect(coversDates(november, { from: '2023-11-03', to: '2023-11-05' })).toBe(true);
    expect(coversDates(november, january)).toBe(false);
    expect(coversDates(january, november)).toBe(false);
  });
  it('the whole season covers every interval; no interval covers the whole season', () => {
    expect(coversDates(undefined, november)).toBe(true);
    expect(coversDates(undefined, undefined)).toBe(true);
    expect(coversDates(november, undefined)).toBe(false);
  });
  it('from the season start (no from) is covered only by a load from the start', () => {
    expect(coversDates({ from: null, to: '2023-11-10' }, { from: null, to: '2023-11-02' })).toBe(true);
    expect(coversDates(november, { from: null, to: '2023-11-02' })).toBe(false);
  });
  it("a dead letter's dates from its request parameters", () => {
    expect(datesOfParams({ DateFrom: '11/01/2023', DateTo: '11/10/2023' })).toEqual(november);
    expect(datesOfParams({ DateTo: '11/10/2023' })).toEqual({ from: null, to: '2023-11-10' });
    expect(datesOfParams({ Season: '2023-24' })).toBeUndefined();
  });
});
