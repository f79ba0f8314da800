import { describe, expect, it } from 'vitest';
import { NON_RETRYABLE_DB_ERRORS } from '../../../db/errors.js';
import { NON_RETRYABLE_ERROR_TYPES } from '../../../domain/error-types.js';
import { NON_RETRYABLE_NBA_ERRORS } from '../../../nba/errors.js';

describe('retry policies', () => {
  it('list every non-retryable error type the NBA client and the database layer throw', () => {
    for (const type of [...NON_RETRYABLE_NBA_ERRORS, ...NON_RETRYABLE_DB_ERRORS]) {
      expect(NON_RETRYABLE_ERROR_TYPES).toContain(type);
    }
  });
});
