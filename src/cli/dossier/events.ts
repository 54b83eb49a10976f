import type { Section } from './index.ts';

/** The events section of the terminal dossier. */
export const eventsSection: Section = () => [];
