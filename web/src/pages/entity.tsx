import type { EntityRecord, EventRecord, QuoteRecord, TimelineRow } from '../../../src/store/types.ts';
import { api, fetchAll, type PageOf, qs } from '../api.ts';
import { quadOf, QUAD_COLORS, rootLabel, TYPE_COLORS } from '../cameo.ts';
import { Empty, ErrorNote, Loading, Pill, Section, TableExport, useAsync } from '../components/common.tsx';
import { slug } from '../exporting.ts';
import { links } from '../router.ts';

type Detail = EntityRecord & { coMentions: { key: string; name: string; type: string; count: number }[] };

export function EventTable({ rows, name }: { rows: EventRecord[]; name: string }) {
  if (!rows.length) return <Empty>None.</Empty>;
  return (
    <>
      <div class="table-tools">
        <TableExport name={name} rows={rows as unknown as Record<string, unknown>[]} />
      </div>
      <table class="table">
        <thead>
          <tr>
            <th>Date</th>
            <th>Code</th>
            <th>Source → target</th>
            <th>Evidence</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={`${e.documentId}/${e.id}`}>
              <td class="nowrap">{e.date ?? '—'}</td>
              <td class="nowrap" title={rootLabel(e.code)}>
                <span class="code" style={{ background: QUAD_COLORS[quadOf(e.code)] }}>
                  {e.code}
                </span>
              </td>
              <td>
                {e.sourceKey ? <a href={links.entity(e.sourceKey)}>{e.sourceName}</a> : (e.sourceName ?? '—')}{' '}
                →{' '}
                {e.targetKey ? <a href={links.entity(e.targetKey)}>{e.targetName}</a> : (e.targetName ?? '—')}
              </td>
              <td>
                <a href={links.doc(e.documentId, `event:${e.id}`)} class="evidence-link">
                  {e.evidence}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function EntityPage({ entityKey }: { entityKey: string }) {
  const k = encodeURIComponent(entityKey);
  const detail = useAsync((signal) => api<Detail>(`/entities/${k}`, { signal }), [entityKey]);
  const quotes = useAsync(
    (signal) => fetchAll<QuoteRecord>('/quotes', { speaker: entityKey }, 200, signal),
    [entityKey],
  );
  const asSource = useAsync(
    (signal) => fetchAll<EventRecord>('/events', { source: entityKey }, 200, signal),
    [entityKey],
  );
  const asTarget = useAsync(
    (signal) => fetchAll<EventRecord>('/events', { target: entityKey }, 200, signal),
    [entityKey],
  );
  const timeline = useAsync(
    (signal) =>
      api<PageOf<TimelineRow>>(`/timeline${qs({ entity: entityKey, limit: 100 })}`, { signal }).catch(
        () => null,
      ),
    [entityKey],
  );
  if (detail.error) return <ErrorNote error={detail.error} />;
  const e = detail.data;
  if (!e) return <Loading what="Loading the entity" />;
  const name = slug(e.name);
  return (
    <div class="page entity-page">
      <header class="entity-head">
        <h1>
          <span class="dot big" style={{ background: TYPE_COLORS[e.type] }} />
          {e.name}
        </h1>
        <div class="entity-meta">
          <Pill color={TYPE_COLORS[e.type]}>{e.type}</Pill>
          {e.country ? <Pill title="country">{e.country}</Pill> : null}
          {e.actor ? <Pill title="CAMEO actor code">{e.actor}</Pill> : null}
          <span class="muted">
            {e.documents} document{e.documents === 1 ? '' : 's'} · {e.mentions} mention
            {e.mentions === 1 ? '' : 's'}
          </span>
          <a class="btn small" href={links.timeline({ entity: e.key })}>
            Events timeline
          </a>
          {e.country && (e.type === 'GPE' || e.type === 'NORP') ? (
            <a class="btn small" href={links.dyad(e.country)}>
              Dyad with {e.country}
            </a>
          ) : null}
        </div>
        <dl class="kv">
          <dt>Roles</dt>
          <dd>{e.roles.length ? e.roles.join(', ') : '—'}</dd>
          <dt>Aliases</dt>
          <dd>{e.aliases.length ? e.aliases.join(', ') : '—'}</dd>
        </dl>
      </header>
      <div class="cols">
        <div>
          <Section title={`Quotes by ${e.name}`} id="quotes">
            {quotes.loading ? <Loading /> : null}
            {quotes.data && !quotes.data.length ? <Empty>No quotes attributed.</Empty> : null}
            {quotes.data?.length ? (
              <>
                <div class="table-tools">
                  <TableExport
                    name={`quotes-${name}`}
                    rows={quotes.data as unknown as Record<string, unknown>[]}
                  />
                </div>
                <ul class="quotes">
                  {quotes.data.map((q) => (
                    <li key={`${q.documentId}/${q.id}`}>
                      <blockquote>{q.text}</blockquote>
                      <a href={links.doc(q.documentId, `quote:${q.id}`)} class="muted">
                        {q.published ?? 'undated'} · {q.kind} · in context →
                      </a>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </Section>
          <Section title="Events as source" id="as-source">
            {asSource.data ? <EventTable rows={asSource.data} name={`events-from-${name}`} /> : <Loading />}
          </Section>
          <Section title="Events as target" id="as-target">
            {asTarget.data ? <EventTable rows={asTarget.data} name={`events-to-${name}`} /> : <Loading />}
          </Section>
        </div>
        <div>
          <Section
            title="Co-mentioned"
            actions={
              <TableExport
                name={`co-mentions-${name}`}
                rows={e.coMentions as unknown as Record<string, unknown>[]}
              />
            }
          >
            {e.coMentions.length ? (
              <ul class="bars" data-testid="co-mentions">
                {e.coMentions.slice(0, 30).map((c) => (
                  <li key={c.key}>
                    <a href={links.entity(c.key)}>
                      <span class="dot" style={{ background: TYPE_COLORS[c.type] }} />
                      {c.name}
                    </a>
                    <span class="bar" style={{ width: `${(c.count / e.coMentions[0].count) * 100}%` }} />
                    <span class="muted">{c.count}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <Empty>Never mentioned with another entity.</Empty>
            )}
          </Section>
          <Section title="Timeline">
            {timeline.data?.items.length ? (
              <ol class="mini-timeline">
                {timeline.data.items.map((t, i) => (
                  <li key={i}>
                    <span class="nowrap mono">{t.date ?? '—'}</span>{' '}
                    <span class={`kind k-${t.kind}`}>{t.code ?? t.kind}</span>{' '}
                    <a href={links.doc(t.documentId)}>
                      {t.text.length > 140 ? `${t.text.slice(0, 140)}…` : t.text}
                    </a>
                  </li>
                ))}
              </ol>
            ) : timeline.loading ? (
              <Loading />
            ) : (
              <Empty>Nothing dated yet.</Empty>
            )}
          </Section>
        </div>
      </div>
    </div>
  );
}
