/**
 * Terminal tables, CSV and number formatting shared by the CLI commands (and
 * usable by anything else that prints rows).
 */

export interface Column<T> {
  header: string;
  /** Cell text for a row. */
  value: (row: T) => string | number | null | undefined;
  align?: 'left' | 'right';
  /** Truncate longer cells with an ellipsis (terminal tables only). */
  max?: number;
}

function cellText(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? v.toLocaleString('en-US') : String(v);
  return v.replace(/\s+/g, ' ').trim();
}

/** Display width: counts astral characters once (good enough for names, not for CJK double-width). */
function width(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function truncate(s: string, max: number): string {
  if (width(s) <= max) return s;
  return `${[...s].slice(0, Math.max(1, max - 1)).join('')}…`;
}

function pad(s: string, w: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, w - width(s)));
  return align === 'right' ? fill + s : s + fill;
}

/** Aligned columns with a header rule; numbers are right-aligned by default. */
export function renderTable<T>(rows: T[], columns: Column<T>[]): string {
  const cells = rows.map((r) =>
    columns.map((c) => {
      const t = cellText(c.value(r));
      return c.max ? truncate(t, c.max) : t;
    }),
  );
  const aligns = columns.map(
    (c, j) =>
      c.align ??
      (rows.length > 0 &&
      rows.every((r) => {
        const v = c.value(r);
        return typeof v === 'number' || v === null || v === undefined;
      }) &&
      cells.some((row) => row[j] !== '')
        ? 'right'
        : 'left'),
  );
  const widths = columns.map((c, j) => Math.max(width(c.header), ...cells.map((row) => width(row[j]))));
  const line = (row: string[]) =>
    row
      .map((t, j) => pad(t, widths[j], aligns[j]))
      .join('  ')
      .trimEnd();
  const out = [
    line(columns.map((c) => c.header)),
    line(widths.map((w) => '─'.repeat(w))),
    ...cells.map(line),
  ];
  return `${out.join('\n')}\n`;
}

/** RFC 4180 CSV (quotes doubled, fields with separators or line breaks quoted), CRLF-free. */
export function toCsv(rows: Record<string, unknown>[], fields?: string[]): string {
  const keys = fields ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const esc = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [keys.map(esc).join(','), ...rows.map((r) => keys.map((k) => esc(r[k])).join(','))];
  return `${lines.join('\n')}\n`;
}

/** "1 document", "2 documents": a count with its noun, plural unless it is one. */
export function fmtCount(n: number, noun: string, plural = `${noun}s`): string {
  return `${fmtInt(n)} ${n === 1 ? noun : plural}`;
}

export function fmtInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function fmtNum(n: number, digits = 1): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function fmtBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 2 ** 20) return `${fmtNum(n / 1024)} KB`;
  if (n < 2 ** 30) return `${fmtNum(n / 2 ** 20)} MB`;
  return `${fmtNum(n / 2 ** 30, 2)} GB`;
}

export function fmtDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return h > 0
    ? `${h}h${String(m).padStart(2, '0')}m`
    : m > 0
      ? `${m}m${String(r).padStart(2, '0')}s`
      : `${r}s`;
}
