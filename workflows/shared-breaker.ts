/**
 * One breaker for a backfill and all its child seasons: the backfill holds it (BreakerHolder) and
 * runs the cooldowns and the probe; each child (ChildBreaker) only reports to it and obeys it.
 * Signals both ways, because a child must not send a request while any season is throttled, and
 * a throttle seen by one child must stop every other child at once:
 *   child → holder  `breakerReport`: hello | throttle (acked with the unit's strikes) | success | resume
 *   holder → child  `breakerState`:  the breaker's state at every change, plus acks
 * A child reports a success only during a throttling streak, so a calm run sends no signals.
 */
import {
  condition,
  defineSignal,
  getExternalWorkflowHandle,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Breaker, CooldownProgress, ThrottleSignal } from './breaker.js';
import { OwnedBreaker, type OwnedBreakerHooks, type ThrottleGate } from './throttle-gate.js';

export interface BreakerReport {
  child: string;
  seq: number;
  kind: 'hello' | 'throttle' | 'success' | 'resume';
  unit?: string;
  signal?: ThrottleSignal;
}

export interface BreakerStateUpdate {
  view: CooldownProgress;
  /** A throttling streak is under way: report successes. */
  streaking: boolean;
  /** How long a throttled lane waits for a verdict (Breaker.settleMs). */
  settleMs: number;
  ack?: { seq: number; strikes: number };
}

export const breakerReportSignal = defineSignal<[BreakerReport]>('breakerReport');
export const breakerStateSignal = defineSignal<[BreakerStateUpdate]>('breakerState');

/** Signals to a workflow that may have ended meanwhile: nothing to tell it then. */
function tell<T extends unknown[]>(
  workflowId: string,
  signal: ReturnType<typeof defineSignal<T>>,
  ...args: T
): void {
  getExternalWorkflowHandle(workflowId)
    .signal(signal, ...args)
    .catch(() => undefined);
}

export class BreakerHolder {
  readonly owned: OwnedBreaker;
  private readonly children = new Set<string>();

  constructor(
    private readonly breaker: Breaker,
    hooks: OwnedBreakerHooks,
  ) {
    this.owned = new OwnedBreaker(breaker, {
      probe: hooks.probe,
      changed: () => {
        hooks.changed();
        for (const child of this.children) this.send(child);
      },
    });
    setHandler(breakerReportSignal, (report) => this.receive(report));
  }

  /** A child that ended is told nothing more. */
  forget(child: string): void {
    this.children.delete(child);
  }

  private receive(report: BreakerReport): void {
    this.children.add(report.child);
    const unit = `${report.child}:${report.unit ?? ''}`;
    const before = { state: this.breaker.state, streaking: this.breaker.streaking };
    let strikes = 0;
    // A trip is broadcast (by `changed`) before the ack, so every child's lanes stop first.
    if (report.kind === 'throttle' && report.signal) strikes = this.owned.report(unit, report.signal);
    if (report.kind === 'success') this.owned.succeeded(unit);
    if (report.kind === 'resume') this.owned.resume();
    // A streak's start and end matter to every child (they report answers only during one).
    if (before.state === this.breaker.state && before.streaking !== this.breaker.streaking)
      for (const child of this.children) if (child !== report.child) this.send(child);
    this.send(report.child, { seq: report.seq, strikes });
  }

  private send(child: string, ack?: { seq: number; strikes: number }): void {
    tell(child, breakerStateSignal, {
      view: this.breaker.progress(),
      streaking: this.breaker.streaking,
      settleMs: this.breaker.settleMs,
      ...(ack ? { ack } : {}),
    });
  }
}

export class ChildBreaker implements ThrottleGate {
  private view: CooldownProgress | undefined;
  private streaking = false;
  private settleMs = 0;
  private seq = 0;
  private readonly acks = new Map<number, number>();

  constructor(
    private readonly holder: string,
    changed: (view: CooldownProgress) => void,
  ) {
    setHandler(breakerStateSignal, (update) => {
      const before = this.view?.state;
      this.view = update.view;
      this.streaking = update.streaking;
      this.settleMs = update.settleMs;
      if (update.ack) this.acks.set(update.ack.seq, update.ack.strikes);
      if (before !== undefined && before !== update.view.state) changed(update.view);
      else if (before === undefined && update.view.state !== 'closed') changed(update.view);
    });
    this.report('hello');
  }

  /** Closed as far as the holder says; before its first word, wait for it. */
  ready(): Promise<void> {
    return condition(() => this.view?.state === 'closed');
  }

  async throttled(unit: string, signal: ThrottleSignal): Promise<number> {
    const seq = this.report('throttle', unit, signal);
    await condition(() => this.acks.has(seq));
    const strikes = this.acks.get(seq) ?? 0;
    this.acks.delete(seq);
    if (strikes > 0) await condition(() => this.view?.state !== 'closed' || !this.streaking, this.settleMs);
    return strikes;
  }

  succeeded(unit: string): void {
    if (!this.streaking) return;
    this.streaking = false;
    this.report('success', unit);
  }

  resume(): void {
    this.report('resume');
  }

  private report(kind: BreakerReport['kind'], unit?: string, signal?: ThrottleSignal): number {
    const seq = ++this.seq;
    tell(this.holder, breakerReportSignal, {
      child: workflowInfo().workflowId,
      seq,
      kind,
      ...(unit !== undefined ? { unit } : {}),
      ...(signal ? { signal } : {}),
    });
    return seq;
  }
}
