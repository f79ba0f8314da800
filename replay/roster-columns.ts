/** The CommonTeamRoster result set's columns, in stats.nba.com's order: every roster the replay answers has them. */
export const ROSTER_HEADERS = [
  'TeamID',
  'SEASON',
  'LeagueID',
  'PLAYER',
  'NICKNAME',
  'PLAYER_SLUG',
  'NUM',
  'POSITION',
  'HEIGHT',
  'WEIGHT',
  'BIRTH_DATE',
  'AGE',
  'EXP',
  'SCHOOL',
  'PLAYER_ID',
  'HOW_ACQUIRED',
];
