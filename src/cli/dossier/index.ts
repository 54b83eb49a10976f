import type { Document } from '../../document/types.ts';
import { entitiesSection } from './entities.ts';
import { eventsSection } from './events.ts';
import { headerSection } from './header.ts';
import { quotesSection } from './quotes.ts';
import { timeSection } from './time.ts';

/** A dossier section: lines of terminal text for one layer (empty when it has nothing to say). */
export type Section = (doc: Document, style: Style) => string[];

/** Minimal ANSI styling that turns itself off when output is not a terminal or NO_COLOR is set. */
export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  color(s: string, c: 'red' | 'green' | 'yellow' | 'blue' | 'magenta' | 'cyan'): string;
}

const CODES = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36 } as const;

export function makeStyle(enabled: boolean): Style {
  const wrap = (s: string, open: number, close: number) =>
    enabled ? `\u001b[${open}m${s}\u001b[${close}m` : s;
  return {
    bold: (s) => wrap(s, 1, 22),
    dim: (s) => wrap(s, 2, 22),
    color: (s, c) => wrap(s, CODES[c], 39),
  };
}

export function defaultStyle(): Style {
  return makeStyle(Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);
}

const SECTIONS: Section[] = [headerSection, entitiesSection, timeSection, quotesSection, eventsSection];

export function renderDossier(doc: Document, style: Style = defaultStyle()): string {
  const blocks = SECTIONS.map((s) => s(doc, style)).filter((lines) => lines.length > 0);
  return `${blocks.map((b) => b.join('\n')).join('\n\n')}\n`;
}
