import type { Section } from './index.ts';

/** The time section of the terminal dossier. */
export const timeSection: Section = () => [];
