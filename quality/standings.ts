/**
 * Standings reconciliation: each team's W-L counted from the loaded regular-season games up to the
 * moment (GAME_DATE, US Eastern, ≤ asOf) must equal NBA.com's standings. A difference fails the
 * check `standings_reconciled`, naming the team and both records, and is an anomaly (alert).
 */
import type pg from 'pg';
import type { StandingsMismatch, StandingsRecord, StandingsVerdict } from '../domain/standings.js';
import { NBA_TEAMS } from '../nba/teams.js';
import type { Anomaly } from './anomalies.js';
import type { QualityCheck } from './checks.js';

type Query = Pick<pg.Pool, 'query'>;

export const STANDINGS_CHECK = 'standings_reconciled';

const ABBREVIATIONS = new Map(NBA_TEAMS.map((t) => [t.teamId, t.abbreviation]));

/** W-L per team from the loaded regular-season games of `season` played on or before `asOf`. */
export async function countLoadedRecords(
  db: Query,
  season: string,
  asOf: string,
): Promise<StandingsRecord[]> {
  const { rows } = await db.query<StandingsRecord>(
    `select s.team_id as "teamId",
            count(*) filter (where s.wl = 'W')::int as wins,
            count(*) filter (where s.wl = 'L')::int as losses
       from team_game_stats s join matches m on m.game_id = s.game_id
      where m.season = $1 and m.season_type = 'Regular Season' and m.game_date <= $2::date
      group by s.team_id
      order by s.team_id`,
    [season, asOf],
  );
  return rows;
}

/** The latest GAME_DATE of the loaded regular-season games of `season` ('YYYY-MM-DD'), if any. */
export async function lastLoadedGameDay(db: Query, season: string): Promise<string | undefined> {
  const { rows } = await db.query<{ day: string | null }>(
    `select max(game_date)::text as day from matches where season = $1 and season_type = 'Regular Season'`,
    [season],
  );
  return rows[0]?.day ?? undefined;
}

const record = (r: StandingsRecord | undefined): string => `${r?.wins ?? 0}-${r?.losses ?? 0}`;

/** Every team of either list whose records differ (a team missing on one side counts as 0-0). */
export function compareStandings(
  loaded: StandingsRecord[],
  official: StandingsRecord[],
): StandingsMismatch[] {
  const loadedBy = new Map(loaded.map((r) => [r.teamId, r]));
  const officialBy = new Map(official.map((r) => [r.teamId, r]));
  const teamIds = [...new Set([...officialBy.keys(), ...loadedBy.keys()])].sort((a, b) => a - b);
  return teamIds.flatMap((teamId) => {
    const [mine, theirs] = [record(loadedBy.get(teamId)), record(officialBy.get(teamId))];
    return mine === theirs
      ? []
      : [{ teamId, team: ABBREVIATIONS.get(teamId) ?? String(teamId), loaded: mine, official: theirs }];
  });
}

/**
 * The verdict, its check and its anomaly (none when reconciled). `gaps`: the season's dates not
 * loaded before the moment, in words ('no games loaded before 2024-11-01'); a mismatch names them,
 * since a gap of dates is then the likely cause.
 */
export function reconcileStandings(
  season: string,
  asOf: string,
  loaded: StandingsRecord[],
  official: StandingsRecord[],
  gaps: string[] = [],
): { verdict: StandingsVerdict; check: QualityCheck; anomalies: Anomaly[] } {
  const mismatches = compareStandings(loaded, official);
  const teams = official.length;
  const check: QualityCheck = {
    name: STANDINGS_CHECK,
    passed: mismatches.length === 0 && teams > 0,
    observed: { asOf, teams, mismatches },
    expected: "each team's W-L from the loaded games equals NBA.com's standings",
  };
  if (mismatches.length === 0 && teams > 0)
    return { verdict: { status: 'reconciled', asOf, teams }, check, anomalies: [] };
  const named = mismatches.map((m) => `${m.team} ${m.loaded} loaded, ${m.official} on NBA.com`);
  const gapsText = gaps.length ? ` (${gaps.join('; ')})` : '';
  return {
    verdict: { status: 'mismatch', asOf, teams, mismatches },
    check,
    anomalies: [
      {
        kind: 'standings_mismatch',
        message:
          teams === 0
            ? `${season} standings as of ${asOf}: NBA.com listed no team`
            : `${season} standings as of ${asOf} differ for ${mismatches.length} team(s)${gapsText}: ${named.join('; ')}`,
        shortfall: mismatches.length,
      },
    ],
  };
}
