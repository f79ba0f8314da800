/**
 * The one logger for the worker, activities (through Temporal's Runtime) and scripts.
 * Human format by default: `time | level | message key=value …`; JSON lines with LOG_FORMAT=json.
 */
import { Writable } from 'node:stream';
import { pino, type Logger, type Level } from 'pino';

export type LogFormat = 'pretty' | 'json';
export type { Logger };

// Fields too noisy for a person's terminal (the JSON format keeps them all).
const OMITTED_KEYS = new Set([
  'level',
  'time',
  'msg',
  'pid',
  'hostname',
  'sdkComponent',
  'taskQueue',
  'taskToken',
  'isLocal',
]);

function formatValue(value: unknown): string {
  if (typeof value === 'string') return /[\s"=]/.test(value) ? JSON.stringify(value) : value;
  if (value instanceof Object) return JSON.stringify(value);
  return String(value);
}

/** Renders one pino JSON line as `2026-11-27T09:40:00.000Z | info  | message key=value`. */
export function formatHumanLine(line: string): string {
  const entry = JSON.parse(line) as Record<string, unknown>;
  const level = pino.levels.labels[Number(entry.level)] ?? String(entry.level);
  const time = new Date(Number(entry.time)).toISOString();
  const fields = Object.entries(entry)
    .filter(([key, value]) => !OMITTED_KEYS.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${formatValue(value)}`);
  return [`${time} | ${level.padEnd(5)} | ${String(entry.msg ?? '')}`, ...fields].join(' ') + '\n';
}

function humanStream(out: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line) out.write(formatHumanLine(line));
      }
      done();
    },
  });
}

export function createLogger(opts: { level: Level | 'silent'; format: LogFormat; name?: string }): Logger {
  const options = { level: opts.level, base: opts.name ? { component: opts.name } : {} };
  // Logs go to stderr so that `--json` output on stdout stays machine-readable.
  return opts.format === 'json'
    ? pino(options, pino.destination({ fd: 2, sync: true }))
    : pino(options, humanStream(process.stderr));
}
