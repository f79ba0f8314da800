import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { columnsByConvention, conventionalHeader } from '../../../nba/result-set.js';

describe('column headers by convention', () => {
  it('reads a field from its name in upper snake case, digits kept with their letters', () => {
    expect(conventionalHeader('teamAbbreviation')).toBe('TEAM_ABBREVIATION');
    expect(conventionalHeader('fg3Pct')).toBe('FG3_PCT');
    expect(conventionalHeader('wl')).toBe('WL');
  });

  it('keeps a header and the optional flag a column declares', () => {
    const columns = columnsByConvention<{ teamId: number; nickname: string | null; gameDate: string }>({
      teamId: { header: 'TeamID', schema: z.number() },
      nickname: { schema: z.string().nullable(), optional: true },
      gameDate: z.string(),
    });
    expect(columns.teamId.header).toBe('TeamID');
    expect(columns.nickname).toMatchObject({ header: 'NICKNAME', optional: true });
    expect(columns.gameDate.header).toBe('GAME_DATE');
    expect(columns.gameDate.optional).toBeUndefined();
  });
});
