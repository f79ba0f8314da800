/**
 * Synthetic team_game_stats-shaped rows for the load benchmarks:
 * two stat rows per game, games spread over as many seasons as the row count needs, all 30 real
 * team ids so the foreign keys hold.
 */
import { getTableColumns } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { matches as matchesTable, teamGameStats } from '../db/schema.js';
import type { MatchRecord, TeamGameStatRecord } from '../domain/records.js';
import { NBA_TEAM_IDS } from '../domain/team-ids.js';
import { TYPICAL_BOX_SCORE } from '../test/support/sample-records.js';

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
        ...TYPICAL_BOX_SCORE,
        plusMinus: isHome ? 5 : -5,
      });
    }
  }
  return { matches, stats };
}

/** COPY text format: tab-separated, \N for NULL (none of these values holds a tab or backslash). */
export function copyText(values: readonly unknown[]): string {
  return values.map((v) => (v === null || v === undefined ? '\\N' : String(v))).join('\t') + '\n';
}

/**
 * COPY column list and line writer for a data table, from its columns in db/schema.ts: the record's
 * fields in table order, then last_run_id (created_at and updated_at take their defaults).
 */
function copyFormat<R extends object>(
  table: PgTable,
): { columns: string[]; line: (record: R, runId: string) => string } {
  const fields = Object.entries(getTableColumns(table)).filter(
    ([, column]) => !['created_at', 'updated_at', 'last_run_id'].includes(column.name),
  );
  return {
    columns: [...fields.map(([, column]) => column.name), 'last_run_id'],
    line: (record, runId) =>
      copyText([...fields.map(([key]) => (record as Record<string, unknown>)[key]), runId]),
  };
}

const matchCopy = copyFormat<MatchRecord>(matchesTable);
export const MATCH_COPY_COLUMNS = matchCopy.columns;
export const matchCopyLine = matchCopy.line;

const statCopy = copyFormat<TeamGameStatRecord>(teamGameStats);
export const STAT_COPY_COLUMNS = statCopy.columns;
export const statCopyLine = statCopy.line;
