/** Once per vitest run (a reporter, unlike the config file, is not read again per project): its Node.js. */
import type { Reporter } from 'vitest/node';
import { nodeRuntimeLine } from '../../lib/node-runtime.js';

export default class NodeRuntimeReporter implements Reporter {
  onInit(): void {
    process.stderr.write(`vitest: ${nodeRuntimeLine()}\n`);
  }
}
