/**
 * LeagueGameFinder team rows → `matches` (one per GAME_ID) and `team_game_stats` (one per game and team).
 *
 * Home and away come from MATCHUP: "X vs. Y" → home X, away Y; "X @ Y" → away X, home Y, read the same
 * way from either team's row. Neutral-site rule: at neutral sites (Mexico City, Paris, NBA Cup
 * semifinals/final) stats.nba.com writes BOTH rows "A @ B", so no row says "vs.". We keep B as the
 * nominal home team (as the text says) and flag the game neutral when we see the row of B, the team
 * on the home side of an "@" matchup. A batch without B's row cannot see the flag; the database
 * merges neutral_site with OR, so the game ends up flagged once B's batch is loaded. The 2025-26 game log
 * writes neutral-site games the other way, each row from its own side ("A @ B" and "B @ A": both teams
 * away); with both rows in the batch that game is flagged neutral and the lower TEAM_ID is the nominal
 * home team (a batch holding one such row cannot tell it from a normal away game).
 *
 * Scores: each team's own PTS is exact. The opponent's score is PTS - PLUS_MINUS (rounded), an
 * estimate: NBA.com's PLUS_MINUS is sometimes fractional or off by a few points (87 of 2460 regular-season rows in
 * 2017-18). When both rows of a game are in the input, each side's score comes from its own row.
 */
import {
  boxScoreOf,
  type MatchRecord,
  type TeamGameStatRecord,
  type TeamGamesBatch,
} from '../domain/records.js';
import { GAME_ID_PREFIX, seasonStartYear, type SeasonType } from '../domain/season.js';
import { nbaFailure } from './errors.js';
import { parseMatchup } from './matchup.js';
import type { LeagueGameFinderRow } from './parse.js';
import { addUnlessRepeated, compareText } from './repeated-rows.js';
import { isNbaTeamId, teamIdForAbbreviation } from './teams.js';

export interface TeamGamesContext {
  season: string;
  seasonType: SeasonType;
}

export function transformTeamGames(rows: LeagueGameFinderRow[], ctx: TeamGamesContext): TeamGamesBatch {
  const fail = (problem: string) =>
    nbaFailure(
      'NbaResponseInvalid',
      { endpoint: 'leaguegamefinder', params: { Season: ctx.season, SeasonType: ctx.seasonType } },
      problem,
    );

  const prefix = GAME_ID_PREFIX[ctx.seasonType];
  // Only NBA rows of the requested season type: preseason (001), All-Star (003) and the NBA Cup
  // final (006, not a regular-season game) are dropped, as are rows of non-NBA teams.
  const kept = rows.filter((row) => row.gameId.startsWith(prefix) && isNbaTeamId(row.teamId));

  const seasonDigits = String(seasonStartYear(ctx.season));
  const wrongSeason = kept.find((row) => row.seasonId.slice(1) !== seasonDigits);
  if (wrongSeason) {
    throw fail(`game ${wrongSeason.gameId} has SEASON_ID ${wrongSeason.seasonId}, not season ${ctx.season}`);
  }

  // Abbreviations seen on the rows themselves win over the reference table (historical names).
  const seenAbbreviations = new Map(kept.map((row) => [row.teamAbbreviation.toUpperCase(), row.teamId]));
  const resolve = (abbreviation: string) =>
    seenAbbreviations.get(abbreviation) ?? teamIdForAbbreviation(abbreviation);

  const stats = new Map<string, TeamGameStatRecord>();
  const sides = new Map<string, TeamSide[]>();

  for (const row of kept) {
    const side = teamSide(row, resolve, fail);
    const stat = statRecord(row, side.ownIsHome);
    const where = `game ${stat.gameId} team ${stat.teamId}`;
    if (addUnlessRepeated(stats, `${stat.gameId}:${stat.teamId}`, stat, where, fail)) {
      const list = sides.get(row.gameId);
      if (list) list.push(side);
      else sides.set(row.gameId, [side]);
    }
  }

  for (const list of sides.values()) nominalHomeOfMirroredNeutral(list, stats);
  const matches = [...sides.entries()].map(([id, list]) => matchRecord(id, list, ctx, fail));
  return {
    matches: matches.sort((a, b) => compareText(a.gameId, b.gameId)),
    stats: [...stats.values()].sort((a, b) => compareText(a.gameId, b.gameId) || a.teamId - b.teamId),
  };
}

/** One team's view of a game, from its own row. */
interface TeamSide {
  row: LeagueGameFinderRow;
  homeTeamId: number;
  awayTeamId: number;
  ownIsHome: boolean;
  opponentEstimate: number;
  neutralSite: boolean;
}

/** Reads one row: which side the team is on, who the opponent is, and the opponent's score estimate. */
function teamSide(
  row: LeagueGameFinderRow,
  resolve: (abbreviation: string) => number | undefined,
  fail: (problem: string) => Error,
): TeamSide {
  const where = `game ${row.gameId} team ${row.teamId}`;
  const matchup = parseMatchup(row.matchup);
  if (!matchup) throw fail(`${where}: MATCHUP '${row.matchup}' is neither "X vs. Y" nor "X @ Y"`);

  const own = row.teamAbbreviation.toUpperCase();
  let ownIsHome: boolean;
  if (matchup.home === own || (matchup.away !== own && resolve(matchup.home) === row.teamId))
    ownIsHome = true;
  else if (matchup.away === own || resolve(matchup.away) === row.teamId) ownIsHome = false;
  else throw fail(`${where}: MATCHUP '${row.matchup}' does not name the row's team ${row.teamAbbreviation}`);

  const opponentAbbreviation = ownIsHome ? matchup.away : matchup.home;
  const opponentId = resolve(opponentAbbreviation);
  if (opponentId === undefined || !isNbaTeamId(opponentId) || opponentId === row.teamId) {
    throw fail(
      `${where}: opponent '${opponentAbbreviation}' in MATCHUP '${row.matchup}' is not a known NBA team`,
    );
  }
  if (row.plusMinus === null) throw fail(`${where}: PLUS_MINUS is null, so the opponent's score is unknown`);
  // PLUS_MINUS is sometimes fractional or off by a few points on NBA.com: this is an estimate,
  // replaced by the opponent's own PTS when that row is in the batch.
  const opponentEstimate = Math.round(row.pts - row.plusMinus);
  if (opponentEstimate < 0)
    throw fail(`${where}: PTS ${row.pts} - PLUS_MINUS ${row.plusMinus} is not a score`);

  return {
    row,
    homeTeamId: ownIsHome ? row.teamId : opponentId,
    awayTeamId: ownIsHome ? opponentId : row.teamId,
    ownIsHome,
    opponentEstimate,
    // the neutral-site rule (see the top of this file)
    neutralSite: ownIsHome && matchup.form === 'at',
  };
}

/**
 * "A @ B" on A's row and "B @ A" on B's: a neutral-site game written from each side (2025-26). The
 * lower TEAM_ID becomes the nominal home team, on its side and its stat row, so both sides agree.
 */
function nominalHomeOfMirroredNeutral(sides: TeamSide[], stats: Map<string, TeamGameStatRecord>): void {
  const [a, b] = sides;
  if (sides.length !== 2 || !a || !b || a.ownIsHome || b.ownIsHome) return;
  if (a.homeTeamId !== b.row.teamId || b.homeTeamId !== a.row.teamId || a.row.gameDate !== b.row.gameDate)
    return;
  const [home, away] = a.row.teamId < b.row.teamId ? [a, b] : [b, a];
  for (const side of sides) {
    side.homeTeamId = home.row.teamId;
    side.awayTeamId = away.row.teamId;
    side.neutralSite = true;
  }
  home.ownIsHome = true;
  const homeStat = stats.get(`${home.row.gameId}:${home.row.teamId}`);
  if (homeStat) homeStat.isHome = true;
}

/**
 * Both teams' rows describe the same game and must agree on date and sides. Each score is the
 * scoring team's own PTS when its row is present, else the other row's PTS - PLUS_MINUS estimate.
 * Neutral is OR-ed (only the home side's row can see it).
 */
function matchRecord(
  gameId: string,
  sides: TeamSide[],
  ctx: TeamGamesContext,
  fail: (p: string) => Error,
): MatchRecord {
  const first = sides[0] as TeamSide;
  const disagree = sides.some(
    (s) =>
      s.homeTeamId !== first.homeTeamId ||
      s.awayTeamId !== first.awayTeamId ||
      s.row.gameDate !== first.row.gameDate,
  );
  if (disagree) {
    const detail = sides
      .map((s) => `team ${s.row.teamId}: '${s.row.matchup}' on ${s.row.gameDate}`)
      .join('; ');
    throw fail(`game ${gameId}: the rows disagree on home/away or date (${detail})`);
  }
  const home = sides.find((s) => s.ownIsHome);
  const away = sides.find((s) => !s.ownIsHome);
  return {
    gameId,
    season: ctx.season,
    seasonType: ctx.seasonType,
    gameDate: first.row.gameDate,
    homeTeamId: first.homeTeamId,
    awayTeamId: first.awayTeamId,
    homeScore: home ? home.row.pts : (away as TeamSide).opponentEstimate,
    awayScore: away ? away.row.pts : (home as TeamSide).opponentEstimate,
    neutralSite: sides.some((s) => s.neutralSite),
  };
}

function statRecord(row: LeagueGameFinderRow, isHome: boolean): TeamGameStatRecord {
  return {
    gameId: row.gameId,
    teamId: row.teamId,
    isHome,
    wl: row.wl,
    ...boxScoreOf(row),
  };
}
