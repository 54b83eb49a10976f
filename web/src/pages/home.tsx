import type { DocumentSummary, EntityRecord, Stats } from '../../../src/store/types.ts';
import { api, type PageOf, qs } from '../api.ts';
import { TYPE_COLORS } from '../cameo.ts';
import { Empty, ErrorNote, Loading, Section, TableExport, useAsync } from '../components/common.tsx';
import { links, navigate } from '../router.ts';

export function Home({ offset }: { offset: number }) {
  const stats = useAsync((signal) => api<Stats>('/stats', { signal }), []);
  const docs = useAsync(
    (signal) => api<PageOf<DocumentSummary>>(`/documents${qs({ limit: 25, offset })}`, { signal }),
    [offset],
  );
  const ents = useAsync(
    (signal) => api<PageOf<EntityRecord>>(`/entities${qs({ limit: 18 })}`, { signal }),
    [],
  );
  const s = stats.data;
  return (
    <div class="page">
      <div class="stats">
        {(['documents', 'entities', 'quotes', 'events', 'times'] as const).map((k) => (
          <div key={k} class="stat">
            <div class="num">{s ? s[k].toLocaleString() : '…'}</div>
            <div class="label">{k === 'times' ? 'time expressions' : k}</div>
          </div>
        ))}
      </div>
      <form
        class="searchbar"
        onSubmit={(e) => {
          e.preventDefault();
          const q = new FormData(e.currentTarget as HTMLFormElement).get('q');
          if (typeof q === 'string' && q.trim()) navigate(links.search({ q: q.trim() }));
        }}
      >
        <input
          name="q"
          type="search"
          placeholder="Search the corpus (e.g. sanctions, ceasefire, a name)…"
          aria-label="Search"
        />
        <button class="btn primary" type="submit">
          Search
        </button>
        <a class="btn" href={links.analyze()}>
          Analyse an article
        </a>
      </form>
      <div class="cols">
        <Section
          title="Documents"
          actions={
            <TableExport
              name="documents"
              rows={(docs.data?.items ?? []) as unknown as Record<string, unknown>[]}
            />
          }
        >
          {docs.error ? <ErrorNote error={docs.error} /> : null}
          {docs.loading && !docs.data ? <Loading /> : null}
          {docs.data && !docs.data.items.length ? (
            <Empty>
              The store is empty. <a href={links.analyze()}>Analyse an article</a> or ingest some with{' '}
              <code>attache ingest</code>.
            </Empty>
          ) : null}
          {docs.data?.items.length ? (
            <table class="table" data-testid="documents">
              <thead>
                <tr>
                  <th>Title</th>
                  <th>Outlet</th>
                  <th>Published</th>
                  <th class="num" title="entities · quotes · events">
                    Ent · Q · Ev
                  </th>
                </tr>
              </thead>
              <tbody>
                {docs.data.items.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <a href={links.doc(d.id)}>{d.title ?? '(untitled)'}</a>
                      {d.language !== 'en' ? <span class="pill">{d.language}</span> : null}
                    </td>
                    <td>{d.outlet ?? '—'}</td>
                    <td class="nowrap">{d.published ?? '—'}</td>
                    <td class="num nowrap">
                      {d.counts.entities} · {d.counts.quotes} · {d.counts.events}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {docs.data ? (
            <div class="pager">
              {offset > 0 ? <a href={`#/?offset=${Math.max(0, offset - 25)}`}>← newer</a> : <span />}
              {docs.data.next !== null ? <a href={`#/?offset=${docs.data.next}`}>older →</a> : null}
            </div>
          ) : null}
        </Section>
        <Section title="Most-mentioned entities">
          {ents.error ? <ErrorNote error={ents.error} /> : null}
          <ul class="chips">
            {(ents.data?.items ?? []).map((e) => (
              <li key={e.key}>
                <a class="chip" href={links.entity(e.key)} style={{ borderColor: TYPE_COLORS[e.type] }}>
                  <span class="dot" style={{ background: TYPE_COLORS[e.type] }} />
                  {e.name}
                  <span class="muted">{e.documents}</span>
                </a>
              </li>
            ))}
          </ul>
        </Section>
      </div>
    </div>
  );
}
