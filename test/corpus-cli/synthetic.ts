/**
 * A seeded generator of invented wire-style articles for ingest tests: every
 * article is distinct, a few are lightly edited copies of earlier ones.
 */
import { writeFileSync } from 'node:fs';

const CAPITALS = [
  'Valdora',
  'Kestrel Bay',
  'Port Amsel',
  'Lindmark',
  'Oskova',
  'Terrano',
  'Mirabel',
  'Santa Ines',
];
const PEOPLE = [
  'Anton Verlis',
  'Maria Oduya',
  'Henrik Salo',
  'Leila Farouk',
  'Tomas Brandt',
  'Yuki Morimoto',
  'Ines Carvalho',
  'Pavel Dorn',
];
const TOPICS = [
  'grain exports',
  'a border crossing',
  'fishing rights',
  'a rail link',
  'gas prices',
  'a port lease',
];
const VERBS = ['met', 'criticised', 'praised', 'called', 'warned', 'thanked'];

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 2 ** 32;
  };
}

export interface SyntheticArticle {
  id: string;
  title: string;
  published: string;
  source: string;
  text: string;
}

export function syntheticArticles(n: number, seed = 7): SyntheticArticle[] {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const out: SyntheticArticle[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 10 && i % 25 === 0) {
      const base = out[Math.floor(r() * out.length)];
      out.push({
        ...base,
        id: `syn-${i}`,
        title: `${base.title} (update)`,
        source: 'Coastal Post',
        text: `${base.text.replace(' said', ' told reporters')}\n\n(Additional reporting by the Coastal Post desk.)`,
      });
      continue;
    }
    const a = pick(PEOPLE);
    const b = pick(PEOPLE.filter((p) => p !== a));
    const city = pick(CAPITALS);
    const topic = pick(TOPICS);
    const month = 1 + Math.floor(r() * 12);
    const day = 1 + Math.floor(r() * 28);
    const date = `2023-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const n1 = Math.floor(r() * 900) + 100;
    const n2 = Math.floor(r() * 90) + 10;
    const text =
      `${city}, ${date} — ${a} ${pick(VERBS)} ${b} on ${date} over ${topic}, officials said in item ${i}.\n\n` +
      `"We will not accept terms that hurt ${city}," ${a} said after the talks, which lasted ${n2} minutes. ` +
      `The dispute concerns roughly ${n1} million in trade a year, according to ministry figures.\n\n` +
      `${b} is expected to travel to ${pick(CAPITALS)} next week for a further round of meetings on ${pick(TOPICS)}.`;
    out.push({
      id: `syn-${i}`,
      title: `${a} and ${b} clash over ${topic} (${i})`,
      published: date,
      source: pick(['Harbour Wire', 'Northern Ledger', 'Coastal Post']),
      text,
    });
  }
  return out;
}

export function writeJsonl(path: string, rows: unknown[]): void {
  writeFileSync(path, `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
}
