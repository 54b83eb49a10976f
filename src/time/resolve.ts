/**
 * Resolution of underspecified and relative dates against an anchor, with
 * tense choosing the direction (HeidelTime's news strategy).
 */
import { addDays, addMonths, type YMD, weekday } from './calendar.ts';

/**
 * Year for a month (and optional day) stated without one, relative to `ref`.
 * Without a tense a bare month leans to the past by `pastLean` (news mostly reports what happened).
 */
export function yearFor(
  ref: YMD,
  month: number,
  day: number | null,
  tense: -1 | 0 | 1,
  pastLean = 3,
): number {
  let best = ref.y;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const y of [ref.y - 1, ref.y, ref.y + 1]) {
    // signed distance in days (approximate for months: the middle of the month, exact month match is 0)
    let dist: number;
    if (day === null) {
      const diffM = (y - ref.y) * 12 + (month - ref.m);
      dist = diffM * 30;
    } else {
      dist = (Date.UTC(y, month - 1, day) - Date.UTC(ref.y, ref.m - 1, ref.d)) / 86400000;
    }
    let score: number;
    if (day === null) {
      // a bare month follows the tense strictly, and leans to the past without one
      // (a strong lean, not a rule: "was planned for March" in February is next month)
      if ((tense < 0 && dist > 0) || (tense > 0 && dist < 0)) score = Math.abs(dist) * 6;
      else score = tense === 0 && dist > 0 ? dist * pastLean : Math.abs(dist);
    } else {
      // a month and day: the nearest date, the tense only weighs against the other direction
      score = (tense < 0 && dist > 0) || (tense > 0 && dist < 0) ? Math.abs(dist) * 4 : Math.abs(dist);
    }
    if (score < bestScore) {
      bestScore = score;
      best = y;
    }
  }
  return best;
}

/** The date of ISO weekday `wd` relative to `ref`: rel -1 last, 1 next, 0 this week; tense breaks the tie. */
export function weekdayDate(ref: YMD, wd: number, rel: -1 | 0 | 1 | null, tense: -1 | 0 | 1): YMD {
  const cur = weekday(ref);
  if (rel === 0) return addDays(ref, wd - cur);
  if (rel === -1) {
    const back = (cur - wd + 7) % 7 || 7;
    return addDays(ref, -back);
  }
  if (rel === 1) {
    const fwd = (wd - cur + 7) % 7 || 7;
    return addDays(ref, fwd);
  }
  const back = (cur - wd + 7) % 7;
  const fwd = (wd - cur + 7) % 7;
  if (tense < 0) return addDays(ref, -back);
  if (tense > 0) return addDays(ref, fwd);
  // no tense: news reports what happened, so the past one unless the next is tomorrow and the last a week ago
  return fwd === 1 && back >= 6 ? addDays(ref, fwd) : addDays(ref, -back);
}

/** `ref` shifted by n units of D, W, M, Q, Y, DE or CE. */
export function shift(ref: YMD, unit: string, n: number): YMD {
  switch (unit) {
    case 'D':
      return addDays(ref, n);
    case 'W':
      return addDays(ref, 7 * n);
    case 'M':
      return addMonths(ref, n);
    case 'Q':
      return addMonths(ref, 3 * n);
    case 'Y':
      return addMonths(ref, 12 * n);
    case 'DE':
      return addMonths(ref, 120 * n);
    case 'CE':
      return addMonths(ref, 1200 * n);
    default:
      return ref;
  }
}
