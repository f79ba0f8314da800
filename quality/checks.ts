/**
 * Data-quality checks of one season after it is loaded. Each check is one SQL query over the
 * loaded tables and yields passed / observed / expected, stored with the run.
 */
import type pg from 'pg';
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
}

type Query = Pick<pg.Pool, 'query'>;

async function one<T>(db: Query, sql: string, params: unknown[]): Promise<T> {
  const { rows } = await db.query(sql, params);
  return rows[0] as T;
}

const SEASON_STATS = `
  from team_game_stats s join matches m on m.game_id = s.game_id
  where m.season = $1 and m.season_type = $2`;

export async function runQualityChecks(db: Query, scope: SeasonScope): Promise<QualityCheck[]> {
  const params = [scope.season, scope.seasonType];
  const checks: QualityCheck[] = [];

  // A game counts once both teams' stat rows are loaded: a team whose games were dropped shows up here.
  const counted = await one<{ matches: number; complete: number }>(
    db,
    `select count(*)::int as matches,
            count(*) filter (where (select count(*) from team_game_stats s where s.game_id = m.game_id) = 2)::int as complete
       from matches m where m.season = $1 and m.season_type = $2`,
    params,
  );
  const games = counted.complete;
  const expectedGames =
    scope.seasonType === 'Regular Season' && scope.complete
      ? expectedRegularSeasonGames(scope.season)
      : undefined;
  checks.push({
    name: 'game_count',
    passed:
      expectedGames === undefined ? games > 0 : games === expectedGames && counted.matches === expectedGames,
    observed: counted,
    expected: expectedGames ?? '> 0',
  });

  const perTeam = await one<{ teams: number; min: number | null; max: number | null }>(
    db,
    `select count(*)::int as teams, min(n)::int as min, max(n)::int as max
       from (select s.team_id, count(*) as n ${SEASON_STATS} group by s.team_id) t`,
    params,
  );
  const expectedPerTeam = expectedGames === 1230 ? 82 : undefined;
  const expectedTeams = scope.seasonType === 'Regular Season' ? 30 : undefined; // playoffs: a subset
  checks.push({
    name: 'games_per_team',
    passed:
      (expectedTeams === undefined ? perTeam.teams > 0 : perTeam.teams === expectedTeams) &&
      (expectedPerTeam === undefined || (perTeam.min === expectedPerTeam && perTeam.max === expectedPerTeam)),
    observed: perTeam,
    expected: {
      teams: expectedTeams ?? '> 0',
      ...(expectedPerTeam ? { min: expectedPerTeam, max: expectedPerTeam } : {}),
    },
  });

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
      where m.season = $1 and m.season_type = $2
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
    `select count(*)::int as foreign from matches where season = $1 and season_type = $2 and left(game_id, 3) <> $3`,
    [...params, GAME_ID_PREFIX[scope.seasonType]],
  );
  checks.push({ name: 'game_id_prefix', passed: foreign === 0, observed: foreign, expected: 0 });

  return checks;
}
