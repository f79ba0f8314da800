/**
 * Quick throughput measurement (not a test): team_game_stats rows/s of COPY vs loadTeamGames on a
 * scratch database. `npx tsx test/integration/db/bench-upsert.ts [rows=500000]`
 *
 * Both write the same rows into the same empty table with the same indexes, FKs and checks.
 * The upsert figure includes zod validation, dedupe/sort and JSON encoding.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { createDatabase, type Database } from '../../../db/client.js';
import { loadTeamGames, loadTeams } from '../../../db/load.js';
import { runMigrations } from '../../../db/migrate.js';
import type { MatchRecord, TeamGameStatRecord, TeamRecord } from '../../../domain/records.js';
import { createScratchDatabase } from '../../setup/postgres.js';

const ROWS = Number(process.argv[2] ?? 500_000);
const TEAM_IDS = Array.from({ length: 30 }, (_, i) => 1610612737 + i);

const teams: TeamRecord[] = TEAM_IDS.map((teamId) => ({
  teamId,
  abbreviation: `T${teamId % 100}`,
  fullName: `Team ${teamId}`,
  nickname: `Nick ${teamId}`,
  city: 'City',
  state: 'State',
  yearFounded: 1970,
}));

function gameId(i: number): string {
  // 002 + 2-digit season + 5-digit game number, spread over seasons to reach any row count
  const season = 10 + Math.floor(i / 99_999);
  return `002${String(season % 100).padStart(2, '0')}${String((i % 99_999) + 1).padStart(5, '0')}`;
}

function syntheticData(rows: number) {
  const matches: MatchRecord[] = [];
  const stats: TeamGameStatRecord[] = [];
  for (let g = 0; g < rows / 2; g++) {
    const home = TEAM_IDS[g % 30] as number;
    const away = TEAM_IDS[(g + 1 + (g % 29)) % 30] as number;
    const startYear = 2010 + Math.floor(g / 99_999);
    const id = gameId(g);
    matches.push({
      gameId: id,
      season: `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`,
      seasonType: 'Regular Season',
      gameDate: '2023-11-01',
      homeTeamId: home,
      awayTeamId: away,
      homeScore: 100 + (g % 30),
      awayScore: 95 + (g % 20),
      neutralSite: false,
    });
    for (const [teamId, isHome] of [
      [home, true],
      [away, false],
    ] as const) {
      stats.push({
        gameId: id,
        teamId,
        isHome,
        wl: isHome ? 'W' : 'L',
        pts: 100 + (g % 30),
        fgm: 40,
        fga: 85,
        fgPct: 0.471,
        fg3m: 12,
        fg3a: 35,
        fg3Pct: 0.343,
        ftm: 15,
        fta: 20,
        ftPct: 0.75,
        oreb: 10,
        dreb: 33,
        reb: 43,
        ast: 25,
        stl: 7,
        blk: 5,
        tov: 13,
        pf: 19,
        plusMinus: isHome ? 5 : -5,
        minutes: 240,
      });
    }
  }
  return { matches, stats };
}

const COPY_COLUMNS = [
  'game_id',
  'team_id',
  'is_home',
  'wl',
  'pts',
  'fgm',
  'fga',
  'fg_pct',
  'fg3m',
  'fg3a',
  'fg3_pct',
  'ftm',
  'fta',
  'ft_pct',
  'oreb',
  'dreb',
  'reb',
  'ast',
  'stl',
  'blk',
  'tov',
  'pf',
  'plus_minus',
  'minutes',
  'last_run_id',
];

function copyLine(s: TeamGameStatRecord, runId: string): string {
  const values = [
    s.gameId,
    s.teamId,
    s.isHome,
    s.wl,
    s.pts,
    s.fgm,
    s.fga,
    s.fgPct,
    s.fg3m,
    s.fg3a,
    s.fg3Pct,
    s.ftm,
    s.fta,
    s.ftPct,
    s.oreb,
    s.dreb,
    s.reb,
    s.ast,
    s.stl,
    s.blk,
    s.tov,
    s.pf,
    s.plusMinus,
    s.minutes,
    runId,
  ];
  return values.map((v) => (v === null ? '\\N' : String(v))).join('\t') + '\n';
}

async function copyStats(database: Database, stats: TeamGameStatRecord[], runId: string): Promise<void> {
  const client = await database.pool.connect();
  try {
    await client.query('BEGIN');
    const stream = client.query(copyFrom(`COPY team_game_stats (${COPY_COLUMNS.join(', ')}) FROM STDIN`));
    async function* lines() {
      const size = 5000;
      for (let i = 0; i < stats.length; i += size) {
        yield stats
          .slice(i, i + size)
          .map((s) => copyLine(s, runId))
          .join('');
      }
    }
    await pipeline(Readable.from(lines()), stream);
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}

async function timed<T>(label: string, rows: number, work: () => Promise<T>): Promise<number> {
  const started = process.hrtime.bigint();
  const result = await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rate = rows / seconds;
  console.log(
    `${label.padEnd(40)} ${seconds.toFixed(2).padStart(7)} s ${Math.round(rate).toString().padStart(9)} rows/s`,
    result ?? '',
  );
  return rate;
}

const scratch = await createScratchDatabase('bench', { migrate: false });
const database = createDatabase({ url: scratch.url, statementTimeoutMs: 600_000 });
try {
  await runMigrations(scratch.url);
  await loadTeams(database, teams, 'bench-setup');
  const { matches, stats } = syntheticData(ROWS);
  await loadTeamGames(database, { matches, stats: [] }, 'bench-setup');
  await database.pool.query('VACUUM ANALYZE');
  console.log(`${stats.length} team_game_stats rows, ${matches.length} matches (already loaded)`);

  const copyRate = await timed('COPY into empty table', stats.length, () =>
    copyStats(database, stats, 'bench-copy'),
  );
  await database.pool.query('TRUNCATE team_game_stats');
  await database.pool.query('VACUUM ANALYZE team_game_stats');

  const insertRate = await timed('loadTeamGames, all rows new', stats.length, () =>
    loadTeamGames(database, { matches: [], stats }, 'bench-1').then((c) => c.team_game_stats),
  );
  await database.pool.query('VACUUM ANALYZE team_game_stats');
  await timed('loadTeamGames, all rows unchanged', stats.length, () =>
    loadTeamGames(database, { matches: [], stats }, 'bench-2').then((c) => c.team_game_stats),
  );
  const changed = stats.map((s) => ({ ...s, ast: (s.ast ?? 0) + 1 }));
  await timed('loadTeamGames, all rows changed (+audit)', stats.length, () =>
    loadTeamGames(database, { matches: [], stats: changed }, 'bench-3').then((c) => c.team_game_stats),
  );
  console.log(`upsert (insert) / COPY = ${(insertRate / copyRate).toFixed(2)} (target ≥ 0.35)`);
} finally {
  await database.close();
  await scratch.drop();
}
