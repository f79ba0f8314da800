/**
 * The database, read top to bottom like a data dictionary. Migrations in db/migrations are generated
 * from this file by `npm run db:generate` (drizzle-kit) and never edited by hand.
 *
 * Conventions
 * - snake_case in SQL, camelCase in TypeScript; the TypeScript keys equal the field names of the records
 *   in domain/records.ts, so a record maps onto its table column by column.
 * - Values are stored exactly as the NBA Stats API gives them: ids as integers, GAME_ID as text with
 *   its leading zeros, percentages as double precision (0.471 stays 0.471), missing values as NULL.
 * - Every data row carries `created_at`, `updated_at` (bumped only when a data column really changed)
 *   and `last_run_id`: the Temporal run id (ingestion_runs.run_id) that inserted or last changed it.
 *   It is not a foreign key: loads do not depend on the bookkeeping row, and a per-row FK check would
 *   slow every upsert.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import type { LoadCounts, PlayerGameStatRecord, TeamGameStatRecord } from '../domain/records.js';
import {
  RUN_STATUSES,
  RUN_TRIGGERS,
  WORK_UNITS,
  type RunStatus,
  type RunTrigger,
  type WorkUnit,
} from '../domain/runs.js';
import { SEASON_FORMAT, SEASON_TYPES, type SeasonType } from '../domain/season.js';

// Check-constraint literals derived from the domain's lists; the SQL text drizzle-kit generates
// (and the migrations hold) is unchanged by deriving them.
const SEASON_PATTERN = sql.raw(`'${SEASON_FORMAT}'`);
const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/** Bookkeeping columns of every data table (never compared when deciding whether a row changed). */
const rowBookkeeping = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** Time of the last insert or real change; an identical re-load leaves it alone. */
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  /** Temporal run id (ingestion_runs.run_id) that inserted the row or last changed it. */
  lastRunId: text('last_run_id').notNull(),
};

// ───────────────────────────── reference data ─────────────────────────────

/** The 30 NBA franchises (nba_api's static team list). Keyed on TEAM_ID: abbreviations change over time. */
export const teams = pgTable('teams', {
  /** NBA TEAM_ID, 1610612737–1610612766. */
  teamId: integer('team_id').primaryKey(),
  /** Today's abbreviation ('BOS'); historical ones (NJN, NOH, CHA…) appear only in game rows. */
  abbreviation: text('abbreviation').notNull(),
  fullName: text('full_name').notNull(),
  nickname: text('nickname').notNull(),
  city: text('city').notNull(),
  state: text('state').notNull(),
  yearFounded: integer('year_founded').notNull(),
  ...rowBookkeeping,
});

/**
 * Everyone who appeared on a CommonTeamRoster or in a player's game line. Player attributes change
 * over the years (weight, experience), so the row keeps those of the newest roster loaded;
 * `source_season`/`source_team_id` say which roster they came from and make the result independent
 * of the order seasons are loaded in. A player seen only in game rows (traded, waived, two-way,
 * 10-day contracts) has his id and name and NULL elsewhere, until a roster lists him; game rows
 * never overwrite what a roster told.
 */
export const players = pgTable(
  'players',
  {
    /** NBA PLAYER_ID. */
    playerId: integer('player_id').primaryKey(),
    fullName: text('full_name').notNull(),
    /** NICKNAME, PLAYER_SLUG and HOW_ACQUIRED are absent from older (2017-18) roster layouts: NULL there. */
    nickname: text('nickname'),
    playerSlug: text('player_slug'),
    birthDate: date('birth_date', { mode: 'string' }),
    /** As the API writes it: feet-inches, '6-9'. */
    height: text('height'),
    /** Pounds. */
    weight: integer('weight'),
    school: text('school'),
    /** EXP as the API gives it: 'R' for rookies, else years as text. */
    experience: text('experience'),
    /**
     * Season of the roster these attributes were read from (newest wins; ties go to the higher team
     * id). Both NULL: known only from game rows (id and name, the name of his latest game loaded).
     */
    sourceSeason: text('source_season'),
    sourceTeamId: integer('source_team_id'),
    ...rowBookkeeping,
  },
  (t) => [check('players_source_season_format', sql`${t.sourceSeason} ~ ${SEASON_PATTERN}`)],
);

/** Who was on which team's roster in a season (CommonTeamRoster, one row per player). */
export const rosters = pgTable(
  'rosters',
  {
    /** 'YYYY-YY', e.g. '2023-24'. */
    season: text('season').notNull(),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.teamId),
    playerId: integer('player_id')
      .notNull()
      .references(() => players.playerId),
    /** NUM: text because '00' and '0' are different jerseys; NULL when blank. */
    jersey: text('jersey'),
    /** 'G', 'F-C', … */
    position: text('position'),
    /** HOW_ACQUIRED (2023-24+ layouts), e.g. 'Signed on 07/06/23'. */
    howAcquired: text('how_acquired'),
    /** AGE as the API sends it (a float such as 27.0). */
    age: doublePrecision('age'),
    ...rowBookkeeping,
  },
  (t) => [
    primaryKey({ columns: [t.season, t.teamId, t.playerId] }),
    /** A player's teams across seasons (also serves the FK to players). */
    index('rosters_player_id_idx').on(t.playerId),
    check('rosters_season_format', sql`${t.season} ~ ${SEASON_PATTERN}`),
  ],
);

// ───────────────────────────── games ─────────────────────────────

/** One row per NBA game (LeagueGameFinder GAME_ID), from the home team's point of view. */
export const matches = pgTable(
  'matches',
  {
    /** GAME_ID with its leading zeros: '0022300061'. Prefix 002 regular season, 004 playoffs, 005 play-in. */
    gameId: text('game_id').primaryKey(),
    /** 'YYYY-YY'. */
    season: text('season').notNull(),
    /** 'Regular Season' | 'Playoffs' | 'PlayIn' (domain/season.ts). */
    seasonType: text('season_type').$type<SeasonType>().notNull(),
    gameDate: date('game_date', { mode: 'string' }).notNull(),
    /** From MATCHUP: "X vs. Y" → X home; "X @ Y" → Y home (also for neutral-site games, by convention). */
    homeTeamId: integer('home_team_id')
      .notNull()
      .references(() => teams.teamId),
    awayTeamId: integer('away_team_id')
      .notNull()
      .references(() => teams.teamId),
    homeScore: integer('home_score').notNull(),
    awayScore: integer('away_score').notNull(),
    /**
     * Both rows read "A @ B" (Mexico City, Paris, NBA Cup semifinals). Only the home team's row shows
     * it, so a per-team load merges it with OR: once true it stays true.
     */
    neutralSite: boolean('neutral_site').notNull().default(false),
    ...rowBookkeeping,
  },
  (t) => [
    /** A season's games (standings, game counts), in date order. */
    index('matches_season_idx').on(t.season, t.seasonType, t.gameDate),
    check('matches_season_format', sql`${t.season} ~ ${SEASON_PATTERN}`),
    check('matches_season_type_known', sql`${t.seasonType} IN (${inList(SEASON_TYPES)})`),
    check('matches_distinct_teams', sql`${t.homeTeamId} <> ${t.awayTeamId}`),
  ],
);

/**
 * The box-score columns of a team's or a player's line in one game, in column order: one per
 * BOX_SCORE_FIELDS entry (domain/records.ts), read from the LeagueGameFinder header of the same name
 * in upper snake case (FG3_PCT, PLUS_MINUS; MIN for minutes). Counts are integers ≥ 0, NULL in old
 * or partial rows except points. team_game_stats and player_game_stats both spread them, and the
 * SameShape checks below fail to compile unless each table's columns are exactly its record's.
 */
const boxScoreColumns = () => ({
  pts: integer('pts').notNull(),
  fgm: integer('fgm'),
  fga: integer('fga'),
  /** Percentages are fractions in [0, 1] as the API sends them (0.471); NULL with 0 attempts. */
  fgPct: doublePrecision('fg_pct'),
  fg3m: integer('fg3m'),
  fg3a: integer('fg3a'),
  fg3Pct: doublePrecision('fg3_pct'),
  ftm: integer('ftm'),
  fta: integer('fta'),
  ftPct: doublePrecision('ft_pct'),
  oreb: integer('oreb'),
  dreb: integer('dreb'),
  reb: integer('reb'),
  ast: integer('ast'),
  stl: integer('stl'),
  blk: integer('blk'),
  /** A team's TOV include team turnovers (shot clock, 8 seconds) credited to no player. */
  tov: integer('tov'),
  pf: integer('pf'),
  /**
   * PLUS_MINUS as the API sends it (18.0). Usually points minus opponent points, but a few real
   * team rows are fractional (2023-24 CHI vs. DEN 0022300307: -7.4), so it is not an integer column.
   */
  plusMinus: doublePrecision('plus_minus'),
  /**
   * MIN: a team's total player minutes (238–242 in regulation, 265+ with overtime); a player's whole
   * minutes (0 occurs: he checked in for seconds).
   */
  minutes: integer('minutes'),
});

/** Both percentages' columns hold fractions. */
const pctFraction = (name: string, t: { fgPct: AnyPgColumn; fg3Pct: AnyPgColumn; ftPct: AnyPgColumn }) =>
  check(name, sql`${t.fgPct} BETWEEN 0 AND 1 AND ${t.fg3Pct} BETWEEN 0 AND 1 AND ${t.ftPct} BETWEEN 0 AND 1`);

/** One row per team per game: the team's box-score totals from LeagueGameFinder. */
export const teamGameStats = pgTable(
  'team_game_stats',
  {
    gameId: text('game_id')
      .notNull()
      .references(() => matches.gameId),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.teamId),
    /** This team is matches.home_team_id. */
    isHome: boolean('is_home').notNull(),
    /** 'W' or 'L'; NULL while a game is not final. */
    wl: text('wl').$type<'W' | 'L'>(),
    ...boxScoreColumns(),
    ...rowBookkeeping,
  },
  (t) => [
    primaryKey({ columns: [t.gameId, t.teamId] }),
    /** A team's games (join matches on game_id and filter its season). */
    index('team_game_stats_team_idx').on(t.teamId, t.gameId),
    check('team_game_stats_wl_known', sql`${t.wl} IN ('W', 'L')`),
    pctFraction('team_game_stats_pct_fraction', t),
  ],
);

/**
 * One row per player per game: his box-score line from LeagueGameFinder with PlayerOrTeam=P (one
 * league-wide request a season). Only players who played have a row. His lines of a team-game add
 * up to the team's row in every count but minutes (whole minutes, rounded) and turnovers (team
 * turnovers are no player's): quality/player-sums.ts checks it after every load.
 */
export const playerGameStats = pgTable(
  'player_game_stats',
  {
    gameId: text('game_id')
      .notNull()
      .references(() => matches.gameId),
    /** NBA PLAYER_ID; a player on no stored roster is made known from the game rows (players). */
    playerId: integer('player_id')
      .notNull()
      .references(() => players.playerId),
    /** The team he played for in this game (a traded player's rows name each team in turn). */
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.teamId),
    /** The game's season, season type and date, as on matches: a player's season reads one table. */
    season: text('season').notNull(),
    seasonType: text('season_type').$type<SeasonType>().notNull(),
    gameDate: date('game_date', { mode: 'string' }).notNull(),
    ...boxScoreColumns(),
    ...rowBookkeeping,
  },
  (t) => [
    primaryKey({ columns: [t.gameId, t.playerId] }),
    /** A player's games in date order (also serves the FK to players). */
    index('player_game_stats_player_idx').on(t.playerId, t.gameDate),
    /** A season's lines (the quality checks, `ingest status`). */
    index('player_game_stats_season_idx').on(t.season, t.seasonType, t.gameDate),
    check('player_game_stats_season_format', sql`${t.season} ~ ${SEASON_PATTERN}`),
    check('player_game_stats_season_type_known', sql`${t.seasonType} IN (${inList(SEASON_TYPES)})`),
    pctFraction('player_game_stats_pct_fraction', t),
  ],
);

/**
 * The box-score columns are written out once (boxScoreColumns), comments and all, so this file reads
 * as the data dictionary; the box-score list itself is BOX_SCORE_FIELDS (domain/records.ts), which the parser, the record
 * checks and the benchmark derive from. These types fail to compile unless each table's columns are
 * exactly its record's plus the bookkeeping columns.
 */
type SameShape<A, B> = [A, B] extends [B, A] ? ([keyof A] extends [keyof B] ? true : never) : never;
const teamGameStatsColumnsMatchRecord: SameShape<
  Omit<typeof teamGameStats.$inferSelect, keyof typeof rowBookkeeping>,
  TeamGameStatRecord
> = true;
const playerGameStatsColumnsMatchRecord: SameShape<
  Omit<typeof playerGameStats.$inferSelect, keyof typeof rowBookkeeping>,
  PlayerGameStatRecord
> = true;
void teamGameStatsColumnsMatchRecord;
void playerGameStatsColumnsMatchRecord;

// ───────────────────────────── bookkeeping ─────────────────────────────

/** One row per workflow run (openRun at the start, closeRun at the end). */
export const ingestionRuns = pgTable(
  'ingestion_runs',
  {
    /** Temporal run id (UUID). */
    runId: text('run_id').primaryKey(),
    /** Temporal workflow id, e.g. 'ingest-season-2023-24-regular'. */
    workflowId: text('workflow_id').notNull(),
    season: text('season').notNull(),
    seasonType: text('season_type').$type<SeasonType>().notNull(),
    /** What started it (RUN_TRIGGERS): 'schedule', 'cli', 'backfill', 'redrive', 'temporal-ui', … */
    trigger: text('trigger').$type<RunTrigger>().notNull(),
    /**
     * Who started it, as Temporal recorded the start (the first history event's client identity, e.g.
     * 'ana@build-host nba-ingest season' or 'alice@laptop'): for a child run (backfill, schedule) its
     * root workflow's starter, for a scheduled run 'schedule:<schedule id>'. A reset run keeps the
     * start it replays (Temporal records no identity for a reset). NULL when the history could not be
     * read (a worker without a Temporal client) or for runs opened before this column.
     */
    startedBy: text('started_by'),
    /**
     * A reset run (trigger 'reset'): the run id of the run it was reset from (the reset event's base
     * run). Temporal gives the reset run its own run id, and with it its own run record, dead letters
     * and quality checks; NULL for every other run.
     */
    resetOf: text('reset_of'),
    /** 'running' until closeRun, then 'completed', 'completed_with_failures', 'failed' or 'anomalous' (RUN_STATUSES). */
    status: text('status').$type<RunStatus>().notNull().default('running'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** Per table {inserted, updated, unchanged} over the whole run. */
    counts: jsonb('counts').$type<LoadCounts>().notNull().default({}),
    /** HTTP requests made to the NBA API, failed attempts included. */
    apiCalls: integer('api_calls').notNull().default(0),
    /** Units of work that failed after their retries (see dead_letters). */
    failures: integer('failures').notNull().default(0),
    /** Times the run's NBA API breaker tripped, and the seconds it waited them out (workflows/breaker.ts). */
    cooldowns: integer('cooldowns').notNull().default(0),
    cooldownSeconds: integer('cooldown_seconds').notNull().default(0),
    /** Why a failed run failed. */
    error: text('error'),
    /** Data-quality check results recorded after the load: {checkedAt, checks: [{name, passed, observed, expected}]}. */
    quality: jsonb('quality'),
  },
  (t) => [
    index('ingestion_runs_season_idx').on(t.season, t.seasonType, t.startedAt),
    check('ingestion_runs_trigger_known', sql`${t.trigger} IN (${inList(RUN_TRIGGERS)})`),
    check('ingestion_runs_status_known', sql`${t.status} IN (${inList(RUN_STATUSES)})`),
  ],
);

/**
 * Units of work (one team's games or roster, or the league-wide games of the season or of an
 * interval) that failed after all their retries. At most one open (unresolved) row per workflow,
 * unit, team, season and interval (params' DateFrom/DateTo): a repeat failure bumps
 * attempts/last_seen; a later successful load of the unit (for the league-wide games: of dates
 * covering the interval) resolves it.
 */
export const deadLetters = pgTable(
  'dead_letters',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** Run that saw the failure last. */
    runId: text('run_id').notNull(),
    workflowId: text('workflow_id').notNull(),
    season: text('season').notNull(),
    seasonType: text('season_type').$type<SeasonType>().notNull(),
    /**
     * The team whose unit failed; NULL for the league-wide units ('league-games', 'player-games'),
     * which belong to no team (coalesced to 0 in the open-unit key).
     */
    teamId: integer('team_id'),
    /** 'games' | 'roster' | 'league-games' | 'player-games' (WORK_UNITS). */
    unit: text('unit').$type<WorkUnit>().notNull(),
    /** NBA endpoint and the request parameters, enough to replay the call by hand. */
    endpoint: text('endpoint').notNull(),
    params: jsonb('params').$type<Record<string, string>>().notNull(),
    /** ApplicationFailure type, e.g. 'NbaTimeout', 'NbaResponseInvalid'. */
    errorType: text('error_type').notNull(),
    errorMessage: text('error_message').notNull(),
    /** Attempts actually made in total, summed over repeat failures. */
    attempts: integer('attempts').notNull(),
    firstSeen: timestamp('first_seen', { withTimezone: true }).notNull().defaultNow(),
    lastSeen: timestamp('last_seen', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedByRunId: text('resolved_by_run_id'),
  },
  (t) => [
    /** The upsert key of recordDeadLetter: the interval ('' for none) is part of the unit. */
    uniqueIndex('dead_letters_open_unit_key')
      .on(
        t.workflowId,
        t.unit,
        sql`coalesce(team_id, 0)`,
        t.season,
        t.seasonType,
        sql`coalesce(params->>'DateFrom', '')`,
        sql`coalesce(params->>'DateTo', '')`,
      )
      .where(sql`resolved_at IS NULL`),
    /** resolveDeadLetters / listUnresolvedDeadLetters by season. */
    index('dead_letters_open_season_idx')
      .on(t.season, t.seasonType, t.teamId, t.unit)
      .where(sql`resolved_at IS NULL`),
    check('dead_letters_unit_known', sql`${t.unit} IN (${inList(WORK_UNITS)})`),
  ],
);

/**
 * The game dates each games unit covered: it asked for them and loaded its whole answer (issue 23).
 * The schedule is not stored, so this is how "every game dated on or before D is loaded" is known;
 * the watermark and the holes `ingest status` shows are derived from it (domain/coverage.ts).
 * A table, not a reading of ingestion_runs, because coverage belongs to a unit, not to a run: a run
 * with a failed unit covers nothing there, and a redrive covers what another run left.
 */
export const coveredDates = pgTable(
  'covered_dates',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    season: text('season').notNull(),
    seasonType: text('season_type').$type<SeasonType>().notNull(),
    /**
     * NULL: the league-wide games (every team); else one team's games unit, which counts once every
     * team's covers the dates (coalesced to 0 in the key).
     */
    teamId: integer('team_id'),
    /** First and last date covered (GAME_DATE, US Eastern), both inclusive; never a date still under way. */
    fromDate: date('from_date', { mode: 'string' }).notNull(),
    toDate: date('to_date', { mode: 'string' }).notNull(),
    /** The run that last covered them. */
    runId: text('run_id').notNull(),
    coveredAt: timestamp('covered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('covered_dates_key').on(
      t.season,
      t.seasonType,
      sql`coalesce(team_id, 0)`,
      t.fromDate,
      t.toDate,
    ),
    check('covered_dates_in_order', sql`${t.fromDate} <= ${t.toDate}`),
  ],
);

/** Column-level history of updates: one row per data row whose values really changed. */
export const auditChanges = pgTable(
  'audit_changes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** Run that made the change. */
    runId: text('run_id').notNull(),
    /** 'teams' | 'players' | 'rosters' | 'matches' | 'team_game_stats' | 'player_game_stats'. */
    tableName: text('table_name').notNull(),
    /** The row's primary key, e.g. {"game_id": "0022300061", "team_id": 1610612738}. */
    key: jsonb('key').$type<Record<string, string | number>>().notNull(),
    /** Only the columns that changed: {"ast": [24, 25]} = [old, new]. */
    changes: jsonb('changes').$type<Record<string, [unknown, unknown]>>().notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_changes_run_idx').on(t.runId),
    index('audit_changes_table_idx').on(t.tableName, t.changedAt),
  ],
);

/**
 * Data-quality checks of a season, run at the end of every ingestion run (quality/checks.ts).
 * Also copied onto ingestion_runs.quality so the run record carries them.
 */
export const qualityChecks = pgTable(
  'quality_checks',
  {
    runId: text('run_id').notNull(),
    season: text('season').notNull(),
    seasonType: text('season_type').$type<SeasonType>().notNull(),
    /** e.g. 'game_count', 'two_stat_rows_per_match', 'wins_equal_losses', 'null_rates'. */
    checkName: text('check_name').notNull(),
    passed: boolean('passed').notNull(),
    observed: jsonb('observed'),
    expected: jsonb('expected'),
    checkedAt: timestamp('checked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.checkName] }),
    index('quality_checks_season_idx').on(t.season, t.seasonType, t.checkedAt),
  ],
);

// ───────────────────────────── raw landing (ELT) ─────────────────────────────

/**
 * Every NBA API response body, stored once before it is transformed: the same body fetched again
 * (same endpoint, parameters and content) is not stored twice. `retransform` rebuilds a season's
 * tables from here with zero API calls; a cache policy reuses fresh bodies instead of refetching.
 */
export const rawResponses = pgTable(
  'raw_responses',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** e.g. 'leaguegamefinder'. */
    endpoint: text('endpoint').notNull(),
    /** Every parameter sent, sorted by name, '' for empty: exactly the query string. */
    paramsKey: text('params_key').notNull(),
    params: jsonb('params').$type<Record<string, string>>().notNull(),
    /** sha256 (hex) of the body's JSON text. */
    contentHash: text('content_hash').notNull(),
    body: jsonb('body').notNull(),
    /** When this body was first fetched, and by which run. */
    fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull(),
    runId: text('run_id').notNull(),
    /** When the API last answered with this same body: what the cache policy's freshness uses. */
    lastFetchedAt: timestamp('last_fetched_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('raw_responses_content_key').on(t.endpoint, t.paramsKey, t.contentHash),
    /** The newest body for a request. */
    index('raw_responses_latest_idx').on(t.endpoint, t.paramsKey, t.lastFetchedAt),
  ],
);
