import { randomUUID } from 'node:crypto';

function uniqueSuffix(): string {
  return `${Date.now().toString(36)}-${randomUUID().slice(0, 8)}`;
}

/** A task queue no other test (or earlier run on the same server) polls. */
export function uniqueTaskQueue(prefix: string): string {
  return `${prefix}-${uniqueSuffix()}`;
}

/** A workflow id that cannot collide with another test's. */
export function uniqueWorkflowId(prefix: string): string {
  return `${prefix}-${uniqueSuffix()}`;
}
