import { describe, expect, it } from 'vitest';
import { DEFAULT_NBA_HEADERS, mergeHeaders } from '../../../nba/headers.js';

describe('nba headers', () => {
  it('carries the nba_api 1.11.4 browser header set, without Host (derived from the base URL)', () => {
    expect(DEFAULT_NBA_HEADERS['Referer']).toBe('https://www.nba.com/');
    expect(DEFAULT_NBA_HEADERS['User-Agent']).toContain('Chrome/145.0.0.0');
    expect(Object.keys(DEFAULT_NBA_HEADERS).map((h) => h.toLowerCase())).not.toContain('host');
    expect(Object.keys(DEFAULT_NBA_HEADERS).map((h) => h.toLowerCase())).not.toContain('x-nba-stats-token');
  });

  it('merges overrides case-insensitively; an empty value removes the header', () => {
    const merged = mergeHeaders(DEFAULT_NBA_HEADERS, {
      'user-agent': 'Test/1.0',
      Origin: 'https://www.nba.com',
      'Sec-Fetch-Dest': '',
    });
    expect(merged['user-agent']).toBe('Test/1.0');
    expect(merged['User-Agent']).toBeUndefined();
    expect(merged['Origin']).toBe('https://www.nba.com');
    expect(merged['Sec-Fetch-Dest']).toBeUndefined();
    expect(merged['Accept']).toBe(DEFAULT_NBA_HEADERS['Accept']);
  });
});
