import { describe, expect, it } from 'vitest';
import { NON_RETRYABLE_DB_ERRORS } from '../../../db/errors.js';
import { NON_RETRYABLE_ERROR_TYPES } from '../../../domain/error-types.js';
import { NBA_ERROR_TYPES, NON_RETRYABLE_NBA_ERRORS } from '../../../nba/errors.js';

describe('retry policies', () => {
  it('list every non-retryable error type the NBA client and the database layer throw', () => {
    for (const type of [...NON_RETRYABLE_NBA_ERRORS, ...NON_RETRYABLE_DB_ERRORS]) {
      expect(NON_RETRYABLE_ERROR_TYPES).toContain(type);
    }
  });

  it('list none of the NBA client’s retryable types (timeouts, 429, 5xx, network, garbled bodies)', () => {
    const retryable = NBA_ERROR_TYPES.filter(
      (type) => !(NON_RETRYABLE_NBA_ERRORS as readonly string[]).includes(type),
    );
    expect(retryable).toContain('NbaResponseGarbled');
    for (const type of retryable) expect(NON_RETRYABLE_ERROR_TYPES).not.toContain(type);
  });
});
