/** Prints N (the argument) free ports below the ephemeral range, one a line (lib/free-ports.ts). */
import { freePortsBelowEphemeral } from '../../lib/free-ports.js';

const count = Number(process.argv[2]);
if (!Number.isInteger(count) || count <= 0)
  throw new Error(`expected a port count, got '${process.argv[2]}'`);
process.stdout.write((await freePortsBelowEphemeral(count)).map((port) => `${port}\n`).join(''));
