import type { Command } from 'commander';

/** `attache serve` (HTTP API + web UI) and `attache start` (what `npm start` runs). */
export function registerServe(_program: Command): void {}
