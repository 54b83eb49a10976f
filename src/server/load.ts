import { createRequire } from 'node:module';

/** A bounded HTTP load run with autocannon (loopback only), as used by the bench and the tests. */
export interface LoadOptions {
  url: string;
  connections: number;
  /** Seconds. */
  duration: number;
  /** Paths to cycle through (default: the URL's own path). */
  paths?: string[];
}

export interface LoadResult {
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  p50: number;
  p99: number;
  max: number;
  rps: number;
  bytes: number;
  seconds: number;
}

interface AutocannonResult {
  requests: { total: number; average: number };
  latency: { p50: number; p99: number; max: number };
  throughput: { total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}

type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const target = new URL(opts.url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) {
    throw new Error(`load tests run against loopback only (got ${target.hostname})`);
  }
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  const r = await autocannon({
    url: opts.url,
    connections: opts.connections,
    duration: opts.duration,
    timeout: 10,
    requests: opts.paths?.map((path) => ({ method: 'GET', path })),
  });
  return {
    requests: r.requests.total,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    rps: r.requests.average,
    bytes: r.throughput.total,
    seconds: r.duration,
  };
}
