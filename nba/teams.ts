/**
 * The 30 NBA franchises: reference data as nba_api 1.11.4's static team list has them
 * (`nba_api.stats.static.teams.get_teams()`), keyed by the stable stats.nba.com TEAM_ID.
 * Names and abbreviations are today's; game rows of older seasons carry historical ones
 * (NJN, NOH, "Charlotte Bobcats" …) for the same TEAM_ID, so rows are always keyed on TEAM_ID.
 */
import type { TeamRecord } from '../domain/records.js';

type TeamRow = [
  teamId: number,
  abbreviation: string,
  fullName: string,
  nickname: string,
  city: string,
  state: string,
  yearFounded: number,
];

const TEAM_ROWS: readonly TeamRow[] = [
  [1610612737, 'ATL', 'Atlanta Hawks', 'Hawks', 'Atlanta', 'Georgia', 1949],
  [1610612738, 'BOS', 'Boston Celtics', 'Celtics', 'Boston', 'Massachusetts', 1946],
  [1610612739, 'CLE', 'Cleveland Cavaliers', 'Cavaliers', 'Cleveland', 'Ohio', 1970],
  [1610612740, 'NOP', 'New Orleans Pelicans', 'Pelicans', 'New Orleans', 'Louisiana', 2002],
  [1610612741, 'CHI', 'Chicago Bulls', 'Bulls', 'Chicago', 'Illinois', 1966],
  [1610612742, 'DAL', 'Dallas Mavericks', 'Mavericks', 'Dallas', 'Texas', 1980],
  [1610612743, 'DEN', 'Denver Nuggets', 'Nuggets', 'Denver', 'Colorado', 1976],
  [1610612744, 'GSW', 'Golden State Warriors', 'Warriors', 'San Francisco', 'California', 1946],
  [1610612745, 'HOU', 'Houston Rockets', 'Rockets', 'Houston', 'Texas', 1967],
  [1610612746, 'LAC', 'Los Angeles Clippers', 'Clippers', 'Los Angeles', 'California', 1970],
  [1610612747, 'LAL', 'Los Angeles Lakers', 'Lakers', 'Los Angeles', 'California', 1948],
  [1610612748, 'MIA', 'Miami Heat', 'Heat', 'Miami', 'Florida', 1988],
  [1610612749, 'MIL', 'Milwaukee Bucks', 'Bucks', 'Milwaukee', 'Wisconsin', 1968],
  [1610612750, 'MIN', 'Minnesota Timberwolves', 'Timberwolves', 'Minnesota', 'Minnesota', 1989],
  [1610612751, 'BKN', 'Brooklyn Nets', 'Nets', 'Brooklyn', 'New York', 1976],
  [1610612752, 'NYK', 'New York Knicks', 'Knicks', 'New York', 'New York', 1946],
  [1610612753, 'ORL', 'Orlando Magic', 'Magic', 'Orlando', 'Florida', 1989],
  [1610612754, 'IND', 'Indiana Pacers', 'Pacers', 'Indiana', 'Indiana', 1976],
  [1610612755, 'PHI', 'Philadelphia 76ers', '76ers', 'Philadelphia', 'Pennsylvania', 1949],
  [1610612756, 'PHX', 'Phoenix Suns', 'Suns', 'Phoenix', 'Arizona', 1968],
  [1610612757, 'POR', 'Portland Trail Blazers', 'Trail Blazers', 'Portland', 'Oregon', 1970],
  [1610612758, 'SAC', 'Sacramento Kings', 'Kings', 'Sacramento', 'California', 1948],
  [1610612759, 'SAS', 'San Antonio Spurs', 'Spurs', 'San Antonio', 'Texas', 1976],
  [1610612760, 'OKC', 'Oklahoma City Thunder', 'Thunder', 'Oklahoma City', 'Oklahoma', 1967],
  [1610612761, 'TOR', 'Toronto Raptors', 'Raptors', 'Toronto', 'Ontario', 1995],
  [1610612762, 'UTA', 'Utah Jazz', 'Jazz', 'Utah', 'Utah', 1974],
  [1610612763, 'MEM', 'Memphis Grizzlies', 'Grizzlies', 'Memphis', 'Tennessee', 1995],
  [1610612764, 'WAS', 'Washington Wizards', 'Wizards', 'Washington', 'District of Columbia', 1961],
  [1610612765, 'DET', 'Detroit Pistons', 'Pistons', 'Detroit', 'Michigan', 1948],
  [1610612766, 'CHA', 'Charlotte Hornets', 'Hornets', 'Charlotte', 'North Carolina', 1988],
];

export const NBA_TEAMS: readonly TeamRecord[] = Object.freeze(
  TEAM_ROWS.map(([teamId, abbreviation, fullName, nickname, city, state, yearFounded]) =>
    Object.freeze({ teamId, abbreviation, fullName, nickname, city, state, yearFounded }),
  ),
);

export const NBA_TEAM_IDS: ReadonlySet<number> = new Set(NBA_TEAMS.map((t) => t.teamId));

export function isNbaTeamId(teamId: number): boolean {
  return NBA_TEAM_IDS.has(teamId);
}

/**
 * Abbreviations stats.nba.com used for a franchise in earlier seasons, mapped to today's TEAM_ID.
 * Needed to name the opponent from a MATCHUP text when only one team's rows are at hand.
 */
const HISTORICAL_ABBREVIATIONS: Readonly<Record<string, number>> = {
  NJN: 1610612751, // New Jersey Nets (until 2011-12)
  NOH: 1610612740, // New Orleans Hornets (2002-03 … 2012-13)
  NOK: 1610612740, // New Orleans/Oklahoma City Hornets (2005-06, 2006-07)
  SEA: 1610612760, // Seattle SuperSonics (until 2007-08)
  VAN: 1610612763, // Vancouver Grizzlies (until 2000-01)
  CHH: 1610612766, // Charlotte Hornets 1988-2002 (history now with Charlotte's franchise)
  WSB: 1610612764, // Washington Bullets (until 1996-97)
};

const TEAM_ID_BY_ABBREVIATION: ReadonlyMap<string, number> = new Map([
  ...Object.entries(HISTORICAL_ABBREVIATIONS),
  ...NBA_TEAMS.map((t) => [t.abbreviation, t.teamId] as const),
]);

/** Today's or a historical abbreviation → TEAM_ID, or undefined when unknown. */
export function teamIdForAbbreviation(abbreviation: string): number | undefined {
  return TEAM_ID_BY_ABBREVIATION.get(abbreviation.trim().toUpperCase());
}
