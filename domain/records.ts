/**
 * The records the pipeline loads, in the shape of the PostgreSQL tables (camelCase here,
 * snake_case in SQL). The source side (nba/) produces them; the load side (db/) upserts them.
 * Pure types: safe to import from workflows.
 */
import type { SeasonType } from './season.js';

export interface TeamRecord {
  teamId: number;
  abbreviation: string;
  fullName: string;
  nickname: string;
  city: string;
  state: string;
  yearFounded: number;
}

export interface MatchRecord {
  gameId: string; // '0022300061': leading zeros kept
  season: string; // 'YYYY-YY'
  seasonType: SeasonType;
  gameDate: string; // 'YYYY-MM-DD'
  homeTeamId: number;
  awayTeamId: number;
  homeScore: number;
  awayScore: number;
  /** Both rows read "A @ B" (Mexico City, Paris, NBA Cup semifinals/final): home is B by convention. */
  neutralSite: boolean;
}

export interface TeamGameStatRecord {
  gameId: string;
  teamId: number;
  isHome: boolean;
  wl: 'W' | 'L' | null;
  pts: number;
  fgm: number | null;
  fga: number | null;
  fgPct: number | null;
  fg3m: number | null;
  fg3a: number | null;
  fg3Pct: number | null;
  ftm: number | null;
  fta: number | null;
  ftPct: number | null;
  oreb: number | null;
  dreb: number | null;
  reb: number | null;
  ast: number | null;
  stl: number | null;
  blk: number | null;
  tov: number | null;
  pf: number | null;
  plusMinus: number | null;
  minutes: number | null;
}

export interface PlayerRecord {
  playerId: number;
  fullName: string;
  /** nullable columns: older roster layouts lack some of them */
  nickname: string | null;
  playerSlug: string | null;
  birthDate: string | null; // 'YYYY-MM-DD'
  height: string | null; // '6-9'
  weight: number | null; // lb
  school: string | null;
  experience: string | null; // 'R' or years as text, as the API gives it
}

export interface RosterRecord {
  season: string;
  teamId: number;
  playerId: number;
  jersey: string | null;
  position: string | null;
  howAcquired: string | null;
  age: number | null;
}

/** One team's games for a season, ready to load in one transaction (parents first). */
export interface TeamGamesBatch {
  matches: MatchRecord[];
  stats: TeamGameStatRecord[];
}

/** One team's roster for a season, ready to load in one transaction (parents first). */
export interface RosterBatch {
  players: PlayerRecord[];
  rosters: RosterRecord[];
}

/** What one upsert changed, per table. */
export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export type TableName = 'teams' | 'players' | 'rosters' | 'matches' | 'team_game_stats';
export type LoadCounts = Partial<Record<TableName, UpsertCounts>>;
