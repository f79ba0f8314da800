import { main } from '../cli/ingest.js';
import { nodeRuntimeLine } from '../lib/node-runtime.js';

process.stderr.write(`ingest: ${nodeRuntimeLine()}\n`);

try {
  await main(process.argv);
} catch (err) {
  process.stderr.write(`ingest: ${(err as Error).message}\n`);
  process.exitCode = 1;
}
