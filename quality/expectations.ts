/**
 * What a complete season should contain. Regular seasons have 1230 games since 2004-05 (30 teams ×
 * 82 / 2); the real exceptions are lockouts, a cancelled game and the 2019-20 / 2020-21 pandemic seasons.
 */
import { seasonStartYear } from '../domain/season.js';

const EXCEPTIONS: Record<string, number> = {
  '1998-99': 725,
  '2011-12': 990,
  '2012-13': 1229,
  '2019-20': 1059,
  '2020-21': 1080,
};

/** Expected regular-season game count, or undefined where the pipeline has no reliable figure. */
export function expectedRegularSeasonGames(season: string): number | undefined {
  if (EXCEPTIONS[season] !== undefined) return EXCEPTIONS[season];
  return seasonStartYear(season) >= 2004 ? 1230 : undefined;
}

/** Null-rate ceilings of key team_game_stats columns (percentages are null when nothing was attempted). */
export const NULL_RATE_LIMITS: Record<string, number> = {
  pts: 0,
  wl: 0.001,
  fgm: 0.01,
  fga: 0.01,
  reb: 0.01,
  ast: 0.01,
  minutes: 0.01,
  fg_pct: 0.01,
  ft_pct: 0.05,
};

/** A run that sees fewer than this share of the previous run's rows for the same season is anomalous. */
export const MIN_ROWS_VS_PREVIOUS_RUN = 0.9;
