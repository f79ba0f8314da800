/** The alert webhook: one JSON POST whose failure never fails the run (logged, reported false). */
import { log } from '@temporalio/activity';
import got from 'got';

export async function sendAlert(url: string, payload: object): Promise<boolean> {
  try {
    await got.post(url, { json: payload, timeout: { request: 5_000 }, retry: { limit: 0 } });
    return true;
  } catch (err) {
    log.warn('alert webhook failed; the run goes on', { error: (err as Error).message });
    return false;
  }
}
