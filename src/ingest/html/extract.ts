/**
 * Main-content extraction from a parsed page.
 *
 * 1. Flatten: one iterative walk puts every node (elements and text) into
 *    parallel arrays in document order, with each subtree a contiguous range.
 *    Hard boilerplate (nav, aside, footer, form controls, hidden nodes, ARIA
 *    landmarks that are not the main content) is skipped during the walk.
 * 2. Blocks: each text node belongs to its nearest block element; a block is
 *    classified from its own text length, link density and wording as good
 *    (article prose), bad (link lists, share/subscribe/cookie lines) or short.
 * 3. Container: the element maximising good − bad − ½·short text (computed
 *    bottom-up over the contiguous ranges) is the article; class/id hints
 *    (article-body vs comments/related/sidebar) weight the choice and prune
 *    soft boilerplate inside it.
 * 4. Output: blocks of the container in order, dropping bad ones and short
 *    non-prose runs at the edges; paragraphs are separated by blank lines and
 *    list items / table rows by single newlines.
 * Linear in the number of nodes; no recursion.
 */

export interface Extracted {
  text: string;
  /** A date line standing on its own in the article container (dropped from `text`), if any. */
  dateline: string | null;
  /** Characters of text in the whole body after hard pruning (for the fallback decision). */
  bodyChars: number;
}

const K_EL = 0;
const K_TEXT = 1;

const HARD_JUNK = new Set([
  'nav',
  'aside',
  'footer',
  'button',
  'input',
  'select',
  'textarea',
  'option',
  'head',
  'script',
  'style',
  'template',
  'svg',
  'iframe',
  'dialog',
  'menu',
  'label',
  'figcaption',
  'link',
  'meta',
  'title',
]);

const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'center',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'html',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'tfoot',
  'thead',
  'tr',
  'ul',
  'br',
  'caption',
]);
/** Blocks whose text is one line of a larger paragraph (list items, table rows). */
const LINE_BLOCK = new Set(['li', 'dt', 'dd', 'tr']);
const CELL = new Set(['td', 'th']);

const NEG_ROLE =
  /^(navigation|banner|contentinfo|complementary|menu|menubar|search|dialog|alertdialog|toolbar|tablist)$/i;
/** Class/id words that mark boilerplate whatever its size (matched as the first or last part of a class token). */
const HARD_NEG = new Set(
  (
    'comment comments commentlist respond share sharing sharebar social socials related relacionadas recommended ' +
    'recommendations newsletter subscribe subscription sidebar footer nav navbar navigation menu breadcrumb ' +
    'breadcrumbs cookie cookies consent advert advertisement advertising ad ads adv adslot sponsor sponsored popup ' +
    'modal disqus outbrain taboola signup login paywall donate morestories readmore trending popular mostread follow'
  ).split(' '),
);
/** Class/id words that mark boilerplate unless the element holds most of the text. */
const SOFT_NEG = new Set(
  (
    'promo widget banner tags tag taglist keywords byline author bio toolbar pagination pager rating skip hidden ' +
    'sronly teaser headlines gallery meta postmeta caption credit masthead topbar header toc jump rss feed overlay ' +
    'aside links dek standfirst subtitle subheadline strapline kicker promosmall promolist'
  ).split(' '),
);
/** Parts of a class token that make it a layout wrapper rather than a boilerplate box. */
const LAYOUT = new Set(
  'content article body wrap wrapper with enabled margins column col page main container layout post story entry inner outer has no non'.split(
    ' ',
  ),
);

const TAXONOMY = /^(?:tag|tags|category|categories|cat|format|type|status|postid|marke|rubrik)[-_]/;

/** 2 = hard boilerplate, 1 = soft, 0 = none, judged per class token. */
function negLevel(cls: string): number {
  let level = 0;
  for (const token of cls.toLowerCase().split(/\s+/)) {
    if (!token) continue;
    // Taxonomy labels on posts ("tag-popular", "category-sidebar-news") say nothing about layout.
    if (TAXONOMY.test(token)) continue;
    const parts = token.split(/[-_]+/).filter(Boolean);
    if (!parts.length || parts.some((p) => LAYOUT.has(p))) continue;
    const ends = [parts[0], parts[parts.length - 1], parts.join('')];
    if (ends.some((p) => HARD_NEG.has(p))) return 2;
    if (ends.some((p) => SOFT_NEG.has(p)) || parts.some((p) => SOFT_NEG.has(p))) level = 1;
  }
  return level;
}
const STRONG_POS =
  /article-?body|articlebody|story-?body|entry-?content|post-?content|post-?body|article-?content|article-?text|story-?content|main-?content|body-?text|article__body|c-entry-content/i;
const POS_CLASS =
  /(?:^|[\s_-])(?:article|story|entry|post|content|main|text|body|prose|rich-?text|blog-?post)(?=$|[\s_-])/i;
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;

const BOILER_TEXT =
  /^(?:share(?: this| on| via)?|tweet|email|print|read more|more:?|related(?: articles| stories| posts)?:?|advertisement|advertising|advert|sponsored|trending(?: news| now)?|most popular|most read|video|continue reading below|like this story\??.*|please enable javascript.*|you have been successfully subscribed!?|image \d+ of \d+|image copyright .*|(?:photo|image|picture) credit:? .*|more (?:great )?\S+ stories|more from \S+(?: \S+)?|you may (?:also )?like.*|você pode gostar.*|follow \S+(?: \S+)? on\b.*|related news|get our .{0,40}newsletter|tell us what you think\W*|subscribe\b.*|sign up\b.*|log ?in|sign in|follow us.*|click here.*|continue reading|see also|you may also like.*|recommended.*|comments?|leave a (?:comment|reply)|skip to .*|back to top|cookie.*|all rights reserved.*|copyright .*|©.*|loading\.*|top|menu|home|next|previous|prev|anzeige|werbung|teilen|mehr zum thema.*|lesen sie auch.*|публикация|реклама)$/i;
const BYLINE =
  /^(?:by|von|par|por|door|di|av)\s+\p{Lu}[\p{L}.'-]*(?:\s+\p{Lu}[\p{L}.'-]*){0,3}(?:\s*(?:,|and|und|et|y)\s+\p{Lu}[\p{L}.'-]*(?:\s+\p{Lu}[\p{L}.'-]*){0,3})*$/u;
const DATE_LINE =
  /^(?:(?:updated|published|posted|veröffentlicht|aktualisiert|publié|publicado|stand)[:\s]+)?(?:\p{L}+,?\s+)?(?:\d{1,2}[./]\s*\d{1,2}[./]\s*\d{2,4}|\d{4}-\d\d-\d\d|\p{L}{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\.?\s+\p{L}{3,9}\.?,?\s+\d{4})\b/iu;
/** A short line that starts with "By" and carries a date: a byline. */
const BYLINE_DATED = /^(?:by|von|par|por)\b.{0,80}\b(?:19|20)\d\d\b/iu;
const SENTENCE_END = /[.!?…:;"”»。！？)]\s*$/;

export interface ExtractOptions {
  /** Title of the page, used to drop a repeated headline from the body. */
  title?: string | null;
}

interface Flat {
  kind: Uint8Array;
  parent: Int32Array;
  end: Int32Array;
  tag: string[];
  text: (string | null)[];
  node: (Element | null)[];
  n: number;
}

function classOf(el: Element): string {
  const c = el.getAttribute('class');
  const id = el.getAttribute('id');
  return c ? (id ? `${c} ${id}` : c) : (id ?? '');
}

/** Iterative flattening of the subtree under `root`, skipping hard junk. */
function flatten(root: Element, cap: number): Flat {
  const kind: number[] = [];
  const parent: number[] = [];
  const end: number[] = [];
  const tag: string[] = [];
  const text: (string | null)[] = [];
  const node: (Element | null)[] = [];
  // Stack of [node, parentIndex]; a negative marker closes an element's range.
  const stack: (Node | number)[] = [root];
  const parents: number[] = [-1];
  while (stack.length) {
    const item = stack.pop()!;
    const p = parents.pop()!;
    if (typeof item === 'number') {
      end[item] = kind.length;
      continue;
    }
    if (kind.length >= cap) continue;
    if (item.nodeType === 3) {
      const t = item.nodeValue ?? '';
      if (!t) continue;
      const i = kind.length;
      kind.push(K_TEXT);
      parent.push(p);
      end.push(i + 1);
      tag.push('#text');
      text.push(t);
      node.push(null);
      continue;
    }
    if (item.nodeType !== 1) continue;
    const el = item as Element;
    const name = el.tagName.toLowerCase();
    if (HARD_JUNK.has(name) && p >= 0) continue;
    if (p >= 0 && isHidden(el)) continue;
    const i = kind.length;
    kind.push(K_EL);
    parent.push(p);
    end.push(i + 1);
    tag.push(name);
    text.push(null);
    node.push(el);
    stack.push(i);
    parents.push(-1);
    const kids = el.childNodes;
    for (let k = kids.length - 1; k >= 0; k--) {
      stack.push(kids[k]);
      parents.push(i);
    }
  }
  const n = kind.length;
  return {
    kind: Uint8Array.from(kind),
    parent: Int32Array.from(parent),
    end: Int32Array.from(end),
    tag,
    text,
    node,
    n,
  };
}

function isHidden(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  if (el.getAttribute('aria-hidden') === 'true') return true;
  const style = el.getAttribute('style');
  if (style && HIDDEN_STYLE.test(style)) return true;
  const role = el.getAttribute('role');
  return role != null && NEG_ROLE.test(role);
}

const WS = /(?:\s|\u00a0|\u200b|\u200c|\u200d|\ufeff)+/g;

/** Extracts the article body from a parsed page. */
export function extractContent(doc: Document, opts: ExtractOptions = {}): Extracted {
  const root = doc.body ?? doc.documentElement;
  if (!root) return { text: '', bodyChars: 0, dateline: null };
  const f = flatten(root, 400_000);
  const { n, kind, parent, tag, text, node } = f;

  // Per node: owning block, inside a link, class hints.
  const owner = new Int32Array(n);
  const inLink = new Uint8Array(n);
  const neg = new Uint8Array(n); // 1 = negative class hint on this element
  const pos = new Uint8Array(n);
  const ownLen = new Float64Array(n);
  const ownLink = new Float64Array(n);
  const ownPunct = new Uint8Array(n);
  const ownText: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const p = parent[i];
    if (kind[i] === K_TEXT) {
      owner[i] = p >= 0 ? owner[p] : 0;
      inLink[i] = p >= 0 ? inLink[p] : 0;
      const t = text[i]!.replace(WS, ' ');
      const o = owner[i];
      ownText[o] = ownText[o] === undefined ? t : ownText[o] + t;
      const len = t.trim().length;
      ownLen[o] += len;
      if (inLink[i]) ownLink[o] += len;
      continue;
    }
    const name = tag[i];
    owner[i] = BLOCK.has(name) || p < 0 ? i : owner[p];
    inLink[i] = name === 'a' || (p >= 0 && inLink[p]) ? 1 : 0;
    const el = node[i]!;
    const cls = classOf(el);
    if (cls) {
      const strong = STRONG_POS.test(cls);
      if (strong) pos[i] = 2;
      else if (POS_CLASS.test(cls)) pos[i] = 1;
      if (!strong) neg[i] = negLevel(cls);
    }
    if (el.getAttribute('itemprop') === 'articleBody') {
      pos[i] = 2;
      neg[i] = 0;
    } else if ((name === 'article' || name === 'main') && !pos[i]) pos[i] = 1;
    if (name === 'header' && !neg[i]) neg[i] = 1;
    if (name === 'form' && !neg[i] && !pos[i]) neg[i] = 1;
    if (name === 'figure' && !pos[i]) neg[i] = Math.max(neg[i], 1);
  }

  // Classify blocks.
  const cls = new Int8Array(n); // 1 good, -1 bad, 0 short/none
  for (let i = 0; i < n; i++) {
    if (kind[i] !== K_EL || owner[i] !== i || ownLen[i] === 0) continue;
    const len = ownLen[i];
    const ld = ownLink[i] / len;
    const t = ownText[i]?.trim() ?? '';
    ownPunct[i] = SENTENCE_END.test(t) ? 1 : 0;
    if (len <= 80 && BOILER_TEXT.test(t)) cls[i] = -1;
    else if (ld > 0.6 || (ld > 0.4 && !ownPunct[i])) cls[i] = -1;
    else if ((len >= 80 && ld < 0.5) || (len >= 30 && ld < 0.25 && ownPunct[i])) cls[i] = 1;
  }

  // Bottom-up sums (children have higher indices than their parents).
  const good = new Float64Array(n);
  const bad = new Float64Array(n);
  const short = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    if (kind[i] !== K_EL) continue;
    if (owner[i] === i) {
      if (cls[i] > 0) good[i] += ownLen[i];
      else if (cls[i] < 0) bad[i] += ownLen[i];
      else short[i] += ownLen[i];
    }
    const p = parent[i];
    if (p >= 0) {
      good[p] += good[i];
      bad[p] += bad[i];
      short[p] += short[i];
    }
  }
  const totalGood = good[0];
  const bodyChars = good[0] + bad[0] + short[0];

  // Soft junk: negative class hints on elements that do not carry most of the article.
  const junk = new Uint8Array(n);
  for (let i = 1; i < n; i++) {
    if (kind[i] !== K_EL) continue;
    if (junk[parent[i]]) {
      junk[i] = 1;
      continue;
    }
    if (neg[i] === 2 && pos[i] < 2 && good[i] < 0.85 * totalGood) junk[i] = 1;
    else if (neg[i] === 1 && !pos[i] && good[i] < 0.35 * totalGood) junk[i] = 1;
    else if (neg[i] === 1 && pos[i] === 1 && good[i] < 0.1 * totalGood) junk[i] = 1;
  }
  // Recompute sums without junk.
  good.fill(0);
  bad.fill(0);
  short.fill(0);
  for (let i = n - 1; i >= 0; i--) {
    if (kind[i] !== K_EL || junk[i]) continue;
    if (owner[i] === i) {
      if (cls[i] > 0) good[i] += ownLen[i];
      else if (cls[i] < 0) bad[i] += ownLen[i];
      else short[i] += ownLen[i];
    }
    const p = parent[i];
    if (p >= 0) {
      good[p] += good[i];
      bad[p] += bad[i];
      short[p] += short[i];
    }
  }

  // Container choice.
  let best = 0;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    if (kind[i] !== K_EL || junk[i] || good[i] === 0) continue;
    let s = good[i] - bad[i] - 0.5 * short[i];
    if (pos[i]) s += (pos[i] === 2 ? 0.15 : 0.05) * good[i];
    if (s > bestScore) {
      bestScore = s;
      best = i;
    }
  }

  let out = render(f, best, owner, cls, junk, ownLen, ownPunct, opts.title ?? null);
  if (out.text.length < 200 && bodyChars > 4 * Math.max(out.text.length, 100)) {
    // The container missed the article (e.g. prose without block structure): fall back to the body.
    const alt = render(f, 0, owner, cls, junk, ownLen, ownPunct, opts.title ?? null);
    if (alt.text.length > out.text.length) out = alt;
  }
  return { text: out.text, bodyChars, dateline: out.dateline };
}

/** Renders the blocks under `root` as paragraphs, dropping bad blocks and non-prose edges. */
function render(
  f: Flat,
  root: number,
  owner: Int32Array,
  cls: Int8Array,
  junk: Uint8Array,
  ownLen: Float64Array,
  ownPunct: Uint8Array,
  title: string | null,
): { text: string; dateline: string | null } {
  let dateline: string | null = null;
  const { kind, tag, text, end } = f;
  // Chunks: one per block with text, in order.
  const chunks: { text: string; line: boolean; block: number }[] = [];
  let buf = '';
  let bufBlock = -1;
  const flush = () => {
    if (bufBlock >= 0) {
      const t = buf.replace(/[ \t]*\n[ \t]*/g, '\n').replace(/^\s+|\s+$/g, '');
      if (t) {
        const name = tag[bufBlock];
        chunks.push({ text: t, line: LINE_BLOCK.has(name) || CELL.has(name), block: bufBlock });
      }
    }
    buf = '';
    bufBlock = -1;
  };
  const stop = end[root];
  let inPre = 0;
  const preEnds: number[] = [];
  for (let i = root; i < stop; i++) {
    while (preEnds.length && i >= preEnds[preEnds.length - 1]) {
      preEnds.pop();
      inPre--;
    }
    if (kind[i] === K_EL) {
      if (junk[i]) {
        i = end[i] - 1;
        continue;
      }
      const name = tag[i];
      if (owner[i] === i || name === 'br') {
        if (name === 'br') {
          buf += '\n';
          continue;
        }
        flush();
      }
      if (name === 'pre') {
        inPre++;
        preEnds.push(end[i]);
      }
      if (CELL.has(name) && buf) buf += ' ';
      continue;
    }
    const o = owner[i];
    if (o !== bufBlock) {
      flush();
      bufBlock = o;
    }
    const t = text[i]!;
    buf += inPre ? t : t.replace(WS, ' ');
  }
  flush();

  // Keep good and short blocks, drop bad ones; trim non-prose runs at both edges.
  const keep = chunks.map((c) => cls[c.block] >= 0);
  const titleNorm = title ? norm(title) : null;
  for (let k = 0; k < chunks.length; k++) {
    const c = chunks[k];
    if (titleNorm && /^h[1-3]$/.test(tag[c.block]) && norm(c.text) === titleNorm) keep[k] = false;
    // Date lines and bylines on their own ("Nov. 18, 2019 7:04 pm ET", "By Jane Doe").
    else if (c.text.length < 70 && BYLINE.test(c.text)) keep[k] = false;
    else if (c.text.length < 120 && BYLINE_DATED.test(c.text)) keep[k] = false;
    else if (c.text.length < 70 && DATE_LINE.test(c.text) && !/[.!?]\s*$/.test(c.text)) {
      keep[k] = false;
      dateline ??= c.text;
    }
  }
  const prose = (k: number) => cls[chunks[k].block] > 0;
  let first = 0;
  while (first < chunks.length && !prose(first)) first++;
  let last = chunks.length - 1;
  while (last >= 0 && !prose(last)) last--;
  // Trailing short lines after the last prose block: keep list/table lines that continue the article.
  const continues = (k: number) => {
    const b = chunks[k].block;
    return cls[b] >= 0 && (ownPunct[b] || chunks[k].line) && ownLen[b] >= 20;
  };
  for (let k = last + 1; k < chunks.length; k++) {
    if (continues(k)) last = k;
    else if (/^h[2-6]$/.test(tag[chunks[k].block]) && k + 1 < chunks.length && continues(k + 1)) last = ++k;
    else break;
  }
  const parts: string[] = [];
  let prevLine = false;
  for (let k = Math.max(0, first); k <= last; k++) {
    if (!keep[k]) continue;
    const c = chunks[k];
    if (parts.length) parts.push(c.line && prevLine ? '\n' : '\n\n');
    parts.push(c.text);
    prevLine = c.line;
  }
  return { text: parts.join(''), dateline };
}

function norm(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}
