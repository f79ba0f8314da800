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

/**
 * The 20 box-score fields of one team's game, in column order: the record's field, the
 * LeagueGameFinder header it is read from, and what it holds. TeamGameStatRecord, the parser's
 * columns (nba/parse.ts), the record checks (db/validate.ts) and the benchmark's COPY format
 * derive from this list; db/schema.ts declares each column with its comment and checks at compile
 * time that its columns are exactly these.
 *  - count: a whole number ≥ 0 (points, makes, attempts, rebounds…, MIN = the team's player minutes);
 *  - fraction: a percentage as the API sends it, in [0, 1] (0.471); NULL with 0 attempts;
 *  - number: any real (PLUS_MINUS, fractional in a few real rows).
 * Only points are always present; the others are NULL in old or partial rows.
 */
export const BOX_SCORE_FIELDS = {
  minutes: { header: 'MIN', kind: 'count' },
  pts: { header: 'PTS', kind: 'count', required: true },
  fgm: { header: 'FGM', kind: 'count' },
  fga: { header: 'FGA', kind: 'count' },
  fgPct: { header: 'FG_PCT', kind: 'fraction' },
  fg3m: { header: 'FG3M', kind: 'count' },
  fg3a: { header: 'FG3A', kind: 'count' },
  fg3Pct: { header: 'FG3_PCT', kind: 'fraction' },
  ftm: { header: 'FTM', kind: 'count' },
  fta: { header: 'FTA', kind: 'count' },
  ftPct: { header: 'FT_PCT', kind: 'fraction' },
  oreb: { header: 'OREB', kind: 'count' },
  dreb: { header: 'DREB', kind: 'count' },
  reb: { header: 'REB', kind: 'count' },
  ast: { header: 'AST', kind: 'count' },
  stl: { header: 'STL', kind: 'count' },
  blk: { header: 'BLK', kind: 'count' },
  tov: { header: 'TOV', kind: 'count' },
  pf: { header: 'PF', kind: 'count' },
  plusMinus: { header: 'PLUS_MINUS', kind: 'number' },
} as const satisfies Record<string, BoxScoreFieldSpec>;

export interface BoxScoreFieldSpec {
  header: string;
  kind: 'count' | 'fraction' | 'number';
  required?: true;
}

export type BoxScoreField = keyof typeof BOX_SCORE_FIELDS;

/** The box-score values of one team's game: numbers, NULL where the API had none (never for points). */
export type BoxScore = {
  [K in BoxScoreField]: (typeof BOX_SCORE_FIELDS)[K] extends { required: true } ? number : number | null;
};

/** Just the box-score fields of a row or record that carries them (and more). */
export function boxScoreOf(source: BoxScore): BoxScore {
  return Object.fromEntries(
    Object.keys(BOX_SCORE_FIELDS).map((field) => [field, source[field as BoxScoreField]]),
  ) as BoxScore;
}

export interface TeamGameStatRecord extends BoxScore {
  gameId: string;
  teamId: number;
  isHome: boolean;
  wl: 'W' | 'L' | null;
}

/**
 * One player's line in one game (`leaguegamefinder` with PlayerOrTeam=P): the same box-score fields
 * as a team's (BOX_SCORE_FIELDS; MIN is his whole minutes), keyed by game and player.
 */
export interface PlayerGameStatRecord extends BoxScore {
  gameId: string;
  playerId: number;
  teamId: number;
  season: string; // 'YYYY-YY'
  seasonType: SeasonType;
  gameDate: string; // 'YYYY-MM-DD'
}

/**
 * A player as game rows name him (id and name only): enough to make him known when he is on no
 * stored roster, never enough to overwrite what a roster said about him.
 */
export type GamePlayerRecord = Pick<PlayerRecord, 'playerId' | 'fullName'>;

/** Every player's lines of a set of games, and the players they name (parents first). */
export interface PlayerGamesBatch {
  players: GamePlayerRecord[];
  stats: PlayerGameStatRecord[];
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

export type TableName = 'teams' | 'players' | 'rosters' | 'matches' | 'team_game_stats' | 'player_game_stats';
export type LoadCounts = Partial<Record<TableName, UpsertCounts>>;

export function addCounts(total: LoadCounts, more: LoadCounts): LoadCounts {
  const sum: LoadCounts = { ...total };
  for (const [table, c] of Object.entries(more) as [TableName, UpsertCounts][]) {
    const prev = sum[table] ?? { inserted: 0, updated: 0, unchanged: 0 };
    sum[table] = {
      inserted: prev.inserted + c.inserted,
      updated: prev.updated + c.updated,
      unchanged: prev.unchanged + c.unchanged,
    };
  }
  return sum;
}
