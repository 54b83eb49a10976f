import { Command, CommanderError } from 'commander';
import { registerAnalyze } from './commands/analyze.ts';
import { registerCorpus } from './commands/corpus.ts';
import { registerServe } from './commands/serve.ts';
import { CliError } from './errors.ts';

export function buildProgram(): Command {
  const program = new Command('attache')
    .description(
      'News intelligence from articles: who is mentioned, when, who said what, and who did what to whom —\n' +
        'every fact linked to the characters of the text that support it.',
    )
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerAnalyze(program);
  registerCorpus(program);
  registerServe(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    process.exitCode = reportError(err);
  }
}

function reportError(err: unknown): number {
  if (err instanceof CommanderError) {
    // commander already printed its message (or the help/version text)
    return err.exitCode === 0 ? 0 : 2;
  }
  if (err instanceof CliError) {
    process.stderr.write(`attache: ${err.message}\n`);
    if (err.hint) process.stderr.write(`  ${err.hint}\n`);
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`attache: unexpected error: ${message}\n`);
  if (process.env.ATTACHE_DEBUG) process.stderr.write(`${(err as Error)?.stack ?? ''}\n`);
  else process.stderr.write('  set ATTACHE_DEBUG=1 for details, and please report it\n');
  return 1;
}
