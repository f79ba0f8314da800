/** Input validation of `npm run schedule`: clear errors naming what was wrong. */
import { describe, expect, it } from 'vitest';
import {
  parseCalendar,
  parseCron,
  parseInstant,
  parseOverlapPolicy,
  parseScheduleId,
  parseSeasonList,
  parseTimeZone,
  ScheduleInputError,
} from '../../../cli/schedule/options.js';

const NOW = new Date('2026-11-27T10:00:00Z'); // the 2026-27 season is in progress

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ScheduleInputError);
    return err as Error;
  }
  throw new Error('expected a ScheduleInputError');
}

describe('parseCron', () => {
  it.each([
    '0 9 * * *',
    '30 6 * * MON-FRI',
    '0 9 * * mon,wed,fri',
    '*/15 8-20 * * *',
    '0 9 1,15 OCT-DEC,JAN-APR *',
    '0 9 * * 0-7',
    '0 9 * january,february monday-friday',
    '0 9 * * * 2027',
    '30 0 9 * * * *',
    '@daily',
    '@hourly',
    '@every 6h',
    '@every 1d/9h',
    '0 9 * * *  # daily, after last night’s games',
  ])('accepts %s', (cron) => {
    expect(parseCron(`  ${cron} `)).toBe(cron);
  });

  it.each([
    ['', /empty/],
    ['0 9 * *', /4 fields; expected 5/],
    ['0 9 * * * * * *', /8 fields/],
    ['61 * * * *', /minute 61 is outside 0–59/],
    ['0 24 * * *', /hour 24 is outside 0–23/],
    ['0 9 0 * *', /day of month 0 is outside 1–31/],
    ['0 9 * 13 *', /month 13 is outside 1–12/],
    ['0 9 * * 8', /day of week 8 is outside 0–7/],
    ['0 9 * * FUNDAY', /day of week 'FUNDAY' is not a number or one of sun, mon/],
    ['0 9-5 * * *', /hour range '9-5' runs backwards/],
    ['0 9 * OCT-APR *', /month range 'OCT-APR' runs backwards; split it, e.g. 'OCT-DEC,JAN-APR'/],
    ['*/0 * * * *', /minute '\*\/0' is not/],
    ['0 9 * * * 1900', /year 1900 is outside 1970–2999/],
    ['@sometimes', /unknown shorthand/],
    ['TZ=Europe/Paris 0 9 * * *', /--time-zone/],
  ])('rejects %j', (cron, message) => {
    expect(errorOf(() => parseCron(cron)).message).toMatch(message);
  });
});

describe('parseTimeZone', () => {
  it('accepts IANA names and returns the canonical spelling Temporal can load', () => {
    expect(parseTimeZone('America/New_York')).toBe('America/New_York');
    expect(parseTimeZone(' america/new_york ')).toBe('America/New_York');
    expect(parseTimeZone('UTC')).toBe('UTC');
    expect(parseTimeZone('Europe/Paris')).toBe('Europe/Paris');
  });

  it.each(['Mars/Olympus_Mons', '', 'EST5EDT6', 'New York'])('rejects %j naming it', (tz) => {
    expect(errorOf(() => parseTimeZone(tz)).message).toContain(
      `time zone '${tz}' is not an IANA time zone name`,
    );
  });
});

describe('parseCalendar', () => {
  it('accepts the SDK calendar spec as JSON', () => {
    expect(parseCalendar('{"hour":9,"minute":30}')).toEqual({ hour: 9, minute: 30 });
    expect(
      parseCalendar('{"hour":9,"dayOfWeek":[{"start":"MONDAY","end":"FRIDAY"}],"comment":"weekdays"}'),
    ).toEqual({
      hour: 9,
      dayOfWeek: [{ start: 'MONDAY', end: 'FRIDAY' }],
      comment: 'weekdays',
    });
    expect(parseCalendar('{"minute":"*"}')).toEqual({ minute: '*' });
  });

  it.each([
    ['{hour: 9}', /is not JSON/],
    ['{"hour":25}', /hour/],
    ['{"dayOfWeek":"Fri"}', /dayOfWeek/],
    ['{"hours":9}', /hours/],
    ['[]', /not a calendar spec/],
  ])('rejects %s', (json, message) => {
    expect(errorOf(() => parseCalendar(json)).message).toMatch(message);
  });
});

describe('parseOverlapPolicy', () => {
  it('reads the SDK, CLI and loose spellings', () => {
    expect(parseOverlapPolicy('SKIP')).toBe('SKIP');
    expect(parseOverlapPolicy('Skip')).toBe('SKIP');
    expect(parseOverlapPolicy('AllowAll')).toBe('ALLOW_ALL');
    expect(parseOverlapPolicy('allow-all')).toBe('ALLOW_ALL');
    expect(parseOverlapPolicy('BUFFER_ONE')).toBe('BUFFER_ONE');
  });

  it('rejects others, listing the valid ones', () => {
    expect(errorOf(() => parseOverlapPolicy('sometimes')).message).toMatch(
      /'sometimes' is not one of SKIP, BUFFER_ONE, .*ALLOW_ALL/,
    );
  });
});

describe('parseScheduleId', () => {
  it('accepts ids and rejects blanks and odd characters', () => {
    expect(parseScheduleId(' nba-ingest-daily ')).toBe('nba-ingest-daily');
    expect(errorOf(() => parseScheduleId('')).message).toMatch(/schedule id '' must be/);
    expect(errorOf(() => parseScheduleId('a b')).message).toMatch(/schedule id 'a b'/);
  });
});

describe('parseSeasonList', () => {
  it('expands ranges, takes lists and mixes, sorted without duplicates', () => {
    expect(parseSeasonList('2021-22..2023-24', NOW)).toEqual(['2021-22', '2022-23', '2023-24']);
    expect(parseSeasonList('2019-20,2020-21,2023-24', NOW)).toEqual(['2019-20', '2020-21', '2023-24']);
    expect(parseSeasonList('2023-24, 2011-12..2012-13,2012-13', NOW)).toEqual([
      '2011-12',
      '2012-13',
      '2023-24',
    ]);
    expect(parseSeasonList('2026-27', NOW)).toEqual(['2026-27']);
  });

  it.each([
    ['2023-24..2021-22', /runs backwards/],
    ['2023-25', /spans more than one year/],
    ['2027-28', /has not started yet/],
    ['2019-20,,2020-21', /empty item/],
    ['2019-20..2020-21..2021-22', /more than one '\.\.'/],
    ['1900-01', /before the first NBA\/BAA season/],
  ])('rejects %s', (input, message) => {
    expect(errorOf(() => parseSeasonList(input, NOW)).message).toMatch(message);
  });
});

describe('parseInstant', () => {
  it('reads dates and times; no offset means UTC', () => {
    expect(parseInstant('2024-01-15', '--from').toISOString()).toBe('2024-01-15T00:00:00.000Z');
    expect(parseInstant('2024-01-15T14:00', '--from').toISOString()).toBe('2024-01-15T14:00:00.000Z');
    expect(parseInstant('2024-01-15T09:00:00-05:00', '--from').toISOString()).toBe(
      '2024-01-15T14:00:00.000Z',
    );
  });

  it('names the option and the bad value', () => {
    expect(errorOf(() => parseInstant('yesterday', '--from')).message).toMatch(
      /--from 'yesterday' is not an ISO 8601 time/,
    );
    expect(errorOf(() => parseInstant('2024-13-45', '--to')).message).toMatch(/--to '2024-13-45'/);
  });
});
