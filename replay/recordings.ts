/**
 * Recorded stats.nba.com response bodies, served byte-for-byte when a request's query matches the
 * recorded one exactly (same non-empty parameters, same values). The query comes from
 * `_recordings_index.json` when the body is listed there, else from the body's own `parameters` echo.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface Recording {
  file: string;
  endpoint: string;
  /** normalised non-empty parameters, see queryKey() */
  key: string;
}

/** Names compared case-insensitively and without '_' (the echo writes GtFg3Pct for GtFG3_PCT). */
export function queryKey(params: Iterable<[string, unknown]>): string {
  const kept: string[] = [];
  for (const [name, value] of params) {
    if (value === null || value === undefined || String(value) === '') continue;
    kept.push(`${name.toLowerCase().replace(/_/g, '')}=${String(value)}`);
  }
  return kept.sort().join('&');
}

interface IndexEntry {
  file?: unknown;
  endpoint?: unknown;
  query?: unknown;
}

export async function loadRecordings(indexFiles: string[], jsonFiles: string[]): Promise<Recording[]> {
  const recordings: Recording[] = [];
  const indexed = new Set<string>();

  for (const indexFile of indexFiles) {
    const index = JSON.parse(await readFile(indexFile, 'utf8')) as { recordings?: IndexEntry[] };
    for (const entry of index.recordings ?? []) {
      if (typeof entry.file !== 'string' || typeof entry.endpoint !== 'string' || !Array.isArray(entry.query))
        continue;
      const file = path.join(path.dirname(indexFile), entry.file);
      if (!jsonFiles.includes(file)) continue;
      indexed.add(file);
      const endpoint = entry.endpoint.split('/').filter(Boolean).pop()?.toLowerCase() ?? '';
      recordings.push({ file, endpoint, key: queryKey(entry.query as [string, unknown][]) });
    }
  }

  for (const file of jsonFiles) {
    if (indexed.has(file)) continue;
    let body: unknown;
    try {
      body = JSON.parse(await readFile(file, 'utf8'));
    } catch {
      continue; // not JSON: not a recording
    }
    const { resource, parameters, resultSets } = (body ?? {}) as Record<string, unknown>;
    if (
      typeof resource !== 'string' ||
      !Array.isArray(resultSets) ||
      typeof parameters !== 'object' ||
      !parameters
    ) {
      continue;
    }
    // leaguegamefinder answers with resource "leaguegamefinderparameters"
    const endpoint = resource.toLowerCase().replace(/parameters$/, '');
    recordings.push({ file, endpoint, key: queryKey(Object.entries(parameters)) });
  }
  return recordings;
}
