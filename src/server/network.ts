import type { EntityType } from '../document/types.ts';
import type { Store } from '../store/types.ts';

export interface NetworkNode {
  id: string;
  name: string;
  type: EntityType;
  country: string | null;
  documents: number;
  mentions: number;
}

export interface NetworkEdge {
  source: string;
  target: string;
  kind: 'co-mention' | 'event';
  weight: number;
  /** Mean Goldstein score of the events behind an event edge. */
  meanGoldstein?: number;
}

export interface Network {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

export interface NetworkOptions {
  nodes: number;
  minWeight: number;
  type?: EntityType;
  /** Most events scanned for event edges. */
  maxEvents?: number;
}

/**
 * The actor network: the most-mentioned entities, joined by co-mention edges
 * (undirected, weight = documents mentioning both) and event edges (directed
 * source → target, weight = events). Linear in entities × co-mentions + events.
 */
export async function buildNetwork(store: Store, opts: NetworkOptions): Promise<Network> {
  const candidates = await store.entities({
    limit: Math.max(200, opts.nodes * 4),
    offset: 0,
    type: opts.type,
  });
  const top = [...candidates]
    .sort((a, b) => b.documents - a.documents || b.mentions - a.mentions || a.name.localeCompare(b.name))
    .slice(0, opts.nodes);
  const nodes: NetworkNode[] = top.map((e) => ({
    id: e.key,
    name: e.name,
    type: e.type,
    country: e.country,
    documents: e.documents,
    mentions: e.mentions,
  }));
  const inGraph = new Set(nodes.map((n) => n.id));

  const co = new Map<string, number>();
  const details = await Promise.all(top.map((e) => store.entity(e.key)));
  for (const d of details) {
    if (!d) continue;
    for (const m of d.coMentions) {
      if (!inGraph.has(m.key) || m.key === d.key) continue;
      const pair = d.key < m.key ? `${d.key}\u0000${m.key}` : `${m.key}\u0000${d.key}`;
      co.set(pair, Math.max(co.get(pair) ?? 0, m.count));
    }
  }
  const edges: NetworkEdge[] = [];
  for (const [pair, weight] of co) {
    if (weight < opts.minWeight) continue;
    const [source, target] = pair.split('\u0000');
    edges.push({ source, target, kind: 'co-mention', weight });
  }

  const ev = new Map<string, { n: number; g: number }>();
  const maxEvents = opts.maxEvents ?? 5000;
  const pageSize = 500;
  for (let offset = 0; offset < maxEvents; offset += pageSize) {
    const page = await store.events({ limit: pageSize, offset });
    for (const e of page) {
      if (!e.sourceKey || !e.targetKey || e.sourceKey === e.targetKey) continue;
      if (!inGraph.has(e.sourceKey) || !inGraph.has(e.targetKey)) continue;
      const k = `${e.sourceKey}\u0000${e.targetKey}`;
      const cur = ev.get(k) ?? { n: 0, g: 0 };
      cur.n++;
      cur.g += e.goldstein;
      ev.set(k, cur);
    }
    if (page.length < pageSize) break;
  }
  for (const [k, { n, g }] of ev) {
    if (n < opts.minWeight) continue;
    const [source, target] = k.split('\u0000');
    edges.push({ source, target, kind: 'event', weight: n, meanGoldstein: Math.round((g / n) * 100) / 100 });
  }
  return { nodes, edges };
}
