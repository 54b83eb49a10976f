/**
 * Progress reporting: a redrawn bar with rate and ETA on a terminal, periodic
 * plain lines otherwise (logs, CI, pipes).
 */
import { fmtDuration, fmtInt, fmtNum } from './table.ts';

export interface ProgressState {
  /** Units done (documents, items). */
  done: number;
  /** Fraction complete in [0, 1], or null when unknown. */
  fraction: number | null;
  elapsed: number;
  /** Extra text after the rate, e.g. "3 failed". */
  detail?: string;
}

export interface ProgressOptions {
  stream?: NodeJS.WriteStream;
  /** Unit name for the rate, e.g. "docs". */
  unit?: string;
  /** Seconds between plain lines when not on a terminal. */
  every?: number;
  label?: string;
  /** Force the terminal bar (true) or plain lines (false); default: the stream is a TTY. */
  tty?: boolean;
}

export class Progress {
  private readonly stream: NodeJS.WriteStream;
  private readonly tty: boolean;
  private readonly unit: string;
  private readonly every: number;
  private readonly label: string;
  private lastLine = 0;
  private lastDraw = 0;
  private drawn = false;

  constructor(opts: ProgressOptions = {}) {
    this.stream = opts.stream ?? process.stderr;
    this.tty = opts.tty ?? !!this.stream.isTTY;
    this.unit = opts.unit ?? 'docs';
    this.every = (opts.every ?? 10) * 1000;
    this.label = opts.label ?? 'ingest';
  }

  /** The status text: count, rate, percentage and ETA. */
  static describe(s: ProgressState, unit: string): string {
    const rate = s.elapsed > 0 ? s.done / s.elapsed : 0;
    const parts = [`${fmtInt(s.done)} ${unit}`, `${fmtNum(rate)} ${unit}/s`];
    if (s.fraction !== null && s.fraction > 0) {
      parts.push(`${fmtNum(Math.min(1, s.fraction) * 100, 0)}%`);
      const eta = (s.elapsed * (1 - s.fraction)) / s.fraction;
      if (s.fraction < 1) parts.push(`ETA ${fmtDuration(eta)}`);
    }
    parts.push(`elapsed ${fmtDuration(s.elapsed)}`);
    if (s.detail) parts.push(s.detail);
    return parts.join(' · ');
  }

  update(s: ProgressState): void {
    const now = Date.now();
    if (this.tty) {
      if (now - this.lastDraw < 100) return;
      this.lastDraw = now;
      const cols = this.stream.columns || 100;
      const text = Progress.describe(s, this.unit);
      const barWidth = Math.max(10, Math.min(30, cols - text.length - 6));
      const filled = s.fraction === null ? 0 : Math.round(Math.min(1, s.fraction) * barWidth);
      const bar =
        s.fraction === null
          ? '░'.repeat(barWidth)
          : `${'█'.repeat(filled)}${'░'.repeat(Math.max(0, barWidth - filled))}`;
      this.stream.write(`\r\x1b[2K${bar} ${text}`.slice(0, cols + 12));
      this.drawn = true;
    } else if (now - this.lastLine >= this.every) {
      if (this.lastLine === 0) {
        this.lastLine = now;
        return;
      }
      this.lastLine = now;
      this.stream.write(`${this.label}: ${Progress.describe(s, this.unit)}\n`);
    }
  }

  /** Writes a message line without garbling the bar. */
  log(line: string): void {
    if (this.tty && this.drawn) this.stream.write('\r\x1b[2K');
    this.stream.write(`${line}\n`);
    this.drawn = false;
    this.lastDraw = 0;
  }

  done(): void {
    if (this.tty && this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }
}
