/**
 * The line every entry point (main job, worker, CLIs, bench, tests) prints at start: the Node.js that
 * runs it. The project's own is the one scripts/ensure-node.sh fetched into .tools/ (the system's being
 * older than .node-version's); any other is the system's, the image's in Docker.
 */
import path from 'node:path';

export function nodeRuntimeLine(version = process.version, execPath = process.execPath): string {
  const fetchedBySetup = execPath.split(path.sep).includes('.tools');
  return `running on Node.js ${version}, the ${fetchedBySetup ? "project's" : "system's"} (${execPath})`;
}
