/** Prints the dev server's dynamic config (lib/temporal-dev-server.ts) as `KEY=VALUE` lines for the shell scripts. */
import { DEV_SERVER_DYNAMIC_CONFIG } from '../../lib/temporal-dev-server.js';

for (const [key, value] of Object.entries(DEV_SERVER_DYNAMIC_CONFIG)) {
  process.stdout.write(`${key}=${value}\n`);
}
