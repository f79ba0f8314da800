/** Rosters only where they changed: the comparison of playerindex with the stored rosters. */
import { describe, expect, it } from 'vitest';
import { teamsWithChangedRosters } from '../../../domain/roster-diff.js';

const [BOS, NYK, LAL] = [1610612738, 1610612752, 1610612747];
const TEAMS = [BOS, NYK, LAL];
const stored = [
  { playerId: 1, teamId: BOS },
  { playerId: 2, teamId: BOS },
  { playerId: 3, teamId: NYK },
  { playerId: 4, teamId: LAL },
];

describe('teamsWithChangedRosters', () => {
  it('nobody moved: no team (a free agent on no team changes nothing)', () => {
    expect(teamsWithChangedRosters([...stored, { playerId: 9, teamId: null }], stored, TEAMS)).toEqual([]);
  });

  it('a trade changes both teams, in the order of the teams given', () => {
    const index = stored.map((p) => (p.playerId === 2 ? { ...p, teamId: LAL } : p));
    expect(teamsWithChangedRosters(index, stored, TEAMS)).toEqual([BOS, LAL]);
  });

  it('a waived player changes his old team; a signing changes the new one', () => {
    const waived = stored.map((p) => (p.playerId === 3 ? { ...p, teamId: null } : p));
    expect(teamsWithChangedRosters(waived, stored, TEAMS)).toEqual([NYK]);
    expect(teamsWithChangedRosters([...stored, { playerId: 7, teamId: LAL }], stored, TEAMS)).toEqual([LAL]);
  });

  it('nothing stored yet: every team with players; only the teams asked about', () => {
    expect(teamsWithChangedRosters(stored, [], TEAMS)).toEqual(TEAMS);
    expect(teamsWithChangedRosters(stored, [], [NYK])).toEqual([NYK]);
  });
});
