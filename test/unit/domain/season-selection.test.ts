import { describe, expect, it } from 'vitest';
import {
  formatSeasonSelection,
  parseSeasonSelection,
  SEASON_PATTERN,
  SeasonInputError,
  seasonsOf,
} from '../../../domain/season.js';

const NOW = new Date('2025-11-01T00:00:00Z'); // 2025-26 under way

describe('season selections', () => {
  it('reads a range and a list, and writes them back the same way', () => {
    expect(parseSeasonSelection('2015-16..2017-18', NOW)).toEqual({ from: '2015-16', to: '2017-18' });
    expect(parseSeasonSelection(' 2023-24 , 2019-20', NOW)).toEqual({ seasons: ['2023-24', '2019-20'] });
    expect(formatSeasonSelection({ from: '2015-16', to: '2017-18' })).toBe('2015-16..2017-18');
    expect(formatSeasonSelection({ seasons: ['2023-24', '2019-20'] })).toBe('2023-24,2019-20');
  });

  it.each([
    ['2015-16..', /not a range like 2015-16\.\.2024-25/],
    ['2015-16..2016-17..2017-18', /not a range/],
    ['2017-18..2015-16', /runs backwards/],
    ['2023-24,2023', /not of the form 'YYYY-YY'/],
    ['2015-17', /spans more than one year/],
    ['2030-31', /has not started yet/],
  ])('rejects %s naming the problem', (text, message) => {
    expect(() => parseSeasonSelection(text, NOW)).toThrow(SeasonInputError);
    expect(() => parseSeasonSelection(text, NOW)).toThrow(message);
  });

  it('expands a range, and sorts and dedupes a list', () => {
    expect(seasonsOf({ from: '2018-19', to: '2020-21' }, NOW)).toEqual(['2018-19', '2019-20', '2020-21']);
    expect(seasonsOf({ seasons: ['2023-24', '2019-20', '2023-24'] }, NOW)).toEqual(['2019-20', '2023-24']);
  });

  it('takes exactly one form of a workflow input', () => {
    expect(() => seasonsOf({ seasons: ['2023-24'], from: '2015-16' }, NOW)).toThrow(/not both/);
    expect(() => seasonsOf({ seasons: [] }, NOW)).toThrow(/seasons is empty/);
    expect(() => seasonsOf({ from: '2015-16' }, NOW)).toThrow(/both from and to/);
  });

  it('one pattern, which PostgreSQL reads alike (db/schema.ts check constraints)', () => {
    expect(SEASON_PATTERN.test('2023-24')).toBe(true);
    expect(SEASON_PATTERN.test('2023-2024')).toBe(false);
    expect(SEASON_PATTERN.source).toBe('^[0-9]{4}-[0-9]{2}$');
  });
});
