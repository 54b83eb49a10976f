import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IngestError } from '../../src/ingest/index.ts';
import { readPlainText } from '../../src/ingest/text.ts';
import { findDates } from '../../src/ingest/text/dates.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHARED = resolve(ROOT, '../shared');
const EXAMPLE = join(SHARED, 'examples', 'lavrov-dprk-visit-2023.txt');

/** Every paragraph span points at non-blank text and they tile `text` in order. */
function checkParagraphs(text: string, paragraphs: { start: number; end: number }[] | undefined) {
  expect(paragraphs?.length).toBeGreaterThan(0);
  let prev = 0;
  for (const p of paragraphs ?? []) {
    expect(p.start).toBeGreaterThanOrEqual(prev);
    expect(p.end).toBeGreaterThan(p.start);
    expect(text.slice(p.start, p.end).trim()).toBe(text.slice(p.start, p.end));
    prev = p.end;
  }
  expect(prev).toBe(text.length);
}

describe('readPlainText: header, title and trailer in different layouts', () => {
  it('"DD.MM.YYYY Author:" line, repeated title, bio with the outlet, "Related articles" trailer', () => {
    const input = [
      '03.02.2024 Author: Irina Volkova',
      '',
      'Why Ankara keeps the Black Sea grain corridor open',
      '',
      'Why Ankara keeps the Black Sea grain corridor open',
      '',
      'Turkish officials said on Friday that the grain corridor would stay open despite new strikes on Odesa.',
      '',
      'President Recep Tayyip Erdoğan told reporters in Istanbul that “the corridor feeds Africa, not armies.”',
      '',
      'Irina Volkova, a political scientist and expert on Turkey, exclusively for the online magazine “Caspian Review.”',
      '',
      'Related articles:',
    ].join('\n');
    const a = readPlainText(input, {});
    expect(a.meta.title).toBe('Why Ankara keeps the Black Sea grain corridor open');
    expect(a.meta.published).toBe('2024-02-03');
    expect(a.meta.publishedSource).toBe('header');
    expect(a.meta.authors).toEqual(['Irina Volkova']);
    expect(a.meta.outlet).toBe('Caspian Review');
    expect(a.meta.extra?.authorBio).toMatch(/^Irina Volkova, a political scientist/);
    expect(a.text.startsWith('Turkish officials said on Friday')).toBe(true);
    expect(a.text.endsWith('“the corridor feeds Africa, not armies.”')).toBe(true);
    expect(a.warnings.map((w) => w.code)).toContain('W_BOILERPLATE_REMOVED');
    checkParagraphs(a.text, a.paragraphs);
  });

  it('"Month D, YYYY" and a shouted "By" line before the title; "is a senior fellow" bio; copyright outlet', () => {
    const input = [
      'October 28, 2023',
      'By JANE DOE-SMITH',
      '',
      'Baltic states ask NATO for permanent air defence',
      '',
      'Estonia, Latvia and Lithuania asked NATO on Thursday to station permanent air-defence units in the region.',
      '',
      'Estonian Prime Minister Kaja Kallas said the request was "overdue".',
      '',
      'Jane Doe-Smith is a senior fellow at the Nordic Security Institute in Oslo.',
      '',
      '© 2023 The Harbour Times. All rights reserved.',
    ].join('\n');
    const a = readPlainText(input, {});
    expect(a.meta.title).toBe('Baltic states ask NATO for permanent air defence');
    expect(a.meta.published).toBe('2023-10-28');
    expect(a.meta.authors).toEqual(['Jane Doe-Smith']);
    expect(a.meta.outlet).toBe('The Harbour Times');
    expect(a.text).toBe(
      'Estonia, Latvia and Lithuania asked NATO on Thursday to station permanent air-defence units in the region.\n\n' +
        'Estonian Prime Minister Kaja Kallas said the request was "overdue".',
    );
  });

  it('one paragraph per line, ISO date with time, "Published … | Updated …", "Read more" list at the end', () => {
    const input = [
      'Seoul and Tokyo agree to resume finance dialogue',
      'Published: 2023-06-29 14:05 KST | Updated: 2023-06-30 09:10 KST',
      'Author: Park Min-jun',
      'South Korea and Japan agreed on Thursday to resume their finance dialogue after a seven-year pause.',
      'Finance Minister Choo Kyung-ho met his Japanese counterpart Shunichi Suzuki in Tokyo.',
      'Read more:',
      'Yen falls to a new low against the dollar',
      'Seoul lifts export curbs on chip materials',
    ].join('\n');
    const a = readPlainText(input, {});
    expect(a.meta.title).toBe('Seoul and Tokyo agree to resume finance dialogue');
    expect(a.meta.published).toBe('2023-06-29');
    expect(a.meta.extra?.updated).toBe('2023-06-30');
    expect(a.meta.authors).toEqual(['Park Min-jun']);
    expect(a.text).toBe(
      'South Korea and Japan agreed on Thursday to resume their finance dialogue after a seven-year pause.\n\n' +
        'Finance Minister Choo Kyung-ho met his Japanese counterpart Shunichi Suzuki in Tokyo.',
    );
    expect(a.paragraphs).toHaveLength(2);
  });

  it('"Posted on … by …", "About the author" box, share prompts; a closing bullet summary is kept', () => {
    const input = [
      'Minsk hosts CSTO defence ministers',
      '',
      'Posted on Saturday, 28 October 2023 by Tomas Novak',
      '',
      'Defence ministers of the Collective Security Treaty Organization met in Minsk on Friday.',
      '',
      'Key points:',
      '- Armenia did not send a delegation.',
      '- The next meeting will be held in Moscow.',
      '',
      'About the author',
      '',
      'Tomas Novak covers Eastern Europe for the Vltava Post.',
      '',
      'Share this:',
      'Facebook',
      'Twitter',
    ].join('\n');
    const a = readPlainText(input, {});
    expect(a.meta.title).toBe('Minsk hosts CSTO defence ministers');
    expect(a.meta.published).toBe('2023-10-28');
    expect(a.meta.authors).toEqual(['Tomas Novak']);
    expect(a.meta.extra?.authorBio).toBe('Tomas Novak covers Eastern Europe for the Vltava Post.');
    expect(a.meta.outlet).toBe('Vltava Post');
    expect(a.text).toBe(
      'Defence ministers of the Collective Security Treaty Organization met in Minsk on Friday.\n\n' +
        'Key points:\n\n- Armenia did not send a delegation.\n\n- The next meeting will be held in Moscow.',
    );
    checkParagraphs(a.text, a.paragraphs);
  });

  it('section label, "Published:"/"Edited:" lines, "share this story" trailer, one paragraph per line', () => {
    const input = [
      'World',
      'Lavrov holds talks with Iranian counterpart in Moscow',
      'Published: 12 Dec, 2023 14:35',
      'Edited: 13 Dec, 2023 16:02',
      'The Russian and Iranian foreign ministers discussed the South Caucasus on Tuesday.',
      'Sergey Lavrov said the 3+3 format remained the best venue for regional talks.',
      'You can share this story on social media:',
    ].join('\n');
    const a = readPlainText(input, {});
    expect(a.meta.title).toBe('Lavrov holds talks with Iranian counterpart in Moscow');
    expect(a.meta.published).toBe('2023-12-12');
    expect(a.meta.extra?.updated).toBe('2023-12-13');
    expect(a.text).toBe(
      'The Russian and Iranian foreign ministers discussed the South Caucasus on Tuesday.\n\n' +
        'Sergey Lavrov said the 3+3 format remained the best venue for regional talks.',
    );
  });

  it('"Name | Role" byline; a subtitle and a bare name above a date', () => {
    const a = readPlainText(
      'Commentary\n\nJane Doe | Senior Fellow, Europe Program\n\nMarch 5, 2024\n\nWhy the Weimar Triangle matters again\n\n' +
        'France, Germany and Poland revived their trilateral format this year.\n\nThe ministers met in February.',
      {},
    );
    expect(a.meta.title).toBe('Why the Weimar Triangle matters again');
    expect(a.meta.authors).toEqual(['Jane Doe']);
    expect(a.meta.published).toBe('2024-03-05');
    expect(a.text.startsWith('France, Germany and Poland')).toBe(true);
    const b = readPlainText(
      'The quiet return of Central Asian diplomacy\n\nHow Astana and Tashkent learned to mediate\n\nAliya Nurlanovna\nMar 5, 2024\n\n' +
        'Kazakhstan and Uzbekistan have offered to host talks.\n\nBoth capitals have been careful.',
      {},
    );
    expect(b.meta.title).toBe('The quiet return of Central Asian diplomacy');
    expect(b.meta.extra?.subtitle).toBe('How Astana and Tashkent learned to mediate');
    expect(b.meta.authors).toEqual(['Aliya Nurlanovna']);
    expect(b.meta.published).toBe('2024-03-05');
    expect(b.text.startsWith('Kazakhstan and Uzbekistan')).toBe(true);
  });

  it('wire copy: outlet from the dateline, authors from the sign-off, which stays in the text', () => {
    const input =
      'MOSCOW, Dec 12 (Reuters) - Russia summoned the Finnish ambassador on Tuesday over the border closure.\n\n' +
      'The ministry called the decision "an unfriendly step".\n\n(Reporting by Ivan Petrov; Editing by Mark Heinrich)';
    const a = readPlainText(input, {});
    expect(a.meta.outlet).toBe('Reuters');
    expect(a.meta.authors).toEqual(['Ivan Petrov']);
    expect(a.meta.published).toBeNull(); // "Dec 12" has no year
    expect(a.text).toBe(input);
    const d = readPlainText(
      'KYIV, March 3, 2024 (Dnipro Wire) — Ukraine and Poland agreed on Sunday to reopen the border.',
      {},
    );
    expect(d.meta.published).toBe('2024-03-03');
    expect(d.meta.publishedSource).toBe('dateline');
    expect(d.meta.outlet).toBe('Dnipro Wire');
  });

  it('bylines: roles, places, outlets and anonymous desks', () => {
    const cases: [string, string[], string | null, string | null][] = [
      ['By Jane Doe, Staff Writer', ['Jane Doe'], null, null],
      ['By Jane A. Doe in Moscow', ['Jane A. Doe'], null, null],
      ['By Jane Doe and John Roe, Reuters', ['Jane Doe', 'John Roe'], 'Reuters', null],
      ['By Diplomatic Correspondent', [], null, null],
      ['Words by Ann Lee · 5 min read', ['Ann Lee'], null, null],
      ['by Mark Heinrich | January 3, 2024', ['Mark Heinrich'], null, '2024-01-03'],
    ];
    for (const [line, authors, outlet, date] of cases) {
      const a = readPlainText(
        `Some title of the article\n\n${line}\n\nThe minister met his counterpart on Monday in Geneva.\n\nThey agreed to meet again.`,
        {},
      );
      expect(a.meta.authors, line).toEqual(authors);
      expect(a.meta.outlet, line).toBe(outlet);
      expect(a.meta.published, line).toBe(date);
      expect(a.text.startsWith('The minister met'), line).toBe(true);
    }
  });

  it('"By Outlet Published: …" line, ads inside the body, a disclaimer; TASS dateline; a standfirst', () => {
    const a = readPlainText(
      'China, Russia hold security consultation in Beijing\nBy Global Times Published: Oct 28, 2023 09:12 PM\n\n' +
        'Chinese and Russian officials met in Beijing on Friday.\n\nAdvertisement\n\nWang Yi said the sides would deepen cooperation.\n\n' +
        'The views and opinions expressed in this article are those of the author.',
      {},
    );
    expect(a.meta.title).toBe('China, Russia hold security consultation in Beijing');
    expect(a.meta.outlet).toBe('Global Times');
    expect(a.meta.published).toBe('2023-10-28');
    expect(a.text).toBe(
      'Chinese and Russian officials met in Beijing on Friday.\n\nWang Yi said the sides would deepen cooperation.',
    );
    const b = readPlainText(
      'MOSCOW, October 28. /TASS/. Lavrov will visit Pyongyang next week, the ministry said.\n\nThe visit will last two days.\n\nPlease subscribe to our Telegram channel',
      {},
    );
    expect(b.meta.outlet).toBe('TASS');
    expect(b.text.endsWith('The visit will last two days.')).toBe(true);
    const c = readPlainText(
      'News|Politics\n\nIran and Saudi Arabia reopen embassies\n\nTehran and Riyadh complete restoration of ties brokered by China.\n\n' +
        'By Omar Khalil\n\nPublished On 28 Oct 2023\n\nIran and Saudi Arabia reopened their embassies on Saturday.\n\nBoth ministers attended.',
      {},
    );
    expect(c.meta.authors).toEqual(['Omar Khalil']);
    expect(c.meta.published).toBe('2023-10-28');
    expect(c.meta.extra?.subtitle).toBe('Tehran and Riyadh complete restoration of ties brokered by China.');
    expect(c.text.startsWith('Iran and Saudi Arabia reopened')).toBe(true);
  });

  it('a whole-page dump: menus, teasers and footer around the article are dropped', () => {
    const menu = [
      'Home',
      'World',
      'Europe',
      'Asia',
      'Africa',
      'Americas',
      'Business',
      'Opinion',
      'Video',
      'Podcasts',
    ];
    const footer = [
      'About us',
      'Contact',
      'Careers',
      'Advertise',
      'Privacy policy',
      'Terms of use',
      'Cookie settings',
    ];
    const body = [
      'Foreign ministers of the Group of Seven met in Capri on Wednesday and agreed to step up pressure on Iran over its drone programme, according to a joint statement.',
      'Italian Foreign Minister Antonio Tajani, who hosted the meeting, said the group would coordinate new export controls with partners in the Gulf and in Asia.',
      'U.S. Secretary of State Antony Blinken told reporters that Washington would announce additional sanctions on Iranian entities in the coming days.',
      'The ministers also discussed support for Ukraine’s air defences and the situation in the Red Sea, where shipping has been disrupted for months.',
      'Japan’s Foreign Minister Yoko Kamikawa said Tokyo was ready to contribute to a monitoring mission if one was agreed by the United Nations.',
      'The next meeting of the group is expected in the autumn, diplomats said.',
    ];
    const input = [
      ...menu,
      'G7 ministers agree to tighten pressure on Iran',
      'By Giulia Ferri',
      'April 17, 2024',
      ...body,
      'Most read',
      'Elections in India: what to watch',
      'Markets slide as oil jumps',
      ...footer,
      '© 2024 Tyrrhenian Herald',
    ].join('\n\n');
    const a = readPlainText(input, {});
    expect(a.text).toBe(body.join('\n\n'));
    expect(a.meta.title).toBe('G7 ministers agree to tighten pressure on Iran');
    expect(a.meta.authors).toEqual(['Giulia Ferri']);
    expect(a.meta.published).toBe('2024-04-17');
  });

  it('a transcript with many short turns is not mistaken for a page dump', () => {
    const turns: string[] = [
      'Transcript of the briefing by the ministry spokesperson, Moscow, 12 April 2024',
      '',
    ];
    for (let i = 0; i < 30; i++) {
      turns.push(
        `Question: Will the delegation go to Geneva on day ${i + 1}?`,
        '',
        'Maria Petrova: Yes.',
        '',
      );
    }
    turns.push(
      'The briefing ended at noon, and the spokesperson left without taking further questions from the press.',
    );
    const input = turns.join('\n');
    const a = readPlainText(input, {});
    expect(a.text.startsWith('Question: Will the delegation go to Geneva on day 1?')).toBe(true);
    expect(a.text.endsWith('without taking further questions from the press.')).toBe(true);
    expect(a.paragraphs).toHaveLength(61);
  });

  it('an inline "Read also:" promo is removed; the rest of the body is not', () => {
    const input = [
      'Cairo proposes a new Gaza truce plan',
      '',
      'Egypt presented a three-stage truce plan to Israeli and Hamas negotiators on Monday.',
      '',
      'Read also: Qatar says talks are at a “critical stage”',
      '',
      'Egyptian Foreign Minister Sameh Shoukry said the plan had the backing of Qatar and the United States.',
      '',
      'The negotiators are expected to reply by Wednesday, officials said.',
    ].join('\n');
    const a = readPlainText(input, {});
    expect(a.text).not.toContain('Read also');
    expect(a.text).toContain('Egyptian Foreign Minister Sameh Shoukry');
    expect(a.text.endsWith('officials said.')).toBe(true);
  });

  it('leaves a clean body alone, including a closing paragraph that starts with a name', () => {
    const body =
      'North Korea fired two ballistic missiles into the sea on Sunday, Japan’s defence ministry said.\n\n' +
      'Kim Jong-un, the leader of North Korea, is expected to visit Russia next month, according to officials in Seoul.';
    const a = readPlainText(body, {});
    expect(a.text).toBe(body);
    expect(a.meta.title).toBeNull();
    expect(a.warnings).toEqual([]);
    // last paragraphs that merely start like a trailer marker stay
    for (const last of [
      'Popular support for the war is waning.',
      'Latest news from the front suggests a lull',
    ]) {
      const t = `A title for the piece\n\nFirst paragraph of the article body, long enough to be prose.\n\n${last}`;
      expect(readPlainText(t, {}).text.endsWith(last), last).toBe(true);
    }
  });

  it('keeps no-break spaces and typographic quotes exactly', () => {
    const body =
      'Title line here\n\nThe ministry said\u00a0“the talks were ‘useful’” — and nothing more.\n\nA second paragraph follows.';
    const a = readPlainText(body, {});
    expect(a.text).toContain('said\u00a0“the talks were ‘useful’” — and nothing more.');
  });

  it('uses the title and date given in the options', () => {
    const a = readPlainText('Talks ended.\n\nThe delegations left Geneva on Friday.', {
      title: 'Talks ended.',
      published: '2024-01-05',
    });
    expect(a.meta.title).toBe('Talks ended.');
    expect(a.meta.published).toBe('2024-01-05');
    expect(a.meta.publishedSource).toBe('input');
    expect(a.text).toBe('The delegations left Geneva on Friday.');
  });
});

describe('readPlainText: raw mode and bad input', () => {
  it('raw: text is exactly the input', () => {
    const input =
      '28.10.2023 Author: Someone\r\n\r\nTitle\r\n\r\n  Body\u00a0text.\u0007\n\nRelated articles:';
    const a = readPlainText(input, { raw: true });
    expect(a.text).toBe(input);
    expect(a.meta.title).toBeNull();
    expect(a.meta.published).toBeNull();
  });
  it('empty and whitespace-only input throw E_EMPTY', () => {
    for (const s of ['', '   \n\t\u00a0\n']) {
      let err: unknown;
      try {
        readPlainText(s, {});
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(IngestError);
      expect((err as IngestError).code).toBe('E_EMPTY');
    }
  });
  it('boilerplate only: never returns an empty text', () => {
    for (const input of [
      'Share this:\n\nFacebook\n\n© 2023 Somebody',
      'Related articles:',
      '© 2023 Somebody',
    ]) {
      const a = readPlainText(input, {});
      expect(a.text.trim().length, input).toBeGreaterThan(0);
    }
  });
  it('sets the language and says so for non-English text', () => {
    const a = readPlainText('Министр иностранных дел России Сергей Лавров прибыл в Пхеньян в среду.', {});
    expect(a.meta.language).toBe('ru');
  });
  it('handles a long article in linear time', () => {
    const para =
      'The minister met his counterpart in Geneva on Monday. They discussed sanctions, trade and security.';
    const input = `Title of the piece\n\nBy Jane Doe\n\n${Array.from({ length: 20_000 }, () => para).join('\n\n')}`;
    const t0 = performance.now();
    const a = readPlainText(input, {});
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(a.paragraphs).toHaveLength(20_000);
  });
});

describe('the example articles in examples/', () => {
  const dir = join(ROOT, 'examples');
  const expected: Record<string, { title: string; published: string; outlet: string; last: string }> = {
    'eu-sanctions-relative-dates.txt': {
      title: 'Brussels weighs new listings as Hungary signals a veto',
      published: '2024-03-14',
      outlet: 'Vistula Affairs Monthly',
      last: 'which expire at the end of the month.',
    },
    'jakarta-asean-maritime-talks.txt': {
      title: 'ASEAN ministers back maritime code talks as Beijing and Manila trade warnings',
      published: '2023-11-07',
      outlet: 'Meridian Wire',
      last: 'the U.S. restated its defence commitment to Manila.',
    },
    'vienna-press-conference-transcript.txt': {
      title:
        'Transcript: Press conference by Austrian Foreign Minister Klara Weissmann and Kazakh Foreign Minister Nurlan Serikov, Vienna',
      published: '2023-11-14',
      outlet: 'Danube Policy Review',
      last: 'the Secretary General of the OSCE, Helga Schmid.',
    },
  };
  for (const [name, want] of Object.entries(expected)) {
    it(name, () => {
      const a = readPlainText(readFileSync(join(dir, name), 'utf8'), {});
      expect(a.meta.title).toBe(want.title);
      expect(a.meta.published).toBe(want.published);
      expect(a.meta.outlet).toBe(want.outlet);
      expect(a.text.endsWith(want.last)).toBe(true);
      expect(a.text).not.toMatch(/Related|©|Share this|Tags:|Follow us/);
      checkParagraphs(a.text, a.paragraphs);
    });
  }
});

describe('findDates', () => {
  it('reads the date formats of bylines', () => {
    const cases: [string, string][] = [
      ['28.10.2023', '2023-10-28'],
      ['2023-10-28 14:05', '2023-10-28'],
      ['October 28, 2023', '2023-10-28'],
      ['Sat, 28 Oct 2023', '2023-10-28'],
      ['Oct. 28th, 2023', '2023-10-28'],
      ['28 октября 2023', '2023-10-28'],
      ['28. Oktober 2023', '2023-10-28'],
      ['28 de octubre de 2023', '2023-10-28'],
      ['10/28/2023', '2023-10-28'],
      ['28/10/2023', '2023-10-28'],
    ];
    for (const [s, want] of cases) expect(findDates(s)[0]?.date, s).toBe(want);
  });
  it('rejects impossible dates and plain numbers', () => {
    expect(findDates('31.02.2023')).toEqual([]);
    expect(findDates('version 1.2.3 and 2023')).toEqual([]);
  });
});

describe.skipIf(!existsSync(EXAMPLE))('readPlainText on the example article in ../shared', () => {
  if (!existsSync(EXAMPLE)) console.warn(`skipped: ${EXAMPLE} is absent`);
  it('finds title, author, date, outlet; body from the first sentence to the summary bullets', () => {
    const input = readFileSync(EXAMPLE, 'utf8');
    const a = readPlainText(input, {});
    expect(a.meta.title).toBe('Regarding the Russian Foreign Minister’s visit to the DPRK');
    expect(a.meta.authors).toEqual(['Konstantin Asmolov']);
    expect(a.meta.published).toBe('2023-10-28');
    expect(a.meta.outlet).toBe('New Eastern Outlook');
    expect(a.meta.language).toBe('en');
    expect(a.text.startsWith('On October 18–19, 2023, Russia’s Foreign Minister Sergey Lavrov')).toBe(true);
    expect(a.text.endsWith('the core of the agreements is not exposed.')).toBe(true);
    expect(a.text).not.toContain('Related articles');
    expect(a.text).not.toContain('Candidate of Historical Sciences');
    expect(a.text.split('Regarding the Russian Foreign Minister’s visit').length).toBe(1);
    // the summary bullets stay, one paragraph each
    const bullets = (a.paragraphs ?? []).filter((p) => a.text[p.start] === '•');
    expect(bullets).toHaveLength(4);
    checkParagraphs(a.text, a.paragraphs);
  });
});
