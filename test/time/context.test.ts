import { describe, expect, it } from 'vitest';
import type { TimeExpression } from '../../src/document/types.ts';
import { tagTimes } from '../../src/time/index.ts';

const DCT = '2023-10-28'; // a Saturday

function tag(text: string): TimeExpression[] {
  return tagTimes(text, { published: DCT });
}

function find(text: string, phrase: string): TimeExpression {
  const times = tag(text);
  const t = times.find((x) => text.slice(x.start, x.end) === phrase);
  if (!t) {
    const got = times.map((x) => `${text.slice(x.start, x.end)}=${x.value}`).join(', ');
    throw new Error(`"${phrase}" not tagged in: ${text}\n  got: ${got || '(nothing)'}`);
  }
  return t;
}

describe('clause tense: the governing verb decides', () => {
  it.each([
    // an intention governing a to-infinitive points ahead of a past reporting verb
    ['The ministry agreed to buy the refinery in March, officials said.', 'March', '2024-03'],
    ['The utility announced a deal to acquire the grid operator in February.', 'February', '2024-02'],
    // a modal with an adverb before the participle is still the future
    ['A ceremony would still be held at the summit on April 24, he added.', 'April 24', '2024-04-24'],
    // an -ed adjective after a determiner is not a past verb
    ['The bonus would be paid on a still unspecified date in January.', 'January', '2024-01'],
    // a plan under a pluperfect is over
    ['The offer had been due to expire Friday evening.', 'Friday evening', '2023-10-27TEV'],
    [
      'The tender had previously been scheduled to close at noon Thursday.',
      'noon Thursday',
      '2023-10-26T12:00',
    ],
    // "were planning to" is a plan seen from the past, pointing ahead
    ['Farmers planned a rally on Sunday and were planning to block the bridge.', 'Sunday', '2023-10-29'],
    // a deadline moved or extended "until" a day lies ahead of the act of moving it
    ['Officials postponed until Tuesday any ruling on the permit.', 'Tuesday', '2023-10-31'],
    ['The bank extended its offer until Friday, the company said.', 'Friday', '2023-11-03'],
    // a prediction ("likely to") points ahead
    ['Dealers said funds were likely to buy the shares Tuesday.', 'Tuesday', '2023-10-31'],
  ])('%s', (text, phrase, value) => {
    expect(find(text, phrase).value).toBe(value);
  });

  it('"can" with a verb looks ahead', () => {
    expect(find('Members can take part in planning for the summit in April.', 'April').value).toBe('2024-04');
  });

  it('a plain past verb still sends a bare month back', () => {
    expect(find('The refinery was sold in March, officials said.', 'March').value).toBe('2023-03');
    expect(find('Talks collapsed on Thursday.', 'Thursday').value).toBe('2023-10-26');
  });

  it('a modal without a plan does not turn a finding into the future', () => {
    expect(find('The driver could not be located Wednesday.', 'Wednesday').value).toBe('2023-10-25');
  });
});

describe('TimeML conventions', () => {
  it('a month after every/each is a yearly set', () => {
    const t = find('Pilgrims gather each July at the shrine.', 'each July');
    expect(t.type).toBe('SET');
    expect(t.value).toBe('XXXX-07');
    expect(find('Floods return every March.', 'every March').value).toBe('XXXX-03');
  });

  it('"one day" after a modal is the indefinite future, otherwise a day long', () => {
    const t = find('Officials say the port will one day rival Rotterdam.', 'one day');
    expect(t.type).toBe('DATE');
    expect(t.value).toBe('FUTURE_REF');
    expect(find('The hearing lasted one day.', 'one day').value).toBe('P1D');
  });

  it('a part of day without its day takes the narrative day', () => {
    expect(find('By mid afternoon, the shelling had stopped.', 'mid afternoon').value).toBe('2023-10-28TAF');
    const text = 'On October 3 traders sold heavily in the morning before a rebound.';
    expect(find(text, 'the morning').value).toBe('2023-10-03TMO');
    expect(tag('The evening news led with the strike.').length).toBe(0);
  });

  it('the first two quarters of a year are its first half', () => {
    expect(
      find('Losses will continue through the first two quarters of 2024.', 'the first two quarters of 2024')
        .value,
    ).toBe('2024-H1');
  });

  it('a quarter ended on a month is the calendar quarter holding most of it', () => {
    expect(find('In the quarter ended July 31, the chain lost money.', 'the quarter').value).toBe('2023-Q2');
    expect(find('In the quarter ended Sept. 30, sales rose.', 'the quarter').value).toBe('2023-Q3');
  });

  it('a year-ago ordinal quarter is one expression, a year before', () => {
    const text = 'Profit doubled in the third quarter. In the year-ago third quarter, it lost $3 million.';
    expect(find(text, 'the third quarter').value).toBe('2023-Q3');
    expect(find(text, 'the year-ago third quarter').value).toBe('2022-Q3');
  });

  it('durations used as adjectives', () => {
    expect(find('Unions began their week-long strike.', 'week-long').value).toBe('P1W');
    expect(find('A 10-day-long blockade ended.', '10-day-long').value).toBe('P10D');
    expect(find('The decades-long feud continues.', 'decades-long').value).toBe('PXDE');
    expect(tag('A six-year-old girl was rescued.').length).toBe(0);
  });
});

describe('programme titles are not times', () => {
  it('a quoted run of capitalised words starting with a time word', () => {
    const a = "The minister told CBS's ''60 Minutes'' that talks would resume.";
    expect(tag(a).map((t) => a.slice(t.start, t.end))).toEqual([]);
    const b = 'He said on "This Week With Ana Ortiz" on Sunday that the deal was close.';
    expect(tag(b).map((t) => b.slice(t.start, t.end))).toEqual(['Sunday']);
  });

  it('a quoted time in running text is still a time', () => {
    const c = 'She said the vote was "next week at the earliest".';
    expect(tag(c).map((t) => c.slice(t.start, t.end))).toContain('next week');
  });
});
