import { describe, expect, it } from 'vitest';
import { NBA_TEAMS } from '../../../nba/teams.js';
import { realTeams } from '../../support/season-data.js';
import { SHARED_DATA_DIR } from '../../support/shared-data.js';
import { hasNbaData } from '../../support/index.js';

describe.skipIf(!hasNbaData())(`NBA_TEAMS vs nba_api 1.11.4's static teams in ${SHARED_DATA_DIR}`, () => {
  it('equals get_teams() field by field', () => {
    expect(NBA_TEAMS).toEqual(realTeams());
  });
});
