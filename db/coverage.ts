/**
 * covered_dates: the dates the games units covered, and what a season's load is derived from them
 * (domain/coverage.ts: loaded ranges, holes, watermark).
 */
import type { CoveredRange, DateRange, LoadedGameDate } from '../domain/coverage.js';
import type { SeasonType } from '../domain/season.js';
import type { Database } from './client.js';
import { toDbFailure } from './errors.js';

interface SeasonKey {
  season: string;
  seasonType: SeasonType;
}

/** Records that a games unit covered `range` (idempotent: a retry or a re-run adds nothing). */
export async function recordCoverage(
  database: Database,
  c: SeasonKey & DateRange & { teamId: number | null; runId: string },
): Promise<void> {
  try {
    await database.pool.query(
      `insert into covered_dates (season, season_type, team_id, from_date, to_date, run_id)
       values ($1, $2, $3, $4, $5, $6)
       on conflict (season, season_type, (coalesce(team_id, 0)), from_date, to_date)
       do update set run_id = excluded.run_id, covered_at = now()`,
      [c.season, c.seasonType, c.teamId, c.from, c.to, c.runId],
    );
  } catch (error) {
    throw toDbFailure(error, 'covered_dates');
  }
}

/** What the derivation reads, for one season and type. */
export interface SeasonLoadInput extends SeasonKey {
  covered: CoveredRange[];
  gameDates: LoadedGameDate[];
  /** Matches with both teams' stat rows. */
  gamesLoaded: number;
}

const key = (season: string, seasonType: string): string => `${season}|${seasonType}`;

/**
 * Every season's (or one season's) covered ranges and loaded game dates. $1/$2 null: all seasons.
 * A date is complete when each of its matches has both teams' stat rows.
 */
export async function readSeasonLoads(database: Database, only?: SeasonKey): Promise<SeasonLoadInput[]> {
  const params = [only?.season ?? null, only?.seasonType ?? null];
  const filter = (t: string): string =>
    `($1::text is null or ${t}.season = $1) and ($2::text is null or ${t}.season_type = $2)`;
  const [covered, dates] = await Promise.all([
    database.pool.query<{ season: string; season_type: SeasonType } & CoveredRange>(
      `select season, season_type, team_id as "teamId", to_char(from_date, 'YYYY-MM-DD') as "from",
              to_char(to_date, 'YYYY-MM-DD') as "to"
         from covered_dates c where ${filter('c')}`,
      params,
    ),
    database.pool.query<{ season: string; season_type: SeasonType; games: number } & LoadedGameDate>(
      `select season, season_type, to_char(game_date, 'YYYY-MM-DD') as date,
              bool_and(complete) as complete, count(*) filter (where complete)::int as games
         from (select m.season, m.season_type, m.game_date,
                      (select count(*) from team_game_stats s where s.game_id = m.game_id) = 2 as complete
                 from matches m where ${filter('m')}) g
        group by season, season_type, game_date`,
      params,
    ),
  ]);
  const loads = new Map<string, SeasonLoadInput>();
  const loadOf = (season: string, seasonType: SeasonType): SeasonLoadInput => {
    const k = key(season, seasonType);
    let load = loads.get(k);
    if (!load) loads.set(k, (load = { season, seasonType, covered: [], gameDates: [], gamesLoaded: 0 }));
    return load;
  };
  for (const { season, season_type, ...range } of covered.rows)
    loadOf(season, season_type).covered.push(range);
  for (const { season, season_type, games, ...date } of dates.rows) {
    const load = loadOf(season, season_type);
    load.gameDates.push(date);
    load.gamesLoaded += games;
  }
  if (only)
    return [
      loads.get(key(only.season, only.seasonType)) ?? { ...only, covered: [], gameDates: [], gamesLoaded: 0 },
    ];
  return [...loads.values()];
}
