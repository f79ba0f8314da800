import { main } from '../cli/ingest.js';

try {
  await main(process.argv);
} catch (err) {
  process.stderr.write(`ingest: ${(err as Error).message}\n`);
  process.exitCode = 1;
}
