/**
 * Free TCP ports below Linux's ephemeral range (32768+), for servers that must come back on the same
 * port: a client reconnecting to a port of the ephemeral range while its server is down can be given
 * that very port as its own source port and connect to itself, which then blocks the restart. The
 * Temporal server also stores its membership ports in a smallint column.
 */
import { createServer } from 'node:net';

const LOW = 20_000;
const HIGH = 32_767;

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer().once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** `count` distinct ports in 20000-32767 that nothing listens on right now. */
export async function freePortsBelowEphemeral(count: number): Promise<number[]> {
  const found = new Set<number>();
  for (let tries = 0; found.size < count && tries < 1000; tries++) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW + 1));
    if (!found.has(port) && (await isFree(port))) found.add(port);
  }
  if (found.size < count) throw new Error(`no ${count} free ports in ${LOW}-${HIGH}`);
  return [...found];
}
