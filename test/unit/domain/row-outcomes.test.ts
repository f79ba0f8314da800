/** Counts are rows (domain/row-outcomes.ts): a row touched by two units of a run is counted once. */
import { describe, expect, it } from 'vitest';
import { mergeOutcome, runCounts, tallyUnit, type RowTally } from '../../../domain/row-outcomes.js';

const empty: RowTally = { summed: {}, touched: {} };

describe('mergeOutcome', () => {
  it('inserted wins over a later correction; a change wins over unchanged', () => {
    expect(mergeOutcome('inserted', 'updated')).toBe('inserted');
    expect(mergeOutcome('updated', 'inserted')).toBe('inserted');
    expect(mergeOutcome('unchanged', 'updated')).toBe('updated');
    expect(mergeOutcome('unchanged', 'unchanged')).toBe('unchanged');
  });
});

describe('runCounts', () => {
  it('a game in both teams’ answers, unchanged twice, is one unchanged row', () => {
    const home = {
      counts: { matches: { inserted: 0, updated: 0, unchanged: 1 } },
      touched: { matches: { g1: 'unchanged' as const } },
    };
    const away = { ...home };
    expect(runCounts(tallyUnit(tallyUnit(empty, home), away)).matches).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 1,
    });
  });

  it('inserted by one team, its estimated score corrected by the other: one inserted row', () => {
    const first = { counts: {}, touched: { matches: { g1: 'inserted' as const, g2: 'inserted' as const } } };
    const second = { counts: {}, touched: { matches: { g1: 'updated' as const, g2: 'unchanged' as const } } };
    expect(runCounts(tallyUnit(tallyUnit(empty, first), second)).matches).toEqual({
      inserted: 2,
      updated: 0,
      unchanged: 0,
    });
  });

  it('tables no two units share are summed; units without rows by key (older histories) only sum', () => {
    const stats = { team_game_stats: { inserted: 82, updated: 0, unchanged: 0 } };
    const tally = tallyUnit(tallyUnit(empty, { counts: stats }), { counts: stats });
    expect(runCounts(tally)).toEqual({ team_game_stats: { inserted: 164, updated: 0, unchanged: 0 } });
  });
});
