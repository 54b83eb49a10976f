/** Shared shapes for `npm run bench` suites (one file per capability under scripts/bench/). */

export interface BenchArticle {
  id: string;
  title: string | null;
  published: string | null;
  source: string | null;
  text: string;
}

export interface BenchCorpus {
  articles: BenchArticle[];
  /** UTF-8 bytes of all `text` fields. */
  bytes: number;
  chars: number;
}

/** One measured system on one task, printed side by side with its peers. */
export interface BenchRow {
  /** The task, e.g. "time tagging". Rows with the same task are compared as ratios. */
  task: string;
  /** The system measured, e.g. "attache" or "chrono-node". attache's row is the reference. */
  system: string;
  docs: number;
  bytes: number;
  seconds: number;
  /** Optional token count (for tokens/s). */
  tokens?: number;
  /** Peak RSS in bytes during this task when measured separately. */
  peakRss?: number;
  note?: string;
}

export interface BenchContext {
  /** Repo root. */
  root: string;
  /** Path to ../shared/data. */
  data: string;
  /** When true (--quick), suites use a small slice of the corpus. */
  quick: boolean;
  /**
   * Ingest runs of 1 and 2 jobs, alternated, in the store suite (--pairs=N): the times of
   * one run vary from run to run on a shared machine, so the median ratio is the figure.
   */
  pairs: number;
}

export type BenchSuite = (corpus: BenchCorpus, ctx: BenchContext) => Promise<BenchRow[]>;
