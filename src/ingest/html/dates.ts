/**
 * Date parsing for metadata: ISO and numeric forms, English and common
 * European month names, D.M.Y bylines, and dates in URLs. Every result is a
 * YYYY-MM-DD string checked for plausibility (1990 … next year, valid day).
 */

const MONTHS: Record<string, number> = {};
function addMonths(names: string): void {
  const parts = names.split(' ');
  for (let i = 0; i < parts.length; i++) {
    for (const alt of parts[i].split('|')) MONTHS[alt.replace(/_/g, ' ')] = (i % 12) + 1;
  }
}
addMonths(
  'january february march april may june july august september october november december ' +
    'jan feb mar apr may jun jul aug sep|sept oct nov dec',
);
addMonths(
  'januar|jänner februar|feber märz|maerz april mai juni juli august september oktober november dezember',
);
addMonths(
  'janvier février|fevrier mars avril mai juin juillet août|aout septembre octobre novembre décembre|decembre',
);
addMonths(
  'enero febrero marzo abril mayo junio julio agosto septiembre|setiembre octubre noviembre diciembre',
);
addMonths('janeiro fevereiro março|marco abril maio junho julho agosto setembro outubro novembro dezembro');
addMonths('gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre');
addMonths('januari februari maart april mei juni juli augustus september oktober november december');
addMonths(
  'stycznia lutego marca kwietnia maja czerwca lipca sierpnia września|wrzesnia października|pazdziernika listopada grudnia',
);
addMonths('styczeń luty marzec kwiecień maj czerwiec lipiec sierpień wrzesień październik listopad grudzień');
addMonths('января февраля марта апреля мая июня июля августа сентября октября ноября декабря');
addMonths('январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь');
addMonths('січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня');
addMonths('يناير فبراير مارس أبريل|ابريل مايو يونيو يوليو أغسطس|اغسطس سبتمبر أكتوبر|اكتوبر نوفمبر ديسمبر');
addMonths('كانون_الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين_الأول تشرين_الثاني كانون_الأول');
addMonths('ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık');

const MONTH_ALT = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  .join('|');

const L = '\\p{L}';
const ISO = /(?<!\d)((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})(?!\d)/;
const YMD_SLASH = /(?<!\d)((?:19|20)\d\d)[/.](\d{1,2})[/.](\d{1,2})(?!\d)/;
const DMY_NUM = /(?<!\d)(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d\d)(?!\d)/;
const CJK = /((?:19|20)\d\d)\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]/;
const DAY_MONTH_YEAR = new RegExp(
  `(?<!\\d)(\\d{1,2})(?:st|nd|rd|th|er|º)?\\.?\\s+(?:de\\s+)?(${MONTH_ALT})(?!${L})\\.?(?:\\s*/\\s*${L}+)?,?\\s+(?:de\\s+)?((?:19|20)\\d\\d)(?!\\d)`,
  'iu',
);
const MONTH_DAY_YEAR = new RegExp(
  `(?<!${L})(${MONTH_ALT})(?!${L})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d\\d)(?!\\d)`,
  'iu',
);

function plausible(y: number, m: number, d: number, maxYear: number): string | null {
  if (y < 1990 || y > maxYear || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const MAX_YEAR = new Date().getUTCFullYear() + 1;

/** A date written in free text or an attribute value, or null. `mdy` prefers month-first for ambiguous numerics. */
export function parseDate(s: string | null | undefined, mdy = false): string | null {
  if (!s) return null;
  const text = s.length > 400 ? s.slice(0, 400) : s;
  let m = ISO.exec(text);
  if (m) return plausible(+m[1], +m[2], +m[3], MAX_YEAR);
  m = CJK.exec(text);
  if (m) return plausible(+m[1], +m[2], +m[3], MAX_YEAR);
  m = DAY_MONTH_YEAR.exec(text);
  if (m) return plausible(+m[3], MONTHS[m[2].toLowerCase()], +m[1], MAX_YEAR);
  m = MONTH_DAY_YEAR.exec(text);
  if (m) return plausible(+m[3], MONTHS[m[1].toLowerCase()], +m[2], MAX_YEAR);
  m = YMD_SLASH.exec(text);
  if (m) return plausible(+m[1], +m[2], +m[3], MAX_YEAR);
  m = DMY_NUM.exec(text);
  if (m) {
    const a = +m[1];
    const b = +m[2];
    const y = +m[3];
    if (mdy && a <= 12) return plausible(y, a, b, MAX_YEAR) ?? plausible(y, b, a, MAX_YEAR);
    return plausible(y, b, a, MAX_YEAR) ?? plausible(y, a, b, MAX_YEAR);
  }
  // Compact timestamps in attributes: 20200417 or 2020-04-17T…
  const c = /(?<!\d)((?:19|20)\d\d)(0[1-9]|1[0-2])([0-2]\d|3[01])(?!\d)/.exec(text);
  if (c && text.trim().length <= 16) return plausible(+c[1], +c[2], +c[3], MAX_YEAR);
  return null;
}

const URL_YMD = /\/((?:19|20)\d\d)[/_-]?(0?[1-9]|1[0-2])[/_-]?(0?[1-9]|[12]\d|3[01])(?=[/_.-]|$)/;
const URL_YMD_COMPACT = /(?<!\d)((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)/;

/** A full date in a URL path (/2020/04/17/, /2020-04-17-, /20200417). */
export function dateFromUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    // not absolute: use as is
  }
  const m = URL_YMD.exec(path);
  if (m) {
    const d = plausible(+m[1], +m[2], +m[3], MAX_YEAR);
    if (d) return d;
  }
  const c = URL_YMD_COMPACT.exec(path);
  if (c) return plausible(+c[1], +c[2], +c[3], MAX_YEAR);
  return null;
}
