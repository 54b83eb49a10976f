import { useMemo } from 'preact/hooks';
import type { DyadRow, EventRecord } from '../../../src/store/types.ts';
import { api, qs } from '../api.ts';
import { Chart, type ChartOption } from '../components/chart.tsx';
import { Empty, ErrorNote, Loading, Section, TableExport, useAsync } from '../components/common.tsx';
import { href, navigate } from '../router.ts';

interface Dyad {
  a: string;
  b: string;
  by: string;
  rows: DyadRow[];
}

/** The most frequent country pair among recent events, as a starting point. */
async function suggestPair(signal: AbortSignal): Promise<[string, string] | null> {
  const page = await api<{ items: EventRecord[] }>(`/events${qs({ limit: 500 })}`, { signal });
  const counts = new Map<string, number>();
  for (const e of page.items) {
    if (!e.sourceCountry || !e.targetCountry || e.sourceCountry === e.targetCountry) continue;
    const k = [e.sourceCountry, e.targetCountry].sort().join('|');
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const best = [...counts].sort((x, y) => y[1] - x[1])[0];
  return best ? (best[0].split('|') as [string, string]) : null;
}

export function DyadPage({ query }: { query: URLSearchParams }) {
  const a = query.get('a') ?? '';
  const b = query.get('b') ?? '';
  const by = query.get('by') ?? 'month';
  const suggestion = useAsync((signal) => (a && b ? Promise.resolve(null) : suggestPair(signal)), [a, b]);
  const dyad = useAsync(
    (signal) => (a && b ? api<Dyad>(`/dyad${qs({ a, b, by })}`, { signal }) : Promise.resolve(null)),
    [a, b, by],
  );

  const option = useMemo<ChartOption | null>(() => {
    const rows = dyad.data?.rows;
    if (!rows?.length) return null;
    return {
      animation: false,
      grid: { left: 48, right: 56, top: 40, bottom: 40 },
      legend: { top: 4 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: rows.map((r) => r.period) },
      yAxis: [
        { type: 'value', name: 'events', minInterval: 1 },
        { type: 'value', name: 'mean Goldstein', min: -10, max: 10 },
      ],
      series: [
        {
          name: 'events',
          type: 'bar',
          barMaxWidth: 48,
          data: rows.map((r) => r.events),
          itemStyle: { color: '#457b9d' },
        },
        {
          name: 'mean Goldstein',
          type: 'line',
          yAxisIndex: 1,
          data: rows.map((r) => (r.meanGoldstein === null ? null : Math.round(r.meanGoldstein * 100) / 100)),
          itemStyle: { color: '#c8553d' },
          connectNulls: true,
        },
      ],
    };
  }, [dyad.data]);

  const s = suggestion.data;
  return (
    <div class="page">
      <h1>Dyad</h1>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          const fd = new FormData(e.currentTarget as HTMLFormElement);
          const get = (k: string) => String(fd.get(k) ?? '').trim();
          navigate(href(['dyad'], { a: get('a').toUpperCase(), b: get('b').toUpperCase(), by: get('by') }));
        }}
      >
        <label>
          Country / actor A <input name="a" value={a} placeholder="e.g. RUS" size={8} required />
        </label>
        <label>
          Country / actor B <input name="b" value={b} placeholder="e.g. PRK" size={8} required />
        </label>
        <label>
          Per
          <select name="by" value={by}>
            {['day', 'week', 'month', 'year'].map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </label>
        <button class="btn primary" type="submit">
          Show
        </button>
      </form>
      {!a || !b ? (
        s ? (
          <Empty>
            Pick two countries (ISO alpha-3) or actor codes. Most frequent pair in the corpus:{' '}
            <a href={href(['dyad'], { a: s[0], b: s[1] })}>
              {s[0]} – {s[1]}
            </a>
          </Empty>
        ) : suggestion.loading ? (
          <Loading />
        ) : (
          <Empty>Pick two countries (ISO alpha-3) or actor codes.</Empty>
        )
      ) : null}
      {dyad.error ? <ErrorNote error={dyad.error} /> : null}
      {a && b && dyad.loading ? <Loading /> : null}
      {dyad.data ? (
        <Section
          title={`${a} – ${b}: events per ${by} and mean Goldstein`}
          actions={
            <TableExport
              name={`dyad-${a}-${b}`}
              rows={dyad.data.rows as unknown as Record<string, unknown>[]}
            />
          }
        >
          {option ? (
            <Chart option={option} name={`dyad-${a}-${b}`} />
          ) : (
            <Empty>No events between these two.</Empty>
          )}
        </Section>
      ) : null}
    </div>
  );
}
