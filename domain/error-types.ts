/**
 * ApplicationFailure types that no retry can fix: listed in every retry policy so Temporal stops
 * at once. The NBA client and the database layer throw them (nba/errors.ts, db/errors.ts).
 */
export const NON_RETRYABLE_ERROR_TYPES = [
  'InvalidSeasonInput',
  'NbaClientError',
  'NbaResponseInvalid',
  'DbInputInvalid',
  'DbConstraintViolation',
  'DbSchemaMismatch',
  'DbRunNotFound',
  'RawResponseMissing',
] as const;
