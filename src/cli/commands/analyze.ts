import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { analyzeArticle } from '../../node/analyze.ts';
import { renderDossier } from '../dossier/index.ts';

/** `attache analyze`: one article to a Document (JSON) or a terminal dossier. */
export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('analyse an article and print a dossier (or the Document as JSON)')
    .argument('<input>', 'file, directory, URL, or - for standard input')
    .option('--json', 'print the Document as JSON')
    .option('--published <date>', 'publication date (YYYY-MM-DD) for resolving relative dates')
    .action((input: string, opts: { json?: boolean; published?: string }) => {
      const text = readFileSync(input === '-' ? 0 : input, 'utf8');
      const doc = analyzeArticle({
        text,
        meta: {
          title: null,
          authors: [],
          published: opts.published ?? null,
          outlet: null,
          language: 'en',
          url: null,
        },
        warnings: [],
      });
      process.stdout.write(opts.json ? `${JSON.stringify(doc, null, 2)}\n` : renderDossier(doc));
    });
}
