/**
 * Webpack options for bundling workflow code, shared by the worker, the bundle build and the tests.
 * Our ESM TypeScript imports end in `.js` (NodeNext) while the files on disk are `.ts`: the resolver must
 * try `.ts` for a `.js` specifier. Temporal 1.24's bundler already does; this keeps it true whatever the
 * SDK's default becomes, without clobbering other resolve settings.
 */
import type { WorkerOptions } from '@temporalio/worker';

type WebpackConfigHook = NonNullable<NonNullable<WorkerOptions['bundlerOptions']>['webpackConfigHook']>;
type WebpackConfiguration = Parameters<WebpackConfigHook>[0];

export interface WorkflowBundlerOptions {
  webpackConfigHook: (config: WebpackConfiguration) => WebpackConfiguration;
}

export function workflowBundlerOptions(): WorkflowBundlerOptions {
  return {
    webpackConfigHook(config) {
      const resolve = config.resolve ?? {};
      const jsAliases = resolve.extensionAlias?.['.js'];
      const current = jsAliases === undefined ? [] : Array.isArray(jsAliases) ? jsAliases : [jsAliases];
      const withTs = current.includes('.ts')
        ? current
        : ['.ts', ...current.filter((e) => e !== '.js'), '.js'];
      return {
        ...config,
        resolve: { ...resolve, extensionAlias: { ...resolve.extensionAlias, '.js': withTs } },
      };
    },
  };
}
