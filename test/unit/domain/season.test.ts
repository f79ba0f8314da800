/** The season grammar: what a season and a season type are, when a season is current or complete. */
import { describe, expect, it } from 'vitest';
import {
  currentSeason,
  isSeasonComplete,
  parseSeason,
  parseSeasonType,
  SeasonInputError,
  seasonWorkflowId,
} from '../../../domain/season.js';

const utc = (iso: string): Date => new Date(`${iso}Z`);
const NOW = utc('2026-12-01T05:00:00');

describe('parseSeason', () => {
  it('accepts YYYY-YY seasons from 1946-47 to the current one, trimmed', () => {
    expect(parseSeason('2023-24', NOW)).toBe('2023-24');
    expect(parseSeason(' 1999-00 ', NOW)).toBe('1999-00');
    expect(parseSeason('1946-47', NOW)).toBe('1946-47');
    expect(parseSeason('2026-27', NOW)).toBe('2026-27');
  });

  it.each([
    [2023, 'must be a string'],
    [undefined, 'must be a string'],
    ['2023', "not of the form 'YYYY-YY'"],
    ['2023-2024', "not of the form 'YYYY-YY'"],
    ['23-24', "not of the form 'YYYY-YY'"],
    ['2023-25', "after 2023 comes '2023-24'"],
    ['1999-01', "after 1999 comes '1999-00'"],
    ['1945-46', 'before the first NBA/BAA season'],
    ['2027-28', 'has not started yet (the current season is 2026-27)'],
  ])('rejects %j with a SeasonInputError saying %s', (input, message) => {
    expect(() => parseSeason(input, NOW)).toThrow(SeasonInputError);
    expect(() => parseSeason(input, NOW)).toThrow(message);
  });

  it('takes "not started yet" from the clock it is given, October being the first month', () => {
    expect(() => parseSeason('2026-27', utc('2026-09-30T23:59:59'))).toThrow('has not started yet');
    expect(parseSeason('2026-27', utc('2026-10-01T00:00:00'))).toBe('2026-27');
  });
});

describe('parseSeasonType', () => {
  it('defaults to the regular season and accepts the three NBA names exactly', () => {
    expect(parseSeasonType(undefined)).toBe('Regular Season');
    expect(parseSeasonType(null)).toBe('Regular Season');
    expect(parseSeasonType('Playoffs')).toBe('Playoffs');
    expect(parseSeasonType('PlayIn')).toBe('PlayIn');
  });

  it.each(['playoffs', 'Regular', '', 3])('rejects %j, listing the valid names', (input) => {
    expect(() => parseSeasonType(input)).toThrow(SeasonInputError);
    expect(() => parseSeasonType(input)).toThrow("is not one of 'Regular Season', 'Playoffs', 'PlayIn'");
  });
});

describe('currentSeason', () => {
  it('changes on the first of October (UTC)', () => {
    expect(currentSeason(utc('2024-09-30T23:59:59.999'))).toBe('2023-24');
    expect(currentSeason(utc('2024-10-01T00:00:00'))).toBe('2024-25');
    expect(currentSeason(utc('2025-01-01T00:00:00'))).toBe('2024-25');
    expect(currentSeason(utc('1999-12-31T12:00:00'))).toBe('1999-00');
  });
});

describe('isSeasonComplete', () => {
  it('is true once the next season has started, not before', () => {
    expect(isSeasonComplete('2023-24', utc('2024-06-30T00:00:00'))).toBe(false);
    expect(isSeasonComplete('2023-24', utc('2024-09-30T23:59:59'))).toBe(false);
    expect(isSeasonComplete('2023-24', utc('2024-10-01T00:00:00'))).toBe(true);
    expect(isSeasonComplete('2024-25', NOW)).toBe(true);
    expect(isSeasonComplete('2026-27', NOW)).toBe(false);
  });
});

describe('seasonWorkflowId', () => {
  it('is one id per season and season type', () => {
    expect(seasonWorkflowId('2023-24', 'Regular Season')).toBe('ingest-season-2023-24-regular');
    expect(seasonWorkflowId('2023-24', 'Playoffs')).toBe('ingest-season-2023-24-playoffs');
    expect(seasonWorkflowId('2023-24', 'PlayIn')).toBe('ingest-season-2023-24-playin');
  });
});
