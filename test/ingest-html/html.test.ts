import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest/index.ts';
import { parseDate, dateFromUrl } from '../../src/ingest/html/dates.ts';
import { readHtml, stripSiteName } from '../../src/ingest/html/index.ts';
import { ARTICLE_PAGE } from './fixtures.ts';

describe('readHtml: main content', () => {
  const { article } = readHtml(ARTICLE_PAGE, {
    url: 'https://ledger.example.com/world/2024/03/18/harbour-talks',
  });

  it('keeps the article paragraphs in order', () => {
    const t = article.text;
    expect(t).toContain('Negotiators from Valdoria and the Eastern Union returned');
    expect(t).toContain('"We have lost enough time," she told reporters');
    expect(t.indexOf('Negotiators')).toBeLessThan(t.indexOf('The next round is expected'));
  });

  it('drops navigation, share widgets, related links, comments, footer, scripts and the headline', () => {
    const t = article.text;
    for (const junk of [
      'Home',
      'Share on Facebook',
      'Related stories',
      'Great article',
      'All rights reserved',
      'not text',
      'color: red',
    ]) {
      expect(t).not.toContain(junk);
    }
    expect(t.startsWith('Harbour talks resume')).toBe(false);
  });

  it('separates paragraphs by blank lines and list items by single newlines', () => {
    expect(article.text).toContain('Customs posts on the northern pier\nFishing quotas in the bay');
    expect(article.text).toMatch(/bad faith\.\n\nThe foreign minister/);
    expect(article.paragraphs?.length).toBeGreaterThanOrEqual(5);
    for (const p of article.paragraphs ?? []) {
      const s = article.text.slice(p.start, p.end);
      expect(s.trim()).toBe(s);
      expect(s).not.toContain('\n\n');
    }
  });
});

describe('readHtml: metadata', () => {
  const { article, meta } = readHtml(ARTICLE_PAGE, { url: 'https://ledger.example.com/x' });
  it('title without the outlet suffix', () =>
    expect(article.meta.title).toBe('Harbour talks resume in Valdoria'));
  it('authors from JSON-LD, without "By"', () =>
    expect(article.meta.authors).toEqual(['Mara Ellison', 'Tomas Rey']));
  it('date with its source', () => {
    expect(article.meta.published).toBe('2024-03-18');
    expect(article.meta.publishedSource).toBe('json-ld');
  });
  it('outlet, canonical URL and language', () => {
    expect(article.meta.outlet).toBe('The Northern Ledger');
    expect(meta.url).toBe('https://ledger.example.com/world/2024/03/18/harbour-talks');
    expect(article.meta.language).toBe('en');
  });

  it('falls back to meta tags, <time>, URL and dateline in that order', () => {
    const page = (head: string, body: string) =>
      `<html><head><title>Budget vote delayed - Rivertown Gazette</title>${head}</head><body><article>${body}<p>${'The council postponed the vote on the annual budget after a long debate about road repairs. '.repeat(3)}</p></article></body></html>`;
    const meta = readHtml(
      page('<meta property="article:published_time" content="2023-10-05T08:00:00+02:00">', ''),
    );
    expect(meta.article.meta.published).toBe('2023-10-05');
    expect(meta.article.meta.publishedSource).toBe('meta');
    const time = readHtml(page('', '<time datetime="2022-01-09" class="entry-date">9 January</time>'));
    expect(time.article.meta.published).toBe('2022-01-09');
    expect(time.article.meta.publishedSource).toBe('time');
    const url = readHtml(page('', ''), { url: 'https://gazette.example.org/2021/07/30/budget-vote/' });
    expect(url.article.meta.published).toBe('2021-07-30');
    expect(url.article.meta.publishedSource).toBe('url');
    const dateline = readHtml(
      page('', '<div class="article-date">Veröffentlicht am 28.10.2023, 14:05</div>'),
    );
    expect(dateline.article.meta.published).toBe('2023-10-28');
    expect(dateline.article.meta.publishedSource).toBe('dateline');
    expect(url.article.meta.title).toBe('Budget vote delayed');
  });

  it('reads authors from meta and byline elements', () => {
    const html = `<html><head><meta name="author" content="by Ana Souza, Li Wei"></head><body><p>${'Text of the story with enough words to count as prose here. '.repeat(4)}</p></body></html>`;
    expect(readHtml(html).article.meta.authors).toEqual(['Ana Souza', 'Li Wei']);
  });

  it('input overrides win', () => {
    const { article: a } = readHtml(ARTICLE_PAGE, { published: '2020-01-01', title: 'Other' });
    expect(a.meta.published).toBe('2020-01-01');
    expect(a.meta.publishedSource).toBe('input');
    expect(a.meta.title).toBe('Other');
  });
});

describe('stripSiteName', () => {
  it('removes trailing and leading site names', () => {
    expect(stripSiteName('Talks collapse | Daily Planet', 'Daily Planet', null, null)).toBe('Talks collapse');
    expect(stripSiteName('Daily Planet - Talks collapse', 'Daily Planet', null, null)).toBe('Talks collapse');
    expect(stripSiteName('Talks collapse – planet.example.com', null, 'planet.example.com', null)).toBe(
      'Talks collapse',
    );
  });
  it('keeps a dash that belongs to the headline', () => {
    expect(stripSiteName('Peace talks - a new hope?', 'Daily Planet', null, null)).toBe(
      'Peace talks - a new hope?',
    );
  });
});

describe('date parsing', () => {
  it.each([
    ['2023-10-18T10:00:00Z', '2023-10-18'],
    ['October 18, 2023', '2023-10-18'],
    ['18 October 2023', '2023-10-18'],
    ['18. Oktober 2023', '2023-10-18'],
    ['18 октября 2023 года', '2023-10-18'],
    ['18.10.2023', '2023-10-18'],
    ['2023年10月18日', '2023-10-18'],
    ['18 de octubre de 2023', '2023-10-18'],
  ])('%s', (s, want) => expect(parseDate(s)).toBe(want));
  it('rejects impossible dates', () => {
    expect(parseDate('2023-02-30')).toBeNull();
    expect(parseDate('1850-01-01')).toBeNull();
    expect(parseDate('no date here')).toBeNull();
  });
  it('finds dates in URLs', () => {
    expect(dateFromUrl('https://x.example/news/2019/03/07/story')).toBe('2019-03-07');
    expect(dateFromUrl('https://x.example/news/20190307-story')).toBe('2019-03-07');
    expect(dateFromUrl('https://x.example/news/story-123456')).toBeNull();
  });
});

describe('ingestText dispatch', () => {
  it('sends HTML to the HTML reader', () => {
    const [a] = ingestText(ARTICLE_PAGE);
    expect(a.meta.title).toBe('Harbour talks resume in Valdoria');
  });
  it('a page without article text is E_NO_CONTENT', () => {
    expect(() => ingestText('<html><body><nav><a href="/">Home</a></nav></body></html>')).toThrow(
      expect.objectContaining({ code: 'E_NO_CONTENT' }),
    );
  });
});

describe('readHtml: awkward pages', () => {
  const prose =
    '<p>The river authority opened the flood gates on Sunday after three days of heavy rain in the hills. </p>';

  it('markup before <!doctype>/<html> does not hide the page', () => {
    const html = `<div id="interstitial"><a href="#">Continue to site</a></div><!doctype html><html lang="de"><head><title>Hochwasser im Tal</title></head><body><article>${prose.repeat(2)}</article></body></html>`;
    const { article } = readHtml(html);
    expect(article.meta.language).toBe('de');
    expect(article.meta.title).toBe('Hochwasser im Tal');
    expect(article.text).toContain('flood gates');
  });

  it('a date line standing alone in the article is the date, and is not body text', () => {
    const html = `<html><body><article><p>Caption: the dam, photographed on 2 March 2021.</p><p>March 4, 2021</p>${prose.repeat(2)}</article></body></html>`;
    const { article } = readHtml(html);
    expect(article.meta.published).toBe('2021-03-04');
    expect(article.meta.publishedSource).toBe('dateline');
    expect(article.text).not.toContain('March 4, 2021');
  });

  it('a UNIX timestamp on a timestamp element', () => {
    const html = `<html><body><article><span class="ts" data-time="1594448702">yesterday</span>${prose.repeat(2)}</article></body></html>`;
    expect(readHtml(html).article.meta.published).toBe('2020-07-11');
  });

  it('a timestamp only in the markup is the last resort', () => {
    const html = `<html><body><script>show("2019/05/06 10:22:01")</script><article>${prose.repeat(2)}</article></body></html>`;
    const { article } = readHtml(html);
    expect(article.meta.published).toBe('2019-05-06');
    expect(article.meta.publishedSource).toBe('markup');
  });

  it('a page whose text is rendered by scripts falls back to its description, with a warning', () => {
    const html =
      '<html><head><meta name="description" content="Storm closes the coastal road for the weekend."></head><body><div id="app"></div></body></html>';
    const [a] = ingestText(html);
    expect(a.text).toBe('Storm closes the coastal road for the weekend.');
    expect(a.warnings.map((w) => w.code)).toContain('W_DESCRIPTION_ONLY');
  });

  it('bylines: "View all posts by", site names are not authors', () => {
    const html = `<html><head><meta property="og:site_name" content="Valley Post"></head><body><article><span class="author"><a href="/u/1">View all posts by Ines Moreau</a></span>${prose.repeat(2)}</article></body></html>`;
    expect(readHtml(html).article.meta.authors).toEqual(['Ines Moreau']);
    const html2 = `<html><head><meta property="og:site_name" content="Valley Post"><meta name="author" content="Valley Post"></head><body>${prose}</body></html>`;
    expect(readHtml(html2).article.meta.authors).toEqual([]);
  });

  it('a kicker run into the <h1> is dropped when og:title gives the headline', () => {
    const html = `<html><head><meta property="og:title" content="Gates opened at the northern dam | Valley Post"></head><body><h1><span class="kicker">Flood watch</span>Gates opened at the northern dam</h1><article>${prose.repeat(2)}</article></body></html>`;
    expect(readHtml(html).article.meta.title).toBe('Gates opened at the northern dam');
  });

  it('the single <h1> wins over an SEO og:title', () => {
    const html = `<html><head><meta property="og:title" content="Flood gates opened: what you need to know | Valley Post"></head><body><h1>River authority opens the flood gates</h1><article>${prose.repeat(2)}</article></body></html>`;
    expect(readHtml(html).article.meta.title).toBe('River authority opens the flood gates');
  });
});
