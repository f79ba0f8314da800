/** What test/cluster/global-setup.ts adds to the integration keys (test/support/provided-context.ts). */
declare module 'vitest' {
  export interface ProvidedContext {
    /** The environment scripts/temporal-cluster.sh was started with: pass it again to restart the cluster. */
    temporalClusterEnv: Record<string, string>;
  }
}

export {};
