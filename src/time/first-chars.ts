/**
 * Which characters a pattern's match can start with, read off the pattern's
 * source. The tagger tries every parser at each candidate word; most of those
 * tries fail on the first character, and skipping them up front saves one
 * regex call each. The analysis is conservative: any construct it does not
 * know makes the pattern a candidate for every character, so the result is
 * always a superset of what the regex engine would accept.
 */

/** ASCII characters a match can start with; `other` covers everything from U+0080 up. */
export interface FirstChars {
  ascii: Uint8Array;
  other: boolean;
}

interface Part {
  first: FirstChars;
  /** Whether the part can match the empty string (then what follows may start the match). */
  nullable: boolean;
}

function none(): FirstChars {
  return { ascii: new Uint8Array(128), other: false };
}

function any(): FirstChars {
  return { ascii: new Uint8Array(128).fill(1), other: true };
}

function addInto(into: FirstChars, from: FirstChars): void {
  for (let c = 0; c < 128; c++) if (from.ascii[c]) into.ascii[c] = 1;
  if (from.other) into.other = true;
}

function addChar(set: FirstChars, code: number, ignoreCase: boolean): void {
  if (code >= 128) {
    set.other = true;
    return;
  }
  set.ascii[code] = 1;
  if (ignoreCase) {
    const ch = String.fromCharCode(code);
    set.ascii[ch.toLowerCase().charCodeAt(0)] = 1;
    set.ascii[ch.toUpperCase().charCodeAt(0)] = 1;
  }
}

function addRange(set: FirstChars, from: number, to: number, ignoreCase: boolean): void {
  for (let c = from; c <= to; c++) addChar(set, c, ignoreCase);
}

const SPACE = [9, 10, 11, 12, 13, 32];

/** The class escape `\x` as a set, or null when `\x` stands for one literal character. */
function escapeClass(e: string): FirstChars | null {
  const set = none();
  switch (e) {
    case 'd':
      addRange(set, 48, 57, false);
      return set;
    case 's':
      for (const c of SPACE) set.ascii[c] = 1;
      set.other = true; // no-break and other Unicode spaces
      return set;
    case 'w':
      addRange(set, 48, 57, false);
      addRange(set, 65, 90, false);
      addRange(set, 97, 122, false);
      set.ascii[95] = 1;
      return set;
    case 'D':
    case 'S':
    case 'W':
      return any();
    default:
      return null;
  }
}

class Reader {
  i = 0;
  constructor(
    readonly src: string,
    readonly ignoreCase: boolean,
  ) {}

  /** Alternatives up to `)` or the end. */
  alternation(): Part {
    const first = none();
    let nullable = false;
    for (;;) {
      const seq = this.sequence();
      addInto(first, seq.first);
      if (seq.nullable) nullable = true;
      if (this.src[this.i] === '|') {
        this.i++;
        continue;
      }
      return { first, nullable };
    }
  }

  /** Items up to `|`, `)` or the end: the first characters of every item up to the first that must consume. */
  private sequence(): Part {
    const first = none();
    let nullable = true;
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const item = this.quantified();
      if (nullable) {
        addInto(first, item.first);
        if (!item.nullable) nullable = false;
      }
    }
    return { first, nullable };
  }

  private quantified(): Part {
    const atom = this.atom();
    const q = this.src[this.i];
    if (q === '?' || q === '*') {
      this.i++;
      if (this.src[this.i] === '?') this.i++;
      return { first: atom.first, nullable: true };
    }
    if (q === '+') {
      this.i++;
      if (this.src[this.i] === '?') this.i++;
      return atom;
    }
    if (q === '{') {
      const m = /^\{(\d+)(?:,\d*)?\}\??/.exec(this.src.slice(this.i));
      if (m) {
        this.i += m[0].length;
        return { first: atom.first, nullable: atom.nullable || m[1] === '0' };
      }
    }
    return atom;
  }

  private atom(): Part {
    const src = this.src;
    const c = src[this.i];
    if (c === '(') {
      this.i++;
      let zeroWidth = false;
      if (src.startsWith('?:', this.i)) this.i += 2;
      else if (src.startsWith('?=', this.i) || src.startsWith('?!', this.i)) {
        this.i += 2;
        zeroWidth = true;
      } else if (src.startsWith('?<=', this.i) || src.startsWith('?<!', this.i)) {
        this.i += 3;
        zeroWidth = true;
      } else if (src.startsWith('?<', this.i)) {
        this.i = src.indexOf('>', this.i) + 1;
      }
      const inner = this.alternation();
      if (src[this.i] !== ')') throw new Error('unbalanced group');
      this.i++;
      // lookarounds consume nothing: they only narrow what may follow
      return zeroWidth ? { first: none(), nullable: true } : inner;
    }
    if (c === '[') return this.charClass();
    if (c === '\\') {
      const e = src[this.i + 1];
      this.i += 2;
      if (e === 'b' || e === 'B') return { first: none(), nullable: true };
      if (e >= '1' && e <= '9') {
        while (src[this.i] >= '0' && src[this.i] <= '9') this.i++;
        return { first: any(), nullable: true }; // a backreference may repeat anything, or nothing
      }
      const cls = escapeClass(e);
      if (cls) return { first: cls, nullable: false };
      if (/[a-zA-Z0-9]/.test(e)) throw new Error(`unsupported escape \\${e}`);
      const set = none();
      addChar(set, e.charCodeAt(0), this.ignoreCase);
      return { first: set, nullable: false };
    }
    if (c === '^' || c === '$') {
      this.i++;
      return { first: none(), nullable: true };
    }
    if (c === '.') {
      this.i++;
      return { first: any(), nullable: false };
    }
    this.i++;
    const set = none();
    addChar(set, c.charCodeAt(0), this.ignoreCase);
    return { first: set, nullable: false };
  }

  private charClass(): Part {
    const src = this.src;
    this.i++;
    if (src[this.i] === '^') throw new Error('negated class');
    const set = none();
    while (this.i < src.length && src[this.i] !== ']') {
      let code: number;
      if (src[this.i] === '\\') {
        const e = src[this.i + 1];
        this.i += 2;
        const cls = escapeClass(e);
        if (cls) {
          addInto(set, cls);
          continue;
        }
        if (/[a-zA-Z0-9]/.test(e)) throw new Error(`unsupported escape \\${e}`);
        code = e.charCodeAt(0);
      } else {
        code = src.charCodeAt(this.i);
        this.i++;
      }
      if (src[this.i] === '-' && src[this.i + 1] !== ']' && this.i + 1 < src.length) {
        this.i++;
        let to: number;
        if (src[this.i] === '\\') {
          to = src.charCodeAt(this.i + 1);
          this.i += 2;
        } else {
          to = src.charCodeAt(this.i);
          this.i++;
        }
        addRange(set, code, Math.min(to, 127), this.ignoreCase);
        if (to >= 128) set.other = true;
        continue;
      }
      addChar(set, code, this.ignoreCase);
    }
    if (src[this.i] !== ']') throw new Error('unclosed class');
    this.i++;
    return { first: set, nullable: false };
  }
}

/**
 * The characters a match of `re` can start with. Patterns with constructs the
 * reader does not know (or flags that change matching, such as `u` or `s`)
 * start with any character.
 */
export function firstChars(re: RegExp): FirstChars {
  if (/[usmv]/.test(re.flags)) return any();
  try {
    const r = new Reader(re.source, re.flags.includes('i'));
    const part = r.alternation();
    if (r.i !== re.source.length) return any();
    return part.first;
  } catch {
    return any();
  }
}
