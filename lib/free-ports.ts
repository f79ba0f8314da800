/**
 * Free TCP ports on this machine: one the OS picks, whether a given one is free, and ports below
 * Linux's ephemeral range (32768+) for servers that must come back on the same port: a client
 * reconnecting to a port of the ephemeral range while its server is down can be given that very port
 * as its own source port and connect to itself, which then blocks the restart. The Temporal server
 * also stores its membership ports in a smallint column.
 */
import { createServer, type AddressInfo } from 'node:net';

const LOW = 20_000;
const HIGH = 32_767;

/** A port nothing listens on right now on 127.0.0.1 (the OS picks it), e.g. for the SDK's exporter. */
export async function freeLocalPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Whether nothing listens on `port` of `host` right now. */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer().once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** `count` distinct ports in 20000-32767 that nothing listens on right now. */
export async function freePortsBelowEphemeral(count: number): Promise<number[]> {
  const found = new Set<number>();
  for (let tries = 0; found.size < count && tries < 1000; tries++) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW + 1));
    if (!found.has(port) && (await isPortFree(port))) found.add(port);
  }
  if (found.size < count) throw new Error(`no ${count} free ports in ${LOW}-${HIGH}`);
  return [...found];
}
