/**
 * The /metrics endpoint over HTTP: the pipeline's registry followed by the Temporal SDK's exporter
 * text; still answering (with nba_temporal_sdk_metrics_up 0) when the SDK's exporter is down.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPipelineMetrics } from '../../../lib/metrics.js';
import { freeLocalPort } from '../../../lib/free-ports.js';
import { startMetricsServer, type MetricsServer } from '../../../lib/metrics-server.js';
import { sampleValue, scrape } from '../../support/prometheus-text.js';

const SDK_TEXT =
  '# HELP temporal_fake_total a stand-in SDK counter\n# TYPE temporal_fake_total counter\ntemporal_fake_total{service_name="temporal-core-sdk"} 7\n';

describe('metrics server', () => {
  const metrics = createPipelineMetrics({ processMetrics: false });
  let sdk: http.Server;
  let sdkUrl: string;
  const servers: MetricsServer[] = [];

  beforeAll(async () => {
    sdk = http.createServer((req, res) => {
      if (req.url === '/metrics') res.writeHead(200, { 'content-type': 'text/plain' }).end(SDK_TEXT);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => sdk.listen(0, '127.0.0.1', resolve));
    sdkUrl = `http://127.0.0.1:${(sdk.address() as AddressInfo).port}/metrics`;
    metrics.apiRequests.inc({ endpoint: 'leaguegamefinder', outcome: 'ok' }, 2);
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    await new Promise((resolve) => sdk.close(resolve));
  });

  it('answers our metrics followed by the SDK’s, in Prometheus text format', async () => {
    const server = await startMetricsServer({
      registry: metrics.registry,
      port: 0,
      host: '127.0.0.1',
      sdkMetricsUrl: sdkUrl,
    });
    servers.push(server);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/metrics`);
    const { text, samples, contentType } = await scrape(server.url);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(
      sampleValue(samples, 'nba_api_requests_total', { endpoint: 'leaguegamefinder', outcome: 'ok' }),
    ).toBe(2);
    expect(sampleValue(samples, 'temporal_fake_total')).toBe(7);
    expect(sampleValue(samples, 'nba_temporal_sdk_metrics_up')).toBe(1);
    expect(text.indexOf('nba_api_requests_total')).toBeLessThan(text.indexOf('temporal_fake_total'));
  });

  it('still answers ours, with nba_temporal_sdk_metrics_up 0, when the SDK exporter is down', async () => {
    const onSdkError = vi.fn();
    const deadPort = await freeLocalPort();
    const server = await startMetricsServer({
      registry: metrics.registry,
      port: 0,
      host: '127.0.0.1',
      sdkMetricsUrl: `http://127.0.0.1:${deadPort}/metrics`,
      onSdkError,
    });
    servers.push(server);
    const { samples } = await scrape(server.url);
    expect(
      sampleValue(samples, 'nba_api_requests_total', { endpoint: 'leaguegamefinder', outcome: 'ok' }),
    ).toBe(2);
    expect(sampleValue(samples, 'nba_temporal_sdk_metrics_up')).toBe(0);
    expect(samples.some((s) => s.name.startsWith('temporal_'))).toBe(false);
    expect(onSdkError).toHaveBeenCalledTimes(1);
  });

  it('serves only GET/HEAD /metrics', async () => {
    const server = await startMetricsServer({ registry: metrics.registry, port: 0, host: '127.0.0.1' });
    servers.push(server);
    const origin = new URL(server.url).origin;
    expect((await fetch(`${origin}/`)).status).toBe(404);
    expect((await fetch(server.url, { method: 'POST' })).status).toBe(405);
    const head = await fetch(server.url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const { text } = await scrape(`${server.url}?name[]=x`);
    expect(text).not.toContain('nba_temporal_sdk_metrics_up'); // no SDK configured: no health gauge
  });

  it('close() frees the port', async () => {
    const server = await startMetricsServer({ registry: metrics.registry, port: 0, host: '127.0.0.1' });
    await server.close();
    await expect(fetch(server.url)).rejects.toThrow();
  });
});
