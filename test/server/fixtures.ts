/**
 * Hand-annotated test documents (invented news text, written for these tests)
 * with every layer filled, so the API and UI can be exercised independently
 * of the analysis stages. Offsets are computed from the surface strings.
 */
import type {
  Document,
  Entity,
  EntityType,
  PoliticalEvent,
  Quote,
  Span,
  TimeExpression,
} from '../../src/document/types.ts';
import { createDocument } from '../../src/pipeline.ts';

function at(text: string, needle: string, nth = 0): Span {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`fixture: "${needle}" (#${nth}) not in text`);
  }
  return { start: i, end: i + needle.length };
}

interface EntitySpec {
  id: string;
  type: EntityType;
  name: string;
  country?: string | null;
  roles?: string[];
  actor?: string | null;
  /** Surface forms; every occurrence of each becomes a mention. */
  forms: string[];
}

function allOf(text: string, needle: string): Span[] {
  const out: Span[] = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) {
    const before = text[i - 1] ?? ' ';
    const after = text[i + needle.length] ?? ' ';
    if (/\w/.test(before) || /\w/.test(after)) continue;
    out.push({ start: i, end: i + needle.length });
  }
  return out;
}

function entities(text: string, specs: EntitySpec[]): Entity[] {
  return specs.map((s) => {
    // longer forms first; a shorter form inside a longer mention ("Tanabe" in "Aiko Tanabe") is not a mention
    const mentions: Span[] = [];
    for (const f of [...s.forms].sort((a, b) => b.length - a.length)) {
      for (const m of allOf(text, f)) {
        if (!mentions.some((x) => m.start < x.end && m.end > x.start)) mentions.push(m);
      }
    }
    mentions.sort((a, b) => a.start - b.start);
    return {
      id: s.id,
      type: s.type,
      name: s.name,
      country: s.country ?? null,
      roles: s.roles ?? [],
      mentions,
      key: `${s.type}:${s.name.toLowerCase()}`,
      aliases: s.forms.filter((f) => f !== s.name),
      actor: s.actor ?? null,
    };
  });
}

function build(
  text: string,
  meta: { title: string; published: string | null; outlet: string; language?: string; url?: string | null },
  layers: (text: string) => Pick<Document, 'entities' | 'times' | 'quotes' | 'events'>,
): Document {
  const doc = createDocument({
    text,
    meta: {
      title: meta.title,
      authors: [],
      published: meta.published,
      outlet: meta.outlet,
      language: meta.language ?? 'en',
      url: meta.url ?? null,
    },
    warnings: [],
  });
  const l = layers(text);
  return { ...doc, ...l, sources: [], stages: { fixture: '1' } };
}

const time = (text: string, surface: string, value: string, type: TimeExpression['type'] = 'DATE') => ({
  ...at(text, surface),
  type,
  value,
});

const actor = (entity: string | null, name: string, country: string | null, code: string | null = null) => ({
  entity,
  name,
  country,
  actor: code,
});

export const HOTLINE_TEXT =
  'BUSAN (Harbour Wire) — Japanese Foreign Minister Aiko Tanabe met her South Korean counterpart Park Min-jun ' +
  'in Busan on Tuesday to discuss fishing quotas and a joint maritime hotline.\n\n' +
  '“We agreed that the hotline must be working before the summer season,” Tanabe told reporters after the talks. ' +
  'Park said Seoul would send a technical delegation to Tokyo next month.\n\n' +
  'The two ministers also condemned a missile launch by North Korea on Monday, calling it a threat to regional shipping.';

export function hotlineDoc(): Document {
  return build(
    HOTLINE_TEXT,
    {
      title: 'Japan and South Korea agree to fast-track maritime hotline',
      published: '2024-03-12',
      outlet: 'Harbour Wire',
    },
    (t) => {
      const ents = entities(t, [
        {
          id: 'e1',
          type: 'PERSON',
          name: 'Aiko Tanabe',
          country: 'JPN',
          roles: ['foreign minister'],
          actor: 'JPNGOV',
          forms: ['Aiko Tanabe', 'Tanabe'],
        },
        {
          id: 'e2',
          type: 'PERSON',
          name: 'Park Min-jun',
          country: 'KOR',
          roles: ['foreign minister'],
          actor: 'KORGOV',
          forms: ['Park Min-jun', 'Park'],
        },
        { id: 'e3', type: 'GPE', name: 'Busan', country: 'KOR', forms: ['Busan', 'BUSAN'] },
        { id: 'e4', type: 'GPE', name: 'South Korea', country: 'KOR', actor: 'KOR', forms: ['Seoul'] },
        { id: 'e5', type: 'GPE', name: 'Japan', country: 'JPN', actor: 'JPN', forms: ['Tokyo'] },
        { id: 'e6', type: 'GPE', name: 'North Korea', country: 'PRK', actor: 'PRK', forms: ['North Korea'] },
        { id: 'e7', type: 'ORG', name: 'Harbour Wire', forms: ['Harbour Wire'] },
        { id: 'e8', type: 'NORP', name: 'Japanese', country: 'JPN', forms: ['Japanese'] },
      ]);
      const times: TimeExpression[] = [
        { ...time(t, 'Tuesday', '2024-03-12'), id: 't1', precision: 'day', anchor: 'published' },
        { ...time(t, 'the summer season', '2024-SU'), id: 't2', precision: 'season' },
        { ...time(t, 'next month', '2024-04'), id: 't3', precision: 'month', anchor: 'published' },
        { ...time(t, 'Monday', '2024-03-11'), id: 't4', precision: 'day', anchor: 'published' },
      ];
      const direct = at(t, '“We agreed that the hotline must be working before the summer season,”');
      const quotes: Quote[] = [
        {
          id: 'q1',
          ...direct,
          kind: 'direct',
          speaker: 'e1',
          speakerName: 'Aiko Tanabe',
          speakerSpan: at(t, 'Tanabe', 1),
          cue: at(t, 'told'),
        },
        {
          id: 'q2',
          ...at(t, 'Seoul would send a technical delegation to Tokyo next month'),
          kind: 'indirect',
          speaker: 'e2',
          speakerName: 'Park Min-jun',
          speakerSpan: at(t, 'Park', 1),
          cue: at(t, 'said'),
        },
      ];
      const events: PoliticalEvent[] = [
        {
          id: 'v1',
          code: '040',
          plover: 'CONSULT',
          source: actor('e1', 'Aiko Tanabe', 'JPN', 'JPNGOV'),
          target: actor('e2', 'Park Min-jun', 'KOR', 'KORGOV'),
          date: '2024-03-12',
          location: 'Busan',
          goldstein: 1,
          modality: 'asserted',
          evidence: at(t, 'Aiko Tanabe met her South Korean counterpart Park Min-jun in Busan on Tuesday'),
          trigger: at(t, 'met'),
        },
        {
          id: 'v2',
          code: '043',
          plover: 'CONSULT',
          source: actor('e4', 'South Korea', 'KOR', 'KORGOV'),
          target: actor('e5', 'Japan', 'JPN', 'JPN'),
          date: '2024-04',
          location: 'Tokyo',
          goldstein: 2.8,
          modality: 'planned',
          evidence: at(t, 'Seoul would send a technical delegation to Tokyo next month'),
          trigger: at(t, 'send'),
        },
        {
          id: 'v3',
          code: '111',
          plover: 'DISAPPROVE',
          source: actor('e5', 'Japan', 'JPN', 'JPNGOV'),
          target: actor('e6', 'North Korea', 'PRK', 'PRK'),
          date: '2024-03-12',
          location: null,
          goldstein: -2,
          modality: 'asserted',
          evidence: at(t, 'The two ministers also condemned a missile launch by North Korea on Monday'),
          trigger: at(t, 'condemned'),
        },
      ];
      return { entities: ents, times, quotes, events };
    },
  );
}

export const ACCORD_TEXT =
  'TOKYO (Pacific Ledger) — Japan and South Korea signed a maritime safety accord on Wednesday, ' +
  'setting up a round-the-clock hotline between their coast guards.\n\n' +
  'Foreign Minister Aiko Tanabe called the accord “a practical step that sailors will feel at once.” ' +
  'North Korea criticised the agreement as provocative, its state news agency said.';

export function accordDoc(): Document {
  return build(
    ACCORD_TEXT,
    {
      title: 'Tokyo and Seoul sign coast guard hotline accord',
      published: '2024-04-17',
      outlet: 'Pacific Ledger',
    },
    (t) => {
      const ents = entities(t, [
        { id: 'e1', type: 'GPE', name: 'Japan', country: 'JPN', actor: 'JPN', forms: ['Japan', 'TOKYO'] },
        { id: 'e2', type: 'GPE', name: 'South Korea', country: 'KOR', actor: 'KOR', forms: ['South Korea'] },
        {
          id: 'e3',
          type: 'PERSON',
          name: 'Aiko Tanabe',
          country: 'JPN',
          roles: ['foreign minister'],
          actor: 'JPNGOV',
          forms: ['Aiko Tanabe'],
        },
        { id: 'e4', type: 'GPE', name: 'North Korea', country: 'PRK', actor: 'PRK', forms: ['North Korea'] },
        { id: 'e5', type: 'ORG', name: 'Pacific Ledger', forms: ['Pacific Ledger'] },
      ]);
      const times: TimeExpression[] = [{ ...time(t, 'Wednesday', '2024-04-17'), id: 't1', precision: 'day' }];
      const quotes: Quote[] = [
        {
          id: 'q1',
          ...at(t, '“a practical step that sailors will feel at once.”'),
          kind: 'mixed',
          speaker: 'e3',
          speakerName: 'Aiko Tanabe',
          speakerSpan: at(t, 'Aiko Tanabe'),
          cue: at(t, 'called'),
        },
      ];
      const events: PoliticalEvent[] = [
        {
          id: 'v1',
          code: '057',
          plover: 'AGREE',
          source: actor('e1', 'Japan', 'JPN', 'JPN'),
          target: actor('e2', 'South Korea', 'KOR', 'KOR'),
          date: '2024-04-17',
          location: null,
          goldstein: 8,
          modality: 'asserted',
          evidence: at(t, 'Japan and South Korea signed a maritime safety accord on Wednesday'),
          trigger: at(t, 'signed'),
        },
        {
          id: 'v2',
          code: '111',
          plover: 'DISAPPROVE',
          source: actor('e4', 'North Korea', 'PRK', 'PRK'),
          target: actor('e1', 'Japan', 'JPN', 'JPN'),
          date: '2024-04-17',
          location: null,
          goldstein: -2,
          modality: 'reported',
          evidence: at(t, 'North Korea criticised the agreement as provocative'),
          trigger: at(t, 'criticised'),
        },
      ];
      return { entities: ents, times, quotes, events };
    },
  );
}

/** An article whose text contains markup and script-like strings: it must render as inert text. */
export const HOSTILE_TEXT =
  'Researchers at the Lumen Institute warned on Friday that comment boxes still accept payloads such as ' +
  '<script>window.__pwned = 1</script> and <img src=x onerror="window.__pwned = 2">, ' +
  'and links like <a href="javascript:window.__pwned=3">claim your prize</a>.\n\n' +
  '“Treat every byte of user text as hostile,” said Dana Whitfield, who leads the institute.';

export function hostileDoc(): Document {
  return build(
    HOSTILE_TEXT,
    {
      title: 'Security group warns of <script> payloads in comment boxes',
      published: '2024-02-02',
      outlet: 'Lumen Review',
    },
    (t) => {
      const ents = entities(t, [
        { id: 'e1', type: 'ORG', name: 'Lumen Institute', forms: ['Lumen Institute'] },
        {
          id: 'e2',
          type: 'PERSON',
          name: 'Dana Whitfield',
          roles: ['head of institute'],
          forms: ['Dana Whitfield'],
        },
      ]);
      const quotes: Quote[] = [
        {
          id: 'q1',
          ...at(t, '“Treat every byte of user text as hostile,”'),
          kind: 'direct',
          speaker: 'e2',
          speakerName: 'Dana Whitfield',
          speakerSpan: at(t, 'Dana Whitfield'),
          cue: at(t, 'said'),
        },
      ];
      const times: TimeExpression[] = [{ ...time(t, 'Friday', '2024-02-02'), id: 't1', precision: 'day' }];
      // an "entity" whose evidence is markup, to prove highlighted spans stay text too
      ents.push({
        id: 'e3',
        type: 'MISC',
        name: '<img src=x onerror="window.__pwned = 2">',
        country: null,
        roles: [],
        mentions: [at(t, '<img src=x onerror="window.__pwned = 2">')],
        key: 'MISC:img payload',
      });
      return { entities: ents, times, quotes, events: [] };
    },
  );
}

/** A non-English document with no analysis layers: the UI must say "not computed". */
export function germanDoc(): Document {
  const text =
    'BERLIN — Die Bundesregierung hat am Donnerstag neue Regeln für Küstenschutz vorgestellt. ' +
    'Die Opposition kritisierte den Entwurf als zu vage.';
  const doc = createDocument({
    text,
    meta: {
      title: 'Neue Regeln für den Küstenschutz',
      authors: [],
      published: '2024-01-11',
      outlet: 'Nordkurier Test',
      language: 'de',
      url: null,
    },
    warnings: [],
  });
  return { ...doc, stages: {} };
}

export function allFixtures(): Document[] {
  return [hotlineDoc(), accordDoc(), hostileDoc(), germanDoc()];
}
