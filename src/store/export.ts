/**
 * Export rows: CSV field lists per table. The GDELT event table comes from
 * src/events/gdelt.ts, shared with `attache analyze --format events-tsv`.
 */

export const CSV_FIELDS = {
  documents: [
    'id',
    'title',
    'outlet',
    'published',
    'url',
    'language',
    'cluster',
    'entities',
    'quotes',
    'events',
    'times',
  ],
  entities: ['document', 'key', 'type', 'name', 'country', 'actor', 'mentions'],
  quotes: ['document', 'id', 'kind', 'speaker', 'speakerKey', 'start', 'end', 'text'],
  events: [
    'document',
    'id',
    'code',
    'plover',
    'date',
    'source',
    'sourceCountry',
    'sourceActor',
    'target',
    'targetCountry',
    'targetActor',
    'goldstein',
    'modality',
    'start',
    'end',
    'evidence',
  ],
} as const;
