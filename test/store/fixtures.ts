/**
 * Hand-made Documents for the store tests: invented news text with entity,
 * time, quote, source and event layers whose spans point at the real
 * characters (found with indexOf), independent of the analysis stages.
 */
import type { Document, Entity, EntityType, PoliticalEvent, Quote } from '../../src/document/types.ts';
import { createDocument } from '../../src/pipeline.ts';

interface EntitySpec {
  id: string;
  type: EntityType;
  name: string;
  surface: string[];
  country?: string | null;
  actor?: string | null;
  key?: string;
  roles?: string[];
}

interface EventSpec {
  code: string;
  source: string;
  target?: string;
  date?: string | null;
  goldstein: number;
  evidence: string;
}

export interface DocSpec {
  title: string;
  published: string | null;
  outlet: string;
  text: string;
  entities?: EntitySpec[];
  quotes?: { text: string; speaker: string | null; kind?: Quote['kind'] }[];
  events?: EventSpec[];
  times?: { text: string; value: string }[];
}

function spanOf(text: string, needle: string, from = 0): { start: number; end: number } {
  const i = text.indexOf(needle, from);
  if (i < 0) throw new Error(`fixture: '${needle}' not in text`);
  return { start: i, end: i + needle.length };
}

export function makeDoc(spec: DocSpec): Document {
  const doc = createDocument({
    text: spec.text,
    meta: {
      title: spec.title,
      authors: [],
      published: spec.published,
      outlet: spec.outlet,
      language: 'en',
      url: `https://news.example.org/${spec.title.toLowerCase().replace(/\W+/g, '-')}`,
    },
    warnings: [],
  });
  const entities: Entity[] = (spec.entities ?? []).map((e) => {
    const mentions = [];
    for (const s of e.surface) {
      let from = 0;
      for (;;) {
        const i = spec.text.indexOf(s, from);
        if (i < 0) break;
        mentions.push({ start: i, end: i + s.length });
        from = i + s.length;
      }
    }
    return {
      id: e.id,
      type: e.type,
      name: e.name,
      country: e.country ?? null,
      roles: e.roles ?? [],
      mentions,
      key: e.key,
      aliases: e.surface.filter((s) => s !== e.name),
      actor: e.actor ?? null,
    };
  });
  const byId = new Map(entities.map((e) => [e.id, e]));
  const actor = (id: string) => {
    const e = byId.get(id)!;
    return { entity: id, name: e.name, country: e.country, actor: e.actor ?? null };
  };
  const events: PoliticalEvent[] = (spec.events ?? []).map((ev, i) => ({
    id: `ev${i + 1}`,
    code: ev.code,
    plover: null,
    source: actor(ev.source),
    target: ev.target ? actor(ev.target) : null,
    date: ev.date ?? null,
    location: null,
    goldstein: ev.goldstein,
    modality: 'asserted',
    evidence: spanOf(spec.text, ev.evidence),
  }));
  const quotes: Quote[] = (spec.quotes ?? []).map((q, i) => {
    const speaker = q.speaker ? byId.get(q.speaker) : undefined;
    return {
      id: `q${i + 1}`,
      kind: q.kind ?? 'direct',
      speaker: q.speaker,
      speakerName: speaker?.name ?? null,
      speakerSpan: null,
      cue: null,
      ...spanOf(spec.text, q.text),
    };
  });
  const times = (spec.times ?? []).map((t, i) => ({
    id: `t${i + 1}`,
    type: 'DATE' as const,
    value: t.value,
    ...spanOf(spec.text, t.text),
  }));
  return { ...doc, entities, events, quotes, times, sources: [] };
}

const LAVROV: EntitySpec = {
  id: 'e1',
  type: 'PERSON',
  name: 'Sergey Lavrov',
  surface: ['Sergey Lavrov', 'Lavrov'],
  country: 'RUS',
  actor: 'RUSGOV',
  key: 'PERSON:sergey lavrov',
  roles: ['foreign minister'],
};

/** A small invented corpus: three stories (one with a syndicated copy), events between three countries. */
export function corpus(): Document[] {
  const visit = {
    title: 'Lavrov arrives in Pyongyang for talks',
    published: '2023-10-18',
    outlet: 'Northern Wire',
    text:
      'Russian Foreign Minister Sergey Lavrov arrived in Pyongyang on Wednesday for two days of talks with North Korean officials.\n\n' +
      '"We are ready to deepen cooperation in every field," Lavrov told reporters at the airport. ' +
      'North Korea welcomed the visit and praised the partnership with Moscow. ' +
      'The ministers are expected to discuss the follow-up to the September summit between the two leaders.',
    entities: [
      LAVROV,
      { id: 'e2', type: 'GPE', name: 'North Korea', surface: ['North Korea'], country: 'PRK', actor: 'PRK' },
      { id: 'e3', type: 'GPE', name: 'Pyongyang', surface: ['Pyongyang'], country: 'PRK' },
      { id: 'e4', type: 'GPE', name: 'Moscow', surface: ['Moscow'], country: 'RUS' },
    ],
    quotes: [{ text: '"We are ready to deepen cooperation in every field,"', speaker: 'e1' }],
    events: [
      {
        code: '042',
        source: 'e1',
        target: 'e2',
        date: '2023-10-18',
        goldstein: 1.9,
        evidence: 'Sergey Lavrov arrived in Pyongyang on Wednesday',
      },
      {
        code: '051',
        source: 'e2',
        target: 'e1',
        date: '2023-10-18',
        goldstein: 3.4,
        evidence: 'North Korea welcomed the visit and praised the partnership with Moscow',
      },
    ],
    times: [{ text: 'Wednesday', value: '2023-10-18' }],
  } satisfies DocSpec;

  // A syndicated copy: new headline, one word changed, a credit line added.
  const copy: DocSpec = {
    ...visit,
    title: 'Russian foreign minister lands in North Korea',
    outlet: 'Harbour Daily',
    text: `${visit.text.replace('two days of talks', 'two days of meetings')}\n\n(Reporting by the Harbour Daily desk.)`,
  };

  const sanctions: DocSpec = {
    title: 'Seoul condemns arms deal',
    published: '2023-11-02',
    outlet: 'Harbour Daily',
    text:
      'South Korea on Thursday condemned what it called an illegal arms transfer between Moscow and Pyongyang. ' +
      'Foreign ministry spokesman Lim Soo-suk said Seoul would coordinate further sanctions with its allies. ' +
      'Lavrov rejected the accusation, calling it "baseless noise" during a briefing in Moscow.',
    entities: [
      {
        ...LAVROV,
        id: 'x1',
        surface: ['Lavrov'],
        name: 'Lavrov',
        key: 'PERSON:sergey lavrov',
        roles: ['minister'],
      },
      {
        id: 'x2',
        type: 'GPE',
        name: 'South Korea',
        surface: ['South Korea', 'Seoul'],
        country: 'KOR',
        actor: 'KOR',
      },
      { id: 'x3', type: 'GPE', name: 'Moscow', surface: ['Moscow'], country: 'RUS', actor: 'RUS' },
      { id: 'x4', type: 'PERSON', name: 'Lim Soo-suk', surface: ['Lim Soo-suk'], country: 'KOR' },
    ],
    quotes: [{ text: '"baseless noise"', speaker: 'x1' }],
    events: [
      {
        code: '111',
        source: 'x2',
        target: 'x3',
        date: '2023-11-02',
        goldstein: -2,
        evidence: 'South Korea on Thursday condemned what it called an illegal arms transfer',
      },
      {
        code: '1121',
        source: 'x1',
        target: 'x2',
        date: null,
        goldstein: -2,
        evidence: 'Lavrov rejected the accusation',
      },
    ],
  };

  const grain: DocSpec = {
    title: 'Wheat exports rise',
    published: '2024-01-15',
    outlet: 'Northern Wire',
    text:
      'Russian wheat exports rose sharply in December as buyers in Egypt and Turkey increased orders. ' +
      'Traders said prices for the new crop remained firm. Moscow promised to keep supplying partners in Pyongyang.',
    entities: [
      { id: 'w1', type: 'GPE', name: 'Egypt', surface: ['Egypt'], country: 'EGY' },
      { id: 'w2', type: 'GPE', name: 'Turkey', surface: ['Turkey'], country: 'TUR' },
      { id: 'w3', type: 'GPE', name: 'Moscow', surface: ['Moscow'], country: 'RUS', actor: 'RUS' },
      { id: 'w4', type: 'GPE', name: 'Pyongyang', surface: ['Pyongyang'], country: 'PRK', actor: 'PRK' },
    ],
    events: [
      {
        code: '057',
        source: 'w3',
        target: 'w4',
        date: '2024-01',
        goldstein: 8,
        evidence: 'Moscow promised to keep supplying',
      },
    ],
  };

  return [makeDoc(visit), makeDoc(copy), makeDoc(sanctions), makeDoc(grain)];
}
