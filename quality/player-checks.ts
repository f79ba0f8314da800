/**
 * The player checks of a run's quality step: the loaded player lines of the run's scope (its season,
 * season type and dates) held to the team lines (quality/player-sums.ts), plus what the foreign keys
 * promise, checked all the same: no line without its match, no line of an unknown player. Each
 * failure names the game, the team and both sums, and becomes an anomaly.
 */
import type pg from 'pg';
import type { BoxScoreField } from '../domain/records.js';
import { PLAYER_CHECK_NAMES, type PlayerSumsVerdict } from '../domain/player-sums.js';
import type { GameDates } from '../domain/game-dates.js';
import type { SeasonType } from '../domain/season.js';
import type { Anomaly } from './anomalies.js';
import type { QualityCheck } from './checks.js';
import {
  AT_MOST_SUM_FIELDS,
  EQUAL_SUM_FIELDS,
  reconcilePlayerLines,
  type PlayerLine,
  type PlayerSumCheck,
  type PlayerSumFailure,
  type TeamLine,
} from './player-sums.js';

type Query = Pick<pg.Pool, 'query'>;

export interface PlayerScope {
  season: string;
  seasonType: SeasonType;
  dates?: GameDates | undefined;
}

/** Failures named in a check's observed value and as anomalies; the rest are counted. */
const NAMED_FAILURES = 10;

const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const SUMMED_COLUMNS = [...EQUAL_SUM_FIELDS, ...AT_MOST_SUM_FIELDS]
  .map((f: BoxScoreField) => `${snake(f)} as "${f}"`)
  .join(', ');

/** Rows of `alias` whose match is in scope: $1 season, $2 season type, $3/$4 the interval's dates. */
const matchInScope = (alias: string) => `exists (select 1 from matches m where m.game_id = ${alias}.game_id
  and m.season = $1 and m.season_type = $2
  and ($3::date is null or m.game_date >= $3::date) and ($4::date is null or m.game_date <= $4::date))`;

/** Player lines of the scope by their own season and dates: what the match checks look for. */
const LINES_IN_SCOPE = `p.season = $1 and p.season_type = $2
  and ($3::date is null or p.game_date >= $3::date) and ($4::date is null or p.game_date <= $4::date)`;

const SUM_CHECKS: PlayerSumCheck[] = [
  'players_present',
  'players_add_up',
  'player_turnovers_at_most',
  'team_present',
];

export interface PlayerChecksResult {
  checks: QualityCheck[];
  verdict: PlayerSumsVerdict;
  anomalies: Anomaly[];
}

export async function runPlayerChecks(db: Query, scope: PlayerScope): Promise<PlayerChecksResult> {
  const params = [scope.season, scope.seasonType, scope.dates?.from ?? null, scope.dates?.to ?? null];
  const teams = await db.query<TeamLine>(
    `select s.game_id as "gameId", s.team_id as "teamId", ${SUMMED_COLUMNS}
       from team_game_stats s where ${matchInScope('s')}`,
    params,
  );
  const players = await db.query<PlayerLine>(
    `select p.game_id as "gameId", p.team_id as "teamId", ${SUMMED_COLUMNS}
       from player_game_stats p where ${matchInScope('p')}`,
    params,
  );
  const sums = reconcilePlayerLines(teams.rows, players.rows);

  const checks: QualityCheck[] = SUM_CHECKS.map((check) => {
    const failed = sums.failures.filter((f) => f.check === check);
    return {
      name: PLAYER_CHECK_NAMES[check],
      passed: failed.length === 0,
      observed: {
        teamGames: sums.teamGames,
        failures: failed.length,
        ...(failed.length ? { first: failed.slice(0, NAMED_FAILURES).map((f) => f.message) } : {}),
      },
      expected: { failures: 0 },
    };
  });

  const orphans = await db.query<{ without_match: number; unknown_players: number }>(
    `select count(*) filter (where not exists (select 1 from matches m where m.game_id = p.game_id))::int as without_match,
            count(*) filter (where not exists (select 1 from players x where x.player_id = p.player_id))::int as unknown_players
       from player_game_stats p where ${LINES_IN_SCOPE}`,
    params,
  );
  const { without_match: withoutMatch, unknown_players: unknownPlayers } = orphans.rows[0]!;
  checks.push(
    { name: PLAYER_CHECK_NAMES.have_match, passed: withoutMatch === 0, observed: withoutMatch, expected: 0 },
    {
      name: PLAYER_CHECK_NAMES.players_known,
      passed: unknownPlayers === 0,
      observed: unknownPlayers,
      expected: 0,
    },
  );

  const anomalies = anomaliesOf(scope.season, sums.failures);
  for (const [count, what] of [
    [withoutMatch, 'player lines without their match'],
    [unknownPlayers, 'player lines of players not in players'],
  ] as const)
    if (count > 0)
      anomalies.push({
        kind: 'player_lines_mismatch',
        message: `${scope.season}: ${count} ${what}`,
        shortfall: count,
      });
  return {
    checks,
    verdict: {
      teamGames: sums.teamGames,
      passed: sums.passed,
      failures: sums.failures.length + withoutMatch + unknownPlayers,
    },
    anomalies,
  };
}

function anomaliesOf(season: string, failures: PlayerSumFailure[]): Anomaly[] {
  const named = failures.slice(0, NAMED_FAILURES).map((f): Anomaly => ({
    kind: 'player_lines_mismatch',
    message: `${season} ${f.message}`,
    shortfall: failures.length,
  }));
  const more = failures.length - named.length;
  if (more > 0)
    named.push({
      kind: 'player_lines_mismatch',
      message: `${season}: ${more} more player-line failures (quality_checks names the first ${NAMED_FAILURES} of each check)`,
      shortfall: failures.length,
    });
  return named;
}
