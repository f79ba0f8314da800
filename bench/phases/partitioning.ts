/**
 * Does partitioning the fact tables by season pay at this data size? N seasons of synthetic games
 * (1,230 games, 2,460 team_game_stats rows each: a full 30-team regular season) are loaded into
 * (a) the current unpartitioned matches / team_game_stats, as migrated, and (b) copies LIST-
 * partitioned by season, one partition per season. A partitioned table's keys must contain the
 * partition key, so (b) carries `season` on team_game_stats too, with keys (game_id, season) and
 * (game_id, team_id, season) and the foreign key on (game_id, season); otherwise the same columns,
 * checks, indexes and foreign keys. Then the queries users run and a season re-load, timed on both
 * (client-side medians, planning included: pruning is done by the planner). The read queries also
 * run on two unpartitioned variants, to tell partitioning's gain from what an index or a planner
 * setting gives: random_page_cost 1.1 (SSD, data cached) and a season column on team_game_stats.
 */
import pg from 'pg';
import type { Database } from '../../db/client.js';
import { inTransaction, loadTeams } from '../../db/load.js';
import { NBA_TEAMS } from '../../nba/teams.js';
import { median, timed } from '../clock.js';
import { openDatabase, type BenchContext } from '../context.js';
import { seasonFromStartYear } from '../../domain/season.js';
import { STAT_COPY_COLUMNS } from '../synthetic.js';

const FIRST_SEASON = 1946;
const GAMES_PER_SEASON = 1230;
const QUERY_REPEATS = 20;
const RELOAD_REPEATS = 5;
const TEAM = 1610612747;

export interface Comparison {
  unpartitioned: number;
  partitioned: number;
  /** partitioned ÷ unpartitioned: below 1 the partitioned tables are faster. */
  ratio: number;
}

/** A read query on every layout: as migrated, as migrated with random_page_cost 1.1, with a season column, partitioned. */
export interface QueryComparison extends Comparison {
  unpartitioned_random_page_cost_1_1: number;
  unpartitioned_season_column: number;
  /** partitioned ÷ the fastest unpartitioned layout. */
  ratio_to_best_unpartitioned: number;
}

export interface PartitioningFigures {
  seasons: number;
  match_rows: number;
  stat_rows: number;
  partitions_per_table: number;
  bulk_load_s: Comparison;
  size_mb: Comparison;
  standings_ms: QueryComparison;
  team_season_games_ms: QueryComparison;
  team_all_seasons_ms: QueryComparison;
  season_upsert_changed_ms: Comparison;
  season_upsert_unchanged_ms: Comparison;
  season_replace_ms: Comparison;
  recommendation: string;
}

const seasonOf = seasonFromStartYear;

/** The data columns of team_game_stats: the COPY column list without its key and bookkeeping. */
const STAT_DATA_COLUMNS = STAT_COPY_COLUMNS.filter((c) => !['game_id', 'team_id', 'last_run_id'].includes(c));
const MATCH_COLUMNS =
  'game_id, season, season_type, game_date, home_team_id, away_team_id, home_score, away_score, last_run_id';

function generateSql(seasons: number): string[] {
  const last = FIRST_SEASON + seasons - 1;
  return [
    `CREATE UNLOGGED TABLE gen_matches AS
       SELECT format('%s-%s', y, lpad(((y + 1) % 100)::text, 2, '0')) AS season,
              '002' || lpad((y % 100)::text, 2, '0') || lpad(n::text, 5, '0') AS game_id,
              (make_date(y, 10, 20) + n / 8) AS game_date,
              1610612737 + n % 30 AS home_team_id,
              1610612737 + (n + 1 + (n / 30) % 29) % 30 AS away_team_id,
              90 + (n * 7 + y) % 40 AS home_score,
              90 + (n * 7 + y) % 40 + CASE WHEN (n + y) % 2 = 0 THEN 1 + n % 13 ELSE -1 - n % 13 END AS away_score
         FROM generate_series(${FIRST_SEASON}, ${last}) y, generate_series(1, ${GAMES_PER_SEASON}) n`,
    `CREATE UNLOGGED TABLE gen_stats AS
       SELECT m.season, m.game_id, t.team_id, t.is_home,
              CASE WHEN (t.is_home AND m.home_score > m.away_score) OR (NOT t.is_home AND m.away_score > m.home_score) THEN 'W' ELSE 'L' END AS wl,
              CASE WHEN t.is_home THEN m.home_score ELSE m.away_score END AS pts,
              40 AS fgm, 85 AS fga, 0.471::float8 AS fg_pct, 12 AS fg3m, 35 AS fg3a, 0.343::float8 AS fg3_pct,
              15 AS ftm, 20 AS fta, 0.75::float8 AS ft_pct, 10 AS oreb, 33 AS dreb, 43 AS reb, 25 AS ast,
              7 AS stl, 5 AS blk, 13 AS tov, 19 AS pf,
              (CASE WHEN t.is_home THEN m.home_score - m.away_score ELSE m.away_score - m.home_score END)::float8 AS plus_minus,
              240 AS minutes
         FROM gen_matches m CROSS JOIN LATERAL (VALUES (m.home_team_id, true), (m.away_team_id, false)) AS t(team_id, is_home)`,
  ];
}

function partitionedSchemaSql(seasons: number): string[] {
  const statements = [
    `CREATE TABLE matches_p (LIKE matches INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY LIST (season)`,
    `CREATE TABLE team_game_stats_p (season text NOT NULL, LIKE team_game_stats INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY LIST (season)`,
  ];
  for (let y = FIRST_SEASON; y < FIRST_SEASON + seasons; y++) {
    statements.push(`CREATE TABLE matches_p_${y} PARTITION OF matches_p FOR VALUES IN ('${seasonOf(y)}')`);
    statements.push(
      `CREATE TABLE team_game_stats_p_${y} PARTITION OF team_game_stats_p FOR VALUES IN ('${seasonOf(y)}')`,
    );
  }
  statements.push(
    `ALTER TABLE matches_p ADD PRIMARY KEY (game_id, season)`,
    `CREATE INDEX ON matches_p (season, season_type, game_date)`,
    `ALTER TABLE matches_p ADD FOREIGN KEY (home_team_id) REFERENCES teams (team_id)`,
    `ALTER TABLE matches_p ADD FOREIGN KEY (away_team_id) REFERENCES teams (team_id)`,
    `ALTER TABLE team_game_stats_p ADD PRIMARY KEY (game_id, team_id, season)`,
    `CREATE INDEX ON team_game_stats_p (team_id, game_id)`,
    `ALTER TABLE team_game_stats_p ADD FOREIGN KEY (game_id, season) REFERENCES matches_p (game_id, season)`,
    `ALTER TABLE team_game_stats_p ADD FOREIGN KEY (team_id) REFERENCES teams (team_id)`,
  );
  return statements;
}

const loadSql = (partitioned: boolean): string[] => {
  const p = partitioned ? '_p' : '';
  const stats = partitioned
    ? ['season', 'game_id', 'team_id', ...STAT_DATA_COLUMNS]
    : ['game_id', 'team_id', ...STAT_DATA_COLUMNS];
  return [
    `INSERT INTO matches${p} (${MATCH_COLUMNS})
       SELECT game_id, season, 'Regular Season', game_date, home_team_id, away_team_id, home_score, away_score, 'bench' FROM gen_matches`,
    `INSERT INTO team_game_stats${p} (${stats.join(', ')}, last_run_id) SELECT ${stats.join(', ')}, 'bench' FROM gen_stats`,
  ];
};

type Layout = 'unpartitioned' | 'season_column' | 'partitioned';

/** The queries, written for each layout as a user would (naming the season on both tables where both have it). */
function queries(layout: Layout) {
  const m = layout === 'partitioned' ? 'matches_p' : 'matches';
  const s = {
    unpartitioned: 'team_game_stats',
    season_column: 'team_game_stats_s',
    partitioned: 'team_game_stats_p',
  }[layout];
  const join =
    layout === 'partitioned' ? 's.game_id = m.game_id AND s.season = m.season' : 's.game_id = m.game_id';
  const seasonOnStats = layout === 'unpartitioned' ? '' : ' AND s.season = $1';
  return {
    standings: `SELECT s.team_id, count(*) FILTER (WHERE s.wl = 'W') AS wins, count(*) FILTER (WHERE s.wl = 'L') AS losses
                  FROM ${m} m JOIN ${s} s ON ${join}
                 WHERE m.season = $1 AND m.season_type = 'Regular Season'${seasonOnStats}
                 GROUP BY s.team_id ORDER BY wins DESC`,
    teamSeasonGames: `SELECT m.game_date, m.home_team_id, m.away_team_id, m.home_score, m.away_score, s.*
                        FROM ${s} s JOIN ${m} m ON ${join}
                       WHERE s.team_id = $2 AND m.season = $1${seasonOnStats} ORDER BY m.game_date`,
    teamAllSeasons: `SELECT m.season, count(*) FILTER (WHERE s.wl = 'W') AS wins, count(*) AS games
                       FROM ${s} s JOIN ${m} m ON ${join}
                      WHERE s.team_id = $1 GROUP BY m.season ORDER BY m.season`,
  };
}

/** The unpartitioned layout plus a season column on team_game_stats, indexed (season, team_id). */
const SEASON_COLUMN_SQL = [
  `CREATE TABLE team_game_stats_s (season text NOT NULL, LIKE team_game_stats INCLUDING ALL)`,
  `INSERT INTO team_game_stats_s SELECT m.season, s.* FROM team_game_stats s JOIN matches m USING (game_id)`,
  `CREATE INDEX ON team_game_stats_s (season, team_id)`,
];

/** One season's stat rows again: `ast + $1` makes every row change (or none, with the last value again). */
function upsertSql(partitioned: boolean): string {
  const p = partitioned ? '_p' : '';
  const key = partitioned ? 'game_id, team_id, season' : 'game_id, team_id';
  const cols = partitioned
    ? ['season', 'game_id', 'team_id', ...STAT_DATA_COLUMNS]
    : ['game_id', 'team_id', ...STAT_DATA_COLUMNS];
  const select = cols.map((c) => (c === 'ast' ? 'ast + $1::int' : c)).join(', ');
  const set = STAT_DATA_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ');
  const distinct = `(${STAT_DATA_COLUMNS.map((c) => `t.${c}`).join(', ')}) IS DISTINCT FROM (${STAT_DATA_COLUMNS.map((c) => `excluded.${c}`).join(', ')})`;
  return `INSERT INTO team_game_stats${p} AS t (${cols.join(', ')}, last_run_id)
            SELECT ${select}, 'bench-reload' FROM reload_rows
          ON CONFLICT (${key}) DO UPDATE SET ${set}, updated_at = now(), last_run_id = excluded.last_run_id
          WHERE ${distinct}`;
}

function replaceSql(partitioned: boolean, year: number): string[] {
  const cols = partitioned
    ? ['season', 'game_id', 'team_id', ...STAT_DATA_COLUMNS]
    : ['game_id', 'team_id', ...STAT_DATA_COLUMNS];
  return [
    partitioned
      ? `TRUNCATE team_game_stats_p_${year}`
      : `DELETE FROM team_game_stats WHERE game_id IN (SELECT game_id FROM matches WHERE season = '${seasonOf(year)}')`,
    `INSERT INTO team_game_stats${partitioned ? '_p' : ''} (${cols.join(', ')}, last_run_id) SELECT ${cols.join(', ')}, 'bench-replace' FROM reload_rows`,
  ];
}

async function runAll(database: Database, statements: string[]): Promise<void> {
  for (const sql of statements) await database.pool.query(sql);
}

async function runInTransaction(
  database: Database,
  statements: string[],
  params: unknown[][] = [],
): Promise<void> {
  await inTransaction(database, async (client) => {
    for (const [i, sql] of statements.entries()) await client.query(sql, params[i] ?? []);
  });
}

async function medianMs(
  repeats: number,
  work: (i: number) => Promise<unknown>,
  warmups = 3,
): Promise<number> {
  for (let i = 0; i < warmups; i++) await work(-1 - i);
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) times.push((await timed(() => work(i))).seconds * 1000);
  return median(times);
}

const compare = (unpartitioned: number, partitioned: number): Comparison => ({
  unpartitioned,
  partitioned,
  ratio: partitioned / unpartitioned,
});

function recommend(f: Omit<PartitioningFigures, 'recommendation'>): string {
  const readWin = Math.max(
    f.standings_ms.ratio_to_best_unpartitioned,
    f.team_season_games_ms.ratio_to_best_unpartitioned,
  );
  const x = (r: number): string => `×${r.toFixed(2)}`;
  if (readWin < 0.7 && f.season_upsert_changed_ms.ratio < 0.7) {
    return `partition: at ${f.seasons} seasons the per-season queries (${x(readWin)} of the best unpartitioned layout) and the season upsert (${x(f.season_upsert_changed_ms.ratio)}) are clearly faster`;
  }
  return (
    `do not partition at this size (${f.stat_rows} stat rows, ${f.seasons} seasons): against the best unpartitioned layout the ` +
    `per-season queries are ${x(f.standings_ms.ratio_to_best_unpartitioned)} (standings) and ${x(f.team_season_games_ms.ratio_to_best_unpartitioned)} (a team's season), ` +
    `the season upsert ${x(f.season_upsert_changed_ms.ratio)}, while a team's all-season query is ${x(f.team_all_seasons_ms.ratio)}, ` +
    `the bulk load ${x(f.bulk_load_s.ratio)} and the size ${x(f.size_mb.ratio)}; the slow unpartitioned plans (standings ` +
    `${f.standings_ms.unpartitioned.toFixed(1)} ms) come from random_page_cost 4 (${f.standings_ms.unpartitioned_random_page_cost_1_1.toFixed(1)} ms at 1.1) ` +
    `or the missing season on team_game_stats (${f.standings_ms.unpartitioned_season_column.toFixed(1)} ms with a season column)`
  );
}

async function queryComparison(
  url: string,
  name: keyof ReturnType<typeof queries>,
  params: unknown[],
): Promise<QueryComparison> {
  const time = async (layout: Layout, randomPageCost?: number): Promise<number> => {
    const client = new pg.Client({
      connectionString: url,
      application_name: 'nba-ingest-bench-partitioning',
    });
    await client.connect();
    try {
      if (randomPageCost) await client.query(`SET random_page_cost = ${randomPageCost}`);
      const sql = queries(layout)[name];
      return await medianMs(QUERY_REPEATS, () => client.query(sql, params));
    } finally {
      await client.end();
    }
  };
  const unpartitioned = await time('unpartitioned');
  const cheapRandom = await time('unpartitioned', 1.1);
  const seasonColumn = await time('season_column');
  const partitioned = await time('partitioned');
  return {
    unpartitioned,
    unpartitioned_random_page_cost_1_1: cheapRandom,
    unpartitioned_season_column: seasonColumn,
    partitioned,
    ratio: partitioned / unpartitioned,
    ratio_to_best_unpartitioned: partitioned / Math.min(unpartitioned, cheapRandom, seasonColumn),
  };
}

export async function measurePartitioning(ctx: BenchContext, seasons: number): Promise<PartitioningFigures> {
  const { url } = await ctx.databases.create('partitioning');
  const database = openDatabase(url, 'partitioning');
  try {
    await loadTeams(database, [...NBA_TEAMS], 'bench-setup');
    await runAll(database, generateSql(seasons));
    await runAll(database, partitionedSchemaSql(seasons));
    const loadPlain = await timed(() => runInTransaction(database, loadSql(false)));
    const loadParted = await timed(() => runInTransaction(database, loadSql(true)));
    await runAll(database, SEASON_COLUMN_SQL);
    await database.pool.query('VACUUM ANALYZE');
    const year = FIRST_SEASON + seasons - 2; // a recent, complete season
    const season = seasonOf(year);
    await database.pool.query(
      `CREATE UNLOGGED TABLE reload_rows AS SELECT * FROM gen_stats WHERE season = '${season}'`,
    );
    await database.pool.query('ANALYZE reload_rows');
    const counts = await database.pool.query<{ m: number; s: number }>(
      'SELECT (SELECT count(*)::int FROM matches) AS m, (SELECT count(*)::int FROM team_game_stats) AS s',
    );
    const sizes = await database.pool.query<{ plain: string; parted: string }>(
      `SELECT pg_total_relation_size('matches') + pg_total_relation_size('team_game_stats') AS plain,
              (SELECT sum(pg_total_relation_size(relid)) FROM pg_partition_tree('matches_p'))
            + (SELECT sum(pg_total_relation_size(relid)) FROM pg_partition_tree('team_game_stats_p')) AS parted`,
    );
    ctx.log(
      `partitioning: ${seasons} seasons loaded (${loadPlain.seconds.toFixed(1)} s / ${loadParted.seconds.toFixed(1)} s partitioned)`,
    );

    const standings = await queryComparison(url, 'standings', [season]);
    const teamSeason = await queryComparison(url, 'teamSeasonGames', [season, TEAM]);
    const teamAll = await queryComparison(url, 'teamAllSeasons', [TEAM]);

    const changed = async (partitioned: boolean): Promise<number> =>
      medianMs(RELOAD_REPEATS, (i) => runInTransaction(database, [upsertSql(partitioned)], [[i + 10]]), 1);
    const unchanged = async (partitioned: boolean): Promise<number> =>
      medianMs(
        RELOAD_REPEATS,
        () => runInTransaction(database, [upsertSql(partitioned)], [[RELOAD_REPEATS - 1 + 10]]),
        1,
      );
    const replace = async (partitioned: boolean): Promise<number> =>
      medianMs(RELOAD_REPEATS, () => runInTransaction(database, replaceSql(partitioned, year)), 1);
    const upsertChanged = compare(await changed(false), await changed(true));
    const upsertUnchanged = compare(await unchanged(false), await unchanged(true));
    const replaced = compare(await replace(false), await replace(true));

    const figures: Omit<PartitioningFigures, 'recommendation'> = {
      seasons,
      match_rows: counts.rows[0]!.m,
      stat_rows: counts.rows[0]!.s,
      partitions_per_table: seasons,
      bulk_load_s: compare(loadPlain.seconds, loadParted.seconds),
      size_mb: compare(Number(sizes.rows[0]!.plain) / 2 ** 20, Number(sizes.rows[0]!.parted) / 2 ** 20),
      standings_ms: standings,
      team_season_games_ms: teamSeason,
      team_all_seasons_ms: teamAll,
      season_upsert_changed_ms: upsertChanged,
      season_upsert_unchanged_ms: upsertUnchanged,
      season_replace_ms: replaced,
    };
    return { ...figures, recommendation: recommend(figures) };
  } finally {
    await database.close();
  }
}
