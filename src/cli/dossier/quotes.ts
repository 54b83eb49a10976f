import type { Section } from './index.ts';

/** The quotes section of the terminal dossier. */
export const quotesSection: Section = () => [];
