/**
 * Typed rows of leaguestandingsv3 (result set `Standings`, one row per team): who, and the W-L at the
 * moment of the request. Only what the reconciliation reads; the other ~90 columns (streaks, splits,
 * clinch flags) are not checked, so their drift cannot fail a run.
 */
import { z } from 'zod';
import type { NbaResponse } from './client.js';
import { integer, text, textOrNull } from './cells.js';
import { nbaFailure } from './errors.js';
import { columnsByConvention, readResultSet } from './result-set.js';

export interface LeagueStandingsRow {
  teamId: number;
  /** '22025': season-type digit + start year */
  seasonId: string;
  teamCity: string | null;
  teamName: string | null;
  wins: number;
  losses: number;
}

const count = integer.pipe(z.number().min(0, { error: 'expected a count ≥ 0' }));

// Standings headers are mostly camel case: only WINS and LOSSES follow the convention.
const LEAGUE_STANDINGS_COLUMNS = columnsByConvention<LeagueStandingsRow>({
  teamId: { header: 'TeamID', schema: integer },
  seasonId: { header: 'SeasonID', schema: text },
  teamCity: { header: 'TeamCity', schema: textOrNull, optional: true },
  teamName: { header: 'TeamName', schema: textOrNull, optional: true },
  wins: count,
  losses: count,
});

export const LEAGUE_STANDINGS_RESULT_SET = 'Standings';

/** Throws NbaResponseInvalid naming endpoint, params and the missing or mistyped columns, or a team listed twice. */
export function parseLeagueStandings(res: NbaResponse): LeagueStandingsRow[] {
  const rows = readResultSet(res, LEAGUE_STANDINGS_RESULT_SET, LEAGUE_STANDINGS_COLUMNS);
  const seen = new Set<number>();
  for (const row of rows) {
    if (seen.has(row.teamId))
      throw nbaFailure('NbaResponseInvalid', res.request, `standings list team ${row.teamId} twice`);
    seen.add(row.teamId);
  }
  return rows;
}
