/**
 * The worker's Prometheus endpoint: `GET /metrics` answers the pipeline's own metrics (prom-client)
 * followed by the Temporal SDK's runtime metrics, which Core serves on an internal 127.0.0.1 port
 * (Runtime telemetryOptions.metrics.prometheus) and which are fetched on every scrape. One scrape
 * target per worker; the internal port stays private.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Gauge, Registry } from 'prom-client';

export interface MetricsServerOptions {
  registry: Registry;
  /** 0 picks a free port (see `port` on the result). */
  port: number;
  /** Default 0.0.0.0, so that a Prometheus on another host can scrape it. */
  host?: string;
  /** The Temporal SDK's exporter, e.g. http://127.0.0.1:9464/metrics; unset = our metrics only. */
  sdkMetricsUrl?: string;
  /** How long one scrape waits for the SDK's exporter (default 2 s). */
  sdkTimeoutMs?: number;
  /** Told when the SDK's metrics could not be fetched (the scrape still answers ours). */
  onSdkError?: (error: Error) => void;
}

export interface MetricsServer {
  /** http://host:port/metrics */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The exporter's address for Runtime.install and the URL this server fetches from it. */
export function sdkPrometheusEndpoint(port: number): { bindAddress: string; url: string } {
  return { bindAddress: `127.0.0.1:${port}`, url: `http://127.0.0.1:${port}/metrics` };
}

async function fetchText(url: string, timeoutMs: number): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return response.text();
}

export async function startMetricsServer(opts: MetricsServerOptions): Promise<MetricsServer> {
  // Scrape health of the SDK's exporter, kept apart from the caller's registry.
  const ownRegistry = new Registry();
  const sdkUp = new Gauge({
    name: 'nba_temporal_sdk_metrics_up',
    help: '1 when the Temporal SDK runtime metrics were included in this scrape, else 0',
    registers: [ownRegistry],
  });

  const render = async (): Promise<string> => {
    let sdkText = '';
    if (opts.sdkMetricsUrl) {
      try {
        sdkText = await fetchText(opts.sdkMetricsUrl, opts.sdkTimeoutMs ?? 2_000);
        sdkUp.set(1);
      } catch (error) {
        sdkUp.set(0);
        opts.onSdkError?.(error as Error);
      }
    }
    const parts = [
      await opts.registry.metrics(),
      ...(opts.sdkMetricsUrl ? [await ownRegistry.metrics()] : []),
      sdkText,
    ];
    return parts.map((part) => (part && !part.endsWith('\n') ? `${part}\n` : part)).join('');
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: scrape /metrics\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed\n');
      return;
    }
    const body = await render();
    res.writeHead(200, { 'content-type': opts.registry.contentType });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`metrics unavailable: ${(error as Error).message}\n`);
    });
  });
  const host = opts.host ?? '0.0.0.0';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host === '0.0.0.0' ? '127.0.0.1' : host;
  return {
    url: `http://${urlHost}:${port}/metrics`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
