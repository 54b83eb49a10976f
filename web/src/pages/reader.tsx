import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type {
  Document,
  Entity,
  PoliticalEvent,
  Quote,
  Span,
  TimeExpression,
} from '../../../src/document/types.ts';
import { api } from '../api.ts';
import { quadOf, QUAD_COLORS, rootLabel, TYPE_COLORS } from '../cameo.ts';
import { ErrorNote, Loading, TableExport, useAsync } from '../components/common.tsx';
import { slug } from '../exporting.ts';
import { links } from '../router.ts';

type Layer = 'entity' | 'time' | 'quote' | 'event';

interface Mark {
  start: number;
  end: number;
  layer: Layer;
  id: string;
  cls: string;
  title: string;
}

interface Segment {
  start: number;
  end: number;
  marks: Mark[];
}

export interface Selection {
  layer: Layer | 'note';
  id: string;
}

const LAYER_STAGE: Record<Layer, string> = {
  entity: 'entities',
  time: 'time',
  quote: 'quotes',
  event: 'events',
};
const LAYER_NAMES: Record<Layer, string> = {
  entity: 'Entities',
  time: 'Time',
  quote: 'Quotes',
  event: 'Events',
};
const PRIORITY: Layer[] = ['entity', 'time', 'event', 'quote'];

function layerItems(doc: Document, layer: Layer): unknown[] {
  return layer === 'entity'
    ? doc.entities
    : layer === 'time'
      ? doc.times
      : layer === 'quote'
        ? doc.quotes
        : doc.events;
}

/** A layer is "computed" when its stage ran on the document (or it has content). */
export function layerComputed(doc: Document, layer: Layer): boolean {
  return layerItems(doc, layer).length > 0 || Boolean(doc.stages && LAYER_STAGE[layer] in doc.stages);
}

function entityName(doc: Document, id: string | null): string | null {
  return id ? (doc.entities.find((e) => e.id === id)?.name ?? null) : null;
}

function buildMarks(doc: Document, show: Record<Layer, boolean>): Mark[] {
  const marks: Mark[] = [];
  const len = doc.text.length;
  const ok = (s: Span) => s.start >= 0 && s.end <= len && s.end > s.start;
  if (show.entity) {
    for (const e of doc.entities) {
      const title = `${e.type} · ${e.name}${e.country ? ` (${e.country})` : ''}`;
      for (const m of e.mentions) {
        if (ok(m)) marks.push({ ...m, layer: 'entity', id: e.id, cls: `ent t-${e.type}`, title });
      }
    }
  }
  if (show.time) {
    for (const [i, t] of doc.times.entries()) {
      if (ok(t))
        marks.push({
          start: t.start,
          end: t.end,
          layer: 'time',
          id: t.id ?? `t#${i}`,
          cls: 'tx',
          title: `${t.type} ${t.value}`,
        });
    }
  }
  if (show.quote) {
    for (const q of doc.quotes) {
      const who = q.speakerName ?? entityName(doc, q.speaker);
      const title = `${q.kind} quote · ${who ? `speaker: ${who}` : 'no speaker found'}`;
      for (const f of q.fragments?.length ? q.fragments : [q]) {
        if (ok(f)) marks.push({ start: f.start, end: f.end, layer: 'quote', id: q.id, cls: 'qt', title });
      }
    }
  }
  if (show.event) {
    for (const e of doc.events) {
      const title = `CAMEO ${e.code} ${rootLabel(e.code).slice(3)} · ${e.source.name} → ${e.target?.name ?? '—'}${e.date ? ` · ${e.date}` : ''}`;
      if (ok(e.evidence)) marks.push({ ...e.evidence, layer: 'event', id: e.id, cls: 'ev', title });
    }
  }
  return marks;
}

/** Splits the text at every mark boundary (one sweep over sorted boundaries), clipped to paragraphs. */
function buildSegments(doc: Document, marks: Mark[]): Segment[][] {
  const paragraphs = doc.paragraphs.length ? doc.paragraphs : [{ start: 0, end: doc.text.length }];
  const points = new Set<number>();
  const starts = new Map<number, Mark[]>();
  const ends = new Map<number, Mark[]>();
  for (const p of paragraphs) {
    points.add(p.start);
    points.add(p.end);
  }
  for (const m of marks) {
    points.add(m.start);
    points.add(m.end);
    starts.set(m.start, [...(starts.get(m.start) ?? []), m]);
    ends.set(m.end, [...(ends.get(m.end) ?? []), m]);
  }
  const sorted = [...points].sort((a, b) => a - b);
  const segs: Segment[] = [];
  let active: Mark[] = [];
  for (let i = 0; i < sorted.length - 1; i++) {
    const at = sorted[i];
    const closing = ends.get(at);
    if (closing) active = active.filter((m) => !closing.includes(m));
    const opening = starts.get(at);
    if (opening) active = [...active, ...opening];
    segs.push({ start: at, end: sorted[i + 1], marks: active });
  }
  const out: Segment[][] = [];
  let k = 0;
  for (const p of paragraphs) {
    while (k < segs.length && segs[k].end <= p.start) k++;
    const list: Segment[] = [];
    for (let j = k; j < segs.length && segs[j].start < p.end; j++) {
      if (segs[j].start >= p.start) list.push(segs[j]);
    }
    out.push(list);
  }
  return out;
}

/** The evidence spans of a selected fact. */
function evidenceOf(doc: Document, sel: Selection | null): Span[] {
  if (!sel) return [];
  if (sel.layer === 'entity') return doc.entities.find((e) => e.id === sel.id)?.mentions ?? [];
  if (sel.layer === 'time') {
    const t = doc.times.find((x, i) => (x.id ?? `t#${i}`) === sel.id);
    return t ? [t] : [];
  }
  if (sel.layer === 'quote') {
    const q = doc.quotes.find((x) => x.id === sel.id);
    if (!q) return [];
    return [
      ...(q.fragments?.length ? q.fragments : [q]),
      ...(q.speakerSpan ? [q.speakerSpan] : []),
      ...(q.cue ? [q.cue] : []),
    ];
  }
  if (sel.layer === 'event') {
    const e = doc.events.find((x) => x.id === sel.id);
    if (!e) return [];
    return [
      e.evidence,
      ...(e.trigger ? [e.trigger] : []),
      ...(e.source.span ? [e.source.span] : []),
      ...(e.target?.span ? [e.target.span] : []),
    ];
  }
  const n = notesOf(doc).find((x) => x.id === sel.id);
  return n?.span ? [n.span] : [];
}

interface Note {
  id: string;
  code: string;
  message: string;
  span: Span | null;
}

/** Diagnostics shown beside the text: pipeline warnings plus facts that look incomplete. */
function notesOf(doc: Document): Note[] {
  const notes: Note[] = doc.warnings.map((w, i) => ({
    id: `w${i}`,
    code: w.code,
    message: w.message,
    span: w.start !== undefined && w.end !== undefined ? { start: w.start, end: w.end } : null,
  }));
  for (const q of doc.quotes) {
    if (!q.speaker && !q.speakerName) {
      notes.push({
        id: `nq-${q.id}`,
        code: 'QUOTE_NO_SPEAKER',
        message: `quote with no speaker at ${q.start}–${q.end}`,
        span: q,
      });
    }
  }
  for (const e of doc.events) {
    if (!e.date) {
      notes.push({
        id: `nd-${e.id}`,
        code: 'EVENT_NO_DATE',
        message: `event ${e.code} with no date at ${e.evidence.start}–${e.evidence.end}`,
        span: e.evidence,
      });
    }
  }
  return notes;
}

function safeHref(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

export function Reader({ doc, stored }: { doc: Document; stored: boolean }) {
  const [show, setShow] = useState<Record<Layer, boolean>>({
    entity: true,
    time: true,
    quote: true,
    event: true,
  });
  const [tab, setTab] = useState<Layer | 'notes'>('entity');
  const [sel, setSel] = useState<Selection | null>(() => {
    const f = new URLSearchParams(location.hash.split('?')[1] ?? '').get('focus');
    if (!f) return null;
    const [l, id] = f.split(':');
    return l && id ? { layer: l as Layer, id } : null;
  });
  const [cursor, setCursor] = useState(0);
  const article = useRef<HTMLDivElement>(null);

  const marks = useMemo(() => buildMarks(doc, show), [doc, show]);
  const paras = useMemo(() => buildSegments(doc, marks), [doc, marks]);
  const evidence = useMemo(() => evidenceOf(doc, sel), [doc, sel]);
  const notes = useMemo(() => notesOf(doc), [doc]);

  useEffect(() => {
    if (sel && sel.layer !== 'note') setTab(sel.layer);
  }, [sel]);

  useEffect(() => {
    const target = evidence[Math.min(cursor, evidence.length - 1)];
    if (!target || !article.current) return;
    const el =
      article.current.querySelector(`[data-start="${target.start}"]`) ??
      article.current.querySelector('.cur') ??
      article.current.querySelector('.sel');
    el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [evidence, cursor]);

  const select = (s: Selection | null) => {
    setCursor(0);
    setSel(s);
  };

  const onTextClick = (ev: MouseEvent) => {
    const el = (ev.target as HTMLElement).closest('[data-seg]') as HTMLElement | null;
    if (!el) return;
    const [p, s] = (el.dataset.seg ?? '').split('.').map(Number);
    const seg = paras[p]?.[s];
    if (!seg?.marks.length) return;
    const best = [...seg.marks].sort(
      (a, b) => PRIORITY.indexOf(a.layer) - PRIORITY.indexOf(b.layer) || a.end - a.start - (b.end - b.start),
    )[0];
    select(sel && sel.layer === best.layer && sel.id === best.id ? null : { layer: best.layer, id: best.id });
  };

  const isSel = (seg: Segment) => evidence.some((e) => seg.start < e.end && seg.end > e.start);
  const focused = evidence[Math.min(cursor, evidence.length - 1)];
  const isCurrent = (seg: Segment) => Boolean(focused && seg.start < focused.end && seg.end > focused.start);
  const m = doc.meta;
  const link = safeHref(m.url);

  return (
    <div class="reader">
      <article class="doc">
        <header class="doc-head">
          <h1>{m.title ?? '(untitled)'}</h1>
          <div class="doc-meta">
            {m.outlet ? <span>{m.outlet}</span> : null}
            <span>{m.published ?? 'date unknown'}</span>
            {m.authors.length ? <span>{m.authors.join(', ')}</span> : null}
            <span title="language">{m.language}</span>
            {link ? (
              <a href={link} target="_blank" rel="noopener noreferrer nofollow">
                source
              </a>
            ) : null}
            {!stored ? <span class="pill warn">not stored</span> : null}
          </div>
          <fieldset class="layer-toggles" aria-label="Highlight layers">
            {(Object.keys(LAYER_NAMES) as Layer[]).map((l) => (
              <label key={l} class={`toggle l-${l}`}>
                <input
                  type="checkbox"
                  checked={show[l]}
                  onChange={() => setShow({ ...show, [l]: !show[l] })}
                />
                <span class="swatch" />
                {LAYER_NAMES[l]}
                <span class="count">{layerComputed(doc, l) ? layerItems(doc, l).length : 'n/c'}</span>
              </label>
            ))}
          </fieldset>
        </header>
        {/* biome-ignore lint/a11y/useKeyWithClickEvents: every fact is also reachable with the keyboard from the side panel */}
        {/* biome-ignore lint/a11y/noStaticElementInteractions: click delegation over thousands of text segments */}
        <div class="doc-text" ref={article} onClick={onTextClick} data-testid="article-text">
          {paras.map((segs, pi) => (
            <p key={pi}>
              {segs.map((seg, si) => {
                const text = doc.text.slice(seg.start, seg.end);
                const selected = evidence.length > 0 && isSel(seg);
                const current = selected && evidence.length > 1 && isCurrent(seg);
                if (!seg.marks.length && !selected) return text;
                const cls = [...new Set(seg.marks.map((x) => x.cls))].join(' ');
                return (
                  <span
                    key={si}
                    class={`m ${cls}${selected ? ' sel' : ''}${current ? ' cur' : ''}`}
                    title={seg.marks.map((x) => x.title).join('\n') || undefined}
                    data-seg={`${pi}.${si}`}
                    data-start={seg.start}
                    data-layers={[...new Set(seg.marks.map((x) => x.layer))].join(' ')}
                  >
                    {text}
                  </span>
                );
              })}
            </p>
          ))}
        </div>
        <footer class="doc-foot">
          <span>id {doc.id}</span>
          {doc.stages && Object.keys(doc.stages).length ? (
            <span>
              stages:{' '}
              {Object.entries(doc.stages)
                .map(([k, v]) => `${k} ${v}`)
                .join(' · ')}
            </span>
          ) : null}
          <TableExport
            name={`document-${slug(m.title ?? doc.id)}`}
            rows={[doc as unknown as Record<string, unknown>]}
          />
        </footer>
      </article>
      <aside class="panel" aria-label="Facts">
        <div class="tabs" role="tablist">
          {(['entity', 'time', 'quote', 'event', 'notes'] as const).map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              aria-selected={tab === t}
              class={`tab${tab === t ? ' on' : ''}`}
              onClick={() => setTab(t)}
            >
              {t === 'notes' ? 'Notes' : LAYER_NAMES[t]}
              <span class="count">
                {t === 'notes' ? notes.length : layerComputed(doc, t) ? layerItems(doc, t).length : '–'}
              </span>
            </button>
          ))}
        </div>
        {sel && evidence.length > 1 ? (
          <div class="cursor">
            evidence {Math.min(cursor, evidence.length - 1) + 1} of {evidence.length}
            <button
              type="button"
              class="btn small"
              onClick={() => setCursor((cursor + evidence.length - 1) % evidence.length)}
              aria-label="previous mention"
            >
              ◀
            </button>
            <button
              type="button"
              class="btn small"
              onClick={() => setCursor((cursor + 1) % evidence.length)}
              aria-label="next mention"
            >
              ▶
            </button>
          </div>
        ) : null}
        <div class="panel-body">
          {tab === 'notes' ? (
            <NotesList notes={notes} sel={sel} select={select} />
          ) : !layerComputed(doc, tab) ? (
            <div class="empty not-computed">
              {LAYER_NAMES[tab]}: <strong>not computed</strong> for this document
              {doc.meta.language !== 'en'
                ? ` (language “${doc.meta.language}” is not supported by this stage yet)`
                : ''}
              .
            </div>
          ) : tab === 'entity' ? (
            <EntityList doc={doc} sel={sel} select={select} stored={stored} />
          ) : tab === 'time' ? (
            <TimeList times={doc.times} sel={sel} select={select} text={doc.text} />
          ) : tab === 'quote' ? (
            <QuoteList doc={doc} sel={sel} select={select} />
          ) : (
            <EventList events={doc.events} sel={sel} select={select} text={doc.text} />
          )}
        </div>
      </aside>
    </div>
  );
}

type ListProps = { sel: Selection | null; select: (s: Selection | null) => void };

function EntityList({ doc, sel, select, stored }: ListProps & { doc: Document; stored: boolean }) {
  const groups = new Map<string, Entity[]>();
  for (const e of [...doc.entities].sort(
    (a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name),
  )) {
    groups.set(e.type, [...(groups.get(e.type) ?? []), e]);
  }
  if (!doc.entities.length) return <div class="empty">No entities found.</div>;
  return (
    <div>
      {[...groups].map(([type, list]) => (
        <div key={type} class="group">
          <h3>
            <span class="dot" style={{ background: TYPE_COLORS[type] }} />
            {type} <span class="muted">{list.length}</span>
          </h3>
          <ul class="facts">
            {list.map((e) => {
              const on = sel?.layer === 'entity' && sel.id === e.id;
              return (
                <li key={e.id} class={on ? 'on' : ''}>
                  <button
                    type="button"
                    class="fact"
                    data-entity={e.name}
                    onClick={() => select(on ? null : { layer: 'entity', id: e.id })}
                  >
                    <span class="name">{e.name}</span>
                    <span class="muted">
                      {e.country ?? ''} ×{e.mentions.length}
                    </span>
                  </button>
                  {on ? (
                    <div class="fact-detail">
                      {e.roles.length ? <div>roles: {e.roles.join(', ')}</div> : null}
                      {e.aliases?.length ? <div>aliases: {e.aliases.join(', ')}</div> : null}
                      {e.actor ? <div>CAMEO actor: {e.actor}</div> : null}
                      {stored && e.key ? (
                        <a class="go" href={links.entity(e.key)}>
                          Open entity page →
                        </a>
                      ) : null}
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </div>
  );
}

function TimeList({ times, sel, select, text }: ListProps & { times: TimeExpression[]; text: string }) {
  if (!times.length) return <div class="empty">No time expressions found.</div>;
  return (
    <ul class="facts">
      {times.map((t, i) => {
        const id = t.id ?? `t#${i}`;
        const on = sel?.layer === 'time' && sel.id === id;
        return (
          <li key={id} class={on ? 'on' : ''}>
            <button type="button" class="fact" onClick={() => select(on ? null : { layer: 'time', id })}>
              <span class="name">“{text.slice(t.start, t.end)}”</span>
              <span class="mono">{t.value}</span>
            </button>
            {on ? (
              <div class="fact-detail">
                {t.type}
                {t.precision ? ` · ${t.precision}` : ''}
                {t.mod ? ` · ${t.mod}` : ''}
                {t.anchor ? ` · anchored on ${t.anchor}` : ''}
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

function QuoteList({ doc, sel, select }: ListProps & { doc: Document }) {
  if (!doc.quotes.length) return <div class="empty">No quotes found.</div>;
  return (
    <ul class="facts">
      {doc.quotes.map((q: Quote) => {
        const on = sel?.layer === 'quote' && sel.id === q.id;
        const who = q.speakerName ?? entityName(doc, q.speaker);
        const speaker = q.speaker ? doc.entities.find((e) => e.id === q.speaker) : undefined;
        return (
          <li key={q.id} class={on ? 'on' : ''}>
            <button
              type="button"
              class="fact quote"
              onClick={() => select(on ? null : { layer: 'quote', id: q.id })}
            >
              <span class="who">{who ?? 'no speaker'}</span>
              <span class="said">
                {doc.text.slice(q.start, Math.min(q.end, q.start + 160))}
                {q.end - q.start > 160 ? '…' : ''}
              </span>
            </button>
            {on ? (
              <div class="fact-detail">
                {q.kind}
                {q.cue ? ` · cue “${doc.text.slice(q.cue.start, q.cue.end)}”` : ''}
                {speaker?.key ? (
                  <>
                    {' · '}
                    <a href={links.entity(speaker.key)}>{speaker.name} →</a>
                  </>
                ) : null}
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

function EventList({ events, sel, select, text }: ListProps & { events: PoliticalEvent[]; text: string }) {
  if (!events.length) return <div class="empty">No events found.</div>;
  return (
    <ul class="facts">
      {events.map((e) => {
        const on = sel?.layer === 'event' && sel.id === e.id;
        return (
          <li key={e.id} class={on ? 'on' : ''}>
            <button
              type="button"
              class="fact event"
              onClick={() => select(on ? null : { layer: 'event', id: e.id })}
            >
              <span class="code" style={{ background: QUAD_COLORS[quadOf(e.code)] }}>
                {e.code}
              </span>
              <span class="name">
                {e.source.name} → {e.target?.name ?? '—'}
              </span>
              <span class="muted">{e.date ?? 'no date'}</span>
            </button>
            {on ? (
              <div class="fact-detail">
                <div>
                  {rootLabel(e.code)}
                  {e.plover ? ` · PLOVER ${e.plover}` : ''}
                </div>
                <div>
                  Goldstein {e.goldstein} · {e.modality}
                  {e.location ? ` · ${e.location}` : ''}
                </div>
                <div class="evidence">“{text.slice(e.evidence.start, e.evidence.end)}”</div>
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

function NotesList({ notes, sel, select }: ListProps & { notes: Note[] }) {
  if (!notes.length) return <div class="empty">No warnings or diagnostics.</div>;
  return (
    <ul class="facts">
      {notes.map((n) => {
        const on = sel?.layer === 'note' && sel.id === n.id;
        return (
          <li key={n.id} class={on ? 'on' : ''}>
            <button
              type="button"
              class="fact"
              disabled={!n.span}
              onClick={() => select(on ? null : { layer: 'note', id: n.id })}
            >
              <span class="mono">{n.code}</span>
              <span class="name">{n.message}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

export function DocPage({ id }: { id: string }) {
  const { data, error, loading } = useAsync(
    (signal) => api<Document>(`/documents/${encodeURIComponent(id)}`, { signal }),
    [id],
  );
  if (error) return <ErrorNote error={error} />;
  if (loading || !data) return <Loading what="Loading the article" />;
  return <Reader doc={data} stored={true} />;
}
