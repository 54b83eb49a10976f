/**
 * A linear pre-pass over raw HTML before it reaches the DOM parser:
 * - drops comments and the contents of script/style/template/svg/… (keeping
 *   JSON-LD blocks aside for the metadata reader),
 * - caps element nesting depth, so pathological input (100,000 nested divs)
 *   cannot make the parser or any later walk slow or deep,
 * - tolerates truncation anywhere (an unterminated tag or comment ends the input).
 * One left-to-right scan; every search resumes where the last one stopped.
 */

export interface Prepared {
  html: string;
  /** Raw text of `<script type="application/ld+json">` blocks, in document order. */
  jsonLd: string[];
  /** Number of tags dropped because they exceeded the depth cap. */
  droppedForDepth: number;
  truncated: boolean;
}

export const MAX_DEPTH = 180;

/** Elements whose content is dropped entirely. */
const DROP_CONTENT = new Set([
  'script',
  'style',
  'template',
  'svg',
  'math',
  'iframe',
  'object',
  'canvas',
  'select',
]);
/** Elements without content: never pushed on the open-element stack. */
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
  'keygen',
  'image',
]);
/** Elements that close a still-open sibling of the same kind (<p>a<p>b, <li>…<li>). */
const SELF_CLOSING_SIBLINGS = new Set(['p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option']);

const TAG_NAME = /^<\/?([a-zA-Z][a-zA-Z0-9:-]*)/;

export function prepareHtml(input: string): Prepared {
  const out: string[] = [];
  const jsonLd: string[] = [];
  const stack: string[] = [];
  /** Per tag name: how many opening tags were dropped and still await their closing tag. */
  const dropped = new Map<string, number>();
  let droppedForDepth = 0;
  let htmlAttrs: string | null = null;
  let truncated = false;
  let i = 0;
  let last = 0;
  const n = input.length;

  while (i < n) {
    const lt = input.indexOf('<', i);
    if (lt < 0) break;
    const next = input.charCodeAt(lt + 1);
    // Comments, doctype, CDATA, processing instructions.
    if (next === 33 /* ! */ || next === 63 /* ? */) {
      out.push(input.slice(last, lt));
      let end: number;
      if (input.startsWith('<!--', lt)) {
        end = input.indexOf('-->', lt + 4);
        end = end < 0 ? -1 : end + 3;
      } else if (input.startsWith('<![CDATA[', lt)) {
        end = input.indexOf(']]>', lt + 9);
        if (end >= 0) out.push(escapeText(input.slice(lt + 9, end)));
        end = end < 0 ? -1 : end + 3;
      } else {
        end = input.indexOf('>', lt + 2);
        end = end < 0 ? -1 : end + 1;
      }
      if (end < 0) {
        truncated = true;
        last = n;
        i = n;
        break;
      }
      i = last = end;
      continue;
    }
    const m = TAG_NAME.exec(input.slice(lt, lt + 64));
    if (!m) {
      i = lt + 1;
      continue;
    }
    const gt = findTagEnd(input, lt + m[0].length);
    if (gt < 0) {
      // Truncated inside a tag: keep the text before it.
      out.push(input.slice(last, lt));
      truncated = true;
      last = n;
      i = n;
      break;
    }
    const closing = input.charCodeAt(lt + 1) === 47;
    const name = m[1].toLowerCase();
    if (!closing && DROP_CONTENT.has(name)) {
      out.push(input.slice(last, lt));
      const selfClosed = input.charCodeAt(gt - 1) === 47;
      let end = gt + 1;
      if (!selfClosed) {
        const close = new RegExp(`</${name}\\s*>`, 'gi');
        close.lastIndex = gt + 1;
        const cm = close.exec(input);
        if (name === 'script' && /type\s*=\s*["']?application\/ld\+json/i.test(input.slice(lt, gt))) {
          jsonLd.push(input.slice(gt + 1, cm ? cm.index : n));
        }
        end = cm ? cm.index + cm[0].length : n;
        if (!cm) truncated = true;
      }
      i = last = end;
      continue;
    }
    if (name === 'html' || name === 'head' || name === 'body') {
      // Re-created around the content below: pages with markup before <html> or several
      // <body> tags would otherwise confuse the tree builder.
      out.push(input.slice(last, lt));
      if (!closing && name === 'html' && htmlAttrs === null) htmlAttrs = input.slice(lt + m[0].length, gt);
      i = last = gt + 1;
      continue;
    }
    if (VOID.has(name)) {
      i = gt + 1;
      continue;
    }
    if (closing) {
      const d = dropped.get(name);
      if (d) {
        // The closing tag of an element dropped for depth.
        out.push(input.slice(last, lt));
        dropped.set(name, d - 1);
        i = last = gt + 1;
        continue;
      }
      // Pop to the matching open element, looking only a little way down.
      for (let k = stack.length - 1, seen = 0; k >= 0 && seen < 24; k--, seen++) {
        if (stack[k] === name) {
          stack.length = k;
          break;
        }
      }
      i = gt + 1;
      continue;
    }
    if (input.charCodeAt(gt - 1) === 47) {
      i = gt + 1; // <div/>: self-closed
      continue;
    }
    if (SELF_CLOSING_SIBLINGS.has(name) && stack[stack.length - 1] === name) stack.pop();
    if (stack.length >= MAX_DEPTH) {
      out.push(input.slice(last, lt));
      dropped.set(name, (dropped.get(name) ?? 0) + 1);
      droppedForDepth++;
      i = last = gt + 1;
      continue;
    }
    stack.push(name);
    i = gt + 1;
  }
  if (last < n) out.push(input.slice(last));
  const attrs = (htmlAttrs ?? '').replace(/\/$/, '');
  return {
    html: `<!DOCTYPE html><html${attrs}><head></head><body>${out.join('')}</body></html>`,
    jsonLd,
    droppedForDepth,
    truncated,
  };
}

/** End of a tag starting after its name: the next `>` outside quoted attribute values. */
function findTagEnd(s: string, from: number): number {
  let q = 0;
  const n = s.length;
  for (let i = from; i < n; i++) {
    const c = s.charCodeAt(i);
    if (q) {
      if (c === q) q = 0;
      else if (c === 62 /* > */ && i - from > 2000) return i; // runaway quote: give up on it
      continue;
    }
    if (c === 62) return i;
    if ((c === 34 || c === 39) && s.charCodeAt(i - 1) === 61 /* = */) q = c;
  }
  return -1;
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
