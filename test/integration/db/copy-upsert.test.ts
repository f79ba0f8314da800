/**
 * The COPY path (db/copy-upsert.ts) against the JSON batches (db/upsert.ts) on real PostgreSQL: the
 * same rows loaded through each into its own database give the same tables, the same counts and the
 * same audit_changes, on a first load, an identical re-load and a load with some rows changed.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../../db/client.js';
import { copyUpsert } from '../../../db/copy-upsert.js';
import { inTransaction, MATCHES_UPSERT } from '../../../db/load.js';
import { tableChecksums } from '../../../db/runs.js';
import { teamGameStats, teams } from '../../../db/schema.js';
import {
  COPY_THRESHOLD,
  prepareUpsert,
  upsertJsonBatches,
  upsertRows,
  type PreparedUpsert,
} from '../../../db/upsert.js';
import type { MatchRecord, TeamGameStatRecord, TeamRecord, UpsertCounts } from '../../../domain/records.js';
import type { RowOutcome } from '../../../domain/row-outcomes.js';
import { NBA_TEAM_IDS } from '../../../domain/team-ids.js';
import { createScratchDatabase, type ScratchDatabase } from '../../support/postgres.js';

const TEAMS_UPSERT = prepareUpsert({ table: teams });
const STATS_UPSERT = prepareUpsert({ table: teamGameStats });
const GAMES = 1500; // 3,000 stat rows: above COPY_THRESHOLD, over several JSON batches

/** Names with every character COPY's text format escapes, and some it does not. */
const TEAMS: TeamRecord[] = NBA_TEAM_IDS.map((teamId, i) => ({
  teamId,
  abbreviation: `T${i}`,
  fullName: ['Tab\there', 'Back\\slash \\N', 'New\nline\r', 'Quote "\' ,;|', 'Émile ø 🏀', `Team ${i}`][
    i % 6
  ]!,
  nickname: i % 7 === 0 ? '\\.' : `Nick ${i}`,
  city: 'City',
  state: 'State',
  yearFounded: 1946 + i,
}));

function matchRecords(): MatchRecord[] {
  return Array.from({ length: GAMES }, (_, g) => ({
    gameId: `00223${String(g + 1).padStart(5, '0')}`,
    season: '2023-24',
    seasonType: 'Regular Season',
    gameDate: `2023-${String(10 + (g % 3)).padStart(2, '0')}-${String(1 + (g % 28)).padStart(2, '0')}`,
    homeTeamId: NBA_TEAM_IDS[g % 30]!,
    awayTeamId: NBA_TEAM_IDS[(g + 1 + (g % 29)) % 30]!,
    homeScore: 90 + (g % 40),
    awayScore: 85 + (g % 37),
    neutralSite: g % 101 === 0,
  }));
}

/** Values of every kind: fractions that print long, fractional plus-minus, NULLs. */
function statRecords(games: MatchRecord[]): TeamGameStatRecord[] {
  return games.flatMap((m, g) =>
    [m.homeTeamId, m.awayTeamId].map((teamId, side): TeamGameStatRecord => {
      const fga = 70 + ((g + side) % 30);
      const fgm = 30 + ((g * 7 + side) % 25);
      return {
        gameId: m.gameId,
        teamId,
        isHome: side === 0,
        wl: g % 97 === 0 ? null : side === 0 ? 'W' : 'L',
        pts: side === 0 ? m.homeScore : m.awayScore,
        fgm,
        fga,
        fgPct: fgm / fga,
        fg3m: g % 13 === 0 ? null : 10 + (g % 9),
        fg3a: g % 13 === 0 ? null : 30 + (g % 11),
        fg3Pct: g % 13 === 0 ? null : (10 + (g % 9)) / (30 + (g % 11)),
        ftm: 0,
        fta: 0,
        ftPct: null,
        oreb: 10,
        dreb: 33,
        reb: 43,
        ast: 20 + (g % 15),
        stl: 7,
        blk: 5,
        tov: 12,
        pf: 19,
        plusMinus: g % 50 === 0 ? -7.4 : (side === 0 ? 1 : -1) * ((m.homeScore - m.awayScore) % 30),
        minutes: g % 17 === 0 ? 265 : 240,
      };
    }),
  );
}

type Path = (
  client: pg.ClientBase,
  upsert: PreparedUpsert,
  rows: readonly object[],
  runId: string,
  touched: Record<string, RowOutcome>,
) => Promise<UpsertCounts>;

const PATHS: Record<'json' | 'copy', Path> = {
  json: (client, upsert, rows, runId, touched) =>
    upsertJsonBatches(client, upsert, rows, runId, undefined, touched),
  // Several staging tables and statements per load (ROWS_PER_STATEMENT is 50,000 in production).
  copy: (client, upsert, rows, runId, touched) => copyUpsert(client, upsert, rows, runId, touched, 700),
};

interface Loaded {
  counts: Record<string, UpsertCounts>;
  touchedMatches: Record<string, RowOutcome>;
}

/** teams, matches, team_game_stats through one path, in one transaction, as a load does. */
async function load(
  database: Database,
  path: Path,
  rows: { teams: TeamRecord[]; matches: MatchRecord[]; stats: TeamGameStatRecord[] },
  runId: string,
): Promise<Loaded> {
  return inTransaction(database, async (client) => {
    const touchedMatches: Record<string, RowOutcome> = {};
    const counts = {
      teams: await path(client, TEAMS_UPSERT, rows.teams, runId, {}),
      matches: await path(client, MATCHES_UPSERT, rows.matches, runId, touchedMatches),
      team_game_stats: await path(client, STATS_UPSERT, rows.stats, runId, {}),
    };
    return { counts, touchedMatches };
  });
}

/** What the two databases must agree on beyond the checksums: bookkeeping and the audit log. */
async function bookkeeping(database: Database, runId: string) {
  const lastRun = await database.pool.query(
    `SELECT (SELECT count(*)::int FROM matches WHERE last_run_id = $1) AS matches,
            (SELECT count(*)::int FROM team_game_stats WHERE last_run_id = $1) AS stats,
            (SELECT count(*)::int FROM team_game_stats WHERE updated_at > created_at) AS stats_updated_since_insert`,
    [runId],
  );
  const audit = await database.pool.query(
    `SELECT table_name, key, changes FROM audit_changes WHERE run_id = $1 ORDER BY table_name, key::text`,
    [runId],
  );
  return { lastRun: lastRun.rows[0], audit: audit.rows };
}

describe('COPY upsert against the JSON batches', () => {
  const scratch: Partial<Record<'json' | 'copy', ScratchDatabase>> = {};
  const databases = {} as Record<'json' | 'copy', Database>;
  const matches = matchRecords();
  const stats = statRecords(matches);

  beforeAll(async () => {
    for (const side of ['json', 'copy'] as const) {
      scratch[side] = await createScratchDatabase(`copy_upsert_${side}`);
      databases[side] = createDatabase({ url: scratch[side].url, poolMax: 2 });
    }
  });
  afterAll(async () => {
    for (const side of ['json', 'copy'] as const) {
      await databases[side]?.close();
      await scratch[side]?.drop();
    }
  });

  async function loadBoth(rows: Parameters<typeof load>[2], runId: string) {
    const json = await load(databases.json, PATHS.json, rows, runId);
    const copy = await load(databases.copy, PATHS.copy, rows, runId);
    expect(copy).toEqual(json);
    expect(await tableChecksums(databases.copy)).toEqual(await tableChecksums(databases.json));
    const jsonBookkeeping = await bookkeeping(databases.json, runId);
    expect(await bookkeeping(databases.copy, runId)).toEqual(jsonBookkeeping);
    return { ...json, ...jsonBookkeeping };
  }

  it('first load: every row inserted, the same tables', async () => {
    expect(stats.length).toBeGreaterThan(COPY_THRESHOLD);
    // Duplicates in the input: the last row of a key wins on both paths.
    const duplicated = [...matches.slice(0, 10).map((m) => ({ ...m, homeScore: 1 })), ...matches];
    const result = await loadBoth({ teams: TEAMS, matches: duplicated, stats }, 'first');
    expect(result.counts).toEqual({
      teams: { inserted: 30, updated: 0, unchanged: 0 },
      matches: { inserted: GAMES, updated: 0, unchanged: 0 },
      team_game_stats: { inserted: 2 * GAMES, updated: 0, unchanged: 0 },
    });
    expect(Object.values(result.touchedMatches).every((o) => o === 'inserted')).toBe(true);
    expect(Object.keys(result.touchedMatches)).toHaveLength(GAMES);
    expect(result.audit).toEqual([]);
    const { rows } = await databases.copy.pool.query(
      'SELECT full_name, nickname FROM teams ORDER BY team_id LIMIT 7',
    );
    expect(rows.map((r) => [r.full_name, r.nickname])).toEqual(
      TEAMS.slice(0, 7).map((t) => [t.fullName, t.nickname]),
    );
  });

  it('an identical re-load changes nothing', async () => {
    const result = await loadBoth({ teams: TEAMS, matches, stats }, 'again');
    expect(result.counts).toEqual({
      teams: { inserted: 0, updated: 0, unchanged: 30 },
      matches: { inserted: 0, updated: 0, unchanged: GAMES },
      team_game_stats: { inserted: 0, updated: 0, unchanged: 2 * GAMES },
    });
    expect(result.lastRun).toEqual({ matches: 0, stats: 0, stats_updated_since_insert: 0 });
    expect(result.audit).toEqual([]);
  });

  it('a load with some rows changed updates exactly those and audits the changed columns', async () => {
    const changedStats = stats.map((s, i) =>
      i % 250 === 0
        ? { ...s, ast: (s.ast ?? 0) + 1, fg3Pct: null }
        : i % 333 === 1
          ? { ...s, plusMinus: 0.5 }
          : s,
    );
    const expectedStatUpdates = stats.filter((_, i) => i % 250 === 0 || i % 333 === 1).length;
    const changedMatches = matches.map((m, i) => (i === 7 ? { ...m, gameDate: '2024-01-01' } : m));
    const changedTeams = TEAMS.map((t, i) => (i === 3 ? { ...t, city: 'New\tCity' } : t));
    const result = await loadBoth(
      { teams: changedTeams, matches: changedMatches, stats: changedStats },
      'changed',
    );
    expect(result.counts).toEqual({
      teams: { inserted: 0, updated: 1, unchanged: 29 },
      matches: { inserted: 0, updated: 1, unchanged: GAMES - 1 },
      team_game_stats: {
        inserted: 0,
        updated: expectedStatUpdates,
        unchanged: 2 * GAMES - expectedStatUpdates,
      },
    });
    expect(result.touchedMatches[matches[7]!.gameId]).toBe('updated');
    expect(result.lastRun).toMatchObject({ matches: 1, stats: expectedStatUpdates });
    expect(result.audit).toHaveLength(1 + 1 + expectedStatUpdates);
    const first = stats[250]!; // its fg3_pct was not NULL
    expect(result.audit).toContainEqual({
      table_name: 'team_game_stats',
      key: { game_id: first.gameId, team_id: first.teamId },
      changes: { ast: [first.ast, (first.ast ?? 0) + 1], fg3_pct: [first.fg3Pct, null] },
    });
    expect(result.audit).toContainEqual({
      table_name: 'teams',
      key: { team_id: TEAMS[3]!.teamId },
      changes: { city: ['City', 'New\tCity'] },
    });
    expect(result.audit).toContainEqual({
      table_name: 'matches',
      key: { game_id: matches[7]!.gameId },
      changes: { game_date: [matches[7]!.gameDate, '2024-01-01'] },
    });
  });

  it("upsertRows, the loaders' entry, takes the COPY path from COPY_THRESHOLD rows on", async () => {
    const client = await databases.copy.pool.connect();
    const statements: string[] = [];
    // Observes the statements; every one still runs on the real connection.
    const observed = new Proxy(client, {
      get(target, property, receiver) {
        if (property !== 'query') return Reflect.get(target, property, receiver) as unknown;
        return (...args: unknown[]) => {
          const [first] = args;
          statements.push(typeof first === 'string' ? first : String((first as { text?: unknown }).text));
          return (target.query as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    try {
      await client.query('BEGIN');
      const staged = (upsert: PreparedUpsert) => statements.filter((s) => s === upsert.staged.create).length;
      await upsertRows(observed, STATS_UPSERT, stats.slice(0, COPY_THRESHOLD - 1), 'small');
      expect(staged(STATS_UPSERT)).toBe(0);
      const counts = await upsertRows(observed, STATS_UPSERT, stats.slice(0, COPY_THRESHOLD), 'large');
      expect(counts.inserted + counts.updated + counts.unchanged).toBe(COPY_THRESHOLD);
      expect(staged(STATS_UPSERT)).toBe(1);
      // The staged statements' work_mem does not outlive them.
      const { rows: workMem } = await client.query('SHOW work_mem');
      await client.query(`SET LOCAL work_mem = '5MB'`);
      await upsertRows(observed, STATS_UPSERT, stats.slice(0, COPY_THRESHOLD), 'large again');
      expect((await client.query('SHOW work_mem')).rows).toEqual([{ work_mem: '5MB' }]);
      expect(workMem).not.toEqual([{ work_mem: '5MB' }]);
      await client.query('COMMIT');
      await expect(copyUpsert(client, STATS_UPSERT, stats, 'outside')).rejects.toThrow(
        "copyUpsert runs in the caller's transaction",
      );
    } finally {
      client.release();
    }
  });

  it('keys another writer adds meanwhile: the plain INSERT of new keys falls back to the upsert', async () => {
    // New games, a range the table holds none of: the first load's plain INSERT.
    const fresh = matchRecords().map((m) => ({ ...m, gameId: m.gameId.replace('00223', '00224') }));
    const writer = await databases.copy.pool.connect();
    try {
      // Uncommitted, so the load's range check does not see it; its INSERT waits for it, then collides.
      await writer.query('BEGIN');
      await copyUpsert(writer, MATCHES_UPSERT, [fresh[700]!], 'writer');
      const loading = inTransaction(databases.copy, (client) =>
        copyUpsert(client, MATCHES_UPSERT, fresh, 'race'),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      await writer.query('COMMIT');
      expect(await loading).toEqual({ inserted: GAMES - 1, updated: 0, unchanged: 1 });
    } finally {
      writer.release();
    }
    const { rows } = await databases.copy.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM matches WHERE game_id LIKE '00224%'`,
    );
    expect(rows[0]?.n).toBe(GAMES);
  });
});
