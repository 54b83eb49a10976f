/**
 * Builds `models/events.json.gz`, the data the events stage codes with:
 *
 *  - verb triggers compiled from the PETRARCH-2 CAMEO verb dictionary
 *    (`actors/petrarch2_original/CAMEO.2.0.txt`): every surface form of every
 *    verb (regular inflections generated here, irregular ones from the `{…}`
 *    lists), its default code, its particles (`MEET_WITH`) and the patterns of
 *    its block reduced to ordered word lists before/after the verb, each with
 *    the verb it is noted for (`# BLAST`); a pattern listed twice keeps its later code;
 *  - synonym sets (`&MILITARY`, `&WEAPON` …) used by those patterns;
 *  - a curated overlay (below) that fixes the codes of the commonest news verbs
 *    and adds noun triggers ("visit", "talks", "sanctions") the verb dictionary
 *    cannot see;
 *  - actor phrases (countries, demonyms, capitals, international bodies, named
 *    office holders) from `actors/phoenix_actors.tsv`, `cameo/cameo_country_codes.tsv`
 *    and `actors/ngec_countries.csv`;
 *  - agent phrases (foreign minister → GOV, army → MIL …) from `actors/phoenix_agents.tsv`;
 *  - CAMEO code names and Goldstein scores (`cameo/cameo_eventcodes.tsv`) and the
 *    CAMEO → PLOVER 2.0 table (`plover/cameo_to_plover_2021.tsv`, with imposed
 *    sanctions as SANCTION per the PLOVER 2.0 manual).
 *
 * Deterministic: the same inputs give byte-identical output (sorted keys, no clocks).
 *
 *   npx tsx scripts/build/events-model.ts
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { isoActorCode } from '../../src/events/actors.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const data = resolve(root, '..', 'shared', 'data');
const out = join(root, 'models', 'events.json.gz');

if (!existsSync(data)) {
  console.error('events-model: ../shared/data is not present; cannot build.');
  process.exit(1);
}

const read = (p: string) => readFileSync(join(data, p), 'utf8');

// ---------------------------------------------------------------- verb forms

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

/** Regular inflections of an English verb (base form, lower case). */
export function inflect(base: string): string[] {
  const forms = new Set<string>([base]);
  const last = base[base.length - 1];
  const prev = base[base.length - 2] ?? '';
  // third person
  if (/(s|x|z|ch|sh)$/.test(base)) forms.add(`${base}es`);
  else if (last === 'y' && !VOWELS.has(prev)) forms.add(`${base.slice(0, -1)}ies`);
  else forms.add(`${base}s`);
  // past / participle / gerund
  if (last === 'e') {
    forms.add(`${base}d`);
    forms.add(base.endsWith('ee') ? `${base}ing` : `${base.slice(0, -1)}ing`);
  } else if (last === 'y' && !VOWELS.has(prev)) {
    forms.add(`${base.slice(0, -1)}ied`);
    forms.add(`${base}ing`);
  } else {
    forms.add(`${base}ed`);
    forms.add(`${base}ing`);
    // consonant doubling for short CVC stems (stop, plan, ban, jail is not CVC)
    const cvc = /^[^aeiou]*[aeiou][bdgklmnprt]$/.test(base);
    if (cvc) {
      forms.add(`${base}${last}ed`);
      forms.add(`${base}${last}ing`);
    }
  }
  return [...forms];
}

const IRREGULAR: Record<string, string[]> = {
  meet: ['met'],
  hold: ['held'],
  give: ['gave', 'given'],
  take: ['took', 'taken'],
  make: ['made'],
  send: ['sent'],
  sell: ['sold'],
  tell: ['told'],
  say: ['said'],
  fight: ['fought'],
  shoot: ['shot'],
  seek: ['sought'],
  bring: ['brought'],
  buy: ['bought'],
  leave: ['left'],
  lead: ['led'],
  strike: ['struck', 'stricken'],
  withdraw: ['withdrew', 'withdrawn'],
  forbid: ['forbade', 'forbidden'],
  forgive: ['forgave', 'forgiven'],
  beat: ['beaten'],
  break: ['broke', 'broken'],
  throw: ['threw', 'thrown'],
  blow: ['blew', 'blown'],
  draw: ['drew', 'drawn'],
  fly: ['flew', 'flown'],
  go: ['went', 'gone', 'goes'],
  come: ['came'],
  see: ['saw', 'seen'],
  speak: ['spoke', 'spoken'],
  write: ['wrote', 'written'],
  rise: ['rose', 'risen'],
  seize: [],
  sign: [],
  lay: ['laid'],
  pay: ['paid'],
  win: ['won'],
  lose: ['lost'],
  steal: ['stole', 'stolen'],
  swear: ['swore', 'sworn'],
  undertake: ['undertook', 'undertaken'],
  retake: ['retook', 'retaken'],
  overrun: ['overran'],
  overthrow: ['overthrew', 'overthrown'],
  shut: ['shut'],
  set: ['set'],
  put: ['put'],
  cut: ['cut'],
  hit: ['hit'],
  hurt: ['hurt'],
  cast: ['cast'],
  spread: ['spread'],
  bid: ['bid'],
  begin: ['began', 'begun'],
  keep: ['kept'],
  feel: ['felt'],
  deal: ['dealt'],
  flee: ['fled'],
  bear: ['bore', 'borne'],
  freeze: ['froze', 'frozen'],
  stand: ['stood'],
  understand: ['understood'],
  wage: [],
};

// ---------------------------------------------------------------- the verb dictionary

interface Pattern {
  pre: string[];
  post: string[];
  code: string;
  /** The verb of the block the pattern was written for (its `# VERB` note), or '' for all. */
  verb: string;
}
interface Verb {
  lemma: string;
  code: string | null;
  particles: string[];
  block: number;
}

const WORD_CLEAN = /[^a-z0-9'&-]/g;

/** Lower-cased, `_`-free word list of a dictionary phrase ("PRIME_MINISTER" → ["prime","minister"]). */
function words(phrase: string): string[] {
  return phrase
    .toLowerCase()
    .split(/[_\s]+/)
    .map((w) => w.replace(WORD_CLEAN, ''))
    .filter(Boolean);
}

function normCode(raw: string): string | null {
  const first = raw.split(':')[0].trim();
  if (!first || first.startsWith('-')) return null;
  return /^\d{2,4}$/.test(first) ? first : null;
}

function parseVerbDictionary(text: string) {
  const synsets: Record<string, string[]> = {};
  const verbs: Verb[] = [];
  const blocks: Pattern[][] = [];
  const forms = new Map<string, Set<number>>();
  let synset: string | null = null;
  let blockCode: string | null = null;
  let block = -1;
  const addForm = (form: string, idx: number) => {
    const f = form.toLowerCase();
    if (!f) return;
    let s = forms.get(f);
    if (!s) {
      s = new Set();
      forms.set(f, s);
    }
    s.add(idx);
  };
  for (const rawLine of text.split('\n')) {
    const note = /#\s*([A-Z][A-Z_]*)/.exec(rawLine);
    const line = rawLine.replace(/#.*$/, '').trimEnd();
    if (!line.trim()) {
      synset = null;
      continue;
    }
    if (line.startsWith('~')) continue; // transformations: handled by the coder's own rules
    if (line.startsWith('&')) {
      synset = line.trim().replace(/_$/, '');
      synsets[synset] = [];
      continue;
    }
    if (synset && line.startsWith('+')) {
      synsets[synset].push(words(line.slice(1)).join(' '));
      continue;
    }
    const header = /^---\s+(\S+)\s+\[([^\]]*)\]\s*---/.exec(line);
    if (header) {
      synset = null;
      blockCode = normCode(header[2]);
      blocks.push([]);
      block = blocks.length - 1;
      continue;
    }
    if (block < 0) continue;
    if (line.startsWith('-')) {
      const m = /^-\s*(.*?)\s*\[([^\]]*)\]/.exec(line);
      if (!m) continue;
      const code = normCode(m[2]);
      if (!code) continue;
      const body = m[1];
      const star = body.indexOf('*');
      if (star < 0) continue;
      const items = (s: string) =>
        s
          .replace(/[{}()]/g, ' ')
          .split(/\s+/)
          .map((w) => w.trim())
          .filter((w) => w && !/^[$+^%]$/.test(w) && w !== '|')
          .flatMap((w) => (w.startsWith('&') ? [w.replace(/_$/, '')] : words(w)));
      // a pattern noted for one verb of the block ("# BLAST") belongs to that verb only: blocks mix
      // senses ("blast" = criticise beside "blow up"), so "* POWERS [111] # BLAST" must not code "blew up"
      const verb = note ? words(note[1])[0] : '';
      blocks[block].push({ pre: items(body.slice(0, star)), post: items(body.slice(star + 1)), code, verb });
      continue;
    }
    // a verb line: [+]WORD[_PARTICLE] {IRREGULAR FORMS} [code]
    const m = /^(\+?)([A-Z][A-Z0-9_'-]*)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?/.exec(line.trim());
    if (!m) continue;
    const parts = words(m[2]);
    if (!parts.length) continue;
    const lemma = parts[0];
    const own = m[4] ? m[4].slice(1, -1) : null;
    const code = own !== null ? normCode(own) : blockCode;
    const idx = verbs.length;
    verbs.push({ lemma, code, particles: parts.slice(1), block });
    for (const f of inflect(lemma)) addForm(f, idx);
    for (const f of IRREGULAR[lemma] ?? []) addForm(f, idx);
    if (m[3]) {
      for (const f of m[3].slice(1, -1).split(/\s+/)) {
        const w = words(f.replace(/^\+/, ''));
        if (w.length) addForm(w[0], idx);
      }
    }
  }
  // a pattern listed twice in a block: the later entry overrides the earlier one (as when the
  // dictionary is read into a pattern table), e.g. "* &INVESTIGATION" [091] then [1014] under ORDER
  for (let b = 0; b < blocks.length; b++) {
    const last = new Map<string, number>();
    blocks[b].forEach((p, i) => {
      last.set(`${p.pre.join(' ')}*${p.post.join(' ')}`, i);
    });
    blocks[b] = blocks[b].filter((p, i) => last.get(`${p.pre.join(' ')}*${p.post.join(' ')}`) === i);
  }
  // keep a pattern's verb only when it names a verb of its own block
  const lemmas = blocks.map(() => new Set<string>());
  for (const v of verbs) if (v.block >= 0) lemmas[v.block].add(v.lemma);
  blocks.forEach((b, i) => {
    for (const p of b) if (p.verb && !lemmas[i].has(p.verb)) p.verb = '';
  });
  return { synsets, verbs, blocks, forms };
}

// ---------------------------------------------------------------- curated overlay

/**
 * Codes for the commonest news verbs, applied over the dictionary. The PETRARCH
 * dictionary leaves many of these in `[---]` blocks or codes them for senses
 * rare in news. `null` removes a verb as a trigger (reporting verbs are
 * attribution, not events: CAMEO 010 is not emitted).
 */
const VERB_OVERLAY: Record<string, string | null> = {
  say: null,
  tell: null,
  state: null,
  add: null,
  report: null,
  note: null,
  announce: null,
  declare: null,
  claim: null,
  confirm: null,
  comment: null,
  explain: null,
  stress: null,
  write: null,
  describe: null,
  believe: null,
  think: null,
  hope: null,
  expect: null,
  mention: null,
  want: null,
  plan: null,
  continue: null,
  begin: null,
  start: null,
  try: null,
  seek: null,
  prepare: null,
  intend: null,
  schedule: null,
  attempt: null,
  express: null,
  make: null,
  take: null,
  hold: null,
  give: null,
  hand: null,
  send: null,
  launch: null,
  stage: null,
  issue: null,
  be: null,
  have: null,
  do: null,
  get: null,
  become: null,
  remain: null,
  come: null,
  go: null,
  leave: null,
  arrive: '042',
  travel: '042',
  find: null,
  mean: null,
  found: null,
  chain: null,
  serve: null,
  relate: null,
  dictate: null,
  manage: null,
  establish: null,
  link: null,
  head: null,
  lead: null,
  visit: '042',
  tour: '042',
  host: '043',
  welcome: '043',
  receive: '043',
  meet: '040',
  confer: '040',
  negotiate: '046',
  mediate: '045',
  discuss: '040',
  consult: '040',
  phone: '041',
  telephone: '041',
  invite: '036',
  agree: '030',
  pledge: '030',
  promise: '030',
  vow: '030',
  offer: '030',
  reaffirm: '030',
  sign: '057',
  ratify: '057',
  praise: '051',
  commend: '051',
  hail: '051',
  laud: '051',
  thank: '051',
  applaud: '051',
  endorse: '051',
  back: '051',
  support: '051',
  apologize: '055',
  apologise: '055',
  forgive: '056',
  cooperate: '060',
  collaborate: '060',
  trade: '061',
  export: '061',
  import: '061',
  invest: '061',
  share: '064',
  extradite: '063',
  aid: '070',
  assist: '070',
  help: '070',
  donate: '071',
  fund: '071',
  finance: '071',
  supply: '070',
  deliver: '070',
  rescue: '073',
  evacuate: '073',
  release: '084',
  free: '084',
  withdraw: '087',
  retreat: '087',
  lift: '081',
  ease: '081',
  concede: '080',
  // CAMEO 0831 (its example is a resignation); PLOVER 2.0 codes official resignations as RETREAT
  resign: '0831',
  yield: '080',
  investigate: '090',
  probe: '090',
  inspect: '090',
  demand: '100',
  insist: '100',
  urge: '020',
  appeal: '020',
  ask: '020',
  request: '020',
  plead: '020',
  criticize: '111',
  criticise: '111',
  condemn: '111',
  denounce: '111',
  decry: '111',
  slam: '111',
  blast: '111',
  deplore: '111',
  rebuke: '111',
  censure: '111',
  accuse: '112',
  blame: '112',
  allege: '112',
  charge: '112',
  complain: '114',
  deny: '016',
  reject: '120',
  refuse: '120',
  dismiss: '120',
  rebuff: '120',
  veto: '129',
  defy: '120',
  threaten: '130',
  warn: '130',
  protest: '141',
  demonstrate: '141',
  rally: '141',
  march: '141',
  strike: '143',
  boycott: '143',
  riot: '145',
  picket: '141',
  mobilize: '150',
  mobilise: '150',
  deploy: '152',
  patrol: '150',
  sanction: '163',
  embargo: '163',
  expel: '166',
  suspend: '160',
  sever: '161',
  cut: null,
  call: null,
  set: null,
  freeze: '163',
  arrest: '173',
  detain: '173',
  jail: '173',
  imprison: '173',
  // CAMEO 173: "charges or lawsuits are coded as 115 instead"
  indict: '115',
  prosecute: '115',
  sentence: '173',
  convict: '173',
  sue: '115',
  ban: '172',
  outlaw: '172',
  deport: '174',
  seize: '171',
  confiscate: '171',
  crack: '175',
  repress: '175',
  suppress: '175',
  abduct: '181',
  kidnap: '181',
  torture: '1822',
  beat: '182',
  assassinate: '186',
  attack: '190',
  assault: '180',
  kill: '190',
  shell: '195',
  bomb: '195',
  shoot: '190',
  fire: '190',
  invade: '192',
  retake: '192',
  recapture: '192',
  occupy: '192',
  raid: '190',
  ambush: '190',
  clash: '190',
  fight: '190',
  wound: '190',
  massacre: '202',
};

/** Verbs that are often nouns too; they only trigger when used verbally (not after a determiner). */
const NOUN_TRIGGERS: Record<string, string> = {
  visit: '042',
  visits: '042',
  trip: '042',
  talks: '046',
  meeting: '040',
  summit: '040',
  negotiations: '046',
  sanctions: '163',
  airstrike: '195',
  airstrikes: '195',
  'air strike': '195',
  'air strikes': '195',
  attack: '190',
  attacks: '190',
  offensive: '190',
  invasion: '192',
  protest: '141',
  protests: '141',
  demonstration: '141',
  demonstrations: '141',
  condemnation: '111',
  accusation: '112',
  accusations: '112',
  agreement: '057',
  treaty: '057',
  'peace deal': '057',
  deal: '057',
  aid: '070',
  assistance: '070',
  shelling: '195',
  bombing: '195',
  riot: '145',
  riots: '145',
  clashes: '190',
  raid: '190',
  raids: '190',
  boycott: '143',
  blockade: '191',
  crackdown: '175',
  'hunger strike': '142',
};

/** Activities that "continue", "begin", "start" or "resume" code as the activity itself. */
const ONGOING_ACTIVITIES: Record<string, string> = {
  'hunger strike': '142',
  strike: '143',
  protest: '141',
  demonstration: '141',
  boycott: '143',
  attack: '190',
  offensive: '190',
  shelling: '195',
  bombardment: '195',
  'air strike': '195',
  talk: '046',
  negotiation: '046',
  blockade: '191',
  withdrawal: '087',
  aid: '070',
};

/** Sub-codes by a noun in the object of a verb (verb lemma → head noun lemma → code). */
const OBJECT_CODES: Record<string, Record<string, string>> = {
  hold: {
    talk: '046',
    meeting: '040',
    negotiation: '046',
    summit: '040',
    consultation: '040',
    protest: '141',
    rally: '141',
    drill: '150',
    exercise: '150',
    'war games': '150',
    maneuver: '150',
    manoeuvre: '150',
    election: '',
  },
  sign: {
    agreement: '057',
    treaty: '057',
    accord: '057',
    deal: '057',
    memorandum: '057',
    contract: '061',
    declaration: '057',
  },
  impose: {
    blockade: '191',
    sanction: '163',
    embargo: '1631',
    curfew: '1723',
    ban: '172',
    restriction: '172',
    tariff: '163',
  },
  launch: {
    'air strike': '195',
    'air strikes': '195',
    'drone strike': '195',
    attack: '190',
    strike: '190',
    airstrike: '195',
    offensive: '190',
    invasion: '192',
    missile: '195',
    rocket: '195',
    investigation: '090',
    probe: '090',
    protest: '141',
    talk: '046',
    mediation: '045',
    exercise: '150',
    drill: '150',
    'war games': '150',
    maneuver: '150',
    manoeuvre: '150',
  },
  make: {
    visit: '042',
    trip: '042',
    appeal: '020',
    offer: '030',
    pledge: '030',
    threat: '130',
    accusation: '112',
    proposal: '030',
  },
  pay: { visit: '042', tribute: '051', compensation: '085' },
  stage: {
    protest: '141',
    demonstration: '141',
    rally: '141',
    strike: '143',
    drill: '150',
    exercise: '150',
    'war games': '150',
    maneuver: '150',
    manoeuvre: '150',
    attack: '190',
    walkout: '143',
  },
  issue: {
    warning: '130',
    threat: '130',
    ultimatum: '130',
    appeal: '020',
    statement: '',
    call: '020',
    condemnation: '111',
  },
  send: {
    troop: '152',
    force: '152',
    aid: '070',
    weapon: '072',
    arm: '072',
    envoy: '042',
    delegation: '042',
    message: '',
    inspector: '090',
    investigator: '090',
  },
  // the same objects for "dispatch", whose dictionary block is shared with "export"
  dispatch: {
    troop: '152',
    force: '152',
    aid: '070',
    envoy: '042',
    delegation: '042',
    inspector: '090',
    investigator: '090',
  },
  // CAMEO 166: expelling individuals is 174, diplomats 161, peacekeepers 1661, inspectors or
  // observers 1662, aid agencies 1663
  expel: {
    diplomat: '161',
    ambassador: '161',
    envoy: '161',
    peacekeeper: '1661',
    inspector: '1662',
    observer: '1662',
    monitor: '1662',
    'aid agency': '1663',
    'aid agencies': '1663',
    'aid worker': '1663',
    'aid workers': '1663',
    leader: '174',
    member: '174',
    journalist: '174',
    correspondent: '174',
    activist: '174',
    national: '174',
    citizen: '174',
    missionary: '174',
    official: '174',
  },
  // CAMEO 086: receiving peacekeepers (0861) or inspectors and observers (0862) allows international involvement
  receive: {
    peacekeeper: '0861',
    inspector: '0862',
    observer: '0862',
    monitor: '0862',
  },
  // CAMEO 082: opposition groups ending or putting on hold strikes, protests, rallies
  'call off': {
    strike: '082',
    'hunger strike': '082',
    protest: '082',
    demonstration: '082',
    rally: '082',
    boycott: '082',
    march: '082',
  },
  suspend: {
    strike: '082',
    'hunger strike': '082',
    protest: '082',
    demonstration: '082',
    boycott: '082',
    aid: '162',
    talk: '164',
    negotiation: '164',
  },
  // "hand over": what is handed over decides (aid 07, suspects 063, prisoners 0841, power 0831)
  hand: {
    aid: '070',
    medicine: '073',
    food: '073',
    supplies: '070',
    relief: '073',
    suspect: '063',
    national: '063',
    prisoner: '0841',
    hostage: '0841',
    power: '0831',
  },
  give: {
    aid: '070',
    support: '051',
    assistance: '070',
    weapon: '072',
    arm: '072',
    money: '071',
    loan: '071',
    grant: '071',
    asylum: '075',
  },
  provide: {
    aid: '070',
    support: '051',
    assistance: '070',
    weapon: '072',
    arm: '072',
    loan: '071',
    fund: '071',
    asylum: '075',
    shelter: '075',
  },
  take: { part: '', hostage: '181', control: '192' },
  carry: {
    'air strike': '195',
    'air strikes': '195',
    attack: '190',
    strike: '190',
    raid: '190',
    bombing: '195',
    execution: '180',
  },
  open: { fire: '190', investigation: '090', probe: '090', talk: '046', embassy: '054' },
  cut: { tie: '161', relation: '161', aid: '160', funding: '160' },
  sever: { tie: '161', relation: '161' },
  break: { tie: '161', relation: '161' },
  establish: { tie: '054', relation: '054' },
  restore: { tie: '054', relation: '054' },
  lift: { sanction: '081', ban: '081', curfew: '081', embargo: '081' },
  ease: { sanction: '081', restriction: '081' },
  declare: {
    siege: '1724',
    'state of': '1724',
    curfew: '1723',
    war: '138',
    ceasefire: '0871',
    truce: '0871',
    emergency: '1724',
    'martial law': '1724',
  },
  express: { support: '051', concern: '', regret: '', solidarity: '051', condolence: '051' },
  reach: { agreement: '057', deal: '057', accord: '057' },
  strengthen: {
    force: '152',
    troop: '152',
    presence: '152',
    defence: '152',
    defense: '152',
    tie: '050',
    relation: '050',
    cooperation: '050',
  },
  deepen: { tie: '050', relation: '050', cooperation: '050' },
  expand: { cooperation: '050', tie: '050' },
  fire: { missile: '195', rocket: '195', shell: '195' },
  conduct: {
    'air strike': '195',
    'air strikes': '195',
    strike: '195',
    airstrike: '195',
    raid: '190',
    exercise: '150',
    'war games': '150',
    maneuver: '150',
    manoeuvre: '150',
    drill: '150',
    test: '150',
    talk: '046',
    investigation: '090',
  },
  file: { complaint: '114', lawsuit: '115', charge: '112' },
  lodge: { protest: '114', complaint: '114' },
  summon: { ambassador: '1312', envoy: '1312' },
  recall: { ambassador: '161', envoy: '161' },
  speed: { withdrawal: '087', pullout: '087' },
  complete: { withdrawal: '087', pullout: '087', investigation: '090' },
  end: {
    mediation: '160',
    aid: '160',
    cooperation: '160',
    tie: '161',
    relation: '161',
    talk: '125',
    negotiation: '125',
    strike: '082',
    'hunger strike': '082',
    boycott: '082',
    protest: '082',
    occupation: '087',
    blockade: '081',
    curfew: '081',
    embargo: '081',
    ban: '081',
    sanction: '081',
  },
  mount: {
    invasion: '192',
    attack: '190',
    offensive: '190',
    raid: '190',
    assault: '190',
    protest: '141',
    demonstration: '141',
  },
  continue: ONGOING_ACTIVITIES,
  begin: ONGOING_ACTIVITIES,
  start: ONGOING_ACTIVITIES,
  resume: ONGOING_ACTIVITIES,
  remain: { alert: '150', 'on alert': '150' },
  block: {
    road: '144',
    bridge: '144',
    highway: '144',
    street: '144',
    traffic: '144',
    transport: '144',
    entrance: '144',
    border: '1623',
    aid: '1621',
    access: '1621',
  },
  announce: {
    suspension: '160',
    ceasefire: '0871',
    truce: '0871',
    withdrawal: '087',
    sanction: '163',
    boycott: '143',
    embargo: '1631',
    ban: '172',
    curfew: '1723',
    investigation: '090',
    strike: '143',
    aid: '070',
  },
  extend: {
    curfew: '1723',
    sanction: '163',
    ban: '172',
    aid: '070',
    invitation: '036',
    support: '051',
    condolence: '051',
    ceasefire: '0871',
  },
  tighten: { blockade: '191', sanction: '163', restriction: '172', control: '172', siege: '191' },
  halt: { aid: '160', mediation: '160', talk: '125', negotiation: '125', attack: '0871', offensive: '0871' },
  set: { fire: '1712', ablaze: '1712' },
};

// ---------------------------------------------------------------- actors

const actorPhrases = new Map<string, { code: string; rank: number }>();
function addActor(phrase: string, rawCode: string, rank: number) {
  // older dictionaries' country codes → ISO 3166-1 alpha-3 (TMP → TLS)
  const code = isoActorCode(rawCode);
  const ws = words(phrase.replace(/\./g, ''));
  const key = ws.join(' ');
  if (!key || key.length < 2) return;
  const put = (k: string) => {
    const prev = actorPhrases.get(k);
    if (!prev || rank > prev.rank) actorPhrases.set(k, { code, rank });
  };
  put(key);
  // hyphenated given names as news spells them ("Kim Jong-un", "Jean-Bertrand")
  if (ws.length === 3) put(`${ws[0]} ${ws[1]}-${ws[2]}`);
}

/** A date restriction's recency rank: open-ended or unrestricted entries win over closed past ranges. */
function restrictionRank(r: string): number {
  if (!r) return 1_000_000;
  if (r.startsWith('>')) return 2_000_000;
  const m = /-(\d{6,8})$/.exec(r);
  if (!m) return 0;
  let d = m[1];
  if (d.length === 6) d = (Number(d.slice(0, 2)) > 30 ? '19' : '20') + d;
  return Number(d.slice(0, 6));
}

for (const line of read('actors/phoenix_actors.tsv').split('\n').slice(1)) {
  const [, phrase, , code, restriction] = line.split('\t');
  if (!phrase || !code) continue;
  if (/[^\x20-\x7e]/.test(phrase)) continue; // mojibake
  const ws = words(phrase);
  // single common words are too ambiguous as actors ("charity", "opposition" …) unless capitalised names
  if (ws.length === 1 && ws[0].length < 3 && !['UN', 'US', 'EU', 'UK'].includes(phrase.trim())) continue;
  addActor(phrase, code.trim(), restrictionRank((restriction ?? '').trim()));
}
for (const line of read('cameo/cameo_country_codes.tsv').split('\n').slice(1)) {
  const [code, name] = line.split('\t');
  if (code && name) addActor(name, code, 500_000);
}
const demonyms = new Set<string>();
const countryCodes = new Set(
  read('cameo/cameo_country_codes.tsv')
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t')[0]),
);
for (const line of read('actors/ngec_countries.csv').split('\n').slice(1)) {
  const m = /^([^,]*),("[^"]*"|[^,]*),([A-Z]{3}),("[^"]*"|[^,]*)/.exec(line);
  if (!m || !countryCodes.has(m[3])) continue;
  const code = m[3];
  addActor(m[2].replace(/"/g, ''), code, 900_000);
  for (const n of m[4].replace(/"/g, '').split(',')) {
    if (!n.trim()) continue;
    addActor(n.trim(), code, 800_000);
    const w = words(n.trim());
    if (w.length === 1 && !w[0].endsWith('s')) demonyms.add(w[0]);
  }
}
// International bodies under the names news uses today
for (const [k, v] of Object.entries({
  'european community': 'IGOEUREEC',
  'european commission': 'IGOEUREEC',
  'un security council': 'IGOUNO',
  'united nations security council': 'IGOUNO',
  'african union': 'IGOAFRAU',
  asean: 'IGOSEAASN',
  g7: 'IGOWST',
  g20: 'IGO',
}))
  addActor(k, v, 4_000_000);
// Words the actor dictionaries list that are ordinary English in news prose.
const ACTOR_STOP = new Set([
  'the',
  'government',
  'president',
  'police',
  'army',
  'state',
  'china town',
  'georgia',
  'jordan',
  'chad',
  'turkey',
  'guinea',
  'nice',
  'reading',
  'mobile',
  'split',
  'page',
  'bath',
  'march',
  'may',
  'victoria',
  'sale',
  'chance',
  'independence',
  'liberty',
  'union',
  'people',
  'congress',
  'parliament',
]);
for (const w of ACTOR_STOP) {
  // keep the real countries; drop generic words and the ambiguous ones only when lower-case in text (handled at run time)
  if (['georgia', 'jordan', 'chad', 'turkey', 'guinea'].includes(w)) continue;
  actorPhrases.delete(w);
}

// ---------------------------------------------------------------- agents

const agentPhrases = new Map<string, string>();
for (const line of read('actors/phoenix_agents.tsv').split('\n').slice(1)) {
  const [phrase, irregular, , code] = line.split('\t');
  if (!phrase || !code) continue;
  if (/[^\x20-\x7e]/.test(phrase)) continue;
  const key = words(phrase).join(' ');
  if (!key) continue;
  if (!agentPhrases.has(key)) agentPhrases.set(key, code.trim());
  for (const p of (irregular ?? '').split(/[\s{}]+/)) {
    const k = words(p).join(' ');
    if (k && !agentPhrases.has(k)) agentPhrases.set(k, code.trim());
  }
}
// agents that matter in diplomacy coverage and that the dictionary spells differently
const AGENT_OVERLAY: Record<string, string> = {
  'news agency': 'MED',
  'state media': 'MED',
  'state television': 'MED',
  newspaper: 'MED',
  broadcaster: 'MED',
  'foreign ministry': 'GOV',
  negotiator: 'GOV',
  negotiators: 'GOV',
  administration: 'GOV',
  doctors: 'HLH',
  settlers: 'CVL',
  villagers: 'CVL',
  prisoners: 'CVL',
  'foreign minister': 'GOV',
  'defence minister': 'GOV',
  'defense minister': 'GOV',
  'defence ministry': 'GOV',
  'defense ministry': 'GOV',
  ministry: 'GOV',
  minister: 'GOV',
  president: 'GOV',
  'prime minister': 'GOV',
  premier: 'GOV',
  government: 'GOV',
  authorities: 'GOV',
  officials: 'GOV',
  official: 'GOV',
  leader: 'GOV',
  leaders: 'GOV',
  diplomat: 'GOV',
  diplomats: 'GOV',
  envoy: 'GOV',
  ambassador: 'GOV',
  delegation: 'GOV',
  cabinet: 'GOV',
  spokesman: 'GOV',
  spokeswoman: 'GOV',
  spokesperson: 'GOV',
  army: 'MIL',
  military: 'MIL',
  troops: 'MIL',
  soldiers: 'MIL',
  forces: 'MIL',
  'armed forces': 'MIL',
  navy: 'MIL',
  'air force': 'MIL',
  warships: 'MIL',
  warplanes: 'MIL',
  jets: 'MIL',
  police: 'COP',
  'security forces': 'COP',
  rebels: 'REB',
  insurgents: 'REB',
  militants: 'REB',
  guerrillas: 'REB',
  separatists: 'REB',
  protesters: 'CVL',
  protestors: 'CVL',
  demonstrators: 'CVL',
  students: 'EDU',
  opposition: 'OPP',
  parliament: 'LEG',
  lawmakers: 'LEG',
  legislators: 'LEG',
  senate: 'LEG',
  congress: 'LEG',
  court: 'JUD',
  judge: 'JUD',
  prosecutors: 'JUD',
  prosecutor: 'JUD',
  'supreme court': 'JUD',
  refugees: 'REF',
  civilians: 'CVL',
  residents: 'CVL',
  workers: 'LAB',
  'trade union': 'LAB',
  union: 'LAB',
  businessmen: 'BUS',
  companies: 'BUS',
  'intelligence service': 'SPY',
  intelligence: 'SPY',
};
for (const [k, v] of Object.entries(AGENT_OVERLAY)) agentPhrases.set(k, v);
// artefacts of the substitution-set expansion and words too generic to be agents on their own
for (const w of [
  'the',
  'said',
  'of',
  'in',
  'for',
  'and',
  'to',
  'on',
  'at',
  'by',
  'with',
  'a',
  'an',
  'from',
  'as',
  'human',
  'rights',
  'centers',
  'centres',
  'chambers',
  'peace',
  'members',
  'member',
  'state',
  'states',
  'national',
  'general',
  'part',
  'party',
  'parties',
  'group',
  'groups',
  'people',
  'islamic',
  'muslim',
  'christian',
  'jewish',
  'catholic',
  'industry',
  'commerce',
  'business',
  'television',
  'tv',
  'media',
  'press',
  'publication',
  'boss',
  'chief',
  'head',
  'director',
  'monger',
  'producer',
  'writer',
  'rural',
  'urban',
  'village',
  'town',
  'city',
  'heads',
  'chiefs',
  'council',
  'committee',
  'commission',
  'agency',
  'office',
  'board',
  'bank',
  'fund',
  'oiler',
  'freighter',
  'extremist',
])
  agentPhrases.delete(w);

// ---------------------------------------------------------------- codes, Goldstein, PLOVER

const codes: Record<string, [string, number]> = {};
for (const line of read('cameo/cameo_eventcodes.tsv').split('\n').slice(1)) {
  const cols = line.split('\t');
  if (cols.length < 8 || !/^\d+$/.test(cols[0])) continue;
  const name = cols[4].trim();
  codes[cols[0]] = [name.charAt(0).toUpperCase() + name.slice(1).toLowerCase(), Number(cols[7]) || 0];
}
const plover: Record<string, string> = {};
for (const line of read('plover/cameo_to_plover_2021.tsv').split('\n').slice(1)) {
  const [code, type] = line.split('\t');
  if (code && type && /^\d+$/.test(code)) plover[code] = type.trim();
}
// PLOVER 2.0 (later than the 2021 table): "International (political or economic) sanctions are
// coded as `discontinue'", a mode of SANCTION, not COERCE
plover['163'] = 'SANCTION';

// ---------------------------------------------------------------- assemble

const dict = parseVerbDictionary(read('actors/petrarch2_original/CAMEO.2.0.txt'));

// overlay: existing verbs get the curated code; new verbs are appended with their own (empty) block
const overlayBlock = dict.blocks.length;
dict.blocks.push([]);
const byLemma = new Map<string, number[]>();
dict.verbs.forEach((v, i) => {
  if (!v.particles.length) byLemma.set(v.lemma, [...(byLemma.get(v.lemma) ?? []), i]);
});
for (const [lemma, code] of Object.entries(VERB_OVERLAY)) {
  const have = byLemma.get(lemma);
  if (have) {
    for (const i of have) dict.verbs[i].code = code;
  } else {
    const idx = dict.verbs.length;
    dict.verbs.push({ lemma, code, particles: [], block: overlayBlock });
    for (const f of [...inflect(lemma), ...(IRREGULAR[lemma] ?? [])]) {
      let s = dict.forms.get(f);
      if (!s) {
        s = new Set();
        dict.forms.set(f, s);
      }
      s.add(idx);
    }
  }
}
// reporting and auxiliary verbs never trigger, whatever block they came from
for (const v of dict.verbs) if (VERB_OVERLAY[v.lemma] === null && !v.particles.length) v.code = null;

const sortObj = <T>(o: Record<string, T>) =>
  Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k]]),
  );

const model = {
  schema: 'attache/events-model@1',
  sources: [
    'actors/petrarch2_original/CAMEO.2.0.txt',
    'actors/phoenix_actors.tsv',
    'actors/phoenix_agents.tsv',
    'actors/ngec_countries.csv',
    'cameo/cameo_country_codes.tsv',
    'cameo/cameo_eventcodes.tsv',
    'plover/cameo_to_plover_2021.tsv',
  ],
  synsets: sortObj(dict.synsets),
  verbs: dict.verbs.map((v) => [v.lemma, v.code, v.particles.join(' '), v.block]),
  blocks: dict.blocks.map((b) => b.map((p) => [p.pre.join(' '), p.post.join(' '), p.code, p.verb])),
  forms: sortObj(Object.fromEntries([...dict.forms].map(([f, s]) => [f, [...s].sort((a, b) => a - b)]))),
  nouns: sortObj(NOUN_TRIGGERS),
  objects: sortObj(OBJECT_CODES),
  actors: sortObj(Object.fromEntries([...actorPhrases].map(([k, v]) => [k, v.code]))),
  agents: sortObj(Object.fromEntries(agentPhrases)),
  codes: sortObj(codes),
  plover: sortObj(plover),
  demonyms: [...demonyms].sort(),
  curated: Object.keys(VERB_OVERLAY).sort(),
};

mkdirSync(dirname(out), { recursive: true });
const json = JSON.stringify(model);
writeFileSync(out, gzipSync(Buffer.from(json), { level: 9 }));
console.log(
  `events-model: ${dict.verbs.length} verbs, ${dict.forms.size} forms, ${dict.blocks.reduce((n, b) => n + b.length, 0)} patterns, ` +
    `${actorPhrases.size} actor phrases, ${agentPhrases.size} agent phrases, ${Object.keys(codes).length} codes → ` +
    `${out.slice(root.length + 1)} (${(json.length / 1e6).toFixed(1)} MB raw)`,
);
