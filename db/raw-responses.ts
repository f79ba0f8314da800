/**
 * Raw landing: API response bodies stored once per (endpoint, parameters, content), before they are
 * transformed, so a season can be rebuilt without calling the API again.
 */
import { createHash } from 'node:crypto';
import type { Database } from './client.js';
import { inputInvalid, toDbFailure } from './errors.js';

export interface LandedResponse {
  endpoint: string;
  /** All parameters sent, sorted by name (exactly the query string). */
  paramsKey: string;
  params: Record<string, string>;
  /** The parsed JSON document (object or array), never the text: only what parsed as JSON lands. */
  body: unknown;
  fetchedAt: string;
  runId: string;
}

export interface StoredResponse {
  id: number;
  body: unknown;
  fetchedAt: string;
  lastFetchedAt: string;
}

export function contentHash(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

/** Stores the body unless the same one is stored already (then only its last-fetched time moves). */
export async function landRawResponse(
  database: Database,
  r: LandedResponse,
): Promise<{ id: number; stored: boolean }> {
  // A string here would be text that was never parsed (a garbled body would land as a JSON string).
  if (typeof r.body !== 'object' || r.body === null) {
    throw inputInvalid(
      `raw_responses: the body of ${r.endpoint}?${r.paramsKey} must be a parsed JSON object or array, got ${r.body === null ? 'null' : typeof r.body}`,
    );
  }
  try {
    const { rows } = await database.pool.query<{ id: string; stored: boolean }>(
      `INSERT INTO raw_responses (endpoint, params_key, params, content_hash, body, fetched_at, run_id, last_fetched_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $6)
       ON CONFLICT (endpoint, params_key, content_hash) DO UPDATE
         SET last_fetched_at = greatest(raw_responses.last_fetched_at, excluded.last_fetched_at)
       RETURNING id, (xmax = 0) AS stored`,
      [
        r.endpoint,
        r.paramsKey,
        JSON.stringify(r.params),
        contentHash(r.body),
        JSON.stringify(r.body),
        r.fetchedAt,
        r.runId,
      ],
    );
    const row = rows[0]!;
    return { id: Number(row.id), stored: row.stored };
  } catch (error) {
    throw toDbFailure(error, 'raw_responses');
  }
}

/** The body the API gave last for this request, if it was fetched at or after `notBefore`. */
export async function latestRawResponse(
  database: Database,
  q: { endpoint: string; paramsKey: string; notBefore?: Date },
): Promise<StoredResponse | undefined> {
  try {
    const { rows } = await database.pool.query<{
      id: string;
      body: unknown;
      fetched_at: Date;
      last_fetched_at: Date;
    }>(
      `SELECT id, body, fetched_at, last_fetched_at FROM raw_responses
        WHERE endpoint = $1 AND params_key = $2 AND last_fetched_at >= $3
        ORDER BY last_fetched_at DESC, id DESC LIMIT 1`,
      [q.endpoint, q.paramsKey, (q.notBefore ?? new Date(0)).toISOString()],
    );
    const row = rows[0];
    return row
      ? {
          id: Number(row.id),
          body: row.body,
          fetchedAt: row.fetched_at.toISOString(),
          lastFetchedAt: row.last_fetched_at.toISOString(),
        }
      : undefined;
  } catch (error) {
    throw toDbFailure(error, 'raw_responses');
  }
}
