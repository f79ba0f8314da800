/** Links into the Temporal Web UI for a run. */
export function webUiRunUrl(opts: {
  temporalAddress: string;
  uiPort: number;
  namespace: string;
  workflowId: string;
  runId: string;
}): string {
  const host = opts.temporalAddress.split(':')[0] || '127.0.0.1';
  const path = [opts.namespace, 'workflows', opts.workflowId, opts.runId, 'history']
    .map(encodeURIComponent)
    .join('/');
  return `http://${host}:${opts.uiPort}/namespaces/${path}`;
}
