import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiFailure } from '../api.ts';
import { exportRows } from '../exporting.ts';

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <div class="status" role="status">
      <span class="spinner" aria-hidden="true" /> {what}…
    </div>
  );
}

export function ErrorNote({ error }: { error: unknown }) {
  const msg =
    error instanceof ApiFailure
      ? `${error.message} (${error.code})`
      : error instanceof Error
        ? error.message
        : String(error);
  return (
    <div class="error" role="alert">
      {msg}
    </div>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <div class="empty">{children}</div>;
}

/** Runs an async loader whenever `deps` change; aborts the previous run. */
export function useAsync<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: unknown[],
): { data: T | null; error: unknown; loading: boolean } {
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  useEffect(() => {
    const ctl = new AbortController();
    setState((s) => ({ data: s.data, error: null, loading: true }));
    load(ctl.signal).then(
      (data) => {
        if (!ctl.signal.aborted) setState({ data, error: null, loading: false });
      },
      (error) => {
        if (!ctl.signal.aborted) setState({ data: null, error, loading: false });
      },
    );
    return () => ctl.abort();
  }, deps);
  return state;
}

export function TableExport({ name, rows }: { name: string; rows: Record<string, unknown>[] }) {
  return (
    <span class="export">
      <button
        type="button"
        class="btn small"
        onClick={() => exportRows(name, rows, 'csv')}
        disabled={!rows.length}
      >
        CSV
      </button>
      <button
        type="button"
        class="btn small"
        onClick={() => exportRows(name, rows, 'json')}
        disabled={!rows.length}
      >
        JSON
      </button>
    </span>
  );
}

export function Section({
  title,
  actions,
  children,
  id,
}: {
  title: ComponentChildren;
  actions?: ComponentChildren;
  children: ComponentChildren;
  id?: string;
}) {
  return (
    <section class="card" id={id}>
      <header class="card-head">
        <h2>{title}</h2>
        {actions ? <div class="card-actions">{actions}</div> : null}
      </header>
      {children}
    </section>
  );
}

export function Pill({
  children,
  color,
  title,
}: {
  children: ComponentChildren;
  color?: string;
  title?: string;
}) {
  return (
    <span class="pill" title={title} style={color ? { borderColor: color, color } : undefined}>
      {children}
    </span>
  );
}

export function fmtDate(d: string | null | undefined): string {
  return d ?? '—';
}
