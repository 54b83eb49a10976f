import { z } from 'zod';

/**
 * Request schemas of the HTTP API (zod 4). Query parameters arrive as strings,
 * so numbers are coerced; every schema is also exported to the OpenAPI document.
 */

const DATE_PREFIX = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export const MAX_LIMIT = 500;

const limit = z.coerce
  .number()
  .int()
  .min(1)
  .max(MAX_LIMIT)
  .default(50)
  .describe(`Page size (1–${MAX_LIMIT}).`);
const offset = z.coerce.number().int().min(0).max(1_000_000).default(0).describe('Items to skip.');
const dateBound = z.string().regex(DATE_PREFIX, 'expected YYYY, YYYY-MM or YYYY-MM-DD');
const shortText = z.string().min(1).max(300);

export const PageQuery = z.object({ limit, offset });

export const DocumentsQuery = PageQuery.extend({
  outlet: shortText.optional().describe('Only documents from this outlet.'),
  from: dateBound.optional().describe('Published on or after this date.'),
  to: dateBound.optional().describe('Published on or before this date.'),
});

export const ENTITY_TYPES = ['PERSON', 'ORG', 'GPE', 'LOC', 'NORP', 'FAC', 'EVENT', 'MISC'] as const;

export const EntitiesQuery = PageQuery.extend({
  type: z.enum(ENTITY_TYPES).optional().describe('Entity type.'),
  q: shortText.optional().describe('Name prefix or substring.'),
});

export const QuotesQuery = PageQuery.extend({
  speaker: shortText.optional().describe('Entity key of the speaker.'),
  documentId: shortText.optional(),
});

export const EventsQuery = PageQuery.extend({
  source: shortText
    .optional()
    .describe('Source actor: entity key, country (ISO alpha-3) or CAMEO actor code.'),
  target: shortText.optional().describe('Target actor: entity key, country or actor code.'),
  code: z
    .string()
    .regex(/^\d{2,4}$/, 'expected a CAMEO code such as 04 or 042')
    .optional()
    .describe('CAMEO code or root (prefix match).'),
  from: dateBound.optional(),
  to: dateBound.optional(),
  entity: shortText.optional().describe('Either side of the event.'),
  documentId: shortText.optional(),
});

export const SearchQuery = PageQuery.extend({
  q: z.string().trim().min(1).max(500).describe('Full-text query.'),
  outlet: shortText.optional(),
  from: dateBound.optional(),
  to: dateBound.optional(),
  entity: shortText.optional().describe('Only documents mentioning this entity key.'),
});

export const TimelineQuery = PageQuery.extend({
  entity: shortText.describe('Entity key.'),
});

export const DyadQuery = z.object({
  a: shortText.describe('First actor: country (ISO alpha-3), actor code or entity key.'),
  b: shortText.describe('Second actor.'),
  by: z.enum(['day', 'week', 'month', 'year']).default('month'),
});

export const NetworkQuery = z.object({
  nodes: z.coerce.number().int().min(2).max(200).default(40).describe('Most-mentioned entities to include.'),
  minWeight: z.coerce.number().int().min(1).max(1000).default(1).describe('Drop edges lighter than this.'),
  type: z.enum(ENTITY_TYPES).optional(),
});

export const AnalyzeBody = z
  .strictObject({
    text: z.string().max(2_000_000).optional().describe('Plain text (or HTML, which is sniffed).'),
    html: z.string().max(5_000_000).optional().describe('An HTML page; the article is extracted.'),
    url: z.string().max(2048).optional().describe('A public http(s) URL to fetch.'),
    published: z.string().regex(DAY, 'expected YYYY-MM-DD').optional().describe('Publication date override.'),
    title: z.string().max(1000).optional().describe('Title override.'),
  })
  .refine((b) => [b.text, b.html, b.url].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of "text", "html" or "url"',
  });

export type AnalyzeInput = z.infer<typeof AnalyzeBody>;

/** Zod issues as a compact, stable list for error details. */
export function issueList(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}
