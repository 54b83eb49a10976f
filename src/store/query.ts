/**
 * Query helpers shared by both backends: user search syntax, actor matching,
 * date bounds. Pure functions.
 */
import type { SearchHit } from './types.ts';

export interface SearchTerm {
  text: string;
  phrase: boolean;
  negated: boolean;
  /** Joined to the previous positive term with OR instead of AND. */
  or: boolean;
}

/**
 * Parses web-search style input: words, "quoted phrases", `OR` between terms,
 * and `-word` to exclude. Everything else (FTS operators, brackets, stars) is
 * treated as plain text, so no input can produce a syntax error.
 */
export function parseSearch(input: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const re = /(-?)"([^"]*)"?|(\S+)/g;
  let pendingOr = false;
  for (let m = re.exec(input); m; m = re.exec(input)) {
    if (m[3] !== undefined) {
      const raw = m[3];
      if (raw === 'OR' && terms.length > 0) {
        pendingOr = true;
        continue;
      }
      const negated = raw.startsWith('-') && raw.length > 1;
      const words = (negated ? raw.slice(1) : raw).match(/[\p{L}\p{N}]+/gu);
      if (!words) continue;
      terms.push({ text: words.join(' '), phrase: words.length > 1, negated, or: pendingOr && !negated });
    } else {
      const words = m[2].match(/[\p{L}\p{N}]+/gu);
      if (!words) continue;
      terms.push({
        text: words.join(' '),
        phrase: true,
        negated: m[1] === '-',
        or: pendingOr && m[1] !== '-',
      });
    }
    pendingOr = false;
  }
  return terms;
}

/** SQLite FTS5 MATCH expression for parsed terms, or null when nothing searchable is left. */
export function toFts5(terms: SearchTerm[]): string | null {
  const pos = terms.filter((t) => !t.negated);
  const neg = terms.filter((t) => t.negated);
  if (pos.length === 0) return null;
  let expr = '';
  pos.forEach((t, i) => {
    const q = `"${t.text.replace(/"/g, '')}"`;
    expr += i === 0 ? q : t.or ? ` OR ${q}` : ` AND ${q}`;
  });
  if (neg.length) expr = `(${expr}) NOT (${neg.map((t) => `"${t.text}"`).join(' OR ')})`;
  return expr;
}

/** PostgreSQL websearch_to_tsquery input for parsed terms (normalised, so both backends see the same query). */
export function toWebsearch(terms: SearchTerm[]): string | null {
  if (!terms.some((t) => !t.negated)) return null;
  const parts: string[] = [];
  for (const t of terms) {
    const body = t.phrase ? `"${t.text}"` : t.text;
    if (t.or && parts.length) parts.push('or');
    parts.push(t.negated ? `-${body}` : body);
  }
  return parts.join(' ');
}

/** Lower date bound as YYYY-MM-DD from YYYY, YYYY-MM or YYYY-MM-DD. */
export function fromDay(x: string | undefined): string | undefined {
  if (!x) return undefined;
  if (/^\d{4}$/.test(x)) return `${x}-01-01`;
  if (/^\d{4}-\d{2}$/.test(x)) return `${x}-01`;
  return x.slice(0, 10);
}

/** Upper date bound (inclusive) as YYYY-MM-DD from YYYY, YYYY-MM or YYYY-MM-DD. */
export function toDay(x: string | undefined): string | undefined {
  if (!x) return undefined;
  if (/^\d{4}$/.test(x)) return `${x}-12-31`;
  if (/^\d{4}-\d{2}$/.test(x)) return `${x}-31`;
  return x.slice(0, 10);
}

/**
 * An actor filter: a country (RUS), a CAMEO actor code prefix (RUSGOV), or an
 * entity key (PERSON:sergey lavrov). Returns the values for
 * `(country = ? OR actor LIKE ? OR key = ?)`.
 */
export function actorParams(x: string): [string, string, string] {
  const up = x.trim().toUpperCase();
  return [up, `${up.replace(/[%_]/g, '')}%`, x.trim()];
}

/** Like actorParams, with the code prefix as a range `[lo, hi)` so an index can serve it. */
export function actorRangeParams(x: string): [string, string, string, string] {
  const up = x.trim().toUpperCase();
  return [up, up, `${up}\uffff`, x.trim()];
}

/** Facets count the best-ranked hits up to this many (all hits when there are fewer). */
export const FACET_SAMPLE = 500;

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 10_000;

export function limitOf(n: number | undefined, dflt = DEFAULT_LIMIT): number {
  if (n === undefined || !Number.isFinite(n) || n <= 0) return dflt;
  return Math.min(Math.trunc(n), MAX_LIMIT);
}

export function offsetOf(n: number | undefined): number {
  return n && Number.isFinite(n) && n > 0 ? Math.trunc(n) : 0;
}

/**
 * One page of search hits from the rows of either backend: `rid` is the row id the
 * ranking used, `score` its rank and `position` its place on the page.
 */
export function pageHits(
  rows: Record<string, unknown>[],
  rid: (row: Record<string, unknown>) => number,
  score: Map<number, number>,
  position: Map<number, number>,
): SearchHit[] {
  return rows
    .map((r) => ({ r, at: position.get(rid(r)) ?? 0 }))
    .sort((x, y) => x.at - y.at)
    .map(({ r }) => ({
      documentId: String(r.documentId),
      title: (r.title as string | null) ?? null,
      outlet: (r.outlet as string | null) ?? null,
      published: (r.published as string | null) ?? null,
      snippet: String(r.snippet ?? ''),
      rank: Math.round((score.get(rid(r)) ?? 0) * 1000) / 1000,
    }));
}

/** Snippet highlight markers (the hit's matched words are wrapped in these). */
export const MARK_OPEN = '«';
export const MARK_CLOSE = '»';
