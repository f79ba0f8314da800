/**
 * MATCHUP text of a LeagueGameFinder row: "BOS vs. NYK" (BOS at home) or "BOS @ NYK" (BOS away).
 * Returns which abbreviation is home and which away, as the text states it.
 */
export interface Matchup {
  home: string;
  away: string;
  /** 'vs' = written from the home side, 'at' = written "away @ home" */
  form: 'vs' | 'at';
}

const MATCHUP_PATTERN = /^\s*([A-Z0-9]{2,4})\s+(vs\.?|@)\s+([A-Z0-9]{2,4})\s*$/i;

export function parseMatchup(matchup: string): Matchup | undefined {
  const m = MATCHUP_PATTERN.exec(matchup);
  if (!m) return undefined;
  const left = (m[1] as string).toUpperCase();
  const right = (m[3] as string).toUpperCase();
  return m[2] === '@' ? { home: right, away: left, form: 'at' } : { home: left, away: right, form: 'vs' };
}
