/** Hand-made rows for tests and benchmarks, with the numbers of a typical NBA team game. */
import type { BoxScore } from '../../domain/records.js';

/** One team's box score in a typical game, but for the fields that tell the two sides apart. */
export const TYPICAL_BOX_SCORE = {
  fgm: 40,
  fga: 85,
  fgPct: 0.471,
  fg3m: 12,
  fg3a: 35,
  fg3Pct: 0.343,
  ftm: 15,
  fta: 20,
  ftPct: 0.75,
  oreb: 10,
  dreb: 33,
  reb: 43,
  ast: 25,
  stl: 7,
  blk: 5,
  tov: 13,
  pf: 19,
  minutes: 240,
} satisfies Omit<BoxScore, 'pts' | 'plusMinus'>;
