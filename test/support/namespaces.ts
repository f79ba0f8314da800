/**
 * A Temporal namespace of its own for a test file: workflow ids that are deterministic by design
 * (one per season) cannot collide with another file's runs on the shared test server.
 */
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time.js';
import { temporal } from '@temporalio/proto';
import { SEARCH_ATTRIBUTE_TYPES } from '../../domain/search-attributes.js';
import { uniqueTaskQueue } from './ids.js';

const KEYWORD = temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;

export async function createIsolatedNamespace(address: string, prefix = 'test'): Promise<string> {
  const namespace = uniqueTaskQueue(prefix);
  const connection = await Connection.connect({ address });
  try {
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: msToTs('1 day'),
    });
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(
        Object.keys(SEARCH_ATTRIBUTE_TYPES).map((name) => [name, KEYWORD]),
      ),
    });
  } finally {
    await connection.close();
  }
  return namespace;
}
