/**
 * Synthetic seasons: a data store that makes up whole regular seasons from a seed, shaped like the
 * real ones, so that the pipeline can be measured on the whole history (1983-84 … today) where only
 * eight real seasons are on hand. Each season: today's 30 teams, 1230 games (82 a team, 41 at home,
 * one round of 15 games every other day from late October), box scores that add up (PTS from the
 * makes, REB = OREB + DREB, no ties, PLUS_MINUS the margin), 15 players a team, and final records
 * counted from those games, so the derived standings agree with them.
 *
 * Never mixed with real data: the server takes either real directories or synthetic seasons, every
 * answer says `x-replay-source: synthetic`, and player names and schools say so too. Same seed and
 * season, same answers.
 */
import { BOX_SCORE_FIELDS } from '../domain/records.js';
import { parseSeason, seasonStartYear } from '../domain/season.js';
import { NBA_TEAMS } from '../nba/teams.js';
import type { DataStore, RosterFile } from './data-store.js';
import { GAME_IDENTITY_HEADERS, gameTable, type GameTable } from './games-csv.js';
import { seededRandom } from './random.js';
import { ROSTER_HEADERS } from './roster-columns.js';
import type { SeasonRecords } from './season-records.js';

export interface SyntheticSeasonsOptions {
  /** The seasons to make up, 'YYYY-YY' each. */
  seasons: readonly string[];
  /** Default 1. */
  seed?: number;
}

export const SYNTHETIC_DEFAULT_SEED = 1;
const PLAYERS_PER_TEAM = 15;
const FIRST_GAME_DAY = { month: 9, day: 24 }; // 24 October (months from 0), a typical opening night
const DAYS_BETWEEN_ROUNDS = 2;
const TEAMS = [...NBA_TEAMS].sort((a, b) => a.teamId - b.teamId);
const GAME_HEADERS: string[] = [
  ...GAME_IDENTITY_HEADERS,
  ...Object.values(BOX_SCORE_FIELDS).map((f) => f.header),
];

interface Season {
  games: GameTable;
  records: SeasonRecords;
  rosters: Map<number, RosterFile>;
}

export function openSyntheticStore(options: SyntheticSeasonsOptions): DataStore {
  const seed = options.seed ?? SYNTHETIC_DEFAULT_SEED;
  const wanted = new Set(options.seasons.map((s) => parseSeason(s, new Date())));
  if (wanted.size === 0) throw new Error('replay: give at least one synthetic season');
  const made = new Map<string, Season>();
  // Made on first use and kept: a season is ~1 MB of rows.
  const season = (name: string): Season | undefined => {
    if (!wanted.has(name)) return undefined;
    let value = made.get(name);
    if (!value) made.set(name, (value = makeSeason(name, seed)));
    return value;
  };
  return {
    dataDirs: [],
    synthetic: true,
    seasons: () => [...wanted].sort(),
    games: (name) => Promise.resolve(season(name)?.games),
    roster: (teamId, name) => Promise.resolve(season(name)?.rosters.get(teamId)),
    records: (name) => Promise.resolve(season(name)?.records),
    // No player lines are made up (yet): a player unit of a synthetic season fails, as for any season without logs.
    playerLogSeasons: () => [],
    playerLogs: () => Promise.resolve(undefined),
    recordings: () => Promise.resolve([]),
    recordingBody: (recording) => Promise.reject(new Error(`replay: no recording ${recording.file}`)),
  };
}

/** The 82 rounds of 15 games: a double round robin (58 rounds) plus its first 12 rounds both ways. */
export function syntheticSchedule(teams: number): [home: number, away: number][][] {
  const circle = Array.from({ length: teams }, (_, i) => i);
  const single: [number, number][][] = [];
  for (let round = 0; round < teams - 1; round += 1) {
    const pairs: [number, number][] = [];
    for (let i = 0; i < teams / 2; i += 1) {
      const a = circle[i] as number;
      const b = circle[teams - 1 - i] as number;
      // Alternate who hosts so that each team is home about half of the single round robin.
      pairs.push((round + i) % 2 === 0 ? [a, b] : [b, a]);
    }
    single.push(pairs);
    circle.splice(1, 0, circle.pop() as number); // the circle method: all but the first turn by one
  }
  const swapped = (round: [number, number][]) => round.map(([h, a]) => [a, h] as [number, number]);
  const extra = single.slice(0, 12);
  return [...single, ...single.map(swapped), ...extra, ...extra.map(swapped)];
}

function makeSeason(season: string, seed: number): Season {
  const startYear = seasonStartYear(season);
  const random = seededRandom(seed * 100_003 + startYear);
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const rows: unknown[][] = [];
  const wins = new Map<number, number>(TEAMS.map((t) => [t.teamId, 0]));
  const rounds = syntheticSchedule(TEAMS.length);
  let gameNumber = 0;
  rounds.forEach((round, index) => {
    const date = new Date(Date.UTC(startYear, FIRST_GAME_DAY.month, FIRST_GAME_DAY.day));
    date.setUTCDate(date.getUTCDate() + index * DAYS_BETWEEN_ROUNDS);
    const gameDate = date.toISOString().slice(0, 10);
    for (const [homeIndex, awayIndex] of round) {
      gameNumber += 1;
      const gameId = `002${String(startYear % 100).padStart(2, '0')}${String(gameNumber).padStart(5, '0')}`;
      const home = TEAMS[homeIndex]!;
      const away = TEAMS[awayIndex]!;
      const homeBox = boxScore(between);
      const awayBox = boxScore(between, homeBox.PTS); // no ties in basketball
      const winner = homeBox.PTS > awayBox.PTS ? home : away;
      wins.set(winner.teamId, (wins.get(winner.teamId) ?? 0) + 1);
      for (const [team, box, opponentBox, matchup] of [
        [home, homeBox, awayBox, `${home.abbreviation} vs. ${away.abbreviation}`],
        [away, awayBox, homeBox, `${away.abbreviation} @ ${home.abbreviation}`],
      ] as const) {
        const cells: Record<string, unknown> = {
          SEASON_ID: `2${startYear}`,
          TEAM_ID: team.teamId,
          TEAM_ABBREVIATION: team.abbreviation,
          TEAM_NAME: team.fullName,
          GAME_ID: gameId,
          GAME_DATE: gameDate,
          MATCHUP: matchup,
          WL: team === winner ? 'W' : 'L',
          ...box,
          PLUS_MINUS: box.PTS - opponentBox.PTS,
        };
        rows.push(GAME_HEADERS.map((header) => cells[header] ?? null));
      }
    }
  });
  return {
    // leaguegamefinder lists the newest games first
    games: gameTable(season, GAME_HEADERS, rows.reverse(), `synthetic ${season}`),
    records: TEAMS.map((t) => ({
      teamId: t.teamId,
      abbreviation: t.abbreviation,
      wins: wins.get(t.teamId) ?? 0,
      losses: 82 - (wins.get(t.teamId) ?? 0),
    })),
    rosters: new Map(TEAMS.map((t, i) => [t.teamId, roster(t, i, startYear, between)])),
  };
}

type Box = Record<string, number | null> & { PTS: number };

/**
 * One team's box score, internally consistent: PTS from the makes, REB = OREB + DREB, percentages
 * from makes ÷ attempts. Never `notPts` points: one more free throw settles a tie.
 */
function boxScore(between: (low: number, high: number) => number, notPts?: number): Box {
  const fga = between(78, 95);
  const fgm = between(Math.round(fga * 0.4), Math.round(fga * 0.52));
  const fg3a = between(12, 42);
  const fg3m = Math.min(fgm, between(Math.round(fg3a * 0.28), Math.round(fg3a * 0.42)));
  const fta = between(12, 32);
  let ftm = between(Math.round(fta * 0.65), fta - 1);
  let pts = 2 * fgm + fg3m + ftm;
  if (pts === notPts) {
    ftm += 1;
    pts += 1;
  }
  const oreb = between(6, 15);
  const dreb = between(28, 40);
  const pct = (made: number, attempts: number) => Math.round((made / attempts) * 1000) / 1000;
  return {
    MIN: 240,
    PTS: pts,
    FGM: fgm,
    FGA: fga,
    FG_PCT: pct(fgm, fga),
    FG3M: fg3m,
    FG3A: fg3a,
    FG3_PCT: pct(fg3m, fg3a),
    FTM: ftm,
    FTA: fta,
    FT_PCT: pct(ftm, fta),
    OREB: oreb,
    DREB: dreb,
    REB: oreb + dreb,
    AST: between(17, 30),
    STL: between(4, 11),
    BLK: between(2, 8),
    TOV: between(9, 18),
    PF: between(15, 25),
  };
}

const POSITIONS = ['G', 'G', 'F', 'F', 'C'];
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** 15 made-up players, ids unique per season and team (7xxxxxxx: far from real PLAYER_IDs). */
function roster(
  team: (typeof TEAMS)[number],
  teamIndex: number,
  startYear: number,
  between: (low: number, high: number) => number,
): RosterFile {
  const rows = Array.from({ length: PLAYERS_PER_TEAM }, (_, slot) => {
    const playerId = 70_000_000 + startYear * 1000 + teamIndex * PLAYERS_PER_TEAM + slot;
    const age = between(19, 36);
    const name = `Synthetic ${team.abbreviation}${String(slot + 1).padStart(2, '0')}`;
    const cells: Record<string, unknown> = {
      TeamID: team.teamId,
      SEASON: String(startYear),
      LeagueID: '00',
      PLAYER: name,
      NICKNAME: 'Synthetic',
      PLAYER_SLUG: name.toLowerCase().replace(' ', '-'),
      NUM: String(slot),
      POSITION: POSITIONS[slot % POSITIONS.length],
      HEIGHT: `6-${between(0, 11)}`,
      WEIGHT: String(between(180, 260)),
      BIRTH_DATE: `${MONTHS[between(0, 11)]} ${between(1, 28)}, ${startYear - age}`,
      AGE: age,
      EXP: String(Math.max(0, age - 21)),
      SCHOOL: 'Synthetic',
      PLAYER_ID: playerId,
      HOW_ACQUIRED: null,
    };
    return ROSTER_HEADERS.map((header) => cells[header] ?? null);
  });
  return { headers: ROSTER_HEADERS, rows };
}
