/**
 * The browser-like header set nba_api 1.11.4 sends to stats.nba.com (`STATS_HEADERS` in
 * src/nba_api/stats/library/http.py; identical to its 2026-02 recorded requests). stats.nba.com
 * hangs requests it does not like, and what it likes changes, so callers can override any of these.
 * `Host` is left to the HTTP stack, which derives it from the base URL (stats.nba.com by default).
 */
export const DEFAULT_NBA_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'User-Agent':
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/145.0.0.0 Safari/537.36',
  Accept: 'application/json, text/plain, */*',
  'Accept-Language': 'en-US,en;q=0.5',
  'Accept-Encoding': 'gzip, deflate, br',
  Connection: 'keep-alive',
  Referer: 'https://www.nba.com/',
  Pragma: 'no-cache',
  'Cache-Control': 'no-cache',
  'Sec-Ch-Ua': '"Not:A-Brand";v="99", "Google Chrome";v="145", "Chromium";v="145"',
  'Sec-Ch-Ua-Mobile': '?0',
  'Sec-Fetch-Dest': 'empty',
});

/**
 * Overrides merged over the defaults, matching names case-insensitively (HTTP header names are).
 * An override with an empty value removes that header.
 */
export function mergeHeaders(
  defaults: Readonly<Record<string, string>>,
  overrides: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const merged = new Map<string, [name: string, value: string]>();
  for (const [name, value] of Object.entries(defaults)) merged.set(name.toLowerCase(), [name, value]);
  for (const [name, value] of Object.entries(overrides)) {
    if (value === '') merged.delete(name.toLowerCase());
    else merged.set(name.toLowerCase(), [name, value]);
  }
  return Object.fromEntries(merged.values());
}
