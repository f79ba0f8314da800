import { describe, expect, it } from 'vitest';
import { csvCell, parseGamesCsv } from '../../../replay/games-csv.js';

describe('replay games CSV', () => {
  it('turns pandas cells back into the API’s JSON types', () => {
    expect(csvCell('TEAM_ID', '1610612738.0')).toBe(1610612738);
    expect(csvCell('GAME_ID', '0022300061')).toBe('0022300061');
    expect(csvCell('SEASON_ID', '22023')).toBe('22023');
    expect(csvCell('PLUS_MINUS', '-18.0')).toBe(-18);
    expect(csvCell('FT_PCT', '')).toBeNull();
    expect(csvCell('FG_PCT', '.5')).toBe(0.5);
  });

  it('handles quoted fields and finds the key columns by name', () => {
    const table = parseGamesCsv(
      '2024-25',
      'GAME_ID,TEAM_NAME,SEASON_ID,TEAM_ID,GAME_DATE,PTS\n0022400001,"Team, with comma",22024,1610612737.0,2024-10-22,"101"\n',
      'inline.csv',
    );
    expect(table.rows).toEqual([['0022400001', 'Team, with comma', '22024', 1610612737, '2024-10-22', 101]]);
    expect(table.column).toEqual({ seasonId: 2, teamId: 3, gameId: 0, gameDate: 4 });
    expect(() => parseGamesCsv('2024-25', 'A,B\n1,2\n', 'bad.csv')).toThrow('bad.csv: no SEASON_ID column');
  });
});
