import { readFileSync } from 'node:fs';
import { startsName } from './src/entities/ner.ts';
const c = new Map<string, number>();
let tot = 0;
for (const l of readFileSync('../shared/data/conll2003/valid.jsonl', 'utf8').split('\n')) {
  if (!l) continue;
  const r = JSON.parse(l);
  r.tags.forEach((t: string, i: number) => {
    if (t.startsWith('B-')) { tot++; if (!startsName(r.tokens[i].charCodeAt(0))) c.set(r.tokens[i], (c.get(r.tokens[i]) ?? 0) + 1); }
  });
}
console.log(tot, [...c].sort((a, b) => b[1] - a[1]).slice(0, 30));
