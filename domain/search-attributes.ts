/**
 * Custom search attributes the pipeline sets, so runs can be filtered in the Web UI and with
 * `temporal workflow list --query "NbaSeason='2023-24'"`. The dev-server script registers the same
 * names (scripts/lib/search-attributes.sh reads SEARCH_ATTRIBUTE_TYPES through tsx).
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const NbaSeason = defineSearchAttributeKey('NbaSeason', SearchAttributeType.KEYWORD);
export const NbaSeasonType = defineSearchAttributeKey('NbaSeasonType', SearchAttributeType.KEYWORD);
export const NbaRunStatus = defineSearchAttributeKey('NbaRunStatus', SearchAttributeType.KEYWORD);

/** Set by Temporal itself on the runs a schedule starts (never registered nor set here): who and when. */
export const TemporalScheduledById = defineSearchAttributeKey(
  'TemporalScheduledById',
  SearchAttributeType.KEYWORD,
);
export const TemporalScheduledStartTime = defineSearchAttributeKey(
  'TemporalScheduledStartTime',
  SearchAttributeType.DATETIME,
);

/** name → type, as `temporal operator search-attribute create` takes them. */
export const SEARCH_ATTRIBUTE_TYPES: Record<string, 'Keyword'> = {
  NbaSeason: 'Keyword',
  NbaSeasonType: 'Keyword',
  NbaRunStatus: 'Keyword',
};
