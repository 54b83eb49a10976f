import { describe, expect, it } from 'vitest';
import type { TimeExpression } from '../../src/document/types.ts';
import { tagTimes } from '../../src/time/index.ts';

const DCT = '2023-10-28'; // a Saturday

function tag(text: string, published: string | null = DCT): TimeExpression[] {
  return tagTimes(text, { published });
}

/** The single expression whose text is `phrase`, asserting it was found. */
function find(text: string, phrase: string, published: string | null = DCT): TimeExpression {
  const times = tag(text, published);
  const t = times.find((x) => text.slice(x.start, x.end) === phrase);
  if (!t) {
    const got = times.map((x) => `${text.slice(x.start, x.end)}=${x.value}`).join(', ');
    throw new Error(`"${phrase}" not tagged in: ${text}\n  got: ${got || '(nothing)'}`);
  }
  return t;
}

describe('absolute dates in every common format', () => {
  it.each([
    ['The deal was signed on 28.10.2023 in Ankara.', '28.10.2023', '2023-10-28'],
    ['Troops withdrew on Oct. 18, the ministry said.', 'Oct. 18', '2023-10-18'],
    ['The summit opened on 18 October 2023 in Lima.', '18 October 2023', '2023-10-18'],
    ['The filing is dated 2023-10-18 and was leaked.', '2023-10-18', '2023-10-18'],
    ['Voting ended on October 18, 2023, officials said.', 'October 18, 2023', '2023-10-18'],
    ['He was born on 4 July 1961 in Leeds.', '4 July 1961', '1961-07-04'],
    ['The accord took effect on Tuesday, March 5, 2019.', 'Tuesday, March 5, 2019', '2019-03-05'],
    ['The embassy reopened in 2011 after repairs.', '2011', '2011'],
  ])('%s', (text, phrase, value) => {
    const t = find(text, phrase);
    expect(t.type).toBe('DATE');
    expect(t.value).toBe(value);
  });

  it('records stated and inferred parts and the anchor', () => {
    const full = find('Voting ended on October 18, 2023, officials said.', 'October 18, 2023');
    expect(full.precision).toBe('day');
    expect(full.stated).toEqual(expect.arrayContaining(['year', 'month', 'day']));
    expect(full.inferred).toEqual([]);
    expect(full.anchor).toBeNull();
    const partial = find('Troops withdrew on Oct. 18, the ministry said.', 'Oct. 18');
    expect(partial.stated).toEqual(['month', 'day']);
    expect(partial.inferred).toEqual(['year']);
    expect(partial.anchor).toBe('published');
  });

  it('gives every time an id t1, t2, …', () => {
    const times = tag('The talks began on 3 May 2021 and ended in June 2021.');
    expect(times.map((t) => t.id)).toEqual(['t1', 't2']);
  });
});

describe('ranges become one interval expression', () => {
  it('day range with a shared month and year', () => {
    const t = find('The forum met on October 18–19, 2023 in Doha.', 'October 18–19, 2023');
    expect(t.value).toBe('2023-10-18/2023-10-19');
  });
  it('day range written day-first', () => {
    expect(find('Exercises ran from 2-4 March 2022 near Narva.', '2-4 March 2022').value).toBe(
      '2022-03-02/2022-03-04',
    );
  });
  it('year range', () => {
    expect(find('The 2024–2025 budget cycle is under review.', '2024–2025').value).toBe('2024/2025');
  });
  it('between two months, the year inferred', () => {
    const t = find('Shipments fell between March and May, traders said.', 'between March and May');
    expect(t.value).toBe('2023-03/2023-05');
  });
  it('from one year to another', () => {
    expect(find('He served as envoy from 1998 to 2004.', 'from 1998 to 2004').value).toBe('1998/2004');
  });
  it('keeps the endpoints apart in TimeML mode', () => {
    const times = tagTimes('He served as envoy from 1998 to 2004.', { published: DCT, ranges: 'split' });
    expect(times.map((t) => t.value)).toEqual(['1998', '2004']);
  });
});

describe('partial and modified dates', () => {
  it.each([
    ['Elections are due in November 2023 at the earliest.', 'November 2023', '2023-11', null],
    ['The previous round collapsed in late September 2023.', 'late September 2023', '2023-09', 'END'],
    ['Investment surged in the early 2000s across the region.', 'the early 2000s', '200', 'START'],
    ['Refugee numbers peaked in the 1990s.', 'the 1990s', '199', null],
    ['Exports rose 4% in the third quarter of 2022.', 'the third quarter of 2022', '2022-Q3', null],
    ['The port froze in the winter of 2021.', 'the winter of 2021', '2021-WI', null],
    ['Talks stalled in mid-2019 over tariffs.', 'mid-2019', '2019', 'MID'],
    ['Reforms began in the 19th century.', 'the 19th century', '18', null],
  ])('%s', (text, phrase, value, mod) => {
    const t = find(text, phrase);
    expect(t.value).toBe(value);
    expect(t.mod ?? null).toBe(mod);
  });

  it('seasons relative to publication', () => {
    expect(find('Gas stocks ran low last winter.', 'last winter').value).toBe('2022-WI');
    expect(find('Hiring began last fall, officials said.', 'last fall', '1998-02-06').value).toBe('1997-FA');
    expect(find('The games open this summer.', 'this summer', '1998-02-06').value).toBe('1998-SU');
  });

  it('carries precision', () => {
    expect(find('Refugee numbers peaked in the 1990s.', 'the 1990s').precision).toBe('decade');
    expect(find('Exports rose 4% in the third quarter of 2022.', 'the third quarter of 2022').precision).toBe(
      'quarter',
    );
    expect(find('Elections are due in November 2023 at the earliest.', 'November 2023').precision).toBe(
      'month',
    );
  });
});

describe('relative to the publication date', () => {
  it.each([
    ['The minister resigned yesterday.', 'yesterday', '2023-10-27'],
    ['The vote is scheduled for tomorrow.', 'tomorrow', '2023-10-29'],
    ['The ceasefire was announced last week.', 'last week', '2023-W42'],
    ['Prices rose sharply last month.', 'last month', '2023-09'],
    ['Output has doubled this year.', 'this year', '2023'],
    ['The mine was closed a month ago.', 'a month ago', '2023-09'],
    ['The republic was founded seventy-five years ago.', 'seventy-five years ago', '1948'],
    ['The treaty expired two years ago.', 'two years ago', '2021'],
    ['Growth is expected to slow next year.', 'next year', '2024'],
    ['Most of the damage happened earlier this month.', 'earlier this month', '2023-10'],
  ])('%s', (text, phrase, value) => {
    const t = find(text, phrase);
    expect(t.value).toBe(value);
    expect(t.anchor).toBe('published');
  });

  it('reference words', () => {
    expect(find('The border is now closed.', 'now').value).toBe('PRESENT_REF');
    expect(find('Officials recently toured the site.', 'recently').value).toBe('PAST_REF');
  });
});

describe('tense decides bare weekdays and months', () => {
  it('a past weekday is the last one on or before publication', () => {
    expect(find('The envoy met the king on Monday.', 'Monday').value).toBe('2023-10-23');
  });
  it('a future weekday is the next one', () => {
    expect(find('The envoy will meet the king on Monday.', 'Monday').value).toBe('2023-10-30');
  });
  it('a scheduled present ("leaves on Saturday") is the coming one', () => {
    expect(find('The trade minister leaves for Tokyo on Saturday.', 'Saturday', '1987-04-01').value).toBe(
      '1987-04-04',
    );
  });
  it('a past month falls in the past', () => {
    expect(find('The army withdrew in December, residents said.', 'December').value).toBe('2022-12');
  });
  it('a future month falls in the future', () => {
    expect(find('The parliament will vote in January.', 'January').value).toBe('2024-01');
  });
  it('a month day without a year takes the publication year when near', () => {
    expect(find('The offer expires Nov. 6, the company said.', 'Nov. 6').value).toBe('2023-11-06');
  });
});

describe('narrative anchoring', () => {
  const text =
    'Negotiators arrived in Geneva on October 18. The following day, they signed a draft. ' +
    'Two days later the deal collapsed. Yesterday the talks resumed.';
  const times = tag(text);
  const by = (phrase: string) => times.find((t) => text.slice(t.start, t.end) === phrase);

  it('"the following day" is the day after the last mentioned date, not publication', () => {
    const first = by('October 18');
    const next = by('The following day');
    expect(first?.value).toBe('2023-10-18');
    expect(next?.value).toBe('2023-10-19');
    expect(next?.anchor).toBe(first?.id);
    expect(next?.inferred).toEqual(['year', 'month', 'day']);
  });
  it('the anchor moves with the narrative', () => {
    const next = by('The following day');
    const later = by('Two days later');
    expect(later?.type).toBe('DURATION');
    expect(later?.value).toBe('P2D');
    expect(next?.anchor).not.toBe('published');
  });
  it('"yesterday" still resolves against publication', () => {
    expect(by('Yesterday')?.value).toBe('2023-10-27');
    expect(by('Yesterday')?.anchor).toBe('published');
  });
  it('a background passage keeps the year it started with', () => {
    const t2 = tag('In March 2014, troops took the peninsula. On March 18, the treaty was signed in Moscow.');
    expect(t2.map((t) => t.value)).toEqual(['2014-03', '2014-03-18']);
    expect(t2[1].anchor).toBe('t1');
    // …but a month and day close to publication is current news
    const t3 = tag('The 2008 war ended in August 2008. Talks resumed on October 20, officials said.');
    expect(t3.at(-1)?.value).toBe('2023-10-20');
  });
  it('"the next day" after a stated date in another year', () => {
    const t2 = tag('The bombing took place on 7 August 1998. The next day, rescuers reached the site.');
    expect(t2.map((t) => t.value)).toEqual(['1998-08-07', '1998-08-08']);
  });
});

describe('news reporting habits', () => {
  it('"a year earlier" twice refers to the same year, not a chain', () => {
    const text =
      'Sales rose 40 pct from a year earlier. Margins were 51 pct, down from 53 pct a year earlier.';
    expect(tag(text, '1987-03-09').map((t) => t.value)).toEqual(['1986', '1986']);
  });
  it('the second month of a range follows the first', () => {
    const t = find('Soybeans are available for shipment from May to July.', 'from May to July', '1987-03-09');
    expect(t.value).toBe('1987-05/1987-07');
  });
  it('the reported quarter and its year-ago comparison', () => {
    const text = 'Profit rose 12% in the third quarter, compared with a loss a year ago.';
    expect(tag(text, '1989-10-30').map((t) => t.value)).toEqual(['1989-Q3', '1988-Q3']);
  });
  it('deadlines lie ahead', () => {
    expect(find('The company must repay the loan by June 30.', 'June 30', '1987-04-13').value).toBe(
      '1987-06-30',
    );
  });
  it('wire-style clock times', () => {
    const t = find('Index futures will expire 1515 CDT Thursday.', '1515 CDT Thursday', '1987-04-13');
    expect(t.value).toBe('1987-04-16T15:15');
    expect(find('The yield is to be set tomorrow at 1000 hours.', '1000 hours', '1987-04-13').type).toBe(
      'TIME',
    );
    expect(find('The plant ran 1000 hours last year.', '1000 hours', '1987-04-13').value).toBe('PT1000H');
  });
  it('"this" with a month and day is this year', () => {
    expect(find('The agreement year ends this September 30.', 'this September 30', '1987-04-01').value).toBe(
      '1987-09-30',
    );
  });
  it('words that only look temporal', () => {
    expect(tag('Rates could fall by at least a quarter point.', '1987-04-13')).toEqual([]);
    expect(tag('Despite a sharp early fall in prices, shares recovered.', '1987-04-13')).toEqual([]);
    expect(tag('The last day of trading will be busy.', '1987-04-13')).toEqual([]);
  });
  it('four-digit numbers that are not years', () => {
    const clock = tag('The bank said at 1230 GMT it would add funds.', '1987-03-09');
    expect(clock.map((t) => [t.type, t.value])).toEqual([['TIME', '1987-03-09T12:30']]);
    expect(tag('Rubber clone PPN 2058 yields more latex.', '1987-03-09')).toEqual([]);
  });
});

describe('durations', () => {
  it.each([
    ['Within the last two months, freight rates rose.', 'the last two months', 'P2M'],
    ['Rates rose within the last two months.', 'the last two months', 'P2M'],
    ['The siege lasted for three years.', 'three years', 'P3Y'],
    ['They signed a two-year contract.', 'two-year', 'P2Y'],
    ['The strike lasted 48 hours.', '48 hours', 'PT48H'],
    ['He spent 2 1/2 years in exile.', '2 1/2 years', 'P2Y6M'],
    ['Inspections will take several weeks.', 'several weeks', 'PXW'],
    ['Talks went on for nearly a decade.', 'nearly a decade', 'P10Y'],
  ])('%s', (text, phrase, value) => {
    const t = find(text, phrase);
    expect(t.type).toBe('DURATION');
    expect(t.value).toBe(value);
  });

  it('"in five years" ahead is a date, behind it a span', () => {
    const ahead = find('The bonds will be redeemed in five years.', 'five years', '1989-11-02');
    expect([ahead.type, ahead.value]).toEqual(['DATE', '1994']);
    const span = find('It was the first rise in five years.', 'five years', '1989-11-02');
    expect([span.type, span.value]).toEqual(['DURATION', 'P5Y']);
  });

  it('an age is not a duration', () => {
    expect(tag('Mr. Ortiz, 52 years old, will lead the mission.')).toEqual([]);
  });
});

describe('times of day and sets', () => {
  it('on the evening of a date', () => {
    const t = find('Shelling resumed on the evening of October 19.', 'the evening of October 19');
    expect(t.type).toBe('TIME');
    expect(t.value).toBe('2023-10-19TEV');
  });
  it('clock times take their date', () => {
    // published on a Saturday: the polls close the next day
    expect(find('The polls close at 8 p.m. on Sunday.', '8 p.m. on Sunday').value).toBe('2023-10-29T20:00');
    expect(find('The deadline is 5 p.m. EST, Nov. 6.', '5 p.m. EST, Nov. 6').value).toBe('2023-11-06T17:00');
  });
  it('this morning, last night', () => {
    expect(find('Sirens sounded this morning.', 'this morning').value).toBe('2023-10-28TMO');
    expect(find('Two drones were downed last night.', 'last night').value).toBe('2023-10-27TNI');
  });
  it('sets', () => {
    const d = find('Convoys now cross daily.', 'daily');
    expect(d.type).toBe('SET');
    expect(d.value).toBe('P1D');
    expect(find('The council meets every week.', 'every week').value).toBe('P1W');
    expect(find('Protesters gather each Friday outside.', 'each Friday').value).toBe('XXXX-WXX-5');
    const rate = find('The cuts save $500 million a year.', 'a year');
    expect([rate.type, rate.value]).toEqual(['SET', 'P1Y']);
  });
});

describe('counting, holidays and apposition', () => {
  it('weeks ago: a day up to a fortnight back, the week beyond', () => {
    expect(find('The ferry sank two weeks ago off the cape.', 'two weeks ago').value).toBe('2023-10-14');
    // 42 days before Saturday 28 October is Saturday 16 September, in ISO week 37
    expect(find('The ferry sank six weeks ago off the cape.', 'six weeks ago').value).toBe('2023-W37');
  });
  it('a month with a year said in words', () => {
    expect(
      find('The blast came in January nineteen ninety-seven.', 'January nineteen ninety-seven').value,
    ).toBe('1997-01');
  });
  it('the week of a date', () => {
    const t = find('The appeal will be heard the week of Nov. 6, the court said.', 'the week of Nov. 6');
    expect([t.value, t.precision]).toEqual(['2023-W45', 'week']);
  });
  it('a later date', () => {
    expect(find('The bonds will be sold at a later date.', 'a later date').value).toBe('FUTURE_REF');
  });
  it('holidays on a weekday rule', () => {
    expect(find('Voters will go to the polls on Election Day.', 'Election Day').value).toBe('2023-11-07');
    expect(find('The strike began on Labor Day.', 'Labor Day').value).toBe('2023-09-04');
    // Easter 2023 fell on 9 April, closing ISO week 14
    const e = find('Pilgrims filled the old city during Easter week.', 'Easter week');
    expect([e.value, e.precision]).toEqual(['2023-W14', 'week']);
    expect(find('The shrine reopened on Easter Sunday.', 'Easter Sunday').value).toBe('2023-04-09');
    // an election day in lower case is no holiday name
    expect(tag('It was a quiet election day in the town.').map((t) => t.value)).not.toContain('2023-11-07');
  });
  it('a second day joined to a month and day', () => {
    const times = tag('The summit will be held on Nov. 2 and 3 in Oslo.');
    expect(times.map((t) => t.value)).toEqual(['2023-11-02', '2023-11-03']);
    expect(times[1].anchor).toBe('t1');
    // "between" makes the pair one interval
    expect(find('It bought shares between Oct. 10 and 17.', 'between Oct. 10 and 17').value).toBe(
      '2023-10-10/2023-10-17',
    );
    // a number after "and" that is no day stays untagged
    expect(tag('Sales rose on Nov. 2 and 3 million units shipped.').map((t) => t.value)).toEqual([
      '2023-11-02',
    ]);
    expect(tag('The blasts came on Oct. 5 and 10 people died.').map((t) => t.value)).toEqual(['2023-10-05']);
  });
  it('the day before or after a date that follows', () => {
    expect(find('Talks collapsed the day before last Tuesday.', 'the day before last Tuesday').value).toBe(
      '2023-10-23',
    );
  });
  it('the day after an event counts from the narrative date; an apposition names it', () => {
    const text = 'He died on Oct. 3. Police came to the house the day after his death.';
    expect(find(text, 'the day after').value).toBe('2023-10-04');
    const ap = 'Shares peaked on Oct. 12, the day before the crash, and fell after.';
    expect(find(ap, 'the day before').value).toBe('2023-10-12');
    // a clause after "the day before" is no time
    expect(tag('He left the day before police raided the flat.')).toEqual([]);
  });
  it('the previous Friday counts from the narrative day', () => {
    const text = 'On Friday, Oct. 20, the index closed 4% below the previous Friday.';
    expect(find(text, 'the previous Friday').value).toBe('2023-10-13');
    // with no day in the narrative it is the last Friday before publication
    expect(find('Shares fell from the previous Friday.', 'the previous Friday').value).toBe('2023-10-27');
  });
  it('clock hours with a part of day', () => {
    expect(
      find('The convoy will leave at 4 in the morning on Nov. 2.', '4 in the morning on Nov. 2').value,
    ).toBe('2023-11-02T04:00');
    expect(
      find('The vote closed at eight in the evening on Oct. 20.', 'eight in the evening on Oct. 20').value,
    ).toBe('2023-10-20T20:00');
    // a count of people is no hour
    const raid = 'Rebels killed 12 in the evening raid.';
    expect(tag(raid).map((t) => raid.slice(t.start, t.end))).not.toContain('12 in the evening');
  });
  it('last with the month just ended reaches a year back', () => {
    expect(find('The helicopters crashed last September.', 'last September').value).toBe('2022-09');
    expect(find('The helicopters crashed last August.', 'last August').value).toBe('2023-08');
    expect(find('The plant closed last December.', 'last December', '2024-01-15').value).toBe('2022-12');
  });
  it('a capitalised day word after a name is a title', () => {
    expect(tag('The poll was published by USA Today.')).toEqual([]);
    expect(find('Talks ended on Monday. Today the envoys fly home.', 'Today').value).toBe('2023-10-28');
  });
  it('a month before the noun it dates', () => {
    expect(find('The March accession will add two members.', 'March').value).toBe('2024-03');
    expect(tag('The March on Washington drew crowds.')).toEqual([]);
    expect(tag('The March ended outside parliament.')).toEqual([]);
  });
});

describe('earnings reports', () => {
  it('a forecast quarter is not the reported one', () => {
    const text =
      'Acme earned $5 million in the third quarter. Analysts expect losses through the second quarter of 2024. ' +
      'In the year-ago period, Acme earned $3 million.';
    expect(find(text, 'the year-ago period').value).toBe('2022-Q3');
  });
  it('the quarter a year earlier', () => {
    const text = 'Revenue rose in the third quarter. For the quarter a year earlier, Acme lost $2 million.';
    expect(find(text, 'the quarter a year earlier').value).toBe('2022-Q3');
  });
  it('the year-earlier nine months is a span', () => {
    const t = find('Net for the year-earlier nine months included a gain.', 'the year-earlier nine months');
    expect([t.type, t.value]).toEqual(['DURATION', 'P9M']);
  });
  it('the last or final quarter of a year is its fourth', () => {
    expect(find('Sales fell in the last quarter of 2022.', 'the last quarter of 2022').value).toBe('2022-Q4');
    expect(find('Sales fell in the final quarter of 2021.', 'the final quarter of 2021').value).toBe(
      '2021-Q4',
    );
    // "the last quarter" alone is the one before the current
    expect(find('Sales fell in the last quarter.', 'the last quarter').value).toBe('2023-Q3');
  });
  it('a fiscal year named by its end is a span', () => {
    const t = find('In the fiscal year ended Jan. 31, the chain earned $4 million.', 'the fiscal year');
    expect([t.type, t.value]).toEqual(['DURATION', 'P1Y']);
  });
  it('"this quarter" after a reported quarter is that quarter', () => {
    const text = "Acme lost $3 million in the third quarter. This quarter's loss includes a charge.";
    expect(find(text, 'This quarter').value).toBe('2023-Q3');
    expect(find('Sales this quarter will be weak, the chief said.', 'this quarter').value).toBe('2023-Q4');
  });
  it('after a longer span, comparisons are about its year', () => {
    const text =
      'Acme earned $5 million in the third quarter, up from $4 million a year earlier. ' +
      'For the first nine months, net was $9 million, up from $7 million a year earlier. ' +
      'Sales in the 2022 period were lower.';
    const times = tag(text);
    const values = times.map((t) => `${text.slice(t.start, t.end)}=${t.value}`);
    expect(values).toEqual([
      'the third quarter=2023-Q3',
      'a year earlier=2022-Q3',
      'the first nine months=P9M',
      'a year earlier=2022',
      'the 2022 period=2022',
    ]);
  });
  it('several quarters', () => {
    expect(find('It returned to profit after several quarters of losses.', 'several quarters').value).toBe(
      'PXQ',
    );
  });
});

describe('without a publication date', () => {
  it('keeps unknown parts as X instead of using the clock', () => {
    expect(find('Troops withdrew on October 18.', 'October 18', null).value).toBe('XXXX-10-18');
    expect(find('The minister resigned yesterday.', 'yesterday', null).value).toBe('XXXX-XX-XX');
    expect(find('Talks resumed on Monday.', 'Monday', null).value).toBe('XXXX-WXX-1');
    expect(find('Output has doubled this year.', 'this year', null).value).toBe('XXXX');
  });
  it('stated dates are unaffected and anchors are null', () => {
    const t = find('The accord was signed on 18 October 2023.', '18 October 2023', null);
    expect(t.value).toBe('2023-10-18');
    const y = find('The minister resigned yesterday.', 'yesterday', null);
    expect(y.anchor).toBeNull();
  });
});

describe('negative cases', () => {
  it.each([
    'May I ask a question?',
    'Thousands joined the march on the capital.',
    'More than 2,000 people were evacuated.',
    'The fund paid $1999 in fees.',
    'Turnout was 1990 votes short of the record.',
    'Jan Kavan signed the protocol.',
    'Prices will fall if supply rises.',
  ])('%s', (text) => {
    expect(tag(text).map((t) => text.slice(t.start, t.end))).toEqual([]);
  });

  it('never throws on odd input', () => {
    for (const text of ['', ' ', '\u0000\u0001', '99/99/9999', '31.02.2023', 'Q9 0000', '—–-'.repeat(50)]) {
      expect(() => tag(text)).not.toThrow();
    }
    expect(() => tagTimes('On Monday', { published: 'not a date' })).not.toThrow();
  });
});
