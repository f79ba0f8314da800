/** An answer that reaches the row cap is asked again in two halves of its dates, down to single days. */
import { describe, expect, it } from 'vitest';
import {
  LEAGUE_GAME_FINDER_ROW_CAP,
  rangesToAskAgain,
  reachedRowCap,
  requestedDateRange,
  type DateRange,
} from '../../../nba/row-cap.js';
import { thrown } from './fixtures.js';

describe('row cap', () => {
  it('is 30,000 rows, and an answer of that many rows counts as cut off', () => {
    expect(LEAGUE_GAME_FINDER_ROW_CAP).toBe(30_000);
    expect(reachedRowCap(26_401)).toBe(false);
    expect(reachedRowCap(30_000)).toBe(true);
    expect(reachedRowCap(5000, 5000)).toBe(true);
  });

  it('leaves nothing to ask when the answer did not hit the cap', () => {
    expect(rangesToAskAgain({ from: '2023-10-24', to: '2024-04-14' }, false)).toEqual([]);
  });

  it('splits a capped range into two halves that cover it exactly, the first taking the middle day', () => {
    expect(rangesToAskAgain({ from: '2024-01-01', to: '2024-01-05' }, true)).toEqual([
      { from: '2024-01-01', to: '2024-01-03' },
      { from: '2024-01-04', to: '2024-01-05' },
    ]);
    expect(rangesToAskAgain({ from: '2024-02-28', to: '2024-03-01' }, true)).toEqual([
      { from: '2024-02-28', to: '2024-02-29' },
      { from: '2024-03-01', to: '2024-03-01' },
    ]);
    expect(rangesToAskAgain({ from: '2024-01-01', to: '2024-01-02' }, true)).toEqual([
      { from: '2024-01-01', to: '2024-01-01' },
      { from: '2024-01-02', to: '2024-01-02' },
    ]);
  });

  it('splits recursively down to the day, and a capped single day is an invalid response', () => {
    // Every answer capped: halving a season's window ends in single days, each asked once.
    const days: DateRange[] = [];
    const ask = (range: DateRange): void => {
      if (range.from === range.to) return void days.push(range);
      for (const half of rangesToAskAgain(range, true)) ask(half);
    };
    ask({ from: '2023-12-25', to: '2024-01-07' });
    expect(days.map((d) => d.from)).toEqual(
      Array.from({ length: 14 }, (_, i) => new Date(Date.UTC(2023, 11, 25 + i)).toISOString().slice(0, 10)),
    );
    expect(thrown(() => rangesToAskAgain({ from: '2024-01-01', to: '2024-01-01' }, true))).toMatchObject({
      type: 'NbaResponseInvalid',
      nonRetryable: true,
      message: expect.stringContaining('cannot be split'),
    });
  });

  it('bounds a whole-season or open-start request by the season’s date window', () => {
    expect(requestedDateRange('2023-24')).toEqual({ from: '2023-07-01', to: '2024-10-31' });
    expect(requestedDateRange('2023-24', { from: null, to: '2024-01-15' })).toEqual({
      from: '2023-07-01',
      to: '2024-01-15',
    });
    expect(requestedDateRange('2023-24', { from: '2024-01-10', to: '2024-01-15' })).toEqual({
      from: '2024-01-10',
      to: '2024-01-15',
    });
  });
});
