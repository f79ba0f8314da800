/**
 * Data-quality checks of one season after it is loaded. Each check is one SQL query over the
 * loaded tables and yields passed / observed / expected, stored with the run.
 */
import type pg from 'pg';
import { seasonDateWindow, type GameDates } from '../domain/game-dates.js';
import { GAME_ID_PREFIX, type SeasonType } from '../domain/season.js';
import { expectedRegularSeasonGames, NULL_RATE_LIMITS } from './expectations.js';

export interface QualityCheck {
  name: string;
  passed: boolean;
  observed: unknown;
  expected: unknown;
}

export interface SeasonScope {
  season: string;
  seasonType: SeasonType;
  /** Only complete seasons are held to their expected game count. */
  complete: boolean;
  /**
   * An interval run's dates: every check reads only the matches of those dates, and the counts are
   * held to what the interval can hold (at most 15 games and one game per team a date), not a season.
   */
  dates?: GameDates | undefined;
}

/** Thirty teams: at most 15 games on one date. */
const MAX_GAMES_PER_DATE = 15;

/** Dates in the interval (from the season's earliest possible date when it has no start). */
function datesIn(season: string, dates: GameDates): number {
  const from = dates.from ?? seasonDateWindow(season).first;
  return Math.max(0, Math.round((Date.parse(dates.to) - Date.parse(from)) / 86_400_000) + 1);
}

type Query = Pick<pg.Pool, 'query'>;

async function one<T>(db: Query, sql: string, params: unknown[]): Promise<T> {
  const { rows } = await db.query(sql, params);
  return rows[0] as T;
}

/** The matches in scope: $1 season, $2 season type, $3/$4 the interval's dates (null: unbounded). */
const IN_SCOPE = `m.season = $1 and m.season_type = $2
  and ($3::date is null or m.game_date >= $3::date) and ($4::date is null or m.game_date <= $4::date)`;

const SEASON_STATS = `
  from team_game_stats s join matches m on m.game_id = s.game_id
  where ${IN_SCOPE}`;

export async function runQualityChecks(db: Query, scope: SeasonScope): Promise<QualityCheck[]> {
  const params = [scope.season, scope.seasonType, scope.dates?.from ?? null, scope.dates?.to ?? null];
  const maxGames = scope.dates ? MAX_GAMES_PER_DATE * datesIn(scope.season, scope.dates) : undefined;
  const checks: QualityCheck[] = [];

  // A game counts once both teams' stat rows are loaded: a team whose games were dropped shows up here.
  const counted = await one<{ matches: number; complete: number }>(
    db,
    `select count(*)::int as matches,
            count(*) filter (where (select count(*) from team_game_stats s where s.game_id = m.game_id) = 2)::int as complete
       from matches m where ${IN_SCOPE}`,
    params,
  );
  const games = counted.complete;
  const expectedGames =
    scope.seasonType === 'Regular Season' && scope.complete && !scope.dates
      ? expectedRegularSeasonGames(scope.season)
      : undefined;
  checks.push({
    name: 'game_count',
    passed:
      maxGames !== undefined
        ? counted.matches <= maxGames
        : expectedGames === undefined
          ? games > 0
          : games === expectedGames && counted.matches === expectedGames,
    observed: counted,
    expected: maxGames !== undefined ? `<= ${maxGames}` : (expectedGames ?? '> 0'),
  });

  const perTeam = await one<{ teams: number; min: number | null; max: number | null }>(
    db,
    `select count(*)::int as teams, min(n)::int as min, max(n)::int as max
       from (select s.team_id, count(*) as n ${SEASON_STATS} group by s.team_id) t`,
    params,
  );
  const expectedPerTeam = expectedGames === 1230 ? 82 : undefined;
  const expectedTeams = scope.seasonType === 'Regular Season' ? 30 : undefined; // playoffs: a subset
  const intervalDays = scope.dates ? datesIn(scope.season, scope.dates) : undefined;
  checks.push(
    intervalDays !== undefined
      ? {
          // An interval holds any number of teams, each at most one game a date.
          name: 'games_per_team',
          passed: perTeam.teams <= 30 && (perTeam.max ?? 0) <= intervalDays,
          observed: perTeam,
          expected: { teams: '<= 30', max: `<= ${intervalDays}` },
        }
      : {
          name: 'games_per_team',
          passed:
            (expectedTeams === undefined ? perTeam.teams > 0 : perTeam.teams === expectedTeams) &&
            (expectedPerTeam === undefined ||
              (perTeam.min === expectedPerTeam && perTeam.max === expectedPerTeam)),
          observed: perTeam,
          expected: {
            teams: expectedTeams ?? '> 0',
            ...(expectedPerTeam ? { min: expectedPerTeam, max: expectedPerTeam } : {}),
          },
        },
  );

  const badMatches = counted.matches - counted.complete;
  checks.push({
    name: 'two_stat_rows_per_match',
    passed: badMatches === 0,
    observed: badMatches,
    expected: 0,
  });

  const { mismatches } = await one<{ mismatches: number }>(
    db,
    `select count(*)::int as mismatches from matches m
       left join team_game_stats h on h.game_id = m.game_id and h.team_id = m.home_team_id
       left join team_game_stats a on a.game_id = m.game_id and a.team_id = m.away_team_id
      where ${IN_SCOPE}
        and (h.pts is distinct from m.home_score or a.pts is distinct from m.away_score)`,
    params,
  );
  checks.push({
    name: 'scores_match_team_points',
    passed: mismatches === 0,
    observed: mismatches,
    expected: 0,
  });

  const wl = await one<{ w: number; l: number }>(
    db,
    `select count(*) filter (where s.wl = 'W')::int as w, count(*) filter (where s.wl = 'L')::int as l ${SEASON_STATS}`,
    params,
  );
  checks.push({
    name: 'wins_equal_losses',
    passed: wl.w === wl.l && wl.w === counted.matches,
    observed: wl,
    expected: { w: counted.matches, l: counted.matches },
  });

  const columns = Object.keys(NULL_RATE_LIMITS);
  const rates = await one<Record<string, number | null>>(
    db,
    `select ${columns.map((c) => `avg(case when s.${c} is null then 1.0 else 0.0 end)::float8 as ${c}`).join(', ')} ${SEASON_STATS}`,
    params,
  );
  const over = columns.filter((c) => (rates[c] ?? 0) > (NULL_RATE_LIMITS[c] ?? 0));
  checks.push({ name: 'null_rates', passed: over.length === 0, observed: rates, expected: NULL_RATE_LIMITS });

  // Game ids of the wrong season type would mean the transform let other rows through.
  const { foreign } = await one<{ foreign: number }>(
    db,
    `select count(*)::int as foreign from matches m where ${IN_SCOPE} and left(m.game_id, 3) <> $5`,
    [...params, GAME_ID_PREFIX[scope.seasonType]],
  );
  checks.push({ name: 'game_id_prefix', passed: foreign === 0, observed: foreign, expected: 0 });

  return checks;
}
