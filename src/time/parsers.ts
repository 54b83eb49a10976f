/**
 * The parser families of the time tagger. Each parser is a sticky,
 * case-insensitive regex tried at a trigger position plus a normaliser that
 * turns the match into a candidate with a TIMEX3 value (or rejects it).
 * Families: absolute dates, month/year, years/decades/centuries, quarters and
 * halves, seasons, day words, weekdays, relative units, narrative
 * anchoring, "ago", durations, reference words, times of day, sets, holidays.
 */
import { fmtDate, fmtWeek, isValidDate, pad, quarterOf, type YMD } from './calendar.ts';
import {
  MONTH_RE,
  MONTHS,
  NUM_RE,
  ORDINALS,
  PARTS_OF_DAY,
  parseNumber,
  SEASONS,
  UNIT_RE,
  unitOf,
  WEEKDAY_RE,
  WEEKDAYS,
} from './lexicon.ts';
import { shift, weekdayDate, yearFor } from './resolve.ts';
import type { Cand, Parser, Scanner } from './tagger.ts';

const E = '(?![a-z0-9]|-(?:long|old)(?![a-z]))';
const SP = '\\s+';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR4 = "((?:1[0-9]|20)\\d\\d|'\\d\\d)";
const MOD_PRE =
  '(early|late|mid|middle|earlier|later|the\\s+(?:beginning|start|end|middle|turn|close|first\\s+half|second\\s+half)\\s+of|(?:the\\s+)?(?:early|late|mid)(?:-|\\s+))';
const APPROX =
  '(about|around|approximately|roughly|nearly|almost|some|over|more\\s+than|less\\s+than|under|up\\s+to|at\\s+least|at\\s+most|no\\s+more\\s+than|no\\s+less\\s+than|just\\s+over|just\\s+under|fewer\\s+than)';

const WORD_YEAR_TENS = 'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';
const WORD_UNITS = 'one|two|three|four|five|six|seven|eight|nine';
const WORD_TEENS = 'ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen';
/** A year said in words: "nineteen ninety-seven", "eighteen twelve". */
const SPOKEN_YEAR = `(?:nineteen|eighteen)[- ](?:(?:${WORD_YEAR_TENS})(?:[- ](?:${WORD_UNITS}))?|(?:${WORD_TEENS}))`;

/** The number of a year matched by SPOKEN_YEAR. */
function spokenYear(w: string): number {
  const parts = w.toLowerCase().split(/[- ]/);
  const n = (x: string | undefined) => (x ? (parseNumber(x) as number) : 0);
  return (parts[0] === 'nineteen' ? 1900 : 1800) + n(parts[1]) + n(parts[2]);
}

function re(src: string): RegExp {
  return new RegExp(src, 'iy');
}

function monthNum(w: string): number {
  return MONTHS[w.toLowerCase().replace(/\.$/, '')] ?? 0;
}

function weekdayNum(w: string): number {
  return WEEKDAYS[w.toLowerCase().replace(/\.$/, '')] ?? 0;
}

function yearNum(w: string): number {
  if (w.startsWith("'")) {
    const n = Number(w.slice(1));
    return n > 30 ? 1900 + n : 2000 + n;
  }
  return Number(w);
}

/** TIMEX3 modifier from a prefix word. */
function modOf(w: string | undefined): string | null {
  if (!w) return null;
  const s = w.toLowerCase();
  if (/early|beginning|start|earlier|first half/.test(s)) return 'START';
  if (/late|end|close|later|second half/.test(s)) return 'END';
  if (/mid|middle/.test(s)) return 'MID';
  if (/turn/.test(s)) return 'APPROX';
  return null;
}

function approxMod(w: string | undefined): string | null {
  if (!w) return null;
  const s = w.toLowerCase().replace(/\s+/g, ' ');
  if (s === 'more than' || s === 'over' || s === 'just over') return 'MORE_THAN';
  if (s === 'less than' || s === 'under' || s === 'fewer than' || s === 'just under') return 'LESS_THAN';
  if (s === 'up to' || s === 'at most' || s === 'no more than' || s === 'within') return 'EQUAL_OR_LESS';
  if (s === 'at least' || s === 'no less than') return 'EQUAL_OR_MORE';
  return 'APPROX';
}

function cand(
  m: RegExpExecArray,
  type: Cand['type'],
  value: string,
  precision: string,
  extra: Partial<Cand> = {},
): Cand {
  return {
    start: m.index,
    end: m.index + m[0].length,
    type,
    value,
    precision,
    mod: null,
    stated: [],
    inferred: [],
    anchor: null,
    ...extra,
  };
}

function yx(y: number | null): string {
  return y === null ? 'XXXX' : pad(y, 4);
}

/** Whether month/day falls within six weeks of the publication date (then it is current news). */
function nearPublication(dct: YMD | null, month: number, day: number | null): boolean {
  if (!dct) return false;
  const t = Date.UTC(dct.y, month - 1, day ?? 15);
  return Math.abs(t - Date.UTC(dct.y, dct.m - 1, dct.d)) < 42 * 86400000;
}

/** How close (characters) a date with a written-out year must be to lend that year to the next one. */
const NARRATIVE_REACH = 400;

/**
 * A month (+ day) with the year stated, taken from a nearby date that wrote its year out, or
 * inferred from the publication date and tense.
 */
function monthDay(
  m: RegExpExecArray,
  s: Scanner,
  month: number,
  day: number | null,
  yearRaw: string | undefined,
  extra: Partial<Cand> = {},
): Cand | null {
  let y: number | null = null;
  let anchored = false;
  let narrative = false;
  const last = s.last;
  if (yearRaw) y = yearNum(yearRaw);
  else if (
    last?.yStated &&
    last.m !== null &&
    m.index - last.pos < NARRATIVE_REACH &&
    month >= last.m &&
    last.y !== s.dct?.y &&
    !nearPublication(s.dct, month, day)
  ) {
    // "In March 2014 … On March 18": a background passage keeps the year it started with
    y = last.y;
    anchored = true;
    narrative = true;
  } else if (s.dct) {
    // "by June 30", "until Dec. 7": a deadline lies ahead unless the clause says otherwise
    const deadline = /(?:by|until|till|before|beyond)\s+$/i.test(
      s.text.slice(Math.max(0, m.index - 8), m.index),
    );
    const tense = s.tenseAt(m.index, m.index + m[0].length);
    y = yearFor(s.dct, month, day, deadline && tense === 0 ? 1 : tense);
    anchored = true;
  }
  if (day !== null && !isValidDate(y ?? 2000, month, day)) return null;
  const stated = yearRaw ? ['year', 'month'] : ['month'];
  if (day !== null) stated.push('day');
  const value = day === null ? `${yx(y)}-${pad(month)}` : `${yx(y)}-${pad(month)}-${pad(day)}`;
  return cand(m, 'DATE', value, day === null ? 'month' : 'day', {
    stated,
    inferred: yearRaw ? [] : ['year'],
    anchor: yearRaw ? null : narrative ? 'last' : 'published',
    y: y ?? 2000,
    m: month,
    d: day ?? undefined,
    yKnown: y !== null && (Boolean(yearRaw) || anchored),
    ...extra,
  });
}

/** "May" and "March" are months only with a day, a year or a temporal preposition before them. */
function ambiguousMonth(s: Scanner, start: number, word: string, next: string | undefined): boolean {
  const w = word.toLowerCase();
  if (w !== 'may' && w !== 'march' && w !== 'mar' && w !== 'jan' && w !== 'sun') return false;
  if (word[0] !== word[0].toUpperCase()) return true;
  if (next) return false;
  const before = s.text.slice(Math.max(0, start - 12), start).toLowerCase();
  if (
    /(?:in|of|since|until|till|by|early|late|mid|last|next|this|and|or|to|from|between|before|after|during|through|-)\s*$/.test(
      before,
    )
  )
    return false;
  // "the March accession", "the May meeting": a month naming the time of a noun after it
  // (not "the March on Washington", "the March of Dimes")
  const after = s.text.slice(start + word.length, start + word.length + 16);
  return !(
    /\bthe\s+$/.test(before) &&
    /^\s+[a-z]{3,}/.test(after) &&
    !/^\s+(?:of|on|for|to|in|from|against|through|and|was|is|will|has|had|[a-z]+ed)\b/.test(after)
  );
}

// ---------------------------------------------------------------- absolute dates

const iso: Parser = {
  name: 'iso',
  re: re(
    `(\\d{4})-(\\d\\d)-(\\d\\d)(?:[T ](\\d\\d):(\\d\\d)(?::(\\d\\d))?(?:\\.\\d+)?(?:Z|[+-]\\d\\d:?\\d\\d)?)?${E}`,
  ),
  fn(m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (!isValidDate(y, mo, d)) return null;
    const date = `${m[1]}-${m[2]}-${m[3]}`;
    if (m[4]) {
      return cand(m, 'TIME', `${date}T${m[4]}:${m[5]}${m[6] ? `:${m[6]}` : ''}`, m[6] ? 'second' : 'minute', {
        stated: ['year', 'month', 'day', 'hour', 'minute'],
        y,
        m: mo,
        d,
      });
    }
    return cand(m, 'DATE', date, 'day', { stated: ['year', 'month', 'day'], y, m: mo, d });
  },
};

const numeric: Parser = {
  name: 'numeric',
  re: re(`(\\d{1,2})([./])(\\d{1,2})\\2(\\d{4}|\\d{2})${E}(?![./]\\d)`),
  fn(m) {
    let a = Number(m[1]);
    let b = Number(m[3]);
    let y = Number(m[4]);
    if (m[4].length === 2) y += y > 30 ? 1900 : 2000;
    // 28.10.2023 is day-first; 10/28/2023 month-first unless that is impossible
    let day: number;
    let mon: number;
    if (m[2] === '.') {
      day = a;
      mon = b;
    } else if (a > 12) {
      day = a;
      mon = b;
    } else {
      mon = a;
      day = b;
    }
    if (!isValidDate(y, mon, day)) {
      [a, b] = [day, mon];
      mon = a;
      day = b;
      if (!isValidDate(y, mon, day)) return null;
    }
    return cand(m, 'DATE', `${pad(y, 4)}-${pad(mon)}-${pad(day)}`, 'day', {
      stated: ['year', 'month', 'day'],
      y,
      m: mon,
      d: day,
    });
  },
};

const mdy: Parser = {
  name: 'mdy',
  re: re(
    `(?:(${WEEKDAY_RE}),?${SP}|(?:last|this|next)\\s+)?(${MONTH_RE})\\s*${DAY}(?:\\s*(?:-|–|—|to|through)\\s*(?:(${MONTH_RE})\\s*)?${DAY})?(?:,?${SP}${YEAR4})?${E}(?![:.,]\\d|\\s*%|\\s*(?:percent|per\\s+cent|million|billion))`,
  ),
  fn(m, s) {
    const mon = monthNum(m[2]);
    if (ambiguousMonth(s, m.index, m[2].replace(/\.$/, ''), m[3])) return null;
    const day = Number(m[3]);
    if (day < 1 || day > 31) return null;
    const relW = /^(last|next|this)\s/i.exec(m[0])?.[1].toLowerCase();
    const first = monthDay(m, s, mon, day, m[6]);
    if (!first) return null;
    if (relW && !m[6] && s.dct && first.yKnown) {
      // "last Oct. 23": the most recent one before the publication date
      const y = relW === 'this' ? s.dct.y : yearFor(s.dct, mon, day, relW === 'last' ? -1 : 1);
      first.value = first.value.replace(/^\d{4}/, pad(y, 4));
      first.y = y;
    }
    if (m[1]) first.stated.push('weekday');
    if (m[5]) {
      const mon2 = m[4] ? monthNum(m[4]) : mon;
      const day2 = Number(m[5]);
      const y = first.yKnown ? (first.y ?? null) : null;
      if (!isValidDate(y ?? 2000, mon2, day2)) return null;
      const y2 = y !== null && mon2 < mon ? y + 1 : y;
      const end = `${yx(y2)}-${pad(mon2)}-${pad(day2)}`;
      if (end <= first.value && y !== null) return null;
      return { ...first, value: `${first.value}/${end}`, m: mon2, d: day2, y: y2 ?? 2000 };
    }
    return first;
  },
};

/** "on April 24 and 25": a bare day number joined to a month and day takes that month. */
const coordDay: Parser = {
  name: 'coordDay',
  re: re(
    `(?<=\\b(${MONTH_RE})\\s*(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(?:and|or|&)\\s+)${DAY}(?![a-z0-9]|[:.,]\\d|\\s*(?:%|percent|per\\s+cent|million|billion|cents|points|years|days))`,
  ),
  fn(m, s) {
    const mon = monthNum(m[1]);
    const first = Number(m[2]);
    const day = Number(m[3]);
    if (day <= first || day > 31) return null;
    // "on March 5 and 10 people died": a count before a noun is no day
    const next = /^\s+([a-z]+)/.exec(s.text.slice(m.index + m[0].length, m.index + m[0].length + 20))?.[1];
    if (
      next &&
      !/^(?:in|at|on|to|for|and|or|when|as|with|by|from|of|the|this|that|next|last|after|before|during|is|was|were|will|would|respectively)$/.test(
        next,
      )
    )
      return null;
    const last = s.last;
    if (last && last.m === mon && last.d === first) {
      // the month and year of the date just read
      if (!isValidDate(last.y, mon, day)) return null;
      return cand(m, 'DATE', `${last.yKnown ? pad(last.y, 4) : 'XXXX'}-${pad(mon)}-${pad(day)}`, 'day', {
        stated: ['day'],
        inferred: ['year', 'month'],
        anchor: 'last',
        y: last.y,
        m: mon,
        d: day,
        yKnown: last.yKnown,
      });
    }
    // read as the second end of a range before the first was noted: resolve it the same way
    const c = monthDay(m, s, mon, day, undefined);
    return c && { ...c, stated: ['day'], inferred: ['year', 'month'] };
  },
};

const dmy: Parser = {
  name: 'dmy',
  re: re(
    `(?:(${WEEKDAY_RE}),?${SP})?(?:the\\s+)?${DAY}(?:\\s*(?:-|–|—|to|and)\\s*${DAY})?\\s+(?:of\\s+)?(${MONTH_RE})(?:,?${SP}${YEAR4})?${E}`,
  ),
  fn(m, s) {
    const mon = monthNum(m[4]);
    if (/^may$/i.test(m[4]) && m[4][0] !== 'M') return null;
    if (/^(mar|jan|sun)$/i.test(m[4]) && m[4][0] === m[4][0].toLowerCase()) return null;
    const day = Number(m[2]);
    const first = monthDay(m, s, mon, day, m[5]);
    if (!first) return null;
    if (m[1]) first.stated.push('weekday');
    if (m[3]) {
      const day2 = Number(m[3]);
      if (day2 <= day || !isValidDate(first.y ?? 2000, mon, day2)) return null;
      const end = `${yx(first.yKnown ? (first.y ?? null) : null)}-${pad(mon)}-${pad(day2)}`;
      return { ...first, value: `${first.value}/${end}`, d: day2 };
    }
    return first;
  },
};

const monthYear: Parser = {
  name: 'monthYear',
  re: re(
    `(?:${MOD_PRE}\\s*)?(${MONTH_RE})(?:\\s*(?:-|–|—|to|through|and)\\s*(${MONTH_RE}))?,?${SP}(?:of\\s+)?(?:${YEAR4}|(${SPOKEN_YEAR}))${E}(?!\\s*%)`,
  ),
  fn(m) {
    const mon = monthNum(m[2]);
    const y = m[4] ? yearNum(m[4]) : spokenYear(m[5]);
    if (/^may$/i.test(m[2]) && m[2][0] !== 'M') return null;
    const mod = modOf(m[1]);
    const value = `${pad(y, 4)}-${pad(mon)}`;
    if (m[3]) {
      const mon2 = monthNum(m[3]);
      if (mon2 <= mon) return null;
      return cand(m, 'DATE', `${value}/${pad(y, 4)}-${pad(mon2)}`, 'month', {
        stated: ['year', 'month'],
        mod,
        y,
        m: mon2,
      });
    }
    return cand(m, 'DATE', value, 'month', { stated: ['year', 'month'], mod, y, m: mon });
  },
};

const monthOnly: Parser = {
  name: 'month',
  re: re(
    `(?:${MOD_PRE}\\s*)?(?:(last|next|this|this\\s+past|this\\s+coming|coming|past)\\s+)?(${MONTH_RE})(?:,?\\s+(?:of\\s+)?(last|this|next)\\s+year)?${E}`,
  ),
  fn(m, s) {
    const word = m[3].replace(/\.$/, '');
    if (!m[1] && !m[2] && ambiguousMonth(s, m.index, word, undefined)) return null;
    if (word.length <= 4 && !m[3].endsWith('.') && !/^(?:may|june|july)$/i.test(word)) return null;
    if (/^(?:may|march)$/i.test(word) && word[0] !== 'M') return null;
    const mon = monthNum(m[3]);
    const mod = modOf(m[1]);
    const rel = (m[2] ?? '').toLowerCase();
    const relYear = (m[4] ?? '').toLowerCase();
    if (!s.dct) {
      return cand(m, 'DATE', `XXXX-${pad(mon)}`, 'month', {
        stated: ['month'],
        inferred: ['year'],
        mod,
        anchor: 'published',
        y: 2000,
        m: mon,
        yKnown: false,
      });
    }
    let y: number;
    if (relYear) y = s.dct.y + (relYear === 'last' ? -1 : relYear === 'next' ? 1 : 0);
    else if (rel === 'last' && (mon === s.dct.m - 1 || (mon === 12 && s.dct.m === 1)))
      // the month just ended would be "last month": "last February" said in March reaches a year back
      y = s.dct.y - (mon === 12 ? 2 : 1);
    else if (rel === 'last' || rel.includes('past')) y = mon < s.dct.m ? s.dct.y : s.dct.y - 1;
    else if (rel === 'next' || rel.includes('coming')) y = mon > s.dct.m ? s.dct.y : s.dct.y + 1;
    else if (rel === 'this') y = s.dct.y;
    else {
      // "by May", "until January", "through August": a deadline or a span end, the nearest one
      const deadline = /(?:by|until|till|through)\s+$/i.test(s.text.slice(Math.max(0, m.index - 8), m.index));
      const tense = s.tenseAt(m.index, m.index + m[0].length);
      y = deadline ? yearFor(s.dct, mon, null, 0, 0.9) : yearFor(s.dct, mon, null, tense);
    }
    return cand(m, 'DATE', `${pad(y, 4)}-${pad(mon)}`, 'month', {
      stated: ['month'],
      inferred: ['year'],
      mod,
      anchor: 'published',
      y,
      m: mon,
      yKnown: true,
    });
  },
};

// ---------------------------------------------------------------- years, decades, centuries

const PREP_BEFORE_YEAR =
  /(?:in|since|of|by|until|till|from|to|before|after|during|through|between|and|or|year|years|fiscal|early|late|mid|the|than|around|about|circa|c\.|as|for|at|on|into|'s|—|–|-|\(|,)\s*$/i;

const year: Parser = {
  name: 'year',
  re: re(
    `(?:${MOD_PRE}\\s*)?(?:(fiscal(?:\\s+year)?|calendar(?:\\s+year)?|the\\s+(?:fiscal\\s+)?year|fy|model\\s+year)\\s*)?((?:1[0-9]|20)\\d\\d)(?:\\s*(?:-|–|—)\\s*((?:1[0-9]|20)\\d\\d|\\d\\d))?${E}(?![.,]\\d|\\s*%|\\s*(?:percent|per\\s+cent))`,
  ),
  fn(m, s) {
    const y = Number(m[3]);
    const start = m.index;
    const before = s.text.slice(Math.max(0, start - 3), start);
    if (/[$€£#]\s*$|\d[.,]?$/.test(before)) return null;
    if (!m[1] && !m[2]) {
      const after = s.text.slice(m.index + m[0].length, m.index + m[0].length + 20);
      const prev = s.text.slice(Math.max(0, start - 16), start);
      const nextWord = /^\s+([a-z]+)/.exec(after)?.[1] ?? '';
      const goodBefore = PREP_BEFORE_YEAR.test(prev) || start === 0 || /[\n]\s*$/.test(prev);
      if (
        !goodBefore &&
        /^[a-z]+s$/.test(nextWord) &&
        !/^(was|is|has|as|this|its|saw|plus|vs)$/.test(nextWord)
      )
        return null;
      if (
        /^(?:people|men|women|troops|soldiers|tons|miles|meters|metres|feet|units|cars|shares|jobs|votes)$/.test(
          nextWord,
        )
      )
        return null;
      if (y < 1000 || y > 2099) return null;
      // "at 1230" (a clock time), "PPN 2058" (a code): far from the publication date and without a
      // temporal preposition, a four-digit number is not a year
      const prep =
        /(?:in|since|by|until|till|from|to|before|after|during|through|of|year|early|late|mid)\s*$/i.test(
          prev,
        );
      if (!prep && (y < 1600 || (s.dct && y > s.dct.y + 30))) return null;
      if (!prep && /\b[A-Z]{2,}\s+$/.test(prev) && !/\b(?:AD|BC|CE|BCE)\s+$/.test(prev)) return null;
    }
    const mod = modOf(m[1]);
    if (m[4]) {
      let y2 = Number(m[4]);
      if (m[4].length === 2) y2 = Math.floor(y / 100) * 100 + y2;
      if (y2 <= y || y2 - y > 100) return null;
      return cand(m, 'DATE', `${pad(y, 4)}/${pad(y2, 4)}`, 'year', { stated: ['year'], mod, y: y2 });
    }
    return cand(m, 'DATE', pad(y, 4), 'year', { stated: ['year'], mod, y });
  },
};

const DECADE_WORDS: Record<string, number> = {
  twenties: 2,
  thirties: 3,
  forties: 4,
  fifties: 5,
  sixties: 6,
  seventies: 7,
  eighties: 8,
  nineties: 9,
};

const decade: Parser = {
  name: 'decade',
  re: re(
    `(?:the\\s+)?(?:(early|late|mid)(?:-|\\s+))?(?:((?:1[0-9]|20)\\d)0'?s|'(\\d)0'?s|(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))${E}`,
  ),
  fn(m) {
    let value: string;
    if (m[2]) value = m[2];
    else if (m[3]) value = `19${m[3]}`;
    else {
      if (!/^the\s/i.test(m[0]) && !m[1]) return null;
      value = `19${DECADE_WORDS[m[4].toLowerCase()]}`;
    }
    const dy = Number(`${value}0`);
    return cand(m, 'DATE', value, 'decade', { stated: ['decade'], mod: modOf(m[1]), y: dy });
  },
};

const century: Parser = {
  name: 'century',
  re: re(
    `(?:the\\s+)?(?:(early|late|mid)(?:-|\\s+))?(\\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)[- ]century${E}`,
  ),
  fn(m) {
    const raw = m[2].toLowerCase();
    const n = /^\d/.test(raw) ? Number.parseInt(raw, 10) : ORDINALS[raw];
    if (!n || n > 21) return null;
    return cand(m, 'DATE', pad(n - 1, 2), 'century', { stated: ['century'], mod: modOf(m[1]) });
  },
};

const wordYear: Parser = {
  name: 'wordYear',
  re: re(
    `(?:the\\s+year\\s+)?(?:(nineteen|eighteen)[- ](?:(${WORD_YEAR_TENS})(?:[- ](${WORD_UNITS}))?|(${WORD_TEENS})|oh[- ](${WORD_UNITS}))|two\\s+thousand(?:\\s+and)?(?:\\s+(${WORD_UNITS}|${WORD_TEENS}))?)${E}`,
  ),
  fn(m) {
    const n = (w: string | undefined) => (w ? (parseNumber(w) as number) : 0);
    let y: number;
    if (m[1]) {
      const base = m[1].toLowerCase() === 'nineteen' ? 1900 : 1800;
      y = base + (m[2] ? n(m[2]) + n(m[3]) : m[4] ? n(m[4]) : n(m[5]));
    } else {
      if (!/^the\s/i.test(m[0]) && !m[6]) return null;
      y = 2000 + n(m[6]);
    }
    return cand(m, 'DATE', String(y), 'year', { stated: ['year'], y });
  },
};

// ---------------------------------------------------------------- quarters, halves

const Q_ORD =
  '(first|second|third|fourth|1st|2nd|3rd|4th|final|last|latest|current|past|previous|year-ago|year-earlier|same|recent|prior-year|year-before)';

/** "the quarter a year ago", "the third quarter a year earlier": the same quarter, one year back. */
const YEAR_BACK = /^\s+(?:a\s+year\s+(?:ago|earlier|before)|(?:of\s+)?last\s+year)(?![a-z])/i;

const quarter: Parser = {
  name: 'quarter',
  re: re(
    `(?:the\\s+)?(?:(?:((?:1[0-9]|20)\\d\\d)|(this|last|next)\\s+year)(?:'s|’s)?\\s+)?(?:(fiscal|calendar)\\s+)?${Q_ORD}?(?:(?:-|\\s+)(?:fiscal|calendar))?(?:-|\\s+)?quarters?(?:\\s+of\\s+(?:(?:fiscal|calendar)\\s+)?(?:((?:1[0-9]|20)\\d\\d)|(this|last|next)\\s+year|the\\s+year))?${E}`,
  ),
  fn(m, s) {
    const c = quarterCand(m, s);
    if (!c || m[1] || m[2] || m[5] || m[6]) return c;
    const back = YEAR_BACK.exec(s.text.slice(c.end, c.end + 24));
    const q = /^(\d{4})-Q([1-4])$/.exec(c.value);
    if (!back || !q) return c;
    return { ...c, end: c.end + back[0].length, value: `${Number(q[1]) - 1}-Q${q[2]}`, derived: true };
  },
};

/** The quarter a `quarter` match names, before any trailing "a year ago". */
function quarterCand(m: RegExpExecArray, s: Scanner): Cand | null {
  const text = m[0].toLowerCase();
  const ordWord = (m[4] ?? '').toLowerCase();
  if (!ordWord && !/^the\s/.test(text) && !m[1] && !m[2]) return null;
  if (/quarters$/.test(text)) return null;
  // "the final quarter", "the last quarter of 2022": the fourth (but "the last quarter" alone is the one before)
  const ofYear = Boolean(m[5] || m[6]) || /\sof\s+(?:the\s+)?(?:fiscal\s+|calendar\s+)?year$/i.test(m[0]);
  const q = ordWord === 'final' || (ordWord === 'last' && ofYear) ? 4 : (ORDINALS[ordWord] ?? 0);
  const explicitYear = m[1] ?? m[5];
  const relYear = (m[2] ?? m[6] ?? '').toLowerCase();
  const dct = s.dct;
  let y: number | null = explicitYear
    ? Number(explicitYear)
    : dct
      ? dct.y + (relYear === 'last' ? -1 : relYear === 'next' ? 1 : 0)
      : null;
  const cur = dct ? quarterOf(dct.m) : 0;
  const lastQ = s.lastQuarter;
  if (!q) {
    if (/year-ago|year-earlier|year-before|prior-year/.test(ordWord)) {
      const base = lastQ ?? (dct ? { y: dct.y, q: cur === 1 ? 4 : cur - 1 } : null);
      if (!base) return null;
      return cand(m, 'DATE', `${base.y - 1}-Q${base.q}`, 'quarter', {
        stated: ['quarter'],
        inferred: ['year'],
        anchor: 'published',
        derived: true,
      });
    }
    if (ordWord === 'same' && lastQ) {
      return cand(m, 'DATE', `${lastQ.y}-Q${lastQ.q}`, 'quarter', {
        stated: [],
        inferred: ['year', 'quarter'],
      });
    }
    if (explicitYear && !ordWord) {
      const bq = lastQ?.q ?? (dct ? (cur === 1 ? 4 : cur - 1) : null);
      if (!bq) return null;
      return cand(m, 'DATE', `${explicitYear}-Q${bq}`, 'quarter', {
        stated: ['year'],
        inferred: ['quarter'],
        derived: true,
      });
    }
    if (relYear && !ordWord) {
      // "last year's quarter": the reported quarter, a year earlier
      const base = lastQ ?? (dct ? { y: cur === 1 ? dct.y - 1 : dct.y, q: cur === 1 ? 4 : cur - 1 } : null);
      if (!base || !dct) return null;
      const off = relYear === 'last' ? -1 : relYear === 'next' ? 1 : 0;
      return cand(m, 'DATE', `${base.y + off}-Q${base.q}`, 'quarter', {
        inferred: ['year', 'quarter'],
        anchor: 'published',
        derived: off !== 0,
      });
    }
    if (ordWord === 'current') {
      if (!dct) return null;
      return cand(m, 'DATE', `${dct.y}-Q${cur}`, 'quarter', {
        inferred: ['year', 'quarter'],
        anchor: 'published',
      });
    }
    // "the quarter ended July 31": the calendar quarter of that month
    const ended = new RegExp(`^\\s+(?:ended|ending|that\\s+ended|to)\\s+(${MONTH_RE})`, 'i').exec(
      s.text.slice(m.index + m[0].length, m.index + m[0].length + 30),
    );
    if (ended && dct) {
      const em = monthNum(ended[1]);
      const ey = yearFor(dct, em, null, -1);
      // the three months ending in `em`: the calendar quarter holding most of them (that of the middle month)
      const mid = em === 1 ? 12 : em - 1;
      return cand(m, 'DATE', `${em === 1 ? ey - 1 : ey}-Q${quarterOf(mid)}`, 'quarter', {
        inferred: ['year', 'quarter'],
        anchor: 'published',
      });
    }
    if (!dct)
      return cand(m, 'DATE', 'XXXX-QX', 'quarter', { inferred: ['year', 'quarter'], anchor: 'published' });
    // "the quarter", "the latest quarter", "this quarter" in a report: the most recently completed quarter
    const pq = cur === 1 ? 4 : cur - 1;
    return cand(m, 'DATE', `${cur === 1 ? dct.y - 1 : dct.y}-Q${pq}`, 'quarter', {
      inferred: ['year', 'quarter'],
      anchor: 'published',
    });
  }
  if (q > 4) return null;
  if (y !== null && !explicitYear && !relYear && dct && q > cur) {
    // a quarter that has not started yet is last year's, unless the clause is about the future
    if (s.tenseAt(m.index, m.index + m[0].length) <= 0) y -= 1;
  }
  return cand(m, 'DATE', `${yx(y)}-Q${q}`, 'quarter', {
    stated: explicitYear ? ['year', 'quarter'] : ['quarter'],
    inferred: explicitYear ? [] : ['year'],
    anchor: explicitYear ? null : 'published',
    y: y ?? undefined,
  });
}

/** "the year-ago third quarter": a stated quarter one year before the one being reported. */
const yearAgoQuarter: Parser = {
  name: 'yearAgoQuarter',
  re: re(
    `(?:the\\s+)?(?:comparable\\s+)?(?:year-ago|year-earlier|year-before|prior-year)\\s+(first|second|third|fourth|1st|2nd|3rd|4th)(?:-|\\s+)quarter${E}`,
  ),
  fn(m, s) {
    const q = ORDINALS[m[1].toLowerCase()] ?? 0;
    if (!q) return null;
    const lastQ = s.lastQuarter;
    let y: number | null = null;
    if (lastQ && lastQ.q === q) y = lastQ.y;
    else if (s.dct) y = q < quarterOf(s.dct.m) ? s.dct.y : s.dct.y - 1;
    if (y === null)
      return cand(m, 'DATE', `XXXX-Q${q}`, 'quarter', { stated: ['quarter'], inferred: ['year'] });
    return cand(m, 'DATE', `${y - 1}-Q${q}`, 'quarter', {
      stated: ['quarter'],
      inferred: ['year'],
      anchor: 'published',
      derived: true,
    });
  },
};

const qShort: Parser = {
  name: 'qShort',
  re: re(`(?:q([1-4])|([1-4])q|h([12]))(?:\\s*(?:'|fy)?((?:19|20)?\\d\\d))?${E}`),
  fn(m, s) {
    if (m[0][0] !== m[0][0].toUpperCase() && !/\d/.test(m[0][0])) return null;
    let y: number | null = null;
    if (m[4]) y = m[4].length === 2 ? 2000 + Number(m[4]) : Number(m[4]);
    else if (s.dct) y = s.dct.y;
    if (m[3])
      return cand(m, 'DATE', `${yx(y)}-H${m[3]}`, 'half', { stated: m[4] ? ['year', 'half'] : ['half'] });
    return cand(m, 'DATE', `${yx(y)}-Q${m[1] ?? m[2]}`, 'quarter', {
      stated: m[4] ? ['year', 'quarter'] : ['quarter'],
      inferred: m[4] ? [] : ['year'],
      anchor: m[4] ? null : 'published',
    });
  },
};

const half: Parser = {
  name: 'half',
  re: re(
    `(?:the\\s+)?(?:(first|second|1st|2nd|latter|last)\\s+half|(first|last)\\s+two\\s+quarters)(?:\\s+of\\s+(?:(?:the\\s+)?(?:fiscal\\s+)?((?:1[0-9]|20)\\d\\d)|(this|last|next)\\s+year|the\\s+year))?${E}`,
  ),
  fn(m, s) {
    // "the first two quarters of 1990" is the first half too
    const which = m[1] ?? m[2];
    const h = /first|1st/i.test(which) ? 1 : 2;
    if (/^last$/i.test(which) && !/\sof\s/i.test(m[0])) return null;
    let y: number | null = m[3] ? Number(m[3]) : null;
    if (y === null && s.dct) y = s.dct.y + (m[4] === 'last' ? -1 : m[4] === 'next' ? 1 : 0);
    if (!/\sof\s/i.test(m[0]) && !/^the\s/i.test(m[0])) return null;
    return cand(m, 'DATE', `${yx(y)}-H${h}`, 'half', {
      stated: m[3] ? ['year', 'half'] : ['half'],
      inferred: m[3] ? [] : ['year'],
      anchor: m[3] ? null : 'published',
    });
  },
};

// ---------------------------------------------------------------- seasons

const season: Parser = {
  name: 'season',
  re: re(
    `(?:${MOD_PRE}\\s*)?(?:the\\s+)?(?:(last|this|next|past|this\\s+past|this\\s+coming|coming|previous)\\s+)?(spring|summer|fall|autumn|winter)(?:\\s+(?:of\\s+)?(?:${YEAR4}|(${SPOKEN_YEAR})))?${E}`,
  ),
  fn(m, s) {
    const code = SEASONS[m[3].toLowerCase()];
    const rel = (m[2] ?? '').toLowerCase();
    const before = s.text.slice(Math.max(0, m.index - 8), m.index).toLowerCase();
    if (!m[1] && !rel && !m[4] && !m[5] && !/(?:in|the|this|by|until|during|since|and|or)\s+$/.test(before))
      return null;
    // "fall" is also a decline: "a sharp early fall", "the fall in prices"
    if (m[3].toLowerCase() === 'fall' && !rel && !m[4] && !m[5]) {
      const after = s.text.slice(m.index + m[0].length, m.index + m[0].length + 12);
      const lead = s.text.slice(Math.max(0, m.index - 24), m.index).toLowerCase();
      if (!/(?:in|during|by|until|since|through)\s+(?:the\s+)?$/.test(lead) || /^\s+(?:in|of)\s/i.test(after))
        return null;
    }
    const mod = modOf(m[1]);
    let y: number | null = null;
    let anchored = false;
    if (m[4]) y = yearNum(m[4]);
    else if (m[5]) y = spokenYear(m[5]);
    else if (s.dct) {
      anchored = true;
      // seasons on one line: spring, summer, fall, then the winter that starts in December of that year
      const order = ['SP', 'SU', 'FA', 'WI'];
      const cur = seasonOf(s.dct);
      const curIdx = cur.y * 4 + order.indexOf(cur.code);
      const ti = order.indexOf(code);
      const tense = s.tenseAt(m.index, m.index + m[0].length);
      const past = rel === 'last' || rel.includes('past') || rel === 'previous';
      const next = rel === 'next' || rel.includes('coming');
      let best = cur.y;
      let bestScore = Number.POSITIVE_INFINITY;
      for (const cy of [cur.y - 1, cur.y, cur.y + 1]) {
        const d = cy * 4 + ti - curIdx;
        if ((past && d >= 0) || (next && d <= 0)) continue;
        // "this summer": the one in the publication year (this winter: the current or coming one)
        if (rel === 'this' && cy !== (code === 'WI' && s.dct.m <= 2 ? s.dct.y - 1 : s.dct.y)) continue;
        const lean = !past && !next && ((tense < 0 && d > 0) || (tense > 0 && d < 0)) ? 8 : d > 0 ? 1.5 : 1;
        const score = Math.abs(d) * lean;
        if (score < bestScore) {
          bestScore = score;
          best = cy;
        }
      }
      y = best;
    }
    return cand(m, 'DATE', `${yx(y)}-${code}`, 'season', {
      stated: m[4] || m[5] ? ['year', 'season'] : ['season'],
      inferred: m[4] || m[5] ? [] : ['year'],
      anchor: anchored || !y ? 'published' : null,
      mod,
    });
  },
};

function seasonOf(d: YMD): { y: number; code: string } {
  // meteorological seasons; December belongs to the next year's winter only in name, TimeML uses its own year
  if (d.m === 12 || d.m <= 2) return { y: d.m === 12 ? d.y : d.y - 1, code: 'WI' };
  if (d.m <= 5) return { y: d.y, code: 'SP' };
  if (d.m <= 8) return { y: d.y, code: 'SU' };
  return { y: d.y, code: 'FA' };
}

// ---------------------------------------------------------------- day words

const DAYWORD =
  '(today|yesterday|tomorrow|tonight|the\\s+day\\s+before\\s+yesterday|the\\s+day\\s+after\\s+tomorrow)';
const POD = '(morning|afternoon|evening|night|overnight)';

const dayWord: Parser = {
  name: 'dayWord',
  re: re(`(?:(early|late|earlier|later|mid-?)\\s*)?(?:${POD}\\s+)?${DAYWORD}(?:(?:'s|’s)?\\s+${POD})?${E}`),
  fn(m, s) {
    const w = m[3].toLowerCase().replace(/\s+/g, ' ');
    // "USA Today", "This is VOA Today": a capitalised day word after a capitalised name ends a title
    if (
      m[0] === m[3] &&
      /^[A-Z]/.test(m[3]) &&
      /\b[A-Z][\w&'-]*\s+$/.test(s.text.slice(Math.max(0, m.index - 24), m.index))
    )
      return null;
    const off =
      w === 'yesterday' ? -1 : w === 'tomorrow' ? 1 : w.includes('before') ? -2 : w.includes('after') ? 2 : 0;
    const date = s.dct ? shift(s.dct, 'D', off) : null;
    const pod = m[4]
      ? PARTS_OF_DAY[m[4].toLowerCase()]
      : m[2]
        ? PARTS_OF_DAY[m[2].toLowerCase()]
        : w === 'tonight'
          ? 'NI'
          : null;
    const base = date ? fmtDate(date) : 'XXXX-XX-XX';
    const mod = modOf(m[1]);
    if (pod) {
      return cand(m, 'TIME', `${base}T${pod}`, 'part-of-day', {
        inferred: ['year', 'month', 'day'],
        stated: ['part-of-day'],
        anchor: 'published',
        mod,
        ...(date ? { y: date.y, m: date.m, d: date.d } : {}),
      });
    }
    return cand(m, 'DATE', base, 'day', {
      inferred: ['year', 'month', 'day'],
      anchor: 'published',
      mod,
      ...(date ? { y: date.y, m: date.m, d: date.d, yKnown: true } : {}),
    });
  },
};

const thisPod: Parser = {
  name: 'thisPod',
  re: re(
    `(?:(early|late|earlier|later|mid-?)\\s*)?(this|last|that|the\\s+same|the\\s+next|the\\s+following|the\\s+previous)\\s+${POD}${E}`,
  ),
  fn(m, s) {
    const rel = m[2].toLowerCase().replace(/\s+/g, ' ');
    const pod = PARTS_OF_DAY[m[3].toLowerCase()];
    let date: YMD | null = null;
    let anchor: 'published' | 'last' = 'published';
    if (rel === 'this') date = s.dct;
    else if (rel === 'last') date = s.dct ? shift(s.dct, 'D', -1) : null;
    else {
      anchor = 'last';
      const base = s.last?.d ? { y: s.last.y, m: s.last.m as number, d: s.last.d } : s.dct;
      if (!s.last?.d) anchor = 'published';
      const off = rel.includes('next') || rel.includes('following') ? 1 : rel.includes('previous') ? -1 : 0;
      date = base ? shift(base, 'D', off) : null;
    }
    if (rel === 'last' && pod !== 'NI') return null;
    return cand(m, 'TIME', `${date ? fmtDate(date) : 'XXXX-XX-XX'}T${pod}`, 'part-of-day', {
      stated: ['part-of-day'],
      inferred: ['year', 'month', 'day'],
      anchor,
      mod: modOf(m[1]),
    });
  },
};

/**
 * "by mid afternoon", "late evening", "in the morning": a part of day without
 * its day takes the day of the narrative anchor (or the publication date).
 */
const podAlone: Parser = {
  name: 'podAlone',
  re: re(
    `(?:(early|late|mid)(?:-|\\s*)|the\\s+)(morning|afternoon|evening)${E}(?!\\s+(?:of|news|papers?|shows?|editions?|sessions?|star|prayers?|rush|commute|line)\\b)`,
  ),
  fn(m, s) {
    const pod = PARTS_OF_DAY[m[2].toLowerCase()];
    const last = s.last?.d ? { y: s.last.y, m: s.last.m as number, d: s.last.d } : null;
    const date = last ?? s.dct;
    return cand(m, 'TIME', `${date ? fmtDate(date) : 'XXXX-XX-XX'}T${pod}`, 'part-of-day', {
      stated: ['part-of-day'],
      inferred: ['year', 'month', 'day'],
      anchor: last ? 'last' : 'published',
      mod: modOf(m[1]),
    });
  },
};

// ---------------------------------------------------------------- weekdays

const weekdayP: Parser = {
  name: 'weekday',
  re: re(
    `(?:(early|late|earlier|later)\\s+)?(?:(last|next|this|this\\s+past|this\\s+coming|coming|past|previous|the\\s+(?:previous|preceding|following|next))\\s+)?(${WEEKDAY_RE})(?:\\s+${POD})?${E}`,
  ),
  fn(m, s) {
    const word = m[3].replace(/\.$/, '');
    if (word.length <= 5 && !/day$/i.test(word) && word[0] !== word[0].toUpperCase()) return null;
    if (/^sun$/i.test(word)) return null;
    const wd = weekdayNum(m[3]);
    const relW = (m[2] ?? '').toLowerCase().replace(/\s+/g, ' ');
    const rel: -1 | 0 | 1 | null =
      relW === 'last' || relW.includes('past') || /previous|preceding/.test(relW)
        ? -1
        : relW === 'next' || relW.includes('coming') || relW.startsWith('the ')
          ? 1
          : relW === 'this'
            ? 0
            : null;
    // a plural is a set: "on Mondays"
    const pod = m[4] ? PARTS_OF_DAY[m[4].toLowerCase()] : null;
    const mod = modOf(m[1]);
    if (!s.dct) {
      return cand(
        m,
        pod ? 'TIME' : 'DATE',
        `XXXX-WXX-${wd}${pod ? `T${pod}` : ''}`,
        pod ? 'part-of-day' : 'day',
        {
          stated: ['weekday'],
          inferred: ['year', 'month', 'day'],
          anchor: 'published',
          mod,
        },
      );
    }
    // "Wednesday's ruling": a possessive names something that has happened
    const possessive = /^['’]s\b/.test(s.text.slice(m.index + m[0].length, m.index + m[0].length + 3));
    const tense = possessive ? 0 : s.tenseAt(m.index, m.index + m[0].length);
    // "the previous Friday", "the following Monday": counted from the day the narrative is on
    const last = s.last;
    const fromLast = relW.startsWith('the ') && last?.d != null && last.m !== null && last.yKnown;
    const base = fromLast && last ? { y: last.y, m: last.m as number, d: last.d as number } : s.dct;
    const date = weekdayDate(base, wd, rel, tense);
    return cand(
      m,
      pod ? 'TIME' : 'DATE',
      `${fmtDate(date)}${pod ? `T${pod}` : ''}`,
      pod ? 'part-of-day' : 'day',
      {
        stated: pod ? ['weekday', 'part-of-day'] : ['weekday'],
        inferred: ['year', 'month', 'day'],
        anchor: fromLast ? 'last' : 'published',
        mod,
        y: date.y,
        m: date.m,
        d: date.d,
        yKnown: true,
      },
    );
  },
};

/** "will one day be", "could someday": an indefinite future time, not a duration. */
const oneDay: Parser = {
  name: 'oneDay',
  re: re(
    `(?<=\\b(?:will|would|could|may|might|can|shall|'ll)\\s+(?:still\\s+)?)(?:one\\s+day|someday|some\\s+day)${E}`,
  ),
  fn(m) {
    return cand(m, 'DATE', 'FUTURE_REF', 'day', { anchor: 'published' });
  },
};

/** "every July", "each March": a month recurring every year. */
const monthSet: Parser = {
  name: 'monthSet',
  re: re(`(?:every|each)\\s+(${MONTH_RE})${E}`),
  fn(m) {
    return cand(m, 'SET', `XXXX-${pad(monthNum(m[1]))}`, 'month', { stated: ['month'] });
  },
};

const weekdaySet: Parser = {
  name: 'weekdaySet',
  re: re(
    `(?:(?:every|each)\\s+(${WEEKDAY_RE})|(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s)${E}`,
  ),
  fn(m) {
    const wd = weekdayNum(m[1] ?? m[2]);
    return cand(m, 'SET', `XXXX-WXX-${wd}`, 'day', { stated: ['weekday'] });
  },
};

// ---------------------------------------------------------------- relative units

const REL_UNIT = '(day|week|weekend|month|year|decade|century|quarter)';

function unitValue(d: YMD | null, unit: string): { value: string; precision: string } {
  if (!d) {
    const v: Record<string, string> = {
      day: 'XXXX-XX-XX',
      week: 'XXXX-WXX',
      weekend: 'XXXX-WXX-WE',
      month: 'XXXX-XX',
      year: 'XXXX',
      decade: 'XXX',
      century: 'XX',
      quarter: 'XXXX-QX',
    };
    return { value: v[unit], precision: unit === 'weekend' ? 'week' : unit };
  }
  switch (unit) {
    case 'day':
      return { value: fmtDate(d), precision: 'day' };
    case 'week':
      return { value: fmtWeek(d), precision: 'week' };
    case 'weekend':
      return { value: `${fmtWeek(d)}-WE`, precision: 'week' };
    case 'month':
      return { value: `${pad(d.y, 4)}-${pad(d.m)}`, precision: 'month' };
    case 'quarter':
      return { value: `${pad(d.y, 4)}-Q${quarterOf(d.m)}`, precision: 'quarter' };
    case 'decade':
      return { value: pad(Math.floor(d.y / 10), 3), precision: 'decade' };
    case 'century':
      return { value: pad(Math.floor(d.y / 100), 2), precision: 'century' };
    default:
      return { value: pad(d.y, 4), precision: 'year' };
  }
}

/** Which calendar parts a relative expression of each unit leaves to its anchor. */
const INFERRED: Record<string, string[]> = {
  day: ['year', 'month', 'day'],
  week: ['year', 'week'],
  weekend: ['year', 'week'],
  month: ['year', 'month'],
  quarter: ['year', 'quarter'],
  year: ['year'],
  decade: ['decade'],
  century: ['century'],
};

const UNIT_CODE: Record<string, string> = {
  day: 'D',
  week: 'W',
  weekend: 'W',
  month: 'M',
  quarter: 'Q',
  year: 'Y',
  decade: 'DE',
  century: 'CE',
};

const relUnit: Parser = {
  name: 'relUnit',
  re: re(
    `(?:(early|late|earlier|later|the\\s+(?:beginning|start|end|middle|rest|remainder|balance|close)\\s+of|(?:the\\s+)?(?:end|start)\\s+of|mid-?)\\s*)?(?:the\\s+)?(last|next|this|past|coming|previous|following|current|same|prior|latest|recent|preceding|present)\\s+${REL_UNIT}${E}`,
  ),
  fn(m, s) {
    const rel = m[2].toLowerCase();
    const unit = m[3].toLowerCase();
    const hasThe = /^(?:the\s+)/i.test(m[0].slice(m[1] ? m[1].length : 0).trimStart());
    // "same-day settlement": "same" needs "the" or "that"
    if (rel === 'same' && !hasThe) return null;
    // "the last day of trading", "the first week of May": a part of something else, not a relative date
    if (/^\s+of\b/i.test(s.text.slice(m.index + m[0].length, m.index + m[0].length + 4))) return null;
    // "This quarter's loss includes…" after a reported quarter: the quarter under discussion
    const lq = s.lastQuarter;
    if (
      unit === 'quarter' &&
      rel === 'this' &&
      !m[1] &&
      lq &&
      m.index - lq.pos < QUARTER_REACH &&
      s.tenseAt(m.index, m.index + m[0].length) <= 0
    )
      return cand(m, 'DATE', `${lq.y}-Q${lq.q}`, 'quarter', {
        inferred: ['year', 'quarter'],
        anchor: 'last',
      });
    if (unit === 'day' && (rel === 'this' || rel === 'current' || rel === 'present')) {
      const v = unitValue(s.dct, 'day');
      return cand(m, 'DATE', v.value, 'day', { inferred: ['year', 'month', 'day'], anchor: 'published' });
    }
    let anchor: 'published' | 'last' = 'published';
    let base: YMD | null = s.dct;
    let off = 0;
    const narrative =
      rel === 'following' ||
      rel === 'same' ||
      rel === 'preceding' ||
      (hasThe && (rel === 'next' || rel === 'previous' || rel === 'prior'));
    if (
      narrative &&
      s.last &&
      (unit !== 'day' || s.last.d) &&
      (unit === 'year' || unit === 'decade' || unit === 'century' || s.last.m)
    ) {
      anchor = 'last';
      base = { y: s.last.y, m: s.last.m ?? 6, d: s.last.d ?? 15 };
    }
    if (
      rel === 'last' ||
      rel === 'previous' ||
      rel === 'prior' ||
      rel === 'preceding' ||
      (rel === 'past' && !hasThe)
    )
      off = -1;
    else if (rel === 'next' || rel === 'following' || (rel === 'coming' && !hasThe)) off = 1;
    else if (rel === 'past' || rel === 'coming' || rel === 'recent' || rel === 'latest') {
      // "the past year", "the coming year": the year up to now / from now
      off = rel === 'past' ? -1 : rel === 'coming' ? 1 : 0;
    }
    const d = base ? shift(base, UNIT_CODE[unit], off) : null;
    const v = unitValue(d, unit);
    let value = v.value;
    if (!s.dct && anchor === 'published') value = unitValue(null, unit).value;
    if (anchor === 'last' && !s.last?.yKnown) value = value.replace(/^\d{4}/, 'XXXX');
    const out = cand(m, 'DATE', value, v.precision, {
      inferred: INFERRED[unit] ?? ['year'],
      anchor,
      mod: modOf(m[1]),
    });
    if (d && unit === 'day') Object.assign(out, { y: d.y, m: d.m, d: d.d, yKnown: true });
    else if (d && unit === 'year') Object.assign(out, { y: d.y, yKnown: true });
    else if (d && unit === 'month') Object.assign(out, { y: d.y, m: d.m, yKnown: true });
    return out;
  },
};

/** "the following day", "the day before", "that day", "the next morning". */
const narrative: Parser = {
  name: 'narrative',
  re: re(
    `(?:(?:the|that)\\s+(?:very\\s+)?(?:same\\s+)?(day|week|month|year|night|morning|evening|afternoon)(?:\\s+(before|after|earlier|later))?|(?:the\\s+)?(day|week|month|year)\\s+(before|after)(?!\\s+(?:yesterday|tomorrow)))${E}`,
  ),
  fn(m, s) {
    const unitW = (m[1] ?? m[3]).toLowerCase();
    const dir = (m[2] ?? m[4] ?? '').toLowerCase();
    if (!m[1] && !/^the\s/i.test(m[0])) return null;
    const isThat = /^that\s/i.test(m[0]);
    if (!dir && !isThat && !/same/i.test(m[0])) {
      // "the year ended June 30": a fiscal year, written as a duration in TimeML
      const after = s.text.slice(m.index + m[0].length, m.index + m[0].length + 12);
      if (
        (unitW === 'year' || unitW === 'month' || unitW === 'week') &&
        /^\s+(?:ended|ending|to\s+date|through)\b/i.test(after)
      )
        return cand(m, 'DURATION', `P1${unitW === 'year' ? 'Y' : unitW === 'month' ? 'M' : 'W'}`, unitW, {
          stated: ['duration'],
        });
      // "the year": the publication year ("the day" alone is too often generic)
      if (unitW === 'year') {
        const v = unitValue(s.dct, unitW);
        return cand(m, 'DATE', v.value, v.precision, { inferred: ['year'], anchor: 'published' });
      }
      if (unitW === 'week' || unitW === 'month') {
        const v = unitValue(s.dct, unitW);
        return cand(m, 'DATE', v.value, v.precision, { inferred: ['year', 'month'], anchor: 'published' });
      }
      return null;
    }
    if (/^(?:before|after)$/.test(dir)) {
      // "the day before last Tuesday", "the week after Oct. 3": counted from the date that follows
      const gap = /^\s+/.exec(s.text.slice(m.index + m[0].length, m.index + m[0].length + 4));
      const inner =
        gap && (unitW === 'day' || unitW === 'week')
          ? s.parseAt(m.index + m[0].length + gap[0].length)
          : null;
      if (
        inner?.type === 'DATE' &&
        inner.precision === 'day' &&
        inner.d !== undefined &&
        inner.m !== undefined
      ) {
        const d = shift(
          { y: inner.y ?? 2000, m: inner.m, d: inner.d },
          UNIT_CODE[unitW],
          dir === 'before' ? -1 : 1,
        );
        let value = unitValue(d, unitW).value;
        if (inner.value.startsWith('X')) value = value.replace(/^\d{4}/, 'XXXX');
        return {
          ...inner,
          start: m.index,
          value,
          precision: unitW,
          inferred: [...new Set([...inner.inferred, 'day'])],
          ...(unitW === 'day' ? { y: d.y, m: d.m, d: d.d } : {}),
        };
      }
      // "the day before authorities issued…": a preposition with a clause, not a time; but "the day
      // after his death", "the week before the vote" count from an event, which the narrative is on
      const after = s.text.slice(m.index + m[0].length, m.index + m[0].length + 8);
      if (/^\s+[a-z]/.test(after) && !/^\s+(?:the|his|her|its|their)\s/.test(after)) return null;
    }
    const pod = PARTS_OF_DAY[unitW];
    const unit = pod ? 'day' : unitW;
    const last = s.last;
    // "Oct. 12, the day before the crash": an apposition names the date just given
    const apposition = last?.d != null && /^,\s*$/.test(s.text.slice(last.end, m.index));
    const off = apposition
      ? 0
      : dir === 'before' || dir === 'earlier'
        ? -1
        : dir === 'after' || dir === 'later'
          ? 1
          : 0;
    const usable = last && (unit === 'year' || last.m) && (unit !== 'day' || last.d);
    const base: YMD | null = usable && last ? { y: last.y, m: last.m ?? 6, d: last.d ?? 15 } : s.dct;
    const d = base ? shift(base, UNIT_CODE[unit], off) : null;
    const v = unitValue(d, unit);
    let value = pod ? `${v.value}T${pod}` : v.value;
    if (usable && last && !last.yKnown) value = value.replace(/^\d{4}/, 'XXXX');
    const out = cand(m, pod ? 'TIME' : 'DATE', value, pod ? 'part-of-day' : v.precision, {
      inferred: ['year', 'month', 'day'],
      anchor: usable ? 'last' : 'published',
    });
    if (d && unit === 'day')
      Object.assign(out, { y: d.y, m: d.m, d: d.d, yKnown: usable ? last?.yKnown : true });
    return out;
  },
};

// ---------------------------------------------------------------- durations and "ago"

function durationValue(n: number | 'X', unitWord: string, andHalf: boolean): string | null {
  const u = unitOf(unitWord);
  if (!u) return null;
  if (n === 'X') {
    if (u.code === 'WE') return 'P2D';
    return u.time ? `PTX${u.code}` : `PX${u.code === 'CE' ? 'CE' : u.code}`;
  }
  let amount = n * u.mult + (andHalf ? 0.5 * u.mult : 0);
  let code = u.code;
  if (code === 'WE') {
    amount *= 2;
    code = 'D';
  }
  if (code === 'DE') {
    amount *= 10;
    code = 'Y';
  }

  if (code === 'CE') {
    amount *= 100;
    code = 'Y';
  }
  if (code === 'ML') {
    amount *= 1000;
    code = 'Y';
  }
  if (!Number.isInteger(amount)) {
    // 2 1/2 years → P2Y6M, a minute and a half → PT1M30S
    const sub: Record<string, [string, number]> = u.time
      ? { H: ['M', 60], M: ['S', 60] }
      : { Y: ['M', 12], M: ['D', 30], W: ['D', 7], D: ['H', 24], Q: ['M', 3] };
    const sm = sub[code];
    if (sm) {
      const whole = Math.floor(amount);
      const rest = Math.round((amount - whole) * sm[1]);
      const head = whole ? `${whole}${code}` : '';
      if (code === 'D') return `P${head}T${rest}H`;
      return u.time ? `PT${head}${rest}${sm[0]}` : `P${head}${rest}${sm[0]}`;
    }
  }
  return u.time ? `PT${amount}${code}` : `P${amount}${code}`;
}

/** How far (characters) a reported quarter colours "a year ago" and "year-earlier" after it. */
const QUARTER_REACH = 1500;

/** The reporting span read after the reported quarter and near `pos`, if any ("the first nine months"). */
function spanAfterQuarter(s: Scanner, pos: number): { y: number; pos: number } | null {
  const sp = s.lastSpan;
  if (!sp || pos - sp.pos >= QUARTER_REACH) return null;
  return !s.lastQuarter || sp.pos > s.lastQuarter.pos ? sp : null;
}

const ago: Parser = {
  name: 'ago',
  re: re(
    `(?:${APPROX}\\s+)?(${NUM_RE})(?:\\s+|-)(?:(?:more|additional|full|straight|consecutive|trading|business|calendar|long)\\s+)?(${UNIT_RE})(?:\\s+or\\s+so)?\\s+(ago|earlier|later|before|after|since|from\\s+now|hence|back|previously|prior)${E}`,
  ),
  fn(m, s) {
    const n = parseNumber(m[2]);
    if (n === null) return null;
    const u = unitOf(m[3]);
    if (!u || u.time) return null;
    const dir = m[4].toLowerCase();
    // "three years since" is not an anchored date
    if (dir === 'since') return null;
    const sign = /ago|earlier|before|back|previously|prior/.test(dir) ? -1 : 1;
    const fromLast = /earlier|later|before|after/.test(dir);
    const last = s.last;
    const useLast = fromLast && last?.yKnown && (u.code === 'Y' || u.code === 'DE' || last.m);
    const base: YMD | null = useLast && last ? { y: last.y, m: last.m ?? 6, d: last.d ?? 15 } : s.dct;
    // "In the nine months, net rose 13% … a year earlier": the year before that span's year
    const span = u.code === 'Y' && n === 1 && sign < 0 ? spanAfterQuarter(s, m.index) : null;
    if (span)
      return cand(m, 'DATE', String(span.y - 1), 'year', {
        inferred: ['year'],
        anchor: 'last',
        derived: true,
      });
    // "a year earlier" in an earnings report: the same quarter a year before
    if (
      u.code === 'Y' &&
      n === 1 &&
      sign < 0 &&
      s.lastQuarter &&
      m.index - s.lastQuarter.pos < QUARTER_REACH
    ) {
      const q = s.lastQuarter;
      return cand(m, 'DATE', `${q.y - 1}-Q${q.q}`, 'quarter', {
        inferred: ['year', 'quarter'],
        anchor: 'last',
        derived: true,
      });
    }
    // "three days later", "twenty years after": TimeML marks the span as a duration
    if (
      dir === 'before' ||
      dir === 'after' ||
      (fromLast && (u.code === 'D' || u.code === 'W' || u.code === 'WE'))
    ) {
      const v = durationValue(n, m[3], false);
      if (!v) return null;
      return cand(m, 'DURATION', v, m[3].toLowerCase().replace(/s$/, ''), {
        stated: ['duration'],
        mod: approxMod(m[1]),
      });
    }
    const mod = approxMod(m[1]);
    if (n === 'X') {
      return cand(m, 'DATE', sign < 0 ? 'PAST_REF' : 'FUTURE_REF', 'year', { anchor: 'published', mod });
    }
    const unitName: Record<string, string> = {
      D: 'day',
      W: 'week',
      WE: 'week',
      M: 'month',
      Q: 'quarter',
      Y: 'year',
      DE: 'year',
      CE: 'year',
      ML: 'year',
    };
    const d = base ? shift(base, u.code === 'WE' ? 'W' : u.code, sign * n * u.mult) : null;
    const unit = unitName[u.code];
    // "a week ago", "two weeks ago" count back to a day; "six weeks ago" names only the week
    const v = unitValue(d, unit === 'week' && n * u.mult <= 2 ? 'day' : unit);
    const out = cand(m, 'DATE', v.value, v.precision, {
      inferred: ['year', 'month', 'day'].slice(0, unit === 'year' ? 1 : unit === 'month' ? 2 : 3),
      anchor: useLast ? 'last' : 'published',
      mod,
      // "a year earlier" twice in a row means the same year, so it never becomes the anchor itself
      derived: fromLast,
    });
    if (d)
      Object.assign(out, {
        y: d.y,
        yKnown: true,
        ...(unit === 'day' || unit === 'week' ? { m: d.m, d: d.d } : unit === 'month' ? { m: d.m } : {}),
      });
    return out;
  },
};

const duration: Parser = {
  name: 'duration',
  re: re(
    `(?:${APPROX}\\s+)?(?:the\\s+)?(?:(past|last|next|coming|first|previous|following|final|remaining|latest|initial|other|same)\\s+)?(${NUM_RE})(?:\\s+|-)(?:(?:more|additional|full|straight|consecutive|trading|business|calendar|long|successive|working)\\s+)?(${UNIT_RE})(\\s+and\\s+a\\s+half|\\s+or\\s+so|-(?:old|long))?${E}`,
  ),
  fn(m, s) {
    const n = parseNumber(m[3]);
    if (n === null) return null;
    const numText = m[3].toLowerCase();
    const unitW = m[4].toLowerCase();
    if ((numText === 'a' || numText === 'an') && /s$/.test(unitW) && unitW !== 'hours') return null;
    if (typeof n === 'number' && (n > 5000 || (/[.,]/.test(numText) && n > 1000))) return null;
    if ((numText === 'a' || numText === 'an') && !m[1] && !m[2]) {
      // a rate ("$5 a year", "24 hours a day") is a set; an ordinal ("a second group") is nothing
      const before = s.text.slice(Math.max(0, m.index - 24), m.index);
      if (
        /(?:\d|percent|times|once|twice|seats|flights|shares|units|hours|miles|million|billion|dollars|dlrs|pounds|euros|yen|tonnes|tons|barrels|cents)\S*\s*$/i.test(
          before,
        )
      ) {
        const u = unitOf(unitW);
        if (!u || unitW === 'second' || /s$/.test(unitW)) return null;
        const code = u.code === 'WE' ? 'W' : u.code;
        return cand(m, 'SET', u.time ? `PT1${code}` : `P1${code}`, 'set', {});
      }
      if (unitW === 'second' || unitW === 'weekend') return null;
    }
    // "the 1986 year" is a year, not 1,986 years
    if (/^(?:1[6-9]|20)\d\d$/.test(numText) && unitW === 'year') return null;
    // "at 1000 hours" is a clock time
    if (/^\d{4}$/.test(numText) && /^hours?$/.test(unitW)) {
      if (/(?:at|by|until|from|to|before|after)\s+$/i.test(s.text.slice(Math.max(0, m.index - 7), m.index)))
        return null;
    }
    const tail = s.text.slice(m.index + m[0].length, m.index + m[0].length + 14);
    if (/^\s+old\b|^-[a-z]/i.test(tail)) return null;
    if (unitW === 'quarters' && m[0].includes('-')) return null;
    // "a quarter point", "a quarter of the market": a fraction, not three months
    if (/^quarters?$/.test(unitW) && /^\s*(?:-\s*)?(?:points?|percent|percentage|of)\b/i.test(tail))
      return null;
    if (m[5] && /-old/i.test(m[5])) return null;
    const value = durationValue(n, unitW, Boolean(m[5] && /half/i.test(m[5])));
    if (!value) return null;
    let mod = approxMod(m[1]);
    if (m[5] && /or so/i.test(m[5])) mod = 'APPROX';
    const u = unitOf(unitW);
    // "will be redeemed in five years": a point that far ahead, not a span
    if (
      s.dct &&
      u &&
      !u.time &&
      typeof n === 'number' &&
      Number.isInteger(n) &&
      !m[1] &&
      !m[2] &&
      !/^the\s/i.test(m[0]) &&
      /\bin\s+$/i.test(s.text.slice(Math.max(0, m.index - 4), m.index)) &&
      s.tenseAt(m.index, m.index + m[0].length) > 0
    ) {
      const unitName: Record<string, string> = { D: 'day', W: 'week', M: 'month', Q: 'quarter', Y: 'year' };
      const name = unitName[u.code];
      if (name) {
        const d = shift(s.dct, u.code, n * u.mult);
        const v = unitValue(d, name);
        return cand(m, 'DATE', v.value, v.precision, {
          inferred: INFERRED[name] ?? ['year'],
          anchor: 'published',
          mod,
        });
      }
    }
    return cand(
      m,
      'DURATION',
      value,
      u?.time ? unitW.replace(/s$/, '') : unitW.replace(/s$/, '').replace('centurie', 'century'),
      {
        stated: ['duration'],
        mod,
      },
    );
  },
};

/** Bare plural units: "for years", "in recent months", "decades", "the coming weeks". */
const vagueDuration: Parser = {
  name: 'vague',
  re: re(
    `(?:the\\s+)?(?:(recent|past|last|coming|next|next\\s+few|past\\s+few|last\\s+few|previous|many|several|few|long|subsequent)\\s+)?(hours|days|weeks|months|quarters|years|decades|centuries)${E}`,
  ),
  fn(m, s) {
    const rel = (m[1] ?? '').toLowerCase();
    const unit = m[2].toLowerCase();
    const before = s.text.slice(Math.max(0, m.index - 12), m.index).toLowerCase();
    if (rel === 'recent' && (unit === 'years' || unit === 'decades')) {
      return cand(m, 'DATE', 'PAST_REF', 'year', { anchor: 'published' });
    }
    const after = s.text.slice(m.index + m[0].length, m.index + m[0].length + 16);
    if (!rel) {
      // bare plural units only as a span of time: "for years", "within weeks", "the days before"
      const prep = /(?:for|within|in|over|after|of)\s+$/.test(before);
      const the =
        /^the\s/i.test(m[0]) && /^\s+(?:before|after|ahead|that|since|following|leading)\b/i.test(after);
      if (!prep && !the) return null;
      if (/^\s*-/.test(after)) return null;
    } else if (rel === 'many' || rel === 'long') return null;
    if (/(?:in)\s+$/.test(before) && !rel && (unit === 'years' || unit === 'decades')) {
      // "in years" is usually "in years to come" or "first time in years": a duration
    }
    const v = durationValue('X', unit, false);
    if (!v) return null;
    return cand(m, 'DURATION', v, unit.replace(/s$/, '').replace('centurie', 'century'), {
      stated: ['duration'],
    });
  },
};

/** Adjectival spans: "two-year", "24-hour", "10-day". */
const adjDuration: Parser = {
  name: 'adjDuration',
  re: re(`(${NUM_RE})-(second|minute|hour|day|week|month|year|decade|century)${E}(?!-old)`),
  fn(m) {
    const n = parseNumber(m[1]);
    if (n === null || n === 'X') return null;
    const v = durationValue(n, m[2], false);
    if (!v) return null;
    return cand(m, 'DURATION', v, m[2].toLowerCase(), { stated: ['duration'] });
  },
};

/** "a day-long meeting", "a week-long strike", "decades-long feud": a duration as an adjective. */
const longAdj: Parser = {
  name: 'longAdj',
  re: re(`(?:(${NUM_RE})-)?(hour|day|week|month|year|decade|century)(s)?-long${E}`),
  fn(m) {
    let n: number | 'X' | null = m[1] ? parseNumber(m[1]) : 1;
    if (m[3] && !m[1]) n = 'X';
    if (n === null) return null;
    const v = durationValue(n, m[2], false);
    return v ? cand(m, 'DURATION', v, m[2].toLowerCase(), { stated: ['duration'] }) : null;
  },
};

/** "the nine months", "the first half-hour" handled by duration; "the year" as a span of a report. */
const nMonthsPeriod: Parser = {
  name: 'period',
  re: re(`(?:the\\s+)?(?:first\\s+)?(${NUM_RE})[- ](month|week|year|day)\\s+period${E}`),
  fn(m) {
    const n = parseNumber(m[1]);
    if (n === null) return null;
    const v = durationValue(n, m[2], false);
    return v ? cand(m, 'DURATION', v, m[2].toLowerCase(), { stated: ['duration'] }) : null;
  },
};

// ---------------------------------------------------------------- reference words

const REFS: [RegExp, string][] = [
  [
    /^(?:right\s+)?now$|^currently$|^current$|^at\s+present$|^the\s+present$|^presently$|^nowadays$|^these\s+days$|^at\s+the\s+moment$|^at\s+this\s+time$|^the\s+moment$|^present$|^already$/i,
    'PRESENT_REF',
  ],
  [/^recently$|^recent$|^lately$|^the\s+past$/i, 'PAST_REF'],
  [/^soon$|^the\s+(?:near\s+|distant\s+)?future$|^future$|^an?\s+(?:later|future)\s+date$/i, 'FUTURE_REF'],
];

const refs: Parser = {
  name: 'refs',
  re: re(
    `(?:(?:right\\s+)?now|currently|current|at\\s+present|the\\s+present|nowadays|these\\s+days|recently|recent|lately|the\\s+past|soon|the\\s+(?:near\\s+|distant\\s+)?future|future|the\\s+(?:near|short)\\s+term|an?\\s+(?:later|future)\\s+date)${E}`,
  ),
  fn(m, s) {
    const w = m[0].toLowerCase().replace(/\s+/g, ' ');
    const next = s.text.slice(m.index + m[0].length, m.index + m[0].length + 24);
    const before = s.text.slice(Math.max(0, m.index - 16), m.index);
    if (w === 'now' && /^\s*that\b/i.test(next))
      return cand(m, 'DATE', 'PRESENT_REF', 'day', { anchor: 'published' });
    if (w === 'current' && /^\s+account/i.test(next)) return null;
    // "Now, …" opening a sentence is a discourse marker
    if (m[0] === 'Now' && next.startsWith(',')) return null;
    if (
      w === 'soon' &&
      (/^\s+(?:as|after|afterwards?|thereafter|became|released)\b/i.test(next) || /\bas\s+$/i.test(before))
    )
      return null;
    if (/^the (?:near|short) term$/.test(w))
      return cand(m, 'DATE', 'FUTURE_REF', 'day', { anchor: 'published' });
    if (w === 'current') return cand(m, 'DATE', 'PRESENT_REF', 'day', { anchor: 'published' });
    // the adjectives "future" and "recent" ("future earnings", "the recent sale") are left to the noun
    if (w === 'future' || w === 'recent') return null;
    if (w === 'the future' && /foreseeable\s+$/i.test(before)) return null;
    if (
      w === 'the past' &&
      /^\s+(?:\w+\s+)?(?:years|months|weeks|days|decades|year|month|week|decade)\b/i.test(next)
    )
      return null;
    if (w === 'the future' && /^\s+(?:of)\b/i.test(next)) {
      // "the future of X" is still a future reference in TimeML
    }
    for (const [rx, v] of REFS) if (rx.test(w)) return cand(m, 'DATE', v, 'day', { anchor: 'published' });
    return null;
  },
};

// ---------------------------------------------------------------- times of day

const TZ =
  '(?:\\s*(?:GMT|UTC|EST|EDT|CST|CDT|PST|PDT|MST|MDT|BST|CET|CEST|MSK|JST|local\\s+time|Moscow\\s+time|Washington\\s+time))?';
const clock: Parser = {
  name: 'clock',
  re: re(
    `(?:${APPROX}\\s+)?(?:(\\d{1,2})(?:[:.](\\d\\d))?\\s*(a\\.m\\.?|p\\.m\\.?|am|pm)(?![a-z])|(\\d{1,2}):?(\\d\\d)(?:\\s*(?:hours|hrs|h))?|(noon|midnight|midday)|(\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:\\s+o['’]clock)?\\s+(?:in\\s+the\\s+(morning|afternoon|evening)|at\\s+(night)))${TZ}(?:\\s+(?:on\\s+)?(${WEEKDAY_RE}|today|yesterday|tomorrow))?${E}`,
  ),
  fn(m, s) {
    let h: number;
    let mi = 0;
    if (m[2] !== undefined) {
      h = Number(m[2]);
      mi = m[3] ? Number(m[3]) : 0;
      if (h < 1 || h > 12 || mi > 59) return null;
      const pm = /^p/i.test(m[4]);
      if (pm && h < 12) h += 12;
      if (!pm && h === 12) h = 0;
    } else if (m[5] !== undefined) {
      h = Number(m[5]);
      mi = Number(m[6]);
      if (h > 24 || mi > 59) return null;
      const colon = m[0].includes(':');
      // "1515 CDT", "at 1000 hours": four digits only with a time zone or "hours" after them
      if (
        !colon &&
        !/\d\s*(?:hours|hrs|GMT|UTC|E[SD]T|C[SD]T|P[SD]T|M[SD]T|BST|CET|CEST|MSK|JST|local)/i.test(m[0])
      )
        return null;
      if (!colon && m[5].length !== 2) return null;
      if (!/hours|hrs|h|GMT|UTC|E[SD]T|C[SD]T|P[SD]T|local/i.test(m[0])) {
        const before = s.text.slice(Math.max(0, m.index - 6), m.index);
        if (!/(?:at|by|until|from|to|before|after)\s+$/i.test(before)) return null;
      }
    } else if (m[8] !== undefined) {
      // "at 4 in the morning", "until eight in the evening", "by 11 at night" (not "killed 12 in the evening raid")
      const lead = s.text.slice(Math.max(0, m.index - 9), m.index);
      if (!m[1] && !/(?:at|by|until|till|from|after|before|since|to|and)\s+$/i.test(lead)) return null;
      h = /^\d/.test(m[8]) ? Number(m[8]) : (parseNumber(m[8]) as number);
      if (h < 1 || h > 12) return null;
      const part = (m[9] ?? m[10]).toLowerCase();
      if (part === 'morning') h = h === 12 ? 0 : h;
      else if (part === 'afternoon' || part === 'evening' || (part === 'night' && h >= 6))
        h = h === 12 ? 12 : h + 12;
      else if (part === 'night' && h === 12) h = 24;
    } else {
      const w = m[7].toLowerCase();
      if (/high\s+$/i.test(s.text.slice(Math.max(0, m.index - 6), m.index))) return null;
      h = w === 'midnight' ? 24 : 12;
    }
    let date = 'XXXX-XX-XX';
    let fromLast = false;
    let end = m.index + m[0].length;
    const gap = /^,?\s+(?:on\s+)?/.exec(s.text.slice(end, end + 6));
    const inner = !m[11] && gap ? s.parseAt(end + gap[0].length, 'clock') : null;
    if (inner && inner.type === 'DATE' && inner.precision === 'day' && !inner.value.includes('/')) {
      date = inner.value;
      end = inner.end;
    } else if (m[11] && s.dct) {
      const w = m[11].toLowerCase();
      if (w === 'today') date = fmtDate(s.dct);
      else if (w === 'yesterday') date = fmtDate(shift(s.dct, 'D', -1));
      else if (w === 'tomorrow') date = fmtDate(shift(s.dct, 'D', 1));
      else date = fmtDate(weekdayDate(s.dct, weekdayNum(w), null, s.tenseAt(m.index, m.index + m[0].length)));
    } else if (s.last?.d && s.last.yKnown) {
      // a bare clock time belongs to the day the narrative is on
      date = fmtDate({ y: s.last.y, m: s.last.m as number, d: s.last.d });
      fromLast = true;
    } else if (s.dct) date = fmtDate(s.dct);
    return cand(m, 'TIME', `${date}T${pad(h)}:${pad(mi)}`, 'minute', {
      end,
      stated: ['hour', 'minute'],
      inferred: ['year', 'month', 'day'],
      anchor: fromLast ? 'last' : 'published',
      mod: approxMod(m[1]),
    });
  },
};

/** "the evening of October 19", "the morning of Tuesday". */
const podOf: Parser = {
  name: 'podOf',
  re: re(`(?:(early|late)\\s+)?(?:the\\s+)?(?:(early|late)\\s+)?(morning|afternoon|evening|night)\\s+of\\s+`),
  fn(m, s) {
    const inner = s.parseAt(m.index + m[0].length);
    if (inner?.precision !== 'day' || inner.type !== 'DATE' || inner.value.includes('/')) return null;
    return {
      ...inner,
      start: m.index,
      type: 'TIME',
      value: `${inner.value}T${PARTS_OF_DAY[m[3].toLowerCase()]}`,
      precision: 'part-of-day',
      stated: [...inner.stated, 'part-of-day'],
      mod: modOf(m[1] ?? m[2]),
    };
  },
};

/** "the week of March 6": the calendar week holding that day. */
const weekOf: Parser = {
  name: 'weekOf',
  re: re(`(?:the\\s+)?week\\s+of\\s+`),
  fn(m, s) {
    const inner = s.parseAt(m.index + m[0].length);
    if (inner?.type !== 'DATE' || inner.precision !== 'day' || inner.value.includes('/')) return null;
    if (inner.y === undefined || inner.m === undefined || inner.d === undefined) return null;
    const value = inner.value.startsWith('X') ? 'XXXX-WXX' : fmtWeek({ y: inner.y, m: inner.m, d: inner.d });
    return {
      ...inner,
      start: m.index,
      value,
      precision: 'week',
      inferred: [...inner.inferred, 'week'],
    };
  },
};

// ---------------------------------------------------------------- sets

const SET_WORDS: Record<string, string> = {
  daily: 'P1D',
  weekly: 'P1W',
  monthly: 'P1M',
  annually: 'P1Y',
  yearly: 'P1Y',
  quarterly: 'P3M',
  hourly: 'PT1H',
  nightly: 'P1D',
  biweekly: 'P2W',
  biannually: 'P6M',
  semiannually: 'P6M',
};

const setWord: Parser = {
  name: 'setWord',
  re: re(
    `(daily|weekly|monthly|annually|yearly|quarterly|hourly|nightly|biweekly|biannually|semiannually)${E}`,
  ),
  fn(m, s) {
    const w = m[1].toLowerCase();
    // adjectives before a noun ("daily newspaper") are not time expressions
    const next = s.text.slice(m.index + m[0].length, m.index + m[0].length + 16);
    // "weekly" and "monthly" before a noun name a publication or a rate, not a recurrence
    if (/^\s+[a-z]/.test(next) && /^(weekly|monthly|quarterly|hourly|biweekly)$/.test(w)) return null;
    return cand(m, 'SET', SET_WORDS[w], 'set', {});
  },
};

const every: Parser = {
  name: 'every',
  re: re(
    `(?:every|each|per)\\s+(?:(other)\\s+)?(?:(${NUM_RE})\\s+)?(second|minute|hour|day|night|week|weekend|month|quarter|year|decade|seconds|minutes|hours|days|weeks|months|years|morning|afternoon|evening|spring|summer|fall|autumn|winter)${E}`,
  ),
  fn(m) {
    const w = m[3].toLowerCase();
    if (SEASONS[w]) return cand(m, 'SET', `XXXX-${SEASONS[w]}`, 'set', {});
    if (PARTS_OF_DAY[w]) return cand(m, 'SET', `XXXX-XX-XXT${PARTS_OF_DAY[w]}`, 'set', {});
    let n = m[2] ? parseNumber(m[2]) : 1;
    if (n === null || n === 'X') n = 1;
    if (m[1]) n = 2;
    const v = durationValue(n, w, false);
    return v ? cand(m, 'SET', v, 'set', {}) : null;
  },
};

// ---------------------------------------------------------------- holidays

const HOLIDAYS: Record<string, [number, number]> = {
  christmas: [12, 25],
  'christmas day': [12, 25],
  'christmas eve': [12, 24],
  "new year's day": [1, 1],
  "new year's eve": [12, 31],
  'new year’s day': [1, 1],
  'new year’s eve': [12, 31],
  'independence day': [7, 4],
  'valentine’s day': [2, 14],
  "valentine's day": [2, 14],
  halloween: [10, 31],
};

/** The n-th given weekday (0 Sunday … 6 Saturday) of a month; n = -1 is the last one. */
function nthWeekday(y: number, month: number, wd: number, n: number): YMD {
  if (n < 0) {
    const last = new Date(Date.UTC(y, month, 0));
    const back = (last.getUTCDay() - wd + 7) % 7;
    return { y, m: month, d: last.getUTCDate() - back };
  }
  const first = new Date(Date.UTC(y, month - 1, 1)).getUTCDay();
  return { y, m: month, d: 1 + ((wd - first + 7) % 7) + 7 * (n - 1) };
}

/** US holidays on a weekday rule rather than a fixed date. */
const MOVABLE: Record<string, (y: number) => YMD> = {
  // fourth Thursday of November
  thanksgiving: (y) => nthWeekday(y, 11, 4, 4),
  // the Tuesday after the first Monday of November
  election: (y) => {
    const mon = nthWeekday(y, 11, 1, 1);
    return { y, m: 11, d: mon.d + 1 };
  },
  // first Monday of September; last Monday of May
  labor: (y) => nthWeekday(y, 9, 1, 1),
  memorial: (y) => nthWeekday(y, 5, 1, -1),
  easter: easterSunday,
};

/** Western Easter Sunday (the anonymous Gregorian computus). */
function easterSunday(y: number): YMD {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  return { y, m: month, d: ((h + l - 7 * m + 114) % 31) + 1 };
}

function movableKey(name: string): string | null {
  const k = /^(thanksgiving|election|labor|labour|memorial|easter)/.exec(name)?.[1];
  return k ? (k === 'labour' ? 'labor' : k) : null;
}

const holiday: Parser = {
  name: 'holiday',
  re: re(
    `(?:(last|next|this)\\s+)?(christmas(?:\\s+(?:day|eve))?|new\\s+year['’]s\\s+(?:day|eve)|independence\\s+day|valentine['’]s\\s+day|halloween|thanksgiving(?:\\s+day)?|election\\s+day|labou?r\\s+day|memorial\\s+day|easter(?:\\s+(?:sunday|day|week))?)(?:,?\\s+(\\d{4}))?${E}`,
  ),
  fn(m, s) {
    const name = m[2].toLowerCase().replace(/\s+/g, ' ');
    if (m[2][0] !== m[2][0].toUpperCase()) return null;
    const rel = (m[1] ?? '').toLowerCase();
    let y: number | null = m[3] ? Number(m[3]) : s.dct ? s.dct.y : null;
    let md: [number, number];
    const movable = movableKey(name);
    // "Election Day" and "Labor Day" are holidays only as names (capitalised day too)
    if (/^(?:election|labor|labour|memorial)/.test(name) && !/\sD/.test(m[2])) return null;
    if (movable) {
      const rule = MOVABLE[movable];
      if (y === null) {
        if (name === 'easter week')
          return cand(m, 'DATE', 'XXXX-WXX', 'week', { stated: ['holiday'], anchor: 'published' });
        const mm = movable === 'easter' ? 'XX' : pad(rule(2000).m);
        return cand(m, 'DATE', `XXXX-${mm}-XX`, 'day', { stated: ['holiday'], anchor: 'published' });
      }
      const t = rule(y);
      md = [t.m, t.d];
    } else md = HOLIDAYS[name];
    if (!md) return null;
    if (!m[3] && s.dct && y !== null) {
      const tense = s.tenseAt(m.index, m.index + m[0].length);
      if (rel === 'last') y = yearFor(s.dct, md[0], md[1], -1);
      else if (rel === 'next') y = yearFor(s.dct, md[0], md[1], 1);
      else y = yearFor(s.dct, md[0], md[1], tense);
      if (movable) {
        const t = MOVABLE[movable](y);
        md = [t.m, t.d];
      }
    }
    if (name === 'easter week') {
      // the week Easter Sunday closes (Holy Week)
      return cand(m, 'DATE', fmtWeek({ y: y ?? 2000, m: md[0], d: md[1] }), 'week', {
        stated: m[3] ? ['year', 'holiday'] : ['holiday'],
        inferred: m[3] ? [] : ['year'],
        anchor: m[3] ? null : 'published',
      });
    }
    return cand(m, 'DATE', `${yx(y)}-${pad(md[0])}-${pad(md[1])}`, 'day', {
      stated: m[3] ? ['year', 'holiday'] : ['holiday'],
      inferred: m[3] ? [] : ['year'],
      anchor: m[3] ? null : 'published',
      ...(y !== null ? { y, m: md[0], d: md[1], yKnown: true } : {}),
    });
  },
};

/** "earlier this year", "later this month", "early next year", "late last year", "the end of the year". */
const modRel: Parser = {
  name: 'modRel',
  re: re(
    `(?:(early|late|earlier|later|(?:the\\s+)?(?:beginning|start|end|middle|turn|close)\\s+of)\\s+)(?:(this|last|next|the)\\s+)(year|month|week|decade|century|quarter)${E}`,
  ),
  fn(m, s) {
    const rel = m[2].toLowerCase();
    const unit = m[3].toLowerCase();
    const off = rel === 'last' ? -1 : rel === 'next' ? 1 : 0;
    const d = s.dct ? shift(s.dct, UNIT_CODE[unit], off) : null;
    const v = unitValue(d, unit);
    return cand(m, 'DATE', v.value, v.precision, {
      inferred: ['year'],
      anchor: 'published',
      mod: modOf(m[1]),
      ...(d && unit === 'year' ? { y: d.y, yKnown: true } : {}),
    });
  },
};

const yearEnd: Parser = {
  name: 'yearEnd',
  re: re(`(?:the\\s+)?(?:(year|month|quarter)[- ]end|(year|month|quarter)['’]s\\s+end)${E}`),
  fn(m, s) {
    const unit = (m[1] ?? m[2]).toLowerCase();
    const before = s.text.slice(Math.max(0, m.index - 10), m.index);
    if (unit === 'year' && s.dct && !/-/.test(m[0])) {
      // "year end", "year's end": the year, ending
      const y = /since\s+$/i.test(before) ? s.dct.y - 1 : s.dct.y;
      return cand(m, 'DATE', String(y), 'year', { inferred: ['year'], anchor: 'published', mod: 'END' });
    }
    if (unit === 'year' && s.dct) {
      const y =
        /since\s+$/i.test(before) || s.tenseAt(m.index, m.index + m[0].length) < 0 ? s.dct.y - 1 : s.dct.y;
      return cand(m, 'DATE', `${y}-12-31`, 'day', { inferred: ['year'], anchor: 'published', mod: 'END' });
    }
    const v = unitValue(s.dct, unit);
    return cand(m, 'DATE', v.value, v.precision, { inferred: ['year'], anchor: 'published', mod: 'END' });
  },
};

/** "year-earlier", "year-ago" used as adjectives in earnings reports. */
const yearAgoAdj: Parser = {
  name: 'yearAgoAdj',
  re: re(`(?:the\\s+)?(year-earlier|year-ago|year-before|prior-year)${E}`),
  fn(m, s) {
    const next = s.text.slice(m.index + m[0].length, m.index + m[0].length + 24);
    if (/^\s+(?:quarter|period)/i.test(next)) return null;
    // "the year-earlier nine months": a span of that length, a year back
    const span = new RegExp(`^\\s+(${NUM_RE})\\s+(months|weeks)${E}`, 'i').exec(next);
    if (span) {
      const n = parseNumber(span[1]);
      const v = typeof n === 'number' ? durationValue(n, span[2], false) : null;
      if (!v) return null;
      return cand(m, 'DURATION', v, span[2].toLowerCase().replace(/s$/, ''), {
        end: m.index + m[0].length + span[0].length,
        stated: ['duration'],
      });
    }
    const sp = spanAfterQuarter(s, m.index);
    if (sp) return cand(m, 'DATE', String(sp.y - 1), 'year', { anchor: 'last', derived: true });
    if (s.lastQuarter && m.index - s.lastQuarter.pos < QUARTER_REACH)
      return cand(m, 'DATE', `${s.lastQuarter.y - 1}-Q${s.lastQuarter.q}`, 'quarter', {
        anchor: 'last',
        derived: true,
      });
    const y = s.dct ? String(s.dct.y - 1) : 'XXXX';
    return cand(m, 'DATE', y, 'year', { anchor: 'published' });
  },
};

/** "the weekend", "over the weekend": the weekend before the publication date, or the coming one. */
const weekend: Parser = {
  name: 'weekend',
  re: re(`(?:(this|last|next|the\\s+past|the\\s+coming|the)\\s+)weekend${E}`),
  fn(m, s) {
    const rel = m[1].toLowerCase().replace(/\s+/g, ' ');
    if (!s.dct)
      return cand(m, 'DATE', 'XXXX-WXX-WE', 'week', { anchor: 'published', inferred: ['year', 'week'] });
    const tense = s.tenseAt(m.index, m.index + m[0].length);
    const cur = weekdayDate(s.dct, 6, 0, 0); // this week's Saturday
    let past = rel === 'last' || rel === 'the past';
    const ahead = /(?:ahead\s+of|before|until|by)\s+$/i.test(
      s.text.slice(Math.max(0, m.index - 10), m.index),
    );
    if (rel === 'the') past = !ahead && (tense < 0 || (tense === 0 && weekdayOf(s.dct) <= 4));
    if (rel === 'next' || rel === 'the coming' || rel === 'this') past = false;
    const sat = past ? (weekdayOf(s.dct) >= 6 ? cur : shift(cur, 'D', -7)) : cur;
    return cand(m, 'DATE', `${fmtWeek(sat)}-WE`, 'week', { anchor: 'published', inferred: ['year', 'week'] });
  },
};

function weekdayOf(d: YMD): number {
  const w = new Date(Date.UTC(d.y, d.m - 1, d.d)).getUTCDay();
  return w === 0 ? 7 : w;
}

/** "the 1988 period", "the 1989 quarter": the reported quarter in that year. */
const yearPeriod: Parser = {
  name: 'yearPeriod',
  re: re(`the\\s+((?:19|20)\\d\\d)\\s+(period|quarter)${E}`),
  fn(m, s) {
    const y = Number(m[1]);
    const q = s.lastQuarter?.q ?? (s.dct ? (quarterOf(s.dct.m) === 1 ? 4 : quarterOf(s.dct.m) - 1) : null);
    // "In the first nine months … the 1988 period": that span of 1988, valued by its year
    if (!q || (m[2].toLowerCase() === 'period' && spanAfterQuarter(s, m.index)))
      return cand(m, 'DATE', String(y), 'year', { stated: ['year'], y, derived: true });
    return cand(m, 'DATE', `${y}-Q${q}`, 'quarter', {
      stated: ['year'],
      inferred: ['quarter'],
      derived: true,
    });
  },
};

/** Reporting periods: "the latest period", "the fiscal year", "the full year", "the year-earlier period". */
const period: Parser = {
  name: 'period',
  re: re(
    `(?:the\\s+)?(latest|current|same|comparable|year-earlier|year-ago|corresponding|full|fiscal|latest\\s+fiscal|current\\s+fiscal|previous|prior|first)\\s+(period|year|fiscal\\s+year)(?:\\s+(last\\s+year|a\\s+year\\s+(?:ago|earlier)))?${E}`,
  ),
  fn(m, s) {
    const rel = m[1].toLowerCase().replace(/\s+/g, ' ');
    const unit = m[2].toLowerCase().replace(/\s+/g, ' ');
    const lastYear = Boolean(m[3]) || /year-earlier|year-ago|previous|prior/.test(rel);
    if (unit === 'period') {
      if (rel === 'first') return null;
      const sp = lastYear ? spanAfterQuarter(s, m.index) : null;
      if (sp) return cand(m, 'DATE', String(sp.y - 1), 'year', { anchor: 'last', derived: true });
      const q =
        s.lastQuarter ??
        (s.dct
          ? {
              y: quarterOf(s.dct.m) === 1 ? s.dct.y - 1 : s.dct.y,
              q: quarterOf(s.dct.m) === 1 ? 4 : quarterOf(s.dct.m) - 1,
            }
          : null);
      if (!q) return cand(m, 'DATE', 'XXXX-QX', 'quarter', { anchor: 'published' });
      return cand(m, 'DATE', `${q.y - (lastYear ? 1 : 0)}-Q${q.q}`, 'quarter', {
        anchor: s.lastQuarter ? 'last' : 'published',
        derived: lastYear,
      });
    }
    if (rel === 'first' || rel === 'same' || rel === 'comparable' || rel === 'corresponding') return null;
    // "the fiscal year ended Jan. 31": a reporting year named by its end, a span as "the year ended" is
    if (
      !m[3] &&
      /^\s+(?:ended|ending|that\s+ended|which\s+ended|through)\b/i.test(
        s.text.slice(m.index + m[0].length, m.index + m[0].length + 16),
      )
    )
      return cand(m, 'DURATION', 'P1Y', 'year', { stated: ['duration'] });
    if (!s.dct) return cand(m, 'DATE', 'XXXX', 'year', { anchor: 'published', inferred: ['year'] });
    const y = s.dct.y - (lastYear || (rel.includes('latest') && unit.includes('fiscal')) ? 1 : 0);
    return cand(m, 'DATE', String(y), 'year', { anchor: 'published', inferred: ['year'], y, yKnown: true });
  },
};

/** Parsers in priority order (ties in match length go to the earlier one). */
export const PARSERS: Parser[] = [
  iso,
  numeric,
  podOf,
  weekOf,
  mdy,
  coordDay,
  dmy,
  monthYear,
  holiday,
  yearAgoQuarter,
  quarter,
  qShort,
  half,
  modRel,
  relUnit,
  narrative,
  ago,
  nMonthsPeriod,
  oneDay,
  duration,
  adjDuration,
  longAdj,
  monthOnly,
  year,
  decade,
  century,
  wordYear,
  season,
  dayWord,
  thisPod,
  podAlone,
  weekdayP,
  weekdaySet,
  clock,
  setWord,
  every,
  monthSet,
  yearEnd,
  yearAgoAdj,
  weekend,
  period,
  yearPeriod,
  refs,
  vagueDuration,
];
