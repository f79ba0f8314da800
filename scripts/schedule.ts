import { main } from '../cli/schedule.js';

try {
  await main(process.argv);
} catch (err) {
  process.stderr.write(`schedule: ${(err as Error).message}\n`);
  process.exitCode = 1;
}
