/**
 * Real data for the load tests, from ../shared/nba-data (NBA_DATA_DIR overrides): the 30 teams
 * (nba_api's static list) and a season of LeagueGameFinder rows cut into the per-team batches the
 * pipeline loads (one team's games per transaction).
 *
 * A small local mapper stands in for nba/transform.ts so these tests depend only on db/ and the data:
 * the match comes from both teams' rows of a GAME_ID (home = the "vs." row; both "@" → neutral, home
 * after the "@"), and, as in a real per-team answer, only the home team's batch sees the neutral flag.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { MatchRecord, TeamGamesBatch, TeamGameStatRecord, TeamRecord } from '../../domain/records.js';
import { GAME_ID_PREFIX, type SeasonType } from '../../domain/season.js';
import { hasNbaData, nbaDataDir } from './nba-data.js';

const seasonCsv = (season: string) => path.join('iceprop-NBA-Evolution', `games_${season}.csv`);
const TEAMS_JSON = path.join('swar-nba_api-static-teams', 'teams.json');

export function seasonCsvPath(season: string): string {
  return path.join(nbaDataDir(), seasonCsv(season));
}

const teamsJsonPath = () => path.join(nbaDataDir(), TEAMS_JSON);

/** The season's games and the teams are there (else a skip with a message; a failure under CI). */
export function hasSeasonData(season = '2023-24'): boolean {
  return hasNbaData(seasonCsv(season), TEAMS_JSON);
}

export function realTeams(): TeamRecord[] {
  const raw = JSON.parse(readFileSync(teamsJsonPath(), 'utf8')) as {
    id: number;
    full_name: string;
    abbreviation: string;
    nickname: string;
    city: string;
    state: string;
    year_founded: number;
  }[];
  return raw.map((t) => ({
    teamId: t.id,
    abbreviation: t.abbreviation,
    fullName: t.full_name,
    nickname: t.nickname,
    city: t.city,
    state: t.state,
    yearFounded: t.year_founded,
  }));
}

export interface TeamGamesUnit {
  teamId: number;
  batch: TeamGamesBatch;
}

type CsvRow = Record<string, string>;

const int = (cell: string | undefined) => (cell === undefined || cell === '' ? null : Number(cell));
const num = int;

function statRecord(row: CsvRow, isHome: boolean): TeamGameStatRecord {
  return {
    gameId: row.GAME_ID as string,
    teamId: Number(row.TEAM_ID),
    isHome,
    wl: row.WL === 'W' || row.WL === 'L' ? row.WL : null,
    pts: Number(row.PTS),
    fgm: int(row.FGM),
    fga: int(row.FGA),
    fgPct: num(row.FG_PCT),
    fg3m: int(row.FG3M),
    fg3a: int(row.FG3A),
    fg3Pct: num(row.FG3_PCT),
    ftm: int(row.FTM),
    fta: int(row.FTA),
    ftPct: num(row.FT_PCT),
    oreb: int(row.OREB),
    dreb: int(row.DREB),
    reb: int(row.REB),
    ast: int(row.AST),
    stl: int(row.STL),
    blk: int(row.BLK),
    tov: int(row.TOV),
    pf: int(row.PF),
    plusMinus: num(row.PLUS_MINUS),
    minutes: int(row.MIN),
  };
}

/** One batch per team, as the per-team leaguegamefinder calls would produce them. */
export function seasonTeamBatches(
  season = '2023-24',
  seasonType: SeasonType = 'Regular Season',
): TeamGamesUnit[] {
  const teamIds = new Set(realTeams().map((t) => t.teamId));
  const rows = parse<CsvRow>(readFileSync(seasonCsvPath(season), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  }).filter(
    (r) => (r.GAME_ID ?? '').startsWith(GAME_ID_PREFIX[seasonType]) && teamIds.has(Number(r.TEAM_ID)),
  );
  const byGame = new Map<string, CsvRow[]>();
  for (const row of rows)
    byGame.set(row.GAME_ID as string, [...(byGame.get(row.GAME_ID as string) ?? []), row]);

  const batches = new Map<number, TeamGamesBatch>([...teamIds].map((id) => [id, { matches: [], stats: [] }]));
  for (const [gameId, gameRows] of byGame) {
    const [a, b] = gameRows;
    if (!a || !b || gameRows.length !== 2)
      throw new Error(`${season}: game ${gameId} has ${gameRows.length} team rows`);
    const neutral = !a.MATCHUP?.includes(' vs. ') && !b.MATCHUP?.includes(' vs. ');
    const homeAbbreviation = (r: CsvRow) => (r.MATCHUP ?? '').split(' @ ')[1];
    const home = neutral
      ? homeAbbreviation(a) === b.TEAM_ABBREVIATION
        ? b
        : a
      : a.MATCHUP?.includes(' vs. ')
        ? a
        : b;
    const away = home === a ? b : a;
    const match: Omit<MatchRecord, 'neutralSite'> = {
      gameId,
      season,
      seasonType,
      gameDate: home.GAME_DATE as string,
      homeTeamId: Number(home.TEAM_ID),
      awayTeamId: Number(away.TEAM_ID),
      homeScore: Number(home.PTS),
      awayScore: Number(away.PTS),
    };
    for (const row of [home, away]) {
      const batch = batches.get(Number(row.TEAM_ID)) as TeamGamesBatch;
      batch.matches.push({ ...match, neutralSite: neutral && row === home });
      batch.stats.push(statRecord(row, row === home));
    }
  }
  return [...batches].map(([teamId, batch]) => ({ teamId, batch }));
}
