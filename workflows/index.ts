export { ingestSeason } from './ingest-season.js';
export { progressQuery } from './progress-query.js';
export type { IngestSeasonInput, IngestSeasonResult } from './ingest-season.js';
export { backfillSeasons, backfillProgressQuery } from './backfill-seasons.js';
export type { BackfillInput, BackfillResult, SeasonSummary } from './backfill-seasons.js';
export { scheduledIngest } from './scheduled-ingest.js';
export type { ScheduledIngestInput, ScheduledIngestResult } from './scheduled-ingest.js';
