/** Parsed rows → the records domain/records.ts describes. */
export { transformTeamGames, type TeamGamesContext } from './transform-games.js';
export { transformRoster, type RosterContext } from './transform-roster.js';
export { transformPlayerGames, type PlayerGamesContext } from './transform-player-games.js';
