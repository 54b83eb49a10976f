#!/usr/bin/env node
// Entry point: runs the compiled CLI (see compiled.mjs), or the TypeScript sources through a
// loader when it cannot be compiled.
import { compiledCli } from './compiled.mjs';

const compiled = await compiledCli();
let cli;
if (compiled) cli = await import(compiled);
else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../src/cli/main.ts');
}
await cli.main(process.argv);
