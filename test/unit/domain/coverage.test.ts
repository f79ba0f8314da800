/**
 * The pure derivation of a season's load (issue 23): which dates are loaded, the holes before the
 * last loaded date, and the watermark, from the ranges the games units covered and the game dates.
 */
import { describe, expect, it } from 'vitest';
import {
  coveredByRequest,
  coveredDates,
  describeHole,
  formatLoadedRange,
  intersectRanges,
  mergeRanges,
  seasonLoad,
  withoutDates,
  type CoveredRange,
} from '../../../domain/coverage.js';
import { NBA_TEAM_IDS } from '../../../domain/team-ids.js';

const SEASON = '2024-25';
const FIRST = '2024-07-01'; // the season's first day (domain/game-dates.ts seasonDateWindow)
const league = (from: string, to: string): CoveredRange => ({ teamId: null, from, to });
const complete = (...dates: string[]) => dates.map((date) => ({ date, complete: true }));

describe('date ranges', () => {
  it('merge overlapping and adjacent ranges, not those a day apart', () => {
    expect(
      mergeRanges([
        { from: '2024-11-05', to: '2024-11-10' },
        { from: '2024-11-01', to: '2024-11-04' },
        { from: '2024-11-08', to: '2024-11-12' },
        { from: '2024-11-14', to: '2024-11-15' },
      ]),
    ).toEqual([
      { from: '2024-11-01', to: '2024-11-12' },
      { from: '2024-11-14', to: '2024-11-15' },
    ]);
  });

  it('intersect, and split around dates', () => {
    expect(
      intersectRanges(
        [{ from: '2024-11-01', to: '2024-11-10' }],
        [
          { from: '2024-10-01', to: '2024-11-03' },
          { from: '2024-11-08', to: '2024-12-01' },
        ],
      ),
    ).toEqual([
      { from: '2024-11-01', to: '2024-11-03' },
      { from: '2024-11-08', to: '2024-11-10' },
    ]);
    expect(withoutDates([{ from: '2024-11-01', to: '2024-11-10' }], ['2024-11-01', '2024-11-05'])).toEqual([
      { from: '2024-11-02', to: '2024-11-04' },
      { from: '2024-11-06', to: '2024-11-10' },
    ]);
  });

  it("teams' own games units cover a date only once every team's covers it", () => {
    const allButOne = NBA_TEAM_IDS.slice(1).map((teamId) => ({ teamId, from: FIRST, to: '2025-10-31' }));
    expect(coveredDates(allButOne)).toEqual([]);
    const last = { teamId: NBA_TEAM_IDS[0]!, from: FIRST, to: '2025-06-30' };
    expect(coveredDates([...allButOne, last, league('2025-06-20', '2025-07-10')])).toEqual([
      { from: FIRST, to: '2025-07-10' },
    ]);
  });
});

describe('seasonLoad', () => {
  it('nothing covered: nothing loaded, no holes, no watermark', () => {
    expect(seasonLoad(SEASON, [], complete('2024-11-01'))).toEqual({
      loaded: [],
      holes: [],
      watermark: null,
    });
  });

  it('an interval after the start: loaded, a hole before it, and no watermark past the hole', () => {
    const load = seasonLoad(
      SEASON,
      [league('2024-11-01', '2024-11-10')],
      complete('2024-11-01', '2024-11-10'),
    );
    expect(load).toEqual({
      loaded: [{ from: '2024-11-01', to: '2024-11-10' }],
      holes: [{ from: FIRST, to: '2024-10-31' }],
      watermark: null,
    });
    expect(describeHole(SEASON, load.holes[0]!)).toBe('nothing loaded before 2024-11-01');
    expect(describeHole(SEASON, load.holes[0]!, 'no games')).toBe('no games loaded before 2024-11-01');
  });

  it('from the start: the watermark is the newest game date of the range; the hole heals', () => {
    const covered = [league('2024-11-01', '2024-11-10'), league(FIRST, '2024-11-20')];
    // No game on 2024-11-20 in this fixture: the watermark is the last game date, 2024-11-19.
    expect(seasonLoad(SEASON, covered, complete('2024-10-22', '2024-11-05', '2024-11-19'))).toEqual({
      loaded: [{ from: FIRST, to: '2024-11-20' }],
      holes: [],
      watermark: '2024-11-19',
    });
  });

  it('a hole in the middle: the watermark stays before it, later ranges load but do not move it', () => {
    const covered = [league(FIRST, '2024-11-10'), league('2024-11-15', '2024-11-20')];
    const load = seasonLoad(SEASON, covered, complete('2024-11-09', '2024-11-10', '2024-11-16'));
    expect(load.watermark).toBe('2024-11-10');
    expect(load.holes).toEqual([{ from: '2024-11-11', to: '2024-11-14' }]);
    expect(describeHole(SEASON, load.holes[0]!)).toBe('nothing loaded from 2024-11-11 to 2024-11-14');
    expect(describeHole(SEASON, { from: '2024-11-11', to: '2024-11-11' })).toBe(
      'nothing loaded on 2024-11-11',
    );
  });

  it('a match missing a stat row holds the watermark back before its date, which is a hole', () => {
    const gameDates = [...complete('2024-10-22', '2024-10-23'), { date: '2024-10-24', complete: false }];
    const load = seasonLoad(SEASON, [league(FIRST, '2024-10-30')], [...gameDates, ...complete('2024-10-25')]);
    expect(load).toEqual({
      loaded: [
        { from: FIRST, to: '2024-10-23' },
        { from: '2024-10-25', to: '2024-10-30' },
      ],
      holes: [{ from: '2024-10-24', to: '2024-10-24' }],
      watermark: '2024-10-23',
    });
  });
});

describe('coveredByRequest', () => {
  it('what was asked for, never a date still under way (US Eastern) when the answer came', () => {
    const dates = { from: '2024-11-01', to: '2024-11-10' };
    expect(coveredByRequest(SEASON, dates, '2026-12-07T03:00:00Z')).toEqual(dates);
    // 2024-11-10 at 18:00 in New York: that day's games are not over, the day before is covered.
    expect(coveredByRequest(SEASON, dates, '2024-11-10T23:00:00Z')).toEqual({
      from: '2024-11-01',
      to: '2024-11-09',
    });
    expect(coveredByRequest(SEASON, dates, '2024-11-01T15:00:00Z')).toBeUndefined();
    // A whole season: its first day to its last, or to yesterday while it runs.
    expect(coveredByRequest(SEASON, undefined, '2026-01-01T00:00:00Z')).toEqual({
      from: FIRST,
      to: '2025-10-31',
    });
    expect(coveredByRequest(SEASON, { from: null, to: '2024-11-20' }, '2024-11-20T14:00:00Z')).toEqual({
      from: FIRST,
      to: '2024-11-19',
    });
  });

  it('ranges as the CLI shows them', () => {
    expect(formatLoadedRange(SEASON, { from: FIRST, to: '2025-10-31' })).toBe('season');
    expect(formatLoadedRange(SEASON, { from: FIRST, to: '2024-11-20' })).toBe('..2024-11-20');
    expect(formatLoadedRange(SEASON, { from: '2024-11-01', to: '2024-11-10' })).toBe(
      '2024-11-01..2024-11-10',
    );
  });
});
