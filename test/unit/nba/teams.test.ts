import { describe, expect, it } from 'vitest';
import { NBA_TEAMS, isNbaTeamId, teamIdForAbbreviation } from '../../../nba/teams.js';

describe('NBA_TEAMS', () => {
  it('holds the 30 franchises with contiguous ids 1610612737–1610612766 and unique abbreviations', () => {
    expect(NBA_TEAMS).toHaveLength(30);
    expect(NBA_TEAMS.map((t) => t.teamId)).toEqual(Array.from({ length: 30 }, (_, i) => 1610612737 + i));
    expect(new Set(NBA_TEAMS.map((t) => t.abbreviation)).size).toBe(30);
    for (const team of NBA_TEAMS) {
      expect(team.fullName).toContain(team.nickname);
      expect(team.yearFounded).toBeGreaterThanOrEqual(1946);
    }
    expect(Object.isFrozen(NBA_TEAMS)).toBe(true);
  });

  it('resolves today’s and historical abbreviations to the same TEAM_ID', () => {
    expect(teamIdForAbbreviation('BKN')).toBe(1610612751);
    expect(teamIdForAbbreviation('NJN')).toBe(1610612751);
    expect(teamIdForAbbreviation('NOH')).toBe(1610612740);
    expect(teamIdForAbbreviation('NOK')).toBe(1610612740);
    expect(teamIdForAbbreviation('SEA')).toBe(1610612760);
    expect(teamIdForAbbreviation('cha')).toBe(1610612766);
    expect(teamIdForAbbreviation('XYZ')).toBeUndefined();
    expect(isNbaTeamId(1610612766)).toBe(true);
    expect(isNbaTeamId(1612709889)).toBe(false); // G League
  });
});
