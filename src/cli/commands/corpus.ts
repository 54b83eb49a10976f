import type { Command } from 'commander';

/** Corpus commands: ingest, enqueue, worker, stats, search, events, quotes, entities, timeline, dyad, export. */
export function registerCorpus(_program: Command): void {}
