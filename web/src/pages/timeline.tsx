import { useMemo } from 'preact/hooks';
import type { EventRecord } from '../../../src/store/types.ts';
import { fetchAll } from '../api.ts';
import { CAMEO_ROOTS, type Quad, QUAD_COLORS, quadOf, rootLabel } from '../cameo.ts';
import { Chart, type ChartOption } from '../components/chart.tsx';
import { Empty, ErrorNote, Loading, Section, useAsync } from '../components/common.tsx';
import { href, navigate } from '../router.ts';
import { EventTable } from './entity.tsx';

const FILTERS = ['from', 'to', 'code', 'entity', 'source', 'target'] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

/** 2024, 2024-03 or 2024-03-12 (also interval starts) → epoch ms, or null. */
export function dateMs(value: string | null): number | null {
  if (!value) return null;
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(value);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), m[2] ? Number(m[2]) - 1 : 0, m[3] ? Number(m[3]) : 1);
  return Number.isNaN(t) ? null : t;
}

export function TimelinePage({ query }: { query: URLSearchParams }) {
  const filters: Filters = {};
  for (const f of FILTERS) {
    const v = query.get(f);
    if (v) filters[f] = v;
  }
  const fkey = JSON.stringify(filters);
  const events = useAsync((signal) => fetchAll<EventRecord>('/events', filters, 2000, signal), [fkey]);

  // the central 96% of dates: a few far-off dates (history, forecasts) would otherwise squash the view
  const range = useMemo(() => {
    const ts = (events.data ?? [])
      .map((e) => dateMs(e.date))
      .filter((t): t is number => t !== null)
      .sort((a, b) => a - b);
    if (!ts.length) return null;
    const lo = ts[Math.floor(ts.length * 0.02)];
    const hi = ts[Math.min(ts.length - 1, Math.ceil(ts.length * 0.98) - 1)];
    const outside = ts.filter((t) => t < lo || t > hi).length;
    return { lo, hi, outside };
  }, [events.data]);

  const option = useMemo<ChartOption | null>(() => {
    if (!events.data) return null;
    const byQuad = new Map<Quad, unknown[]>();
    for (const e of events.data) {
      const t = dateMs(e.date);
      if (t === null) continue;
      const q = quadOf(e.code);
      // month- or year-precision dates are drawn hollow so they are not mistaken for exact days
      const exact = e.date !== null && /^\d{4}-\d{2}-\d{2}/.test(e.date);
      byQuad.set(q, [
        ...(byQuad.get(q) ?? []),
        {
          value: [t, e.goldstein],
          name: `${e.code} ${e.sourceName ?? '?'} → ${e.targetName ?? '—'}`,
          ev: e,
          symbol: exact ? 'circle' : 'emptyCircle',
        },
      ]);
    }
    return {
      animation: false,
      grid: { left: 48, right: 24, top: 40, bottom: 64 },
      legend: { top: 4 },
      tooltip: {
        trigger: 'item',
        formatter: (p: { data: { ev: EventRecord } }) => {
          const e = p.data.ev;
          const esc = (s: string | null) => (s ?? '—').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
          return `<b>${esc(e.date)}</b> · ${esc(rootLabel(e.code))} (${esc(e.code)})<br/>${esc(e.sourceName)} → ${esc(e.targetName)}<br/>Goldstein ${e.goldstein}`;
        },
      },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', name: 'Goldstein', min: -10, max: 10 },
      dataZoom: [
        { type: 'inside', startValue: range?.lo, endValue: range?.hi },
        { type: 'slider', height: 18, bottom: 12, startValue: range?.lo, endValue: range?.hi },
      ],
      series: [...byQuad].map(([q, data]) => ({
        name: q,
        type: 'scatter',
        symbolSize: 11,
        itemStyle: { color: QUAD_COLORS[q], opacity: 0.8 },
        data,
      })),
    };
  }, [events.data, range]);

  const monthly = useMemo<ChartOption | null>(() => {
    if (!events.data) return null;
    const months = new Map<string, Map<Quad, number>>();
    for (const e of events.data) {
      const m = e.date && /^\d{4}-\d{2}/.exec(e.date)?.[0];
      const t = dateMs(e.date);
      if (!m || t === null || (range && (t < range.lo || t > range.hi))) continue;
      const row = months.get(m) ?? new Map<Quad, number>();
      const q = quadOf(e.code);
      row.set(q, (row.get(q) ?? 0) + 1);
      months.set(m, row);
    }
    if (!months.size) return null;
    const keys = [...months.keys()].sort();
    const quads = Object.keys(QUAD_COLORS) as Quad[];
    return {
      animation: false,
      grid: { left: 48, right: 24, top: 36, bottom: 30 },
      legend: { top: 4 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: keys },
      yAxis: { type: 'value', minInterval: 1, name: 'events' },
      series: quads.map((q) => ({
        name: q,
        type: 'bar',
        stack: 'all',
        barMaxWidth: 48,
        itemStyle: { color: QUAD_COLORS[q] },
        data: keys.map((k) => months.get(k)?.get(q) ?? 0),
      })),
    };
  }, [events.data, range]);

  const undated = events.data?.filter((e) => dateMs(e.date) === null).length ?? 0;

  return (
    <div class="page">
      <h1>Events timeline</h1>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          const fd = new FormData(e.currentTarget as HTMLFormElement);
          const q: Record<string, string> = {};
          for (const f of FILTERS) {
            const v = fd.get(f);
            if (typeof v === 'string' && v.trim()) q[f] = v.trim();
          }
          navigate(href(['timeline'], q));
        }}
      >
        <label>
          From <input name="from" placeholder="YYYY-MM-DD" value={filters.from ?? ''} size={11} />
        </label>
        <label>
          To <input name="to" placeholder="YYYY-MM-DD" value={filters.to ?? ''} size={11} />
        </label>
        <label>
          Event type
          <select name="code" value={filters.code ?? ''}>
            <option value="">any</option>
            {Object.entries(CAMEO_ROOTS).map(([code, label]) => (
              <option key={code} value={code}>
                {code} {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Actor (either side){' '}
          <input name="entity" placeholder="entity key or country" value={filters.entity ?? ''} />
        </label>
        <label>
          Source <input name="source" placeholder="e.g. RUS" value={filters.source ?? ''} size={9} />
        </label>
        <label>
          Target <input name="target" placeholder="e.g. UKR" value={filters.target ?? ''} size={9} />
        </label>
        <button class="btn primary" type="submit">
          Apply
        </button>
        <a class="btn" href="#/timeline">
          Reset
        </a>
      </form>
      {events.error ? <ErrorNote error={events.error} /> : null}
      {events.loading && !events.data ? <Loading what="Loading events" /> : null}
      {events.data ? (
        <>
          <Section
            title={`${events.data.length.toLocaleString()} event${events.data.length === 1 ? '' : 's'}${events.data.length >= 2000 ? ' (first 2,000)' : ''}`}
            actions={undated ? <span class="muted">{undated} undated (table only)</span> : null}
          >
            {option && events.data.length > undated ? (
              <Chart
                option={option}
                name="events-timeline"
                height={360}
                onPick={(d) => {
                  const ev = (d as { ev?: EventRecord } | undefined)?.ev;
                  if (ev) navigate(href(['doc', ev.documentId], { focus: `event:${ev.id}` }));
                }}
              />
            ) : (
              <Empty>No dated events match these filters.</Empty>
            )}
          </Section>
          {monthly ? (
            <Section
              title="Events per month, by quad class"
              actions={
                range?.outside ? (
                  <span class="muted">
                    {range.outside} outlying dates left out (zoom out the chart above)
                  </span>
                ) : null
              }
            >
              <Chart option={monthly} name="events-per-month" height={240} />
            </Section>
          ) : null}
          <Section title="Events">
            <EventTable rows={events.data} name="events" />
          </Section>
        </>
      ) : null}
    </div>
  );
}
