import { describe, expect, it } from 'vitest';
import { FaultBook, parseFaultSpec, validateFaults } from '../../../replay/faults.js';

describe('replay fault rules', () => {
  it('parses CLI specs kind?key=value&…', () => {
    expect(parseFaultSpec('rate-limit?teams=1610612737,1610612738&retryAfter=2&firstN=3')).toEqual({
      kind: 'rate-limit',
      teamIds: [1610612737, 1610612738],
      retryAfter: '2',
      firstN: 3,
    });
    expect(parseFaultSpec('latency?ms=250&rate=0.5&endpoint=commonteamroster')).toEqual({
      kind: 'latency',
      latencyMs: 250,
      rate: 0.5,
      endpoint: 'commonteamroster',
    });
    expect(parseFaultSpec('hang')).toEqual({ kind: 'hang' });
  });

  it('rejects unknown kinds, keys and out-of-range values with the reason', () => {
    expect(() => parseFaultSpec('explode')).toThrow(/fault 'explode'.*kind/);
    expect(() => parseFaultSpec('hang?when=now')).toThrow(/unknown key 'when'/);
    expect(() => parseFaultSpec('hang?rate=2')).toThrow(/rate/);
    expect(() => validateFaults([{ kind: 'hang', colour: 'red' }])).toThrow(/invalid faults/);
    expect(validateFaults({ faults: [{ kind: 'reset', retryAfter: 5 }] })).toEqual([
      { kind: 'reset', retryAfter: '5' },
    ]);
  });

  it('matches by endpoint and TeamID, counts firstN per rule, and honours the rate', () => {
    const book = new FaultBook(
      [
        { kind: 'server-error', endpoint: 'commonteamroster', firstN: 2 },
        { kind: 'hang', teamIds: [1610612737] },
        { kind: 'drop-team-games', teamIds: [1610612740] },
        { kind: 'latency', rate: 0 },
      ],
      42,
    );
    const kinds = (endpoint: string, teamId?: number) => book.draw({ endpoint, teamId }).map((r) => r.kind);
    expect(kinds('commonteamroster', 1610612737)).toEqual(['server-error', 'hang']);
    expect(kinds('commonteamroster', 1610612738)).toEqual(['server-error']);
    expect(kinds('commonteamroster', 1610612738)).toEqual([]); // firstN used up
    expect(kinds('leaguegamefinder', 1610612740)).toEqual(['drop-team-games']);
    expect(kinds('leaguegamefinder')).toEqual(['drop-team-games']); // all-team query: drop that team's rows
    expect(kinds('leaguegamefinder', 1610612741)).toEqual([]);
  });

  it('draws reproducibly from a seed, at roughly the given rate', () => {
    const run = (seed: number) => {
      const book = new FaultBook([{ kind: 'reset', rate: 0.3 }], seed);
      return Array.from(
        { length: 1000 },
        () => book.draw({ endpoint: 'leaguegamefinder', teamId: undefined }).length,
      );
    };
    expect(run(7)).toEqual(run(7));
    const hits = run(7).reduce((a, b) => a + b, 0);
    expect(hits).toBeGreaterThan(240);
    expect(hits).toBeLessThan(360);
  });

  it('parses the cutoff spec: every, seconds and mode (hang or a status)', () => {
    expect(parseFaultSpec('cutoff?every=25&seconds=15&mode=hang')).toEqual({
      kind: 'cutoff',
      every: 25,
      seconds: 15,
      mode: 'hang',
    });
    expect(parseFaultSpec('cutoff?mode=403')).toEqual({ kind: 'cutoff', mode: 403 });
    expect(() => parseFaultSpec('cutoff?mode=sometimes')).toThrow(/fault 'cutoff\?mode=sometimes'.*mode/);
    expect(() => parseFaultSpec('cutoff?every=0')).toThrow(/every/);
  });

  it('starts a cutoff after every `every` answers, for `seconds`, on every endpoint, then serves again', () => {
    const book = new FaultBook([{ kind: 'cutoff', every: 3, seconds: 10, mode: 429 }], 1);
    expect(book.draw({ endpoint: 'leaguegamefinder', teamId: 1 })).toEqual([]); // not a per-request fault
    book.answered(0);
    book.answered(1);
    expect(book.cutoffAt(2)).toBeUndefined();
    book.answered(2); // the third answer starts cutoff 1 at t=2, until t=10_002
    expect(book.cutoffAt(3)).toEqual({ ordinal: 1, mode: 429 });
    expect(book.cutoffAt(10_001)).toEqual({ ordinal: 1, mode: 429 });
    book.answered(5_000); // a request answered before the cutoff began does not count
    expect(book.cutoffAt(10_002)).toBeUndefined();
    book.answered(10_003);
    book.answered(10_004);
    book.answered(10_005);
    expect(book.cutoffAt(10_006)).toEqual({ ordinal: 2, mode: 429 });
    expect(new FaultBook([{ kind: 'cutoff' }]).list()).toEqual([{ kind: 'cutoff' }]);
  });
});
