/**
 * Word lists for the time tagger: month and weekday names, number words,
 * calendar units. Built once at module load; parsers compile their regexes
 * from the `*_RE` source strings below.
 */

export const MONTHS: Record<string, number> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

/** ISO weekday numbers (Monday = 1). */
export const WEEKDAYS: Record<string, number> = {
  monday: 1,
  mon: 1,
  tuesday: 2,
  tue: 2,
  tues: 2,
  wednesday: 3,
  wed: 3,
  thursday: 4,
  thu: 4,
  thurs: 4,
  friday: 5,
  fri: 5,
  saturday: 6,
  sat: 6,
  sunday: 7,
  sun: 7,
};

export const MONTH_RE =
  '(?:january|february|march|april|may|june|july|august|september|october|november|december|' +
  '(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?(?![a-z]))';
export const WEEKDAY_RE =
  '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|(?:mon|tues|tue|wed|thurs|thu|fri|sat|sun)\\.(?![a-z]))';

const SMALL: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

const SMALL_RE = Object.keys(SMALL)
  .sort((a, b) => b.length - a.length)
  .join('|');
const TENS_RE = Object.keys(TENS).join('|');
const UNIT_DIGIT_RE = 'one|two|three|four|five|six|seven|eight|nine';

/** A cardinal in words or digits, or a vague quantity ("a few", "several"). */
export const NUM_RE =
  `(?:\\d+(?:[.,]\\d+)?(?:\\s+\\d/\\d)?|(?:a\\s+|one\\s+)?hundred|a\\s+thousand|(?:a\\s+|one\\s+)?dozen|a\\s+half|half\\s+a|` +
  `(?:${TENS_RE})(?:[- ](?:${UNIT_DIGIT_RE}))?|${SMALL_RE}|a\\s+couple\\s+of|a\\s+couple|couple\\s+of|` +
  `a\\s+few|few|several|some|many|numerous|a|an)`;

/** Ordinals for quarters, halves, centuries, days. */
export const ORDINALS: Record<string, number> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  'twenty-first': 21,
};

/** Parses a cardinal; vague quantities give 'X'. */
export function parseNumber(raw: string): number | 'X' | null {
  const s = raw.toLowerCase().replace(/\s+/g, ' ').trim();
  if (/^\d+(?:[.,]\d+)?$/.test(s)) {
    const n = Number(s.replace(/,(?=\d{3}$)/, '').replace(',', '.'));
    return Number.isFinite(n) ? n : null;
  }
  const frac = /^(\d+) (\d)\/(\d)$/.exec(s);
  if (frac) return Number(frac[1]) + Number(frac[2]) / Number(frac[3]);
  if (s === 'a' || s === 'an') return 1;
  if (s === 'a half' || s === 'half a') return 0.5;
  if (/^(a |one )?hundred$/.test(s)) return 100;
  if (s === 'a thousand') return 1000;
  if (/^(a |one )?dozen$/.test(s)) return 12;
  if (/couple/.test(s)) return 2;
  if (/^(a few|few|several|some|many|numerous)$/.test(s)) return 'X';
  if (s in SMALL) return SMALL[s];
  const m = /^([a-z]+)(?:[- ]([a-z]+))?$/.exec(s);
  if (m && m[1] in TENS) {
    if (!m[2]) return TENS[m[1]];
    if (m[2] in SMALL && SMALL[m[2]] < 10) return TENS[m[1]] + SMALL[m[2]];
  }
  return null;
}

/** Calendar units → TIMEX3 duration letters; `time` units go after the T. */
export interface UnitInfo {
  code: string;
  time: boolean;
  /** Multiplier into the code's unit (a decade is 10 years). */
  mult: number;
}

export const UNITS: Record<string, UnitInfo> = {
  second: { code: 'S', time: true, mult: 1 },
  minute: { code: 'M', time: true, mult: 1 },
  hour: { code: 'H', time: true, mult: 1 },
  day: { code: 'D', time: false, mult: 1 },
  night: { code: 'D', time: false, mult: 1 },
  week: { code: 'W', time: false, mult: 1 },
  weekend: { code: 'WE', time: false, mult: 1 },
  fortnight: { code: 'W', time: false, mult: 2 },
  month: { code: 'M', time: false, mult: 1 },
  quarter: { code: 'Q', time: false, mult: 1 },
  year: { code: 'Y', time: false, mult: 1 },
  decade: { code: 'DE', time: false, mult: 1 },
  century: { code: 'CE', time: false, mult: 1 },
  millennium: { code: 'ML', time: false, mult: 1 },
};

export const UNIT_RE =
  '(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|quarters?|years?|decades?|century|centuries|millennium|millennia)';

/** Singular unit name of a (possibly plural) unit word. */
export function unitOf(word: string): UnitInfo | null {
  let w = word.toLowerCase();
  if (w === 'centuries') w = 'century';
  else if (w === 'millennia') w = 'millennium';
  else if (w.endsWith('s')) w = w.slice(0, -1);
  return UNITS[w] ?? null;
}

export const SEASONS: Record<string, string> = {
  spring: 'SP',
  summer: 'SU',
  fall: 'FA',
  autumn: 'FA',
  winter: 'WI',
};

export const PARTS_OF_DAY: Record<string, string> = {
  morning: 'MO',
  afternoon: 'AF',
  evening: 'EV',
  night: 'NI',
  tonight: 'NI',
  overnight: 'NI',
  midday: 'MI',
  noon: '12:00',
  midnight: '24:00',
  dawn: 'MO',
  daybreak: 'MO',
  dusk: 'EV',
};
