/**
 * CommonTeamRoster rows → `players` (one per PLAYER_ID) and `rosters` (team, season, player).
 * Columns missing from older layouts (NICKNAME, PLAYER_SLUG, HOW_ACQUIRED in 2017-18) become null.
 */
import type { PlayerRecord, RosterBatch, RosterRecord } from '../domain/records.js';
import { seasonStartYear } from '../domain/season.js';
import { nbaFailure } from './errors.js';
import type { CommonTeamRosterRow } from './parse.js';

export interface RosterContext {
  season: string;
  teamId: number;
}

export function transformRoster(rows: CommonTeamRosterRow[], ctx: RosterContext): RosterBatch {
  const fail = (problem: string) =>
    nbaFailure(
      'NbaResponseInvalid',
      { endpoint: 'commonteamroster', params: { Season: ctx.season, TeamID: String(ctx.teamId) } },
      problem,
    );
  const startYear = String(seasonStartYear(ctx.season));
  const players = new Map<number, PlayerRecord>();
  const rosters = new Map<number, RosterRecord>();

  for (const row of rows) {
    if (row.teamId !== ctx.teamId) throw fail(`player ${row.playerId} is listed for team ${row.teamId}`);
    // SEASON is the start year ('2023'); accept 'YYYY-YY' too.
    if (row.season.slice(0, 4) !== startYear) throw fail(`player ${row.playerId} has SEASON '${row.season}'`);

    const player: PlayerRecord = {
      playerId: row.playerId,
      fullName: row.player,
      nickname: row.nickname,
      playerSlug: row.playerSlug,
      birthDate: row.birthDate,
      height: row.height,
      weight: row.weight,
      school: row.school,
      experience: row.exp,
    };
    const roster: RosterRecord = {
      season: ctx.season,
      teamId: ctx.teamId,
      playerId: row.playerId,
      jersey: row.num,
      position: row.position,
      howAcquired: row.howAcquired,
      age: row.age,
    };
    const seen = players.get(row.playerId);
    if (seen && (!sameRecord(seen, player) || !sameRecord(rosters.get(row.playerId), roster))) {
      throw fail(`player ${row.playerId} appears twice with different values`);
    }
    players.set(row.playerId, player);
    rosters.set(row.playerId, roster);
  }

  const byId = (a: { playerId: number }, b: { playerId: number }) => a.playerId - b.playerId;
  return { players: [...players.values()].sort(byId), rosters: [...rosters.values()].sort(byId) };
}

function sameRecord<T extends object>(a: T | undefined, b: T): boolean {
  return a !== undefined && (Object.keys(b) as (keyof T)[]).every((key) => a[key] === b[key]);
}
