#!/bin/sh
//usr/bin/env true; case "$1" in ingest|worker) exec node --single-threaded-gc --max-semi-space-size=4 "$0" "$@";; esac; exec node "$0" "$@"
// Read by sh first and by node after: the line above is a comment for node, and for sh it starts node
// with V8 flags that V8 reads only at process start, so they cannot be set from JavaScript. `exec`
// replaces the shell, so the process is node itself (kill -9 reaches the process that writes).
// Batch commands that keep every core analysing run the collector on the thread that allocates: with
// one job per core, V8's helper threads otherwise take CPU from the analysis (see "Speed-up" in the
// README). The server keeps the default, whose helper threads shorten its pauses.
// Entry point: runs the compiled CLI (see compiled.mjs), or the TypeScript sources through a
// loader when it cannot be compiled or its files cannot be loaded (a damaged cache).
import { compiledCli } from './compiled.mjs';

async function fromSources() {
  const { register } = await import('tsx/esm/api');
  register();
  return import('../src/cli/main.ts');
}

const compiled = await compiledCli();
let cli;
try {
  cli = compiled ? await import(compiled) : await fromSources();
} catch {
  cli = await fromSources();
}
await cli.main(process.argv);
