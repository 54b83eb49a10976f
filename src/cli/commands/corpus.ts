import { createWriteStream } from 'node:fs';
import { type Command, Option } from 'commander';
import type { Document, EntityType } from '../../document/types.ts';
import type { ItemError } from '../../node/ingest/convert.ts';
import { defaultJobs, runIngest } from '../../node/ingest/run.ts';
import { preferSmallHeap } from '../../node/memory.ts';
import { EVENT_TABLE_COLUMNS, formatEventsTsv } from '../../events/gdelt.ts';
import { CSV_FIELDS } from '../../store/export.ts';
import {
  type CorpusStore,
  DamagedDocumentError,
  openStore,
  resolveDbSpec,
  StoreNotFoundError,
} from '../../store/index.ts';
import type { PostgresStore } from '../../store/postgres.ts';
import { CliError } from '../errors.ts';
import { Progress } from '../format/progress.ts';
import {
  type Column,
  fmtBytes,
  fmtCount,
  fmtDuration,
  fmtInt,
  fmtNum,
  renderTable,
  toCsv,
} from '../format/table.ts';

/** Corpus commands: ingest, enqueue, worker, stats, search, events, quotes, entities, timeline, dyad, export. */

const ENTITY_TYPES = ['PERSON', 'ORG', 'GPE', 'LOC', 'NORP', 'FAC', 'EVENT', 'MISC'];

interface OutputOpts {
  db?: string;
  json?: boolean;
  csv?: boolean;
}

function dbOption(): Option {
  return new Option(
    '--db <path|url>',
    'store: SQLite file or postgres:// URL (default: $ATTACHE_DB or ./attache.db)',
  );
}

function intArg(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0)
      throw new CliError(`${name} must be a non-negative integer, not '${v}'`, 2);
    return n;
  };
}

function dateArg(name: string) {
  return (v: string): string => {
    if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(v)) {
      throw new CliError(`${name} must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not '${v}'`, 2);
    }
    return v;
  };
}

function storeError(err: unknown, spec: string): never {
  if (err instanceof StoreNotFoundError) {
    throw new CliError(
      `no store at ${err.spec}`,
      1,
      `run \`attache ingest <files|dirs|urls|jsonl> --db ${spec}\` first, or pass --db / set ATTACHE_DB`,
    );
  }
  if (err instanceof CliError) throw err;
  const e = err as { code?: string; message?: string };
  if (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === '28P01' || e.code === '3D000') {
    throw new CliError(
      `cannot connect to PostgreSQL: ${e.message}`,
      1,
      'check the URL (postgres://user@host:5432/db) and that the server is running',
    );
  }
  if (
    e.code === 'SQLITE_CANTOPEN' ||
    e.code === 'SQLITE_READONLY' ||
    /directory does not exist/.test(e.message ?? '')
  ) {
    throw new CliError(
      `cannot open the store at ${spec}: ${e.message}`,
      1,
      'check that the directory exists and is writable, or pass another --db',
    );
  }
  if (e.code === 'SQLITE_NOTADB' || /not an attache store|file is not a database/.test(e.message ?? '')) {
    throw new CliError(
      `${spec} is not an attache store`,
      1,
      'pass --db with the path of a store made by `attache ingest`',
    );
  }
  throw err;
}

async function withStore<T>(
  db: string | undefined,
  fn: (store: CorpusStore, spec: string) => Promise<T>,
  create = false,
  open: { cacheMb?: number } = {},
): Promise<T> {
  const spec = resolveDbSpec(db);
  let store: CorpusStore;
  try {
    store = await openStore(spec, { create, readonly: !create, ...open });
  } catch (err) {
    storeError(err, spec);
  }
  try {
    return await fn(store, spec);
  } finally {
    await store.close();
  }
}

function requirePg(store: CorpusStore, cmd: string): PostgresStore {
  if (store.kind !== 'postgres') {
    throw new CliError(
      `\`attache ${cmd}\` needs a PostgreSQL store`,
      2,
      'pass --db postgres://user@host:5432/db (the queue lives in PostgreSQL); for one machine use `attache ingest --jobs N`',
    );
  }
  return store as unknown as PostgresStore;
}

/** Prints rows as an aligned table, JSON (--json) or CSV (--csv). */
function output<T extends object>(rows: T[], columns: Column<T>[], opts: OutputOpts, json?: unknown): void {
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(json ?? rows, null, 2)}\n`);
  } else if (opts.csv) {
    process.stdout.write(toCsv(rows as Record<string, unknown>[]));
  } else if (rows.length === 0) {
    process.stderr.write('no results\n');
  } else {
    process.stdout.write(renderTable(rows, columns));
  }
}

function formatFlags(cmd: Command): Command {
  return cmd.addOption(dbOption()).option('--json', 'print JSON').option('--csv', 'print CSV');
}

function reportItemError(progress: Progress | null, e: ItemError, counter: { n: number }, max: number): void {
  counter.n++;
  const line = `attache: ${e.label}: ${e.code}: ${e.message}`;
  if (counter.n <= max) progress ? progress.log(line) : process.stderr.write(`${line}\n`);
  else if (counter.n === max + 1) {
    const msg = `attache: more failures are not shown (--max-errors ${max}); they are counted in the summary`;
    progress ? progress.log(msg) : process.stderr.write(`${msg}\n`);
  }
}

function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('analyse files, directories, URLs, feeds and JSONL (.jsonl/.jsonl.gz) into the corpus store')
    .argument(
      '<inputs...>',
      'files, directories, http(s) URLs, .jsonl/.jsonl.gz files, or - for JSONL on stdin',
    )
    .addOption(dbOption())
    .option(
      '-j, --jobs <n>',
      `threads that analyse: the main one and jobs - 1 workers (default: number of cores, ${defaultJobs()})`,
      intArg('--jobs'),
    )
    .option('--batch <n>', 'documents per write transaction', intArg('--batch'), 256)
    .option('--quiet', 'no progress output')
    .option('--json', 'print the summary as JSON')
    .option(
      '--progress-every <seconds>',
      'seconds between progress lines when not on a terminal',
      intArg('--progress-every'),
      10,
    )
    .option(
      '--max-errors <n>',
      'failed items printed one per line (the rest are only counted)',
      intArg('--max-errors'),
      200,
    )
    .action(
      async (
        inputs: string[],
        opts: OutputOpts & {
          jobs?: number;
          batch: number;
          quiet?: boolean;
          progressEvery: number;
          maxErrors: number;
        },
      ) => {
        preferSmallHeap();
        await withStore(
          opts.db,
          async (store, spec) => {
            const progress = opts.quiet ? null : new Progress({ every: opts.progressEvery, label: 'ingest' });
            const errors = { n: 0 };
            const abort = new AbortController();
            const onSigint = () => {
              abort.abort();
              progress?.log(
                'attache: interrupted — finishing the documents in flight (Ctrl-C again to quit now)',
              );
              process.once('SIGINT', () => process.exit(130));
            };
            process.once('SIGINT', onSigint);
            let summary: Awaited<ReturnType<typeof runIngest>>;
            try {
              summary = await runIngest({
                inputs,
                store,
                db: spec,
                jobs: opts.jobs === 0 ? 1 : opts.jobs,
                batch: Math.max(1, opts.batch),
                signal: abort.signal,
                onError: (e) => reportItemError(progress, e, errors, opts.maxErrors),
                onProgress: (p) =>
                  progress?.update({
                    done: p.inserted + p.known,
                    fraction: p.bytesTotal > 0 ? p.bytesRead / p.bytesTotal : null,
                    elapsed: p.elapsed,
                    detail: `${fmtInt(p.inserted)} new, ${fmtInt(p.known)} known${p.failed ? `, ${fmtInt(p.failed)} failed` : ''}`,
                  }),
              });
            } finally {
              process.removeListener('SIGINT', onSigint);
              progress?.done();
            }
            if (opts.json) {
              process.stdout.write(`${JSON.stringify({ store: store.kind, ...summary }, null, 2)}\n`);
            } else {
              const s = summary;
              process.stderr.write(
                `ingested ${fmtCount(s.items, 'item')} → ${fmtCount(s.inserted, 'new document')}, ${fmtInt(s.known)} already stored, ` +
                  `${fmtInt(s.failed)} failed, in ${fmtDuration(s.seconds)} ` +
                  `(${fmtNum(s.docsPerSecond)} docs/s, ${fmtNum(s.mbPerSecond, 2)} MB/s, ${fmtCount(s.jobs, 'job')}, peak RSS ${fmtBytes(s.peakRss)})\n` +
                  (s.duplicates
                    ? `  ${fmtInt(s.duplicates)} near-duplicates filed under an earlier story\n`
                    : '') +
                  `  store: ${spec}\n`,
              );
            }
            if (summary.failed > 0 && summary.inserted + summary.known === 0) process.exitCode = 1;
          },
          true,
          // a batch writer gains little from a large page cache (the OS caches the file); keep memory down
          { cacheMb: 8 },
        );
      },
    );
}

function registerQueue(program: Command): void {
  program
    .command('enqueue')
    .description('add inputs to the PostgreSQL job queue for `attache worker` processes')
    .argument('<inputs...>', 'files, directories, URLs, .jsonl/.jsonl.gz')
    .addOption(dbOption())
    .option('--json', 'print the summary as JSON')
    .action(async (inputs: string[], opts: OutputOpts) => {
      await withStore(
        opts.db,
        async (store) => {
          const pg = requirePg(store, 'enqueue');
          const { enqueueInputs } = await import('../../node/ingest/queue.ts');
          const s = await enqueueInputs(pg, inputs, (e) =>
            process.stderr.write(`attache: ${e.label}: ${e.code}: ${e.message}\n`),
          );
          const q = await pg.queueStats();
          if (opts.json) process.stdout.write(`${JSON.stringify({ ...s, queue: q }, null, 2)}\n`);
          else {
            process.stderr.write(
              `enqueued ${fmtInt(s.added)} new jobs (${fmtInt(s.items - s.added)} already queued, ${fmtInt(s.failed)} unreadable); ` +
                `queue: ${fmtInt(q.queued)} queued, ${fmtInt(q.running)} running, ${fmtInt(q.done)} done, ${fmtInt(q.failed)} failed\n`,
            );
          }
        },
        true,
      );
    });

  program
    .command('worker')
    .description('process jobs from the PostgreSQL queue (run one or more per machine)')
    .addOption(dbOption())
    .option(
      '--lease <seconds>',
      'job lease; a job whose worker died is retried after it expires',
      intArg('--lease'),
      60,
    )
    .option('--batch <n>', 'jobs leased at a time', intArg('--batch'), 4)
    .option('--max-attempts <n>', 'attempts before a job is marked failed', intArg('--max-attempts'), 3)
    .option('--exit-when-empty', 'exit when nothing is queued or running, instead of waiting for more work')
    .option('--name <name>', 'worker name recorded on its jobs (default host:pid)')
    .option('--json', 'print the summary as JSON')
    .action(
      async (
        opts: OutputOpts & {
          lease: number;
          batch: number;
          maxAttempts: number;
          exitWhenEmpty?: boolean;
          name?: string;
        },
      ) => {
        preferSmallHeap();
        await withStore(opts.db, async (store) => {
          const pg = requirePg(store, 'worker');
          const { runQueueWorker } = await import('../../node/ingest/queue.ts');
          const abort = new AbortController();
          const stop = () => abort.abort();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
          try {
            const s = await runQueueWorker(pg, {
              lease: Math.max(1, opts.lease),
              batch: Math.max(1, opts.batch),
              maxAttempts: Math.max(1, opts.maxAttempts),
              exitWhenEmpty: opts.exitWhenEmpty,
              name: opts.name,
              signal: abort.signal,
              onJob: (r) => {
                for (const e of r.errors)
                  process.stderr.write(`attache: job ${r.job}: ${e.label}: ${e.code}: ${e.message}\n`);
              },
            });
            if (opts.json) process.stdout.write(`${JSON.stringify(s)}\n`);
            else {
              process.stderr.write(
                `worker done: ${fmtCount(s.jobs, 'job')}, ${fmtCount(s.inserted, 'new document')}, ${fmtInt(s.known)} known, ${fmtInt(s.failed)} failed\n`,
              );
            }
          } finally {
            process.removeListener('SIGINT', stop);
            process.removeListener('SIGTERM', stop);
          }
        });
      },
    );
}

function registerQueries(program: Command): void {
  formatFlags(
    program.command('stats').description('counts of documents, entities, mentions, quotes, events, …'),
  ).action(async (opts: OutputOpts) => {
    await withStore(opts.db, async (store) => {
      const s = await store.stats();
      const rows = Object.entries(s).map(([what, count]) => ({ what, count: Number(count) }));
      if (opts.json) process.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
      else
        output(
          rows,
          [
            { header: 'what', value: (r) => r.what },
            { header: 'count', value: (r) => r.count, align: 'right' },
          ],
          opts,
        );
    });
  });

  formatFlags(
    program
      .command('search')
      .description('full-text search, ranked, with snippets and facets ("phrases", OR, -exclude)')
      .argument('<text>', 'what to search for'),
  )
    .option('--limit <n>', 'hits to show', intArg('--limit'), 20)
    .option('--offset <n>', 'hits to skip', intArg('--offset'), 0)
    .option('--outlet <name>', 'only this outlet')
    .option('--from <date>', 'published on or after', dateArg('--from'))
    .option('--to <date>', 'published on or before', dateArg('--to'))
    .option('--entity <key>', 'only documents mentioning this entity (key or name)')
    .action(
      async (
        text: string,
        opts: OutputOpts & {
          limit: number;
          offset: number;
          outlet?: string;
          from?: string;
          to?: string;
          entity?: string;
        },
      ) => {
        await withStore(opts.db, async (store) => {
          const entity = opts.entity ? ((await store.resolveEntity(opts.entity)) ?? opts.entity) : undefined;
          const r = await store.search(text, { ...opts, entity });
          if (opts.json) return output(r.hits, [], opts, r);
          if (opts.csv) return output(r.hits, [], opts);
          if (!r.hits.length) {
            process.stderr.write(`no documents match "${text}"\n`);
            return;
          }
          process.stdout.write(
            `${fmtInt(r.total)} documents match; showing ${opts.offset + 1}–${opts.offset + r.hits.length}\n\n`,
          );
          for (const h of r.hits) {
            process.stdout.write(
              `${h.title ?? '(untitled)'}\n  ${[h.outlet, h.published, h.documentId, `rank ${h.rank}`].filter(Boolean).join(' · ')}\n` +
                `  ${h.snippet.replace(/\s+/g, ' ')}\n\n`,
            );
          }
          const facet = (name: string, xs: { value: string; count: number }[]) =>
            xs.length ? `  ${name}: ${xs.map((x) => `${x.value} (${fmtInt(x.count)})`).join(', ')}\n` : '';
          process.stdout.write(
            `facets\n${facet('outlet', r.facets.outlet)}${facet('year', r.facets.year)}${facet('entity', r.facets.entity)}${facet('event root', r.facets.eventRoot)}`,
          );
        });
      },
    );

  formatFlags(program.command('events').description('coded political events (CAMEO/PLOVER), newest first'))
    .option('--source <actor>', 'source country (RUS), actor code prefix (RUSGOV) or entity key')
    .option('--target <actor>', 'target country, actor code prefix or entity key')
    .option('--code <cameo>', 'CAMEO code or prefix, e.g. 04 or 042')
    .option('--from <date>', 'on or after', dateArg('--from'))
    .option('--to <date>', 'on or before', dateArg('--to'))
    .option('--entity <key>', 'events with this entity as source or target')
    .option('--limit <n>', 'rows to show', intArg('--limit'), 50)
    .option('--offset <n>', 'rows to skip', intArg('--offset'), 0)
    .action(async (opts: OutputOpts & Parameters<CorpusStore['events']>[0] & object) => {
      await withStore(opts.db, async (store) => {
        const entity = opts.entity ? ((await store.resolveEntity(opts.entity)) ?? opts.entity) : undefined;
        const rows = await store.events({ ...opts, entity });
        output(
          rows,
          [
            { header: 'date', value: (r) => r.date },
            { header: 'code', value: (r) => r.code },
            { header: 'source', value: (r) => r.sourceActor ?? r.sourceCountry ?? r.sourceName, max: 16 },
            { header: 'target', value: (r) => r.targetActor ?? r.targetCountry ?? r.targetName, max: 16 },
            { header: 'goldstein', value: (r) => r.goldstein, align: 'right' },
            { header: 'evidence', value: (r) => r.evidence, max: 70 },
            { header: 'document', value: (r) => r.documentId },
          ],
          opts,
        );
      });
    });

  formatFlags(program.command('quotes').description('quotes, newest first'))
    .option('--speaker <name>', 'speaker name (part of it) or entity key')
    .option('--document <id>', 'quotes of one document')
    .option('--limit <n>', 'rows to show', intArg('--limit'), 50)
    .option('--offset <n>', 'rows to skip', intArg('--offset'), 0)
    .action(
      async (opts: OutputOpts & { speaker?: string; document?: string; limit: number; offset: number }) => {
        await withStore(opts.db, async (store) => {
          const rows = await store.quotes({ ...opts, documentId: opts.document });
          output(
            rows,
            [
              { header: 'published', value: (r) => r.published },
              { header: 'speaker', value: (r) => r.speakerName, max: 24 },
              { header: 'kind', value: (r) => r.kind },
              { header: 'quote', value: (r) => r.text, max: 80 },
              { header: 'document', value: (r) => r.documentId },
            ],
            opts,
          );
        });
      },
    );

  formatFlags(
    program.command('entities').description('entities merged across documents, by number of documents'),
  )
    .addOption(new Option('--type <type>', 'entity type').choices(ENTITY_TYPES))
    .option('--q <text>', 'name contains')
    .option('--top <n>', 'rows to show', intArg('--top'), 20)
    .option('--offset <n>', 'rows to skip', intArg('--offset'), 0)
    .action(async (opts: OutputOpts & { type?: EntityType; q?: string; top: number; offset: number }) => {
      await withStore(opts.db, async (store) => {
        const rows = await store.entities({
          type: opts.type,
          q: opts.q,
          limit: opts.top,
          offset: opts.offset,
        });
        output(
          rows,
          [
            { header: 'name', value: (r) => r.name, max: 36 },
            { header: 'type', value: (r) => r.type },
            { header: 'country', value: (r) => r.country },
            { header: 'actor', value: (r) => r.actor },
            { header: 'documents', value: (r) => r.documents },
            { header: 'mentions', value: (r) => r.mentions },
            { header: 'key', value: (r) => r.key, max: 40 },
          ],
          opts,
        );
      });
    });

  formatFlags(
    program
      .command('timeline')
      .description('what the corpus says about an entity over time: events, quotes, mentions')
      .argument('<entity>', 'entity key or name (part of it)'),
  )
    .option('--limit <n>', 'rows to show', intArg('--limit'), 200)
    .action(async (entity: string, opts: OutputOpts & { limit: number }) => {
      await withStore(opts.db, async (store) => {
        const key = await store.resolveEntity(entity);
        if (!key)
          throw new CliError(
            `no entity matches '${entity}'`,
            1,
            'list entities with `attache entities --q <name>`',
          );
        const rows = await store.timeline(key, { limit: opts.limit });
        if (!opts.json && !opts.csv) process.stderr.write(`timeline of ${key}\n`);
        output(
          rows,
          [
            { header: 'date', value: (r) => r.date },
            { header: 'kind', value: (r) => r.kind },
            { header: 'code', value: (r) => r.code },
            { header: 'text', value: (r) => r.text, max: 90 },
            { header: 'document', value: (r) => r.documentId },
          ],
          opts,
        );
      });
    });

  formatFlags(
    program
      .command('dyad')
      .description('events from one actor to another per period, with mean Goldstein score')
      .argument('<a>', 'source actor: country (RUS), actor code or entity key')
      .argument('<b>', 'target actor'),
  )
    .addOption(
      new Option('--by <period>', 'period').choices(['day', 'week', 'month', 'year']).default('month'),
    )
    .option('--both', 'count both directions (a→b and b→a)')
    .action(
      async (
        a: string,
        b: string,
        opts: OutputOpts & { by: 'day' | 'week' | 'month' | 'year'; both?: boolean },
      ) => {
        await withStore(opts.db, async (store) => {
          const rows = await store.dyad(a, b, opts.by, { both: opts.both });
          output(
            rows,
            [
              { header: opts.by, value: (r) => r.period },
              { header: 'events', value: (r) => r.events },
              {
                header: 'mean goldstein',
                value: (r) => (r.meanGoldstein === null ? null : fmtNum(r.meanGoldstein, 2)),
                align: 'right',
              },
            ],
            opts,
          );
        });
      },
    );
}

/** Document ids selected by an export query (or all of them), paged so memory stays flat. */
async function* selectIds(
  store: CorpusStore,
  q: { query?: string; outlet?: string; from?: string; to?: string; entity?: string },
): AsyncGenerator<string> {
  const PAGE = 500;
  if (q.query) {
    for (let offset = 0; ; offset += PAGE) {
      const r = await store.search(q.query, { ...q, limit: PAGE, offset });
      for (const h of r.hits) yield h.documentId;
      if (r.hits.length < PAGE) return;
    }
  }
  if (q.outlet || q.from || q.to) {
    for (let offset = 0; ; offset += PAGE) {
      const rows = await store.list({ outlet: q.outlet, from: q.from, to: q.to, limit: PAGE, offset });
      for (const r of rows) yield r.id;
      if (rows.length < PAGE) return;
    }
  }
  let after: string | null = null;
  for (;;) {
    const ids = await store.idsAfter(after, PAGE);
    for (const id of ids) yield id;
    if (ids.length < PAGE) return;
    after = ids[ids.length - 1];
  }
}

function csvRows(doc: Document, table: keyof typeof CSV_FIELDS): Record<string, unknown>[] {
  const names = new Map(doc.entities.map((e) => [e.id, e.name]));
  switch (table) {
    case 'documents':
      return [
        {
          id: doc.id,
          title: doc.meta.title,
          outlet: doc.meta.outlet,
          published: doc.meta.published,
          url: doc.meta.url,
          language: doc.meta.language,
          entities: doc.entities.length,
          quotes: doc.quotes.length,
          events: doc.events.length,
          times: doc.times.length,
        },
      ];
    case 'entities':
      return doc.entities.map((e) => ({
        document: doc.id,
        key: e.key ?? `${e.type}:${e.name.toLowerCase()}`,
        type: e.type,
        name: e.name,
        country: e.country,
        actor: e.actor ?? null,
        mentions: e.mentions.length,
      }));
    case 'quotes':
      return doc.quotes.map((q) => ({
        document: doc.id,
        id: q.id,
        kind: q.kind,
        speaker: q.speakerName ?? (q.speaker ? names.get(q.speaker) : null),
        speakerKey: q.speaker,
        start: q.start,
        end: q.end,
        text: doc.text.slice(q.start, q.end),
      }));
    case 'events':
      return doc.events.map((e) => ({
        document: doc.id,
        id: e.id,
        code: e.code,
        plover: e.plover,
        date: e.date,
        source: e.source.name,
        sourceCountry: e.source.country,
        sourceActor: e.source.actor,
        target: e.target?.name ?? null,
        targetCountry: e.target?.country ?? null,
        targetActor: e.target?.actor ?? null,
        goldstein: e.goldstein,
        modality: e.modality,
        start: e.evidence.start,
        end: e.evidence.end,
        evidence: doc.text.slice(e.evidence.start, e.evidence.end),
      }));
  }
}

function registerExport(program: Command): void {
  program
    .command('export')
    .description(
      'export the store (or a query) as JSONL Documents, CSV tables or a GDELT 2.0 event table (TSV)',
    )
    .addOption(dbOption())
    .addOption(
      new Option('--format <format>', 'output format').choices(['jsonl', 'csv', 'gdelt']).default('jsonl'),
    )
    .addOption(
      new Option('--table <table>', 'CSV table').choices(Object.keys(CSV_FIELDS)).default('documents'),
    )
    .option('--query <text>', 'only documents matching this full-text query')
    .option('--outlet <name>', 'only this outlet')
    .option('--from <date>', 'published on or after', dateArg('--from'))
    .option('--to <date>', 'published on or before', dateArg('--to'))
    .option('-o, --out <file>', 'write to a file instead of standard output')
    .action(
      async (opts: {
        db?: string;
        format: 'jsonl' | 'csv' | 'gdelt';
        table: keyof typeof CSV_FIELDS;
        query?: string;
        outlet?: string;
        from?: string;
        to?: string;
        out?: string;
      }) => {
        await withStore(opts.db, async (store) => {
          const out = opts.out ? createWriteStream(opts.out) : process.stdout;
          const write = (s: string) =>
            new Promise<void>((resolve, reject) => {
              if (out.write(s)) resolve();
              else {
                out.once('drain', resolve);
                out.once('error', reject);
              }
            });
          let n = 0;
          if (opts.format === 'csv') await write(`${CSV_FIELDS[opts.table].join(',')}\n`);
          if (opts.format === 'gdelt') await write(`${EVENT_TABLE_COLUMNS.join('\t')}\n`);
          let damaged = 0;
          for await (const id of selectIds(store, opts)) {
            let doc: Document | null;
            try {
              doc = await store.get(id);
            } catch (err) {
              // one unreadable document is reported and skipped; the rest of the export goes on
              if (!(err instanceof DamagedDocumentError)) throw err;
              process.stderr.write(`attache: ${err.message}; skipped\n`);
              damaged++;
              continue;
            }
            if (!doc) continue;
            n++;
            if (opts.format === 'jsonl') await write(`${JSON.stringify(doc)}\n`);
            else if (opts.format === 'csv') {
              const rows = csvRows(doc, opts.table);
              if (rows.length) {
                const csv = toCsv(rows, [...CSV_FIELDS[opts.table]]);
                await write(csv.slice(csv.indexOf('\n') + 1));
              }
            } else {
              // the same GDELT 2.0 table as `attache analyze --format events-tsv`, from the stored Document
              const rows = formatEventsTsv([doc], false);
              if (rows) await write(rows);
            }
          }
          if (opts.out) {
            await new Promise<void>((resolve) => (out as NodeJS.WritableStream).end(resolve));
            process.stderr.write(`exported ${fmtInt(n)} documents to ${opts.out}\n`);
          }
          if (damaged) {
            throw new CliError(
              `${fmtCount(damaged, 'stored document')} could not be read and ${damaged === 1 ? 'was' : 'were'} left out of the export`,
              1,
              'the store file is damaged: ingest the original inputs again into a new store (--db new.db)',
            );
          }
        });
      },
    );
}

const CORPUS_COMMANDS = new Set([
  'ingest',
  'enqueue',
  'worker',
  'stats',
  'search',
  'events',
  'quotes',
  'entities',
  'timeline',
  'dyad',
  'export',
]);

/** `attache export … | head` closes the pipe early: stop quietly instead of reporting an error. */
function quietOnBrokenPipe(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

export function registerCorpus(program: Command): void {
  program.hook('preAction', (_program, action) => {
    if (CORPUS_COMMANDS.has(action.name())) quietOnBrokenPipe();
  });
  registerIngest(program);
  registerQueue(program);
  registerQueries(program);
  registerExport(program);
}
