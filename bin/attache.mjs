#!/usr/bin/env node
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
