import { describe, expect, it } from 'vitest';
import { nodeRuntimeLine } from '../../../lib/node-runtime.js';

describe('nodeRuntimeLine', () => {
  it("names the version and the binary, and calls the one setup put in .tools/ the project's", () => {
    expect(nodeRuntimeLine('v26.12.1', '/repo/.tools/node-26.12.1/bin/node')).toBe(
      "running on Node.js v26.12.1, the project's (/repo/.tools/node-26.12.1/bin/node)",
    );
  });

  it("calls any other the system's (the image's in Docker)", () => {
    expect(nodeRuntimeLine('v26.12.1', '/usr/local/bin/node')).toBe(
      "running on Node.js v26.12.1, the system's (/usr/local/bin/node)",
    );
  });

  it('describes this process by default', () => {
    expect(nodeRuntimeLine()).toContain(`Node.js ${process.version}`);
  });
});
