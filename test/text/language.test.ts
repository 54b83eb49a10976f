import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { identifyLanguage } from '../../src/text/language.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DATA = resolve(ROOT, '../shared/data');
const MULTI = join(DATA, 'corpus-multilingual', 'news-multilingual.jsonl');
const NEWS = join(DATA, 'corpus-news', 'news-en.jsonl.gz');

describe('identifyLanguage on hand-written sentences', () => {
  const cases: [string, string][] = [
    [
      'en',
      'The foreign minister said on Monday that the talks with his counterpart had been useful and would continue.',
    ],
    [
      'ru',
      'Министр иностранных дел заявил в понедельник, что переговоры с его коллегой были полезными и будут продолжены.',
    ],
    [
      'uk',
      'Міністр закордонних справ заявив у понеділок, що переговори з його колегою були корисними і будуть продовжені.',
    ],
    [
      'de',
      'Der Außenminister sagte am Montag, dass die Gespräche mit seinem Amtskollegen nützlich gewesen seien und fortgesetzt würden.',
    ],
    [
      'fr',
      'Le ministre des Affaires étrangères a déclaré lundi que les discussions avec son homologue avaient été utiles et se poursuivraient.',
    ],
    [
      'es',
      'El ministro de Asuntos Exteriores dijo el lunes que las conversaciones con su homólogo habían sido útiles y que continuarían.',
    ],
    ['zh', '外交部长星期一表示，与对方的会谈很有成效，双方将继续对话。'],
    ['ko', '외교부 장관은 월요일 상대방과의 회담이 유익했으며 대화를 계속할 것이라고 말했다.'],
    ['ja', '外務大臣は月曜日、相手国との会談は有益であり、対話を続けると述べた。'],
    ['ar', 'قال وزير الخارجية يوم الاثنين إن المحادثات مع نظيره كانت مفيدة وستستمر.'],
  ];
  for (const [lang, text] of cases) it(lang, () => expect(identifyLanguage(text).language).toBe(lang));
  it('English with a few foreign names stays English; no letters is und', () => {
    expect(
      identifyLanguage('Lavrov met Choe Son-hui in Pyongyang and said the visit was a success.').language,
    ).toBe('en');
    expect(identifyLanguage('12:05 — 3.5 / 2023').language).toBe('und');
  });
});

describe.skipIf(!existsSync(MULTI) || !existsSync(NEWS))('identifyLanguage on ../shared corpora', () => {
  if (!existsSync(MULTI) || !existsSync(NEWS)) console.warn('skipped: ../shared/data corpora are absent');
  it('multilingual news (ru, uk, de, zh, ko): every article right', () => {
    const rows = readFileSync(MULTI, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const ok = rows.filter((r) => identifyLanguage(r.text).language === r.lang).length;
    // measured 44/44
    expect(ok / rows.length).toBeGreaterThanOrEqual(0.97);
  });
  it('English news: prose articles are English (a sample of 1,000)', () => {
    const lines = gunzipSync(readFileSync(NEWS)).toString('utf8').trim().split('\n');
    let ok = 0;
    let wrong = 0;
    for (let i = 0; i < lines.length && ok + wrong < 1000; i += 19) {
      const g = identifyLanguage(JSON.parse(lines[i]).text).language;
      if (g === 'en') ok++;
      else if (g !== 'und') wrong++; // 'und' is fair for tables of figures
    }
    // measured: ~97% en, the rest und (earnings tables), one wrong language in 2,700
    expect(ok / (ok + wrong)).toBeGreaterThanOrEqual(0.995);
  });
});
