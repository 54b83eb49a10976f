/** Small calendar arithmetic on plain numbers (UTC, proleptic Gregorian); no Date parsing of text. */

export interface YMD {
  y: number;
  m: number;
  d: number;
}

export function pad(n: number, width = 2): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= width ? s : '0'.repeat(width - s.length) + s);
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function isValidDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function toUtc(a: YMD): number {
  return Date.UTC(a.y, a.m - 1, a.d);
}

function fromUtc(t: number): YMD {
  const dt = new Date(t);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

export function addDays(a: YMD, n: number): YMD {
  return fromUtc(toUtc(a) + n * 86400000);
}

export function addMonths(a: YMD, n: number): YMD {
  const total = a.y * 12 + (a.m - 1) + n;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  return { y, m, d: Math.min(a.d, daysInMonth(y, m)) };
}

/** ISO weekday, Monday = 1 … Sunday = 7. */
export function weekday(a: YMD): number {
  const w = new Date(toUtc(a)).getUTCDay();
  return w === 0 ? 7 : w;
}

/** ISO 8601 week: [week-year, week number]. */
export function isoWeek(a: YMD): [number, number] {
  const wd = weekday(a);
  const thursday = addDays(a, 4 - wd);
  const jan1 = toUtc({ y: thursday.y, m: 1, d: 1 });
  const week = Math.floor((toUtc(thursday) - jan1) / 86400000 / 7) + 1;
  return [thursday.y, week];
}

export function compare(a: YMD, b: YMD): number {
  return toUtc(a) - toUtc(b);
}

export function diffDays(a: YMD, b: YMD): number {
  return Math.round((toUtc(a) - toUtc(b)) / 86400000);
}

export function fmtDate(a: YMD): string {
  return `${pad(a.y, 4)}-${pad(a.m)}-${pad(a.d)}`;
}

export function fmtWeek(a: YMD): string {
  const [y, w] = isoWeek(a);
  return `${pad(y, 4)}-W${pad(w)}`;
}

export function quarterOf(m: number): number {
  return Math.floor((m - 1) / 3) + 1;
}
