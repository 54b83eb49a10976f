import cytoscape from 'cytoscape';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { NetworkEdge, NetworkNode } from '../../../src/server/network.ts';
import { api, qs } from '../api.ts';
import { TYPE_COLORS } from '../cameo.ts';
import { Empty, ErrorNote, Loading, Section, TableExport, useAsync } from '../components/common.tsx';
import { dataUrlToBlob, download } from '../exporting.ts';
import { href, links, navigate } from '../router.ts';

interface Network {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function goldsteinColor(g: number | undefined): string {
  if (g === undefined) return '#6c757d';
  return g < -1 ? '#c8553d' : g > 1 ? '#2a9d8f' : '#e9a03b';
}

/** Keeps every event edge, and a co-mention edge only when it is among the k heaviest of either end. */
function strongestEdges(edges: NetworkEdge[], k: number): NetworkEdge[] {
  const by = new Map<string, NetworkEdge[]>();
  for (const e of edges) {
    if (e.kind !== 'co-mention') continue;
    for (const n of [e.source, e.target]) by.set(n, [...(by.get(n) ?? []), e]);
  }
  const keep = new Set<NetworkEdge>();
  for (const list of by.values()) {
    for (const e of [...list].sort((a, b) => b.weight - a.weight).slice(0, k)) keep.add(e);
  }
  return edges.filter((e) => e.kind === 'event' || keep.has(e));
}

/** SVG of the laid-out graph (cytoscape draws on canvas; this writes the same picture as vectors). */
function toSvg(cy: cytoscape.Core): string {
  const bb = cy.elements().boundingBox({});
  const pad = 20;
  const w = Math.ceil(bb.w + pad * 2);
  const h = Math.ceil(bb.h + pad * 2);
  const x = (v: number) => (v - bb.x1 + pad).toFixed(1);
  const y = (v: number) => (v - bb.y1 + pad).toFixed(1);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
  ];
  cy.edges().forEach((e) => {
    const s = e.source().position();
    const t = e.target().position();
    out.push(
      `<line x1="${x(s.x)}" y1="${y(s.y)}" x2="${x(t.x)}" y2="${y(t.y)}" stroke="${e.style('line-color')}" stroke-width="${Number.parseFloat(e.style('width'))}" stroke-opacity="0.7"${e.data('kind') === 'event' ? ' stroke-dasharray="6 3"' : ''}/>`,
    );
  });
  cy.nodes().forEach((n) => {
    const p = n.position();
    const r = n.width() / 2;
    out.push(
      `<circle cx="${x(p.x)}" cy="${y(p.y)}" r="${r.toFixed(1)}" fill="${n.style('background-color')}"/>`,
    );
    out.push(
      `<text x="${x(p.x)}" y="${y(p.y + r + 11)}" font-size="11" text-anchor="middle" fill="#222">${esc(String(n.data('label')))}</text>`,
    );
  });
  out.push('</svg>');
  return out.join('\n');
}

export function NetworkPage({ query }: { query: URLSearchParams }) {
  const nodes = Number(query.get('nodes') ?? 40) || 40;
  const minWeight = Number(query.get('minWeight') ?? 1) || 1;
  const [kinds, setKinds] = useState({ 'co-mention': true, event: true });
  const [strongest, setStrongest] = useState(true);
  const net = useAsync(
    (signal) => api<Network>(`/network${qs({ nodes, minWeight })}`, { signal }),
    [nodes, minWeight],
  );
  const box = useRef<HTMLDivElement>(null);
  const cyRef = useRef<cytoscape.Core | null>(null);

  useEffect(() => {
    const data = net.data;
    if (!box.current || !data) return;
    const maxMentions = Math.max(1, ...data.nodes.map((n) => n.mentions));
    const maxW = Math.max(1, ...data.edges.map((e) => e.weight));
    const edges = (strongest ? strongestEdges(data.edges, 4) : data.edges).filter((e) => kinds[e.kind]);
    const cy = cytoscape({
      container: box.current,
      elements: [
        ...data.nodes.map((n) => ({
          data: {
            id: n.id,
            label: n.name,
            color: TYPE_COLORS[n.type] ?? '#6c757d',
            size: 16 + 34 * Math.sqrt(n.mentions / maxMentions),
          },
        })),
        ...edges.map((e, i) => ({
          data: {
            id: `e${i}`,
            source: e.source,
            target: e.target,
            kind: e.kind,
            width: 1 + 7 * (e.weight / maxW),
            color: e.kind === 'event' ? goldsteinColor(e.meanGoldstein) : '#a7b1bc',
            arrow: e.kind === 'event' ? 'triangle' : 'none',
          },
        })),
      ],
      style: [
        {
          selector: 'node',
          style: {
            'background-color': 'data(color)',
            width: 'data(size)',
            height: 'data(size)',
            label: 'data(label)',
            'font-size': 10,
            'text-wrap': 'ellipsis',
            'text-max-width': '110px',
            'min-zoomed-font-size': 7,
            color: '#1f2933',
            'text-valign': 'bottom',
            'text-margin-y': 3,
            'text-outline-color': '#fff',
            'text-outline-width': 2,
          },
        },
        {
          selector: 'edge',
          style: {
            width: 'data(width)',
            'line-color': 'data(color)',
            'target-arrow-color': 'data(color)',
            'target-arrow-shape': 'data(arrow)' as cytoscape.Css.ArrowShape,
            'curve-style': 'bezier',
            opacity: 0.75,
          },
        },
        { selector: 'edge[kind = "event"]', style: { 'line-style': 'dashed' } },
        { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#1d3557' } },
      ],
      layout: {
        name: 'cose',
        animate: false,
        randomize: false,
        nodeRepulsion: () => 9000,
        idealEdgeLength: () => 90,
      },
    });
    cy.on('tap', 'node', (ev) => navigate(links.entity(ev.target.id())));
    cyRef.current = cy;
    box.current.dataset.ready = String(cy.nodes().length);
    return () => {
      cy.destroy();
      cyRef.current = null;
    };
  }, [net.data, kinds, strongest]);

  const png = () => {
    const cy = cyRef.current;
    if (cy) download('actor-network.png', dataUrlToBlob(cy.png({ full: true, scale: 2, bg: '#ffffff' })));
  };
  const svg = () => {
    const cy = cyRef.current;
    if (cy) download('actor-network.svg', toSvg(cy), 'image/svg+xml');
  };

  return (
    <div class="page">
      <h1>Actor network</h1>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          const fd = new FormData(e.currentTarget as HTMLFormElement);
          navigate(
            href(['network'], { nodes: String(fd.get('nodes')), minWeight: String(fd.get('minWeight')) }),
          );
        }}
      >
        <label>
          Entities <input name="nodes" type="number" min={2} max={200} value={nodes} />
        </label>
        <label>
          Min. edge weight <input name="minWeight" type="number" min={1} max={1000} value={minWeight} />
        </label>
        <button class="btn primary" type="submit">
          Apply
        </button>
        <label class="check">
          <input
            type="checkbox"
            checked={kinds['co-mention']}
            onChange={() => setKinds({ ...kinds, 'co-mention': !kinds['co-mention'] })}
          />
          co-mention edges
        </label>
        <label class="check">
          <input type="checkbox" checked={strongest} onChange={() => setStrongest(!strongest)} />
          strongest co-mentions only (top 4 per entity)
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={kinds.event}
            onChange={() => setKinds({ ...kinds, event: !kinds.event })}
          />
          event edges (dashed, colour = mean Goldstein)
        </label>
      </form>
      {net.error ? <ErrorNote error={net.error} /> : null}
      {net.loading && !net.data ? <Loading what="Building the network" /> : null}
      {net.data && !net.data.nodes.length ? <Empty>No entities in the store yet.</Empty> : null}
      <Section
        title={net.data ? `${net.data.nodes.length} entities · ${net.data.edges.length} edges` : 'Network'}
        actions={
          <span class="export">
            <button type="button" class="btn small" onClick={png}>
              PNG
            </button>
            <button type="button" class="btn small" onClick={svg}>
              SVG
            </button>
            <TableExport
              name="actor-network-edges"
              rows={(net.data?.edges ?? []) as unknown as Record<string, unknown>[]}
            />
          </span>
        }
      >
        <div class="legend">
          {Object.entries(TYPE_COLORS).map(([t, c]) => (
            <span key={t}>
              <span class="dot" style={{ background: c }} />
              {t}
            </span>
          ))}
          <span class="muted">click a node to open its entity page</span>
        </div>
        <div class="network" ref={box} data-testid="network" />
      </Section>
    </div>
  );
}
