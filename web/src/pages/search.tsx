import type { SearchResult } from '../../../src/store/types.ts';
import { MARK_CLOSE, MARK_OPEN } from '../../../src/store/query.ts';
import { api, qs } from '../api.ts';
import { rootLabel } from '../cameo.ts';
import { Empty, ErrorNote, Loading, Section, TableExport, useAsync } from '../components/common.tsx';
import { href, links, navigate } from '../router.ts';

const PARAMS = ['q', 'outlet', 'from', 'to', 'entity'] as const;
const PAGE = 20;

/** Search snippets mark matches with «…»; render them as <mark> elements, all as text nodes. */
function Snippet({ text }: { text: string }) {
  const parts: (string | preact.JSX.Element)[] = [];
  let rest = text;
  let k = 0;
  while (rest) {
    const a = rest.indexOf(MARK_OPEN);
    const b = a >= 0 ? rest.indexOf(MARK_CLOSE, a + 1) : -1;
    if (a < 0 || b < 0) {
      parts.push(rest);
      break;
    }
    if (a > 0) parts.push(rest.slice(0, a));
    parts.push(<mark key={k++}>{rest.slice(a + 1, b)}</mark>);
    rest = rest.slice(b + 1);
  }
  return <p class="snippet">{parts}</p>;
}

export function SearchPage({ query }: { query: URLSearchParams }) {
  const p: Record<string, string> = {};
  for (const k of PARAMS) {
    const v = query.get(k);
    if (v) p[k] = v;
  }
  const offset = Number(query.get('offset') ?? 0) || 0;
  const key = JSON.stringify([p, offset]);
  const res = useAsync(
    (signal) =>
      p.q
        ? api<SearchResult>(`/search${qs({ ...p, limit: PAGE, offset })}`, { signal })
        : Promise.resolve(null),
    [key],
  );
  const go = (change: Record<string, string | undefined>) => {
    const next: Record<string, string | undefined> = { ...p, ...change };
    navigate(href(['search'], next));
  };
  const r = res.data;
  return (
    <div class="page">
      <form
        class="searchbar"
        onSubmit={(e) => {
          e.preventDefault();
          const v = new FormData(e.currentTarget as HTMLFormElement).get('q');
          go({ q: typeof v === 'string' ? v.trim() : '' });
        }}
      >
        <input
          name="q"
          type="search"
          value={p.q ?? ''}
          placeholder="Search the corpus…"
          aria-label="Search"
        />
        <button class="btn primary" type="submit">
          Search
        </button>
      </form>
      <div class="active-filters">
        {(['outlet', 'from', 'to', 'entity'] as const).map((k) =>
          p[k] ? (
            <button key={k} type="button" class="chip removable" onClick={() => go({ [k]: undefined })}>
              {k}: {p[k]} ✕
            </button>
          ) : null,
        )}
      </div>
      {!p.q ? <Empty>Type a query: words, "exact phrases", or a name.</Empty> : null}
      {res.error ? <ErrorNote error={res.error} /> : null}
      {res.loading && p.q ? <Loading what="Searching" /> : null}
      {r ? (
        <div class="search-layout">
          <aside class="facets" aria-label="Facets">
            <Facet title="Outlet" items={r.facets.outlet} onPick={(v) => go({ outlet: v })} />
            <Facet
              title="Year"
              items={r.facets.year}
              onPick={(v) => go({ from: `${v}-01-01`, to: `${v}-12-31` })}
            />
            <Facet
              title="Entity"
              items={r.facets.entity}
              label={(v) => v.replace(/^[A-Z]+:/, '')}
              onPick={(v) => go({ entity: v })}
            />
            <Facet
              title="Event type"
              items={r.facets.eventRoot}
              label={rootLabel}
              onPick={(v) => navigate(links.timeline({ code: v, ...(p.entity ? { entity: p.entity } : {}) }))}
              hint="opens the timeline"
            />
          </aside>
          <Section
            title={`${r.total.toLocaleString()} result${r.total === 1 ? '' : 's'}`}
            actions={
              <TableExport name="search-results" rows={r.hits as unknown as Record<string, unknown>[]} />
            }
          >
            {!r.hits.length ? <Empty>No documents match.</Empty> : null}
            <ol class="hits" data-testid="hits" start={offset + 1}>
              {r.hits.map((h) => (
                <li key={h.documentId}>
                  <a href={links.doc(h.documentId)} class="hit-title">
                    {h.title ?? '(untitled)'}
                  </a>
                  <div class="muted">
                    {h.outlet ?? '—'} · {h.published ?? 'undated'}
                  </div>
                  <Snippet text={h.snippet} />
                </li>
              ))}
            </ol>
            <div class="pager">
              {offset > 0 ? (
                <a href={href(['search'], { ...p, offset: String(Math.max(0, offset - PAGE)) })}>
                  ← previous
                </a>
              ) : (
                <span />
              )}
              {offset + PAGE < r.total ? (
                <a href={href(['search'], { ...p, offset: String(offset + PAGE) })}>next →</a>
              ) : null}
            </div>
          </Section>
        </div>
      ) : null}
    </div>
  );
}

function Facet({
  title,
  items,
  onPick,
  label = (v) => v,
  hint,
}: {
  title: string;
  items: { value: string; count: number }[];
  onPick: (v: string) => void;
  label?: (v: string) => string;
  hint?: string;
}) {
  return (
    <div class="facet">
      <h3 title={hint}>{title}</h3>
      {items.length ? (
        <ul>
          {items.map((f) => (
            <li key={f.value}>
              <button type="button" class="facet-item" onClick={() => onPick(f.value)}>
                <span>{label(f.value)}</span>
                <span class="muted">{f.count}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <div class="muted">—</div>
      )}
    </div>
  );
}
