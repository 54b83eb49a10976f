import { describe, expect, it } from 'vitest';
import { loadLexicon, looseKey } from '../../src/entities/lexicon.ts';
import { nodeModels } from '../../src/node/models.ts';

const lex = loadLexicon(nodeModels);

describe('entity lexicon', () => {
  it('finds countries by name, demonym, alternative name and city', () => {
    expect(lex.countryOf('Russia')).toBe('RUS');
    expect(lex.countryOf('the Russian Federation')).toBe('RUS');
    expect(lex.countryOf('Russian')).toBe('RUS');
    expect(lex.countryOf('North Koreans')).toBe('PRK');
    expect(lex.countryOf('DPRK')).toBe('PRK');
    expect(lex.countryOf('U.S.')).toBe('USA');
    expect(lex.countryOf('Pyongyang')).toBe('PRK');
    expect(lex.countryOf('Atlantis Prime')).toBeNull();
  });

  it('maps agent nouns to CAMEO agent codes', () => {
    expect(lex.agentOf('foreign minister')).toBe('GOV');
    expect(lex.agentOf('Foreign Minister')).toBe('GOV');
    expect(lex.agentOf('spokesperson')).toBe('MED');
    expect(lex.agentOf('zzz')).toBeNull();
  });

  it('honours the date restrictions of office holders', () => {
    expect(lex.actorOf('Sergey Lavrov', '2023-10-18')).toBe('RUSGOV');
    expect(lex.actorOf('Russia')).toBe('RUS');
    expect(lex.actorOf('Russian')).toBe('RUS');
  });

  it('normalises keys for variants', () => {
    expect(looseKey('Kim Il-sung')).toBe(looseKey('Kim Il Sung'));
    expect(looseKey('U.S.')).toBe('us');
    expect(looseKey('the Russian Federation')).toBe('russian federation');
    expect(looseKey('Russia’s')).toBe('russia');
  });
});
