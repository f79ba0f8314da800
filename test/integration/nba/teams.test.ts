import { describe, expect, it } from 'vitest';
import { NBA_TEAMS } from '../../../nba/teams.js';
import { SHARED_DATA_AVAILABLE, SHARED_DATA_DIR, readSharedJson } from './shared-data.js';

interface StaticTeam {
  id: number;
  full_name: string;
  abbreviation: string;
  nickname: string;
  city: string;
  state: string;
  year_founded: number;
}

describe.skipIf(!SHARED_DATA_AVAILABLE)(
  `NBA_TEAMS vs nba_api 1.11.4's static teams in ${SHARED_DATA_DIR}`,
  () => {
    it('equals get_teams() field by field', () => {
      const reference = readSharedJson<StaticTeam[]>('swar-nba_api-static-teams', 'teams.json');
      expect(NBA_TEAMS).toEqual(
        reference.map((t) => ({
          teamId: t.id,
          abbreviation: t.abbreviation,
          fullName: t.full_name,
          nickname: t.nickname,
          city: t.city,
          state: t.state,
          yearFounded: t.year_founded,
        })),
      );
    });
  },
);
