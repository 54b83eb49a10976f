import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type AppOptions, createApp } from './app.ts';
import { isLoopbackHost } from './ssrf.ts';

export { type AppOptions, createApp, CSP, DEFAULT_LIMITS } from './app.ts';
export { ApiError } from './errors.ts';

export interface ServeOptions extends AppOptions {
  host?: string;
  port?: number;
}

export interface RunningServer {
  url: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

/** A configuration problem that stops the server from starting (printed as one line by the CLI). */
export class ServeConfigError extends Error {}

/**
 * Binds the API + UI on host:port (default 127.0.0.1:8787). On a non-loopback
 * address a token is mandatory: the server refuses to start without one.
 */
export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? 8787;
  if (!isLoopbackHost(host) && !opts.token) {
    throw new ServeConfigError(
      `refusing to listen on ${host} without a token: set ATTACHE_TOKEN (write endpoints will require it)`,
    );
  }
  const app = createApp(opts);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: host, port }) as Server;
    s.once('error', (err: NodeJS.ErrnoException) => {
      reject(
        new ServeConfigError(
          err.code === 'EADDRINUSE'
            ? `port ${port} on ${host} is already in use (choose another with --port)`
            : `cannot listen on ${host}:${port}: ${err.message}`,
        ),
      );
    });
    s.once('listening', () => resolve(s));
  });
  server.keepAliveTimeout = 10_000;
  server.headersTimeout = 15_000;
  server.requestTimeout = 60_000;
  const addr = server.address() as AddressInfo;
  const shownHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${shownHost}:${addr.port}/`,
    host: addr.address,
    port: addr.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
