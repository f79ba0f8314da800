/** A local alert webhook for integration tests: it keeps every JSON body POSTed to it. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AlertWebhook {
  url: string;
  /** The bodies received, in order. */
  posts: unknown[];
  close(): Promise<void>;
}

export async function startAlertWebhook(): Promise<AlertWebhook> {
  const posts: unknown[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      posts.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/alerts`,
    posts,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
