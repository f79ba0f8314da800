/** What the global setups (global-setup.ts, unit-global-setup.ts) hand to the tests through `inject(…)`. */
declare module 'vitest' {
  export interface ProvidedContext {
    /** host:port of the test run's own Temporal dev server (in-memory). */
    temporalAddress: string;
    /** http://127.0.0.1:<port>: that server's Web UI (UI 2.50). */
    temporalUiUrl: string;
    temporalNamespace: string;
    /** The Temporal CLI binary the server runs from (for tests that drive the CLI). */
    temporalCliPath: string;
    /** A PostgreSQL database created (and migrated) for this test run, dropped at its end. */
    databaseUrl: string;
    /** Folder of the real NBA data (may not exist: check hasNbaData()). */
    nbaDataDir: string;
    /** The pipeline's workflow code, bundled once for every worker of the run (WORKFLOW_BUNDLE_PATH). */
    workflowBundlePath: string;
    /** Unit runs: the folder of the workflow bundles the run's files share (shared-workflow-bundles.ts). */
    workflowBundleDir: string;
  }
}

export {};
