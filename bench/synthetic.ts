/**
 * Synthetic team_game_stats-shaped rows for the load benchmarks:
 * two stat rows per game, games spread over as many seasons as the row count needs, all 30 real
 * team ids so the foreign keys hold.
 */
import type { MatchRecord, TeamGameStatRecord } from '../domain/records.js';
import { NBA_TEAM_IDS } from '../domain/team-ids.js';

const GAMES_PER_SEASON_ID = 99_999;

function gameId(g: number): string {
  // 002 + 2-digit season + 5-digit game number
  const season = 10 + Math.floor(g / GAMES_PER_SEASON_ID);
  return `002${String(season % 100).padStart(2, '0')}${String((g % GAMES_PER_SEASON_ID) + 1).padStart(5, '0')}`;
}

export function syntheticGames(statRows: number): { matches: MatchRecord[]; stats: TeamGameStatRecord[] } {
  const matches: MatchRecord[] = [];
  const stats: TeamGameStatRecord[] = [];
  for (let g = 0; g < statRows / 2; g++) {
    const home = NBA_TEAM_IDS[g % 30]!;
    const away = NBA_TEAM_IDS[(g + 1 + (g % 29)) % 30]!;
    const startYear = 2010 + Math.floor(g / GAMES_PER_SEASON_ID);
    const id = gameId(g);
    matches.push({
      gameId: id,
      season: `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`,
      seasonType: 'Regular Season',
      gameDate: '2023-11-01',
      homeTeamId: home,
      awayTeamId: away,
      homeScore: 100 + (g % 30),
      awayScore: 95 + (g % 20),
      neutralSite: false,
    });
    for (const [teamId, isHome] of [
      [home, true],
      [away, false],
    ] as const) {
      stats.push({
        gameId: id,
        teamId,
        isHome,
        wl: isHome ? 'W' : 'L',
        pts: isHome ? 100 + (g % 30) : 95 + (g % 20),
        fgm: 40,
        fga: 85,
        fgPct: 0.471,
        fg3m: 12,
        fg3a: 35,
        fg3Pct: 0.343,
        ftm: 15,
        fta: 20,
        ftPct: 0.75,
        oreb: 10,
        dreb: 33,
        reb: 43,
        ast: 25,
        stl: 7,
        blk: 5,
        tov: 13,
        pf: 19,
        plusMinus: isHome ? 5 : -5,
        minutes: 240,
      });
    }
  }
  return { matches, stats };
}

/** COPY text format: tab-separated, \N for NULL (none of these values holds a tab or backslash). */
export function copyText(values: readonly unknown[]): string {
  return values.map((v) => (v === null || v === undefined ? '\\N' : String(v))).join('\t') + '\n';
}

export const MATCH_COPY_COLUMNS = [
  'game_id',
  'season',
  'season_type',
  'game_date',
  'home_team_id',
  'away_team_id',
  'home_score',
  'away_score',
  'neutral_site',
  'last_run_id',
] as const;

export function matchCopyLine(m: MatchRecord, runId: string): string {
  return copyText([
    m.gameId,
    m.season,
    m.seasonType,
    m.gameDate,
    m.homeTeamId,
    m.awayTeamId,
    m.homeScore,
    m.awayScore,
    m.neutralSite,
    runId,
  ]);
}

export const STAT_COPY_COLUMNS = [
  'game_id',
  'team_id',
  'is_home',
  'wl',
  'pts',
  'fgm',
  'fga',
  'fg_pct',
  'fg3m',
  'fg3a',
  'fg3_pct',
  'ftm',
  'fta',
  'ft_pct',
  'oreb',
  'dreb',
  'reb',
  'ast',
  'stl',
  'blk',
  'tov',
  'pf',
  'plus_minus',
  'minutes',
  'last_run_id',
] as const;

export function statCopyLine(s: TeamGameStatRecord, runId: string): string {
  return copyText([
    s.gameId,
    s.teamId,
    s.isHome,
    s.wl,
    s.pts,
    s.fgm,
    s.fga,
    s.fgPct,
    s.fg3m,
    s.fg3a,
    s.fg3Pct,
    s.ftm,
    s.fta,
    s.ftPct,
    s.oreb,
    s.dreb,
    s.reb,
    s.ast,
    s.stl,
    s.blk,
    s.tov,
    s.pf,
    s.plusMinus,
    s.minutes,
    runId,
  ]);
}
