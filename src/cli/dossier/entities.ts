import type { Section } from './index.ts';

/** The entities section of the terminal dossier. */
export const entitiesSection: Section = () => [];
