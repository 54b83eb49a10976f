import { z } from 'zod';

/** What the OpenAPI document needs to know about a route. */
export interface RouteDoc {
  method: 'get' | 'post' | 'delete';
  /** Path under /api/v1, OpenAPI style (`/documents/{id}`). */
  path: string;
  summary: string;
  tag: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  params?: string[];
  /** Component schema name of the success response. */
  response: string;
  status?: number;
  write?: boolean;
}

type Json = Record<string, unknown>;

function jsonSchema(schema: z.ZodType): Json {
  const s = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  delete s.$schema;
  return s;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const str = { type: 'string' };
const nstr = { type: ['string', 'null'] };
const int = { type: 'integer' };
const num = { type: 'number' };
const arr = (items: unknown) => ({ type: 'array', items });
const obj = (properties: Json, required: string[] = Object.keys(properties)) => ({
  type: 'object',
  properties,
  required,
});
const page = (item: string) =>
  obj({ items: arr(ref(item)), limit: int, offset: int, next: { type: ['integer', 'null'] } });
const facet = arr(obj({ value: str, count: int }));
const span = ref('Span');

const SCHEMAS: Json = {
  Error: obj({
    error: obj({ code: { type: 'string', pattern: '^E_[A-Z_]+$' }, message: str, details: {} }, [
      'code',
      'message',
    ]),
  }),
  Health: obj({ ok: { type: 'boolean' }, version: str, store: { enum: ['sqlite', 'postgres', 'memory'] } }),
  Stats: obj({
    documents: int,
    entities: int,
    mentions: int,
    quotes: int,
    events: int,
    times: int,
    sources: int,
    clusters: int,
  }),
  Span: obj({ start: { type: 'integer', minimum: 0 }, end: { type: 'integer', minimum: 0 } }),
  DocumentSummary: obj({
    id: str,
    title: nstr,
    outlet: nstr,
    published: nstr,
    url: nstr,
    language: str,
    cluster: nstr,
    counts: obj({ entities: int, quotes: int, events: int, times: int }),
  }),
  DocumentPage: page('DocumentSummary'),
  PutResult: obj({ id: str, status: { enum: ['inserted', 'skipped'] }, cluster: nstr, title: nstr }, [
    'id',
    'status',
    'cluster',
  ]),
  Deleted: obj({ id: str, deleted: { const: true } }),
  Document: {
    type: 'object',
    description: 'An attache Document (schema attache/document@1): text plus standoff layers.',
    required: [
      'schema',
      'id',
      'meta',
      'text',
      'paragraphs',
      'sentences',
      'warnings',
      'entities',
      'times',
      'quotes',
      'sources',
      'events',
    ],
    properties: {
      schema: { const: 'attache/document@1' },
      id: str,
      meta: obj(
        {
          title: nstr,
          authors: arr(str),
          published: nstr,
          outlet: nstr,
          language: str,
          url: nstr,
        },
        ['title', 'authors', 'published', 'outlet', 'language', 'url'],
      ),
      text: str,
      paragraphs: arr(span),
      sentences: arr(span),
      warnings: arr(obj({ code: str, message: str, start: int, end: int }, ['code', 'message'])),
      entities: arr(
        obj(
          {
            id: str,
            type: { enum: ['PERSON', 'ORG', 'GPE', 'LOC', 'NORP', 'FAC', 'EVENT', 'MISC'] },
            name: str,
            country: nstr,
            roles: arr(str),
            mentions: arr(span),
            key: str,
            aliases: arr(str),
            actor: nstr,
          },
          ['id', 'type', 'name', 'country', 'roles', 'mentions'],
        ),
      ),
      times: arr(obj({ start: int, end: int, type: str, value: str }, ['start', 'end', 'type', 'value'])),
      quotes: arr(
        obj(
          {
            id: str,
            start: int,
            end: int,
            kind: str,
            speaker: nstr,
            speakerName: nstr,
            speakerSpan: { oneOf: [span, { type: 'null' }] },
            cue: { oneOf: [span, { type: 'null' }] },
          },
          ['id', 'start', 'end', 'kind', 'speaker', 'speakerName'],
        ),
      ),
      sources: arr(obj({ start: int, end: int, entity: nstr, name: str })),
      events: arr(
        obj(
          {
            id: str,
            code: str,
            plover: nstr,
            source: { type: 'object' },
            target: { type: ['object', 'null'] },
            date: nstr,
            location: nstr,
            goldstein: num,
            modality: str,
            evidence: span,
          },
          ['id', 'code', 'source', 'goldstein', 'evidence'],
        ),
      ),
      stages: { type: 'object', additionalProperties: str },
    },
  },
  EntityRecord: obj({
    key: str,
    type: str,
    name: str,
    country: nstr,
    actor: nstr,
    roles: arr(str),
    aliases: arr(str),
    documents: int,
    mentions: int,
  }),
  EntityPage: page('EntityRecord'),
  EntityDetail: {
    allOf: [
      ref('EntityRecord'),
      obj({ coMentions: arr(obj({ key: str, name: str, type: str, count: int })) }),
    ],
  },
  QuoteRecord: obj({
    documentId: str,
    id: str,
    kind: str,
    text: str,
    speakerKey: nstr,
    speakerName: nstr,
    published: nstr,
    start: int,
    end: int,
  }),
  QuotePage: page('QuoteRecord'),
  EventRecord: obj({
    documentId: str,
    id: str,
    code: str,
    root: str,
    plover: nstr,
    sourceName: nstr,
    sourceCountry: nstr,
    sourceActor: nstr,
    sourceKey: nstr,
    targetName: nstr,
    targetCountry: nstr,
    targetActor: nstr,
    targetKey: nstr,
    date: nstr,
    location: nstr,
    goldstein: num,
    modality: str,
    evidence: str,
    start: int,
    end: int,
  }),
  EventPage: page('EventRecord'),
  SearchResult: obj({
    hits: arr(obj({ documentId: str, title: nstr, outlet: nstr, published: nstr, snippet: str, rank: num })),
    total: int,
    facets: obj({ outlet: facet, year: facet, entity: facet, eventRoot: facet }),
    limit: int,
    offset: int,
  }),
  TimelineRow: obj(
    { date: nstr, kind: { enum: ['event', 'quote', 'mention'] }, documentId: str, text: str, code: str },
    ['date', 'kind', 'documentId', 'text'],
  ),
  TimelinePage: page('TimelineRow'),
  Dyad: obj({
    a: str,
    b: str,
    by: { enum: ['day', 'week', 'month', 'year'] },
    rows: arr(obj({ period: str, events: int, meanGoldstein: { type: ['number', 'null'] } })),
  }),
  Network: obj({
    nodes: arr(obj({ id: str, name: str, type: str, country: nstr, documents: int, mentions: int })),
    edges: arr(
      obj(
        {
          source: str,
          target: str,
          kind: { enum: ['co-mention', 'event'] },
          weight: int,
          meanGoldstein: num,
        },
        ['source', 'target', 'kind', 'weight'],
      ),
    ),
  }),
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ref('Error') } },
});

/** The OpenAPI 3.1 description of the routes, built from the same zod schemas that validate requests. */
export function buildOpenApi(routes: RouteDoc[], opts: { version: string; tokenRequired: boolean }): Json {
  const paths: Record<string, Json> = {};
  for (const r of routes) {
    const parameters: Json[] = [];
    for (const p of r.params ?? []) {
      parameters.push({ name: p, in: 'path', required: true, schema: { type: 'string' } });
    }
    if (r.query) {
      const s = jsonSchema(r.query) as { properties?: Record<string, Json>; required?: string[] };
      for (const [name, schema] of Object.entries(s.properties ?? {})) {
        const { description, ...rest } = schema;
        parameters.push({
          name,
          in: 'query',
          required: (s.required ?? []).includes(name),
          ...(description ? { description } : {}),
          schema: rest,
        });
      }
    }
    const responses: Json = {
      [String(r.status ?? 200)]: {
        description: 'Success',
        content: { 'application/json': { schema: ref(r.response) } },
      },
    };
    if (r.status === 201) {
      responses['200'] = {
        description: 'Already stored (skipped)',
        content: { 'application/json': { schema: ref(r.response) } },
      };
    }
    if (parameters.length || r.body)
      responses['400'] = errorResponse('Invalid input (E_VALIDATION, E_BAD_JSON, …)');
    if (r.write) responses['401'] = errorResponse('Missing or wrong token (E_UNAUTHORIZED)');
    if (r.params?.length) responses['404'] = errorResponse('Not found (E_NOT_FOUND)');
    if (r.body) {
      responses['413'] = errorResponse('Body too large (E_TOO_LARGE)');
      responses['415'] = errorResponse('Not JSON (E_UNSUPPORTED_MEDIA_TYPE)');
      responses['422'] = errorResponse('No article in the input (E_EMPTY, …)');
      responses['503'] = errorResponse('Too many analyses in progress (E_BUSY)');
    }
    responses['500'] = errorResponse('Internal error (E_INTERNAL)');
    const op: Json = {
      operationId: `${r.method}${r.path.replace(/\{(\w+)\}/g, 'By_$1').replace(/[^A-Za-z0-9]+(.)?/g, (_, ch: string) => (ch ? ch.toUpperCase() : ''))}`,
      summary: r.summary,
      tags: [r.tag],
      responses,
    };
    if (parameters.length) op.parameters = parameters;
    if (r.body)
      op.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(r.body) } } };
    if (r.write && opts.tokenRequired) op.security = [{ bearer: [] }];
    const path = `/api/v1${r.path}`;
    paths[path] = { ...(paths[path] ?? {}), [r.method]: op };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'attache API',
      version: opts.version,
      description:
        'News intelligence: evidence-linked entities, dates, quotes and political events. Every fact carries ' +
        '[start, end) UTF-16 offsets into Document.text. Errors are {"error": {"code", "message"}}.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'meta' },
      { name: 'documents' },
      { name: 'analysis' },
      { name: 'corpus', description: 'Queries over the stored corpus' },
    ],
    paths,
    components: {
      schemas: SCHEMAS,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'The ATTACHE_TOKEN value' } },
    },
  };
}
