import { describe, expect, it } from 'vitest';
import { openSyntheticStore, syntheticSchedule } from '../../../replay/synthetic-seasons.js';

describe('syntheticSchedule', () => {
  it('gives 30 teams 82 games each, 41 at home, 15 games a round and no team twice in a round', () => {
    const rounds = syntheticSchedule(30);
    expect(rounds).toHaveLength(82);
    const games = new Map<number, number>();
    const home = new Map<number, number>();
    for (const round of rounds) {
      expect(round).toHaveLength(15);
      expect(new Set(round.flat()).size).toBe(30);
      for (const [h, a] of round) {
        games.set(h, (games.get(h) ?? 0) + 1).set(a, (games.get(a) ?? 0) + 1);
        home.set(h, (home.get(h) ?? 0) + 1);
      }
    }
    expect([...games.values()].every((n) => n === 82)).toBe(true);
    expect([...home.values()].every((n) => n === 41)).toBe(true);
  });
});

describe('openSyntheticStore', () => {
  const store = openSyntheticStore({ seasons: ['1983-84', '2001-02'], seed: 7 });

  it('makes a season shaped like a real one, whose box scores add up', async () => {
    const table = (await store.games('1983-84'))!;
    expect(store.synthetic).toBe(true);
    expect(table.rows).toHaveLength(2460);
    const at = (row: unknown[], header: string) => row[table.headers.indexOf(header)] as number;
    const byGame = new Map<string, unknown[][]>();
    const perTeamDate = new Set<string>();
    for (const row of table.rows) {
      const gameId = row[table.column.gameId] as string;
      expect(gameId).toMatch(/^00283\d{5}$/);
      byGame.set(gameId, [...(byGame.get(gameId) ?? []), row]);
      const key = `${String(row[table.column.teamId])} ${String(row[table.column.gameDate])}`;
      expect(perTeamDate.has(key)).toBe(false);
      perTeamDate.add(key);
      expect(at(row, 'PTS')).toBe(2 * at(row, 'FGM') + at(row, 'FG3M') + at(row, 'FTM'));
      expect(at(row, 'REB')).toBe(at(row, 'OREB') + at(row, 'DREB'));
      expect(at(row, 'FTM')).toBeLessThanOrEqual(at(row, 'FTA'));
    }
    expect(byGame.size).toBe(1230);
    for (const [a, b] of byGame.values()) {
      expect(at(a!, 'PTS')).not.toBe(at(b!, 'PTS'));
      expect(at(a!, 'PLUS_MINUS')).toBe(at(a!, 'PTS') - at(b!, 'PTS'));
      expect(new Set([a![table.headers.indexOf('WL')], b![table.headers.indexOf('WL')]])).toEqual(
        new Set(['W', 'L']),
      );
    }
    const dates = table.rows.map((row) => String(row[table.column.gameDate])).sort();
    expect(dates[0]).toBe('1983-10-24');
    expect(dates.at(-1)! < '1984-04-30').toBe(true);
  });

  it('keeps final records that agree with its games', async () => {
    const table = (await store.games('2001-02'))!;
    const wins = new Map<number, number>();
    for (const row of table.rows)
      if (row[table.headers.indexOf('WL')] === 'W') {
        const team = row[table.column.teamId] as number;
        wins.set(team, (wins.get(team) ?? 0) + 1);
      }
    const records = (await store.records('2001-02'))!;
    expect(records).toHaveLength(30);
    for (const r of records) {
      expect(r.wins).toBe(wins.get(r.teamId) ?? 0);
      expect(r.wins + r.losses).toBe(82);
    }
  });

  it('rosters 15 made-up players a team, marked synthetic, with ids apart from real ones', async () => {
    const roster = (await store.roster(1610612738, '1983-84'))!;
    expect(roster.rows).toHaveLength(15);
    const cell = (row: unknown[], header: string) => row[roster.headers.indexOf(header)];
    for (const row of roster.rows) {
      expect(cell(row, 'PLAYER')).toMatch(/^Synthetic BOS\d\d$/);
      expect(cell(row, 'PLAYER_ID') as number).toBeGreaterThan(70_000_000);
    }
  });

  it('is the same for the same seed, different for another, and knows only its seasons', async () => {
    const again = openSyntheticStore({ seasons: ['1983-84'], seed: 7 });
    const other = openSyntheticStore({ seasons: ['1983-84'], seed: 8 });
    expect((await again.games('1983-84'))!.rows).toEqual((await store.games('1983-84'))!.rows);
    expect((await other.games('1983-84'))!.rows).not.toEqual((await store.games('1983-84'))!.rows);
    expect(await store.games('1990-91')).toBeUndefined();
    expect(store.seasons()).toEqual(['1983-84', '2001-02']);
    expect(() => openSyntheticStore({ seasons: ['1983-85'] })).toThrow(/1983-85/);
  });
});
