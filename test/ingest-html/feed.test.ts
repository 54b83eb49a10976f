import { describe, expect, it } from 'vitest';
import { readFeed } from '../../src/ingest/feed.ts';
import { ingestBytes, ingestText } from '../../src/ingest/index.ts';

const RSS = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>Coastal Herald – World</title>
<language>en-us</language>
<item>
  <title>Ferry strike ends after pay deal</title>
  <link>https://herald.example.net/world/ferry-strike-ends</link>
  <pubDate>Tue, 14 May 2024 18:20:00 +0000</pubDate>
  <dc:creator>Priya Nair</dc:creator>
  <description>Short summary of the ferry story.</description>
  <content:encoded><![CDATA[<p>Ferry crews returned to work on Tuesday after union leaders accepted a two-year pay deal.</p><p>Services between the islands are expected to run normally by the weekend, the operator said.</p>]]></content:encoded>
</item>
<item>
  <title>Port authority &amp; city agree on new terminal</title>
  <link>https://herald.example.net/world/terminal</link>
  <pubDate>Wed, 15 May 2024 07:00:00 GMT</pubDate>
  <description>&lt;p&gt;The city council approved the plan &lt;b&gt;late on Tuesday&lt;/b&gt;.&lt;/p&gt;</description>
</item>
</channel>
</rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">
  <title>Alpenbote</title>
  <entry>
    <title type="html">Neue Brücke eröffnet</title>
    <link rel="alternate" href="https://alpenbote.example.de/2024/06/02/bruecke"/>
    <published>2024-06-02T10:00:00+02:00</published>
    <author><name>Jonas Huber</name></author>
    <content type="html">&lt;p&gt;Die neue Brücke über den Fluss wurde am Sonntag für den Verkehr freigegeben.&lt;/p&gt;</content>
  </entry>
</feed>`;

describe('feeds', () => {
  it('RSS 2.0: one article per item with link, date, title, author; full HTML when present', () => {
    const items = ingestText(RSS);
    expect(items).toHaveLength(2);
    const [a, b] = items;
    expect(a.meta).toMatchObject({
      title: 'Ferry strike ends after pay deal',
      url: 'https://herald.example.net/world/ferry-strike-ends',
      published: '2024-05-14',
      authors: ['Priya Nair'],
      outlet: 'Coastal Herald – World',
      language: 'en',
    });
    expect(a.text).toBe(
      'Ferry crews returned to work on Tuesday after union leaders accepted a two-year pay deal.\n\nServices between the islands are expected to run normally by the weekend, the operator said.',
    );
    expect(b.meta.title).toBe('Port authority & city agree on new terminal');
    expect(b.text).toBe('The city council approved the plan late on Tuesday.');
    expect(b.warnings.map((w) => w.code)).toContain('W_FEED_SUMMARY_ONLY');
  });

  it('Atom: link href, published, author, escaped HTML content', () => {
    const [a] = ingestBytes(new TextEncoder().encode(ATOM));
    expect(a.meta).toMatchObject({
      title: 'Neue Brücke eröffnet',
      url: 'https://alpenbote.example.de/2024/06/02/bruecke',
      published: '2024-06-02',
      authors: ['Jonas Huber'],
      language: 'de',
    });
    expect(a.text).toBe('Die neue Brücke über den Fluss wurde am Sonntag für den Verkehr freigegeben.');
  });

  it('a feed with 10,000 items is read in bounded time', () => {
    const items: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      items.push(
        `<item><title>Item ${i}</title><link>https://feed.example.org/${i}</link><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate><description>Report number ${i} on the regional elections and the turnout in the northern districts.</description></item>`,
      );
    }
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>${items.join('\n')}</channel></rss>`;
    const t = performance.now();
    const out = ingestText(xml);
    expect(out).toHaveLength(10_000);
    expect(out[9999].meta.url).toBe('https://feed.example.org/9999');
    expect(performance.now() - t).toBeLessThan(10_000);
  });

  it('caps the number of items and says so', () => {
    const items = Array.from(
      { length: 30 },
      (_, i) => `<item><title>T${i}</title><description>Body ${i}</description></item>`,
    );
    const out = readFeed(`<rss><channel>${items.join('')}</channel></rss>`, { maxItems: 10 });
    expect(out).toHaveLength(10);
    expect(out[0].warnings.map((w) => w.code)).toContain('W_FEED_TRUNCATED');
  });

  it('an empty feed is E_NO_CONTENT', () => {
    expect(() => ingestText('<?xml version="1.0"?><rss><channel><title>x</title></channel></rss>')).toThrow(
      expect.objectContaining({ code: 'E_NO_CONTENT' }),
    );
  });
});
