/**
 * Publication dates as header lines write them: 28.10.2023, 2023-10-28 14:05,
 * October 28, 2023, Sat 28 Oct 2023, 28 октября 2023, 28. Oktober 2023,
 * 28 de octubre de 2023. Every parser returns YYYY-MM-DD or null, and rejects
 * impossible calendar dates.
 */

const MONTH_NAMES: [string, number][] = [];
function months(names: string, base = 1): void {
  names.split(' ').forEach((group, i) => {
    for (const n of group.split('|')) MONTH_NAMES.push([n, base + i]);
  });
}
months(
  'january|jan february|feb march|mar april|apr may june|jun july|jul august|aug september|sep|sept october|oct november|nov december|dec',
);
months(
  'января|январь|янв февраля|февраль|фев марта|март|мар апреля|апрель|апр мая|май июня|июнь|июн июля|июль|июл августа|август|авг сентября|сентябрь|сен октября|октябрь|окт ноября|ноябрь|ноя декабря|декабрь|дек',
);
months(
  'січня|січень лютого|лютий березня|березень квітня|квітень травня|травень червня|червень липня|липень серпня|серпень вересня|вересень жовтня|жовтень листопада|листопад грудня|грудень',
);
months(
  'januar|jänner februar märz|maerz april mai juni juli august september oktober|okt november dezember|dez',
);
months(
  'janvier|janv février|fevrier|févr mars avril|avr mai juin juillet|juil août|aout septembre octobre novembre décembre|decembre',
);
months('enero febrero marzo abril mayo junio julio agosto septiembre|setiembre octubre noviembre diciembre');

export const MONTHS = new Map<string, number>(MONTH_NAMES);

const MONTH_ALT = [...MONTHS.keys()].sort((a, b) => b.length - a.length).join('|');

/** One date in a header line, with where it sits. */
export interface FoundDate {
  date: string;
  index: number;
  length: number;
}

const ISO =
  /\b(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?(?!\d)/g;
const DOTTED = /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d])/g;
const SLASHED = /(?<![\d/])(\d{1,2})\/(\d{1,2})\/(\d{4})(?![\d])/g;
const DAY_MONTH = new RegExp(
  `(?<![\\p{L}\\d])(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s+(?:of\\s+|de\\s+)?(${MONTH_ALT})\\.?,?\\s+(?:de\\s+)?(\\d{4})(?!\\d)`,
  'giu',
);
const MONTH_DAY = new RegExp(
  `(?<![\\p{L}])(${MONTH_ALT})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)`,
  'giu',
);

/** YYYY-MM-DD for a real calendar day between 1900 and 2100, else null. */
export function isoDate(y: number, m: number, d: number): string | null {
  if (!(y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** All dates written in `line`, in order of position (overlaps removed, the earlier/longer wins). */
export function findDates(line: string): FoundDate[] {
  const found: FoundDate[] = [];
  const add = (date: string | null, index: number, length: number) => {
    if (date) found.push({ date, index, length });
  };
  for (const m of line.matchAll(ISO)) add(isoDate(+m[1], +m[2], +m[3]), m.index, m[0].length);
  for (const m of line.matchAll(DOTTED)) add(isoDate(+m[3], +m[2], +m[1]), m.index, m[0].length);
  for (const m of line.matchAll(SLASHED)) {
    const a = +m[1];
    const b = +m[2];
    // month first unless the first number cannot be a month
    add(a > 12 ? isoDate(+m[3], b, a) : (isoDate(+m[3], a, b) ?? isoDate(+m[3], b, a)), m.index, m[0].length);
  }
  for (const m of line.matchAll(DAY_MONTH))
    add(isoDate(+m[3], MONTHS.get(m[2].toLowerCase()) ?? 0, +m[1]), m.index, m[0].length);
  for (const m of line.matchAll(MONTH_DAY))
    add(isoDate(+m[3], MONTHS.get(m[1].toLowerCase()) ?? 0, +m[2]), m.index, m[0].length);
  found.sort((a, b) => a.index - b.index || b.length - a.length);
  const out: FoundDate[] = [];
  let end = -1;
  for (const f of found) {
    if (f.index < end) continue;
    out.push(f);
    end = f.index + f.length;
  }
  return out;
}
