import { main } from '../cli/schedule.js';
import { nodeRuntimeLine } from '../lib/node-runtime.js';

process.stderr.write(`schedule: ${nodeRuntimeLine()}\n`);

try {
  await main(process.argv);
} catch (err) {
  process.stderr.write(`schedule: ${(err as Error).message}\n`);
  process.exitCode = 1;
}
