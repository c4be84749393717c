/**
 * A lexical pass over XML text before it reaches the parser, for what fast-xml-parser lets
 * through: characters XML forbids (NUL, controls, lone surrogates), DOCTYPE and entity
 * declarations (refused outright: no external entities and no entity expansion), undefined
 * entity references, content outside the one root element, and nesting deeper than a limit
 * (so that a 10,000-deep document is an error, not a stack overflow). Iterative, one pass.
 */
import { FORBIDDEN_XML_CHAR } from './xml-text.js';

export interface XmlGuardError {
  message: string;
  offset: number;
}

export interface XmlGuardOptions {
  /** Deepest element nesting accepted (FHIR resources with narrative stay far below). */
  maxDepth: number;
}

export const DEFAULT_MAX_XML_DEPTH = 500;

const REFERENCE_BODY = /^(?:lt|gt|amp|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/;

/** Offset of the first '&' in [from, to) that does not start an allowed reference, or -1. */
function badReference(text: string, from: number, to: number): number {
  for (let amp = text.indexOf('&', from); amp >= 0 && amp < to; amp = text.indexOf('&', amp + 1)) {
    if (!REFERENCE_BODY.test(text.slice(amp + 1, amp + 12))) return amp;
  }
  return -1;
}

function badReferenceMessage(text: string, offset: number): string {
  const name = /^&([A-Za-z_][\w.-]*);/.exec(text.slice(offset, offset + 64));
  const allowed = 'only &lt; &gt; &amp; &quot; &apos; and character references such as &#xA; are allowed';
  return name ? `the entity '${name[1]}' is referenced but not declared (${allowed})` : `'&' does not start a reference (${allowed})`;
}

/** Returns the first problem found, or undefined when the text may go to the parser. */
export function checkXmlText(text: string, options: XmlGuardOptions = { maxDepth: DEFAULT_MAX_XML_DEPTH }): XmlGuardError | undefined {
  const forbidden = FORBIDDEN_XML_CHAR.exec(text);
  if (forbidden) {
    const code = text.codePointAt(forbidden.index) ?? 0;
    return { message: `character U+${code.toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`, offset: forbidden.index };
  }
  let depth = 0;
  let rootSeen = false;
  let i = 0;
  const length = text.length;
  while (i < length) {
    const lt = text.indexOf('<', i);
    const textEnd = lt < 0 ? length : lt;
    if (textEnd > i) {
      const bad = badReference(text, i, textEnd);
      if (bad >= 0) return { message: badReferenceMessage(text, bad), offset: bad };
      if (depth === 0 && text.slice(i, textEnd).trim() !== '') {
        return { message: 'text is not allowed outside the root element', offset: i + text.slice(i, textEnd).search(/\S/) };
      }
    }
    if (lt < 0) break;
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end < 0) return { message: 'comment is not closed', offset: lt };
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      if (depth === 0) return { message: 'CDATA is not allowed outside the root element', offset: lt };
      const end = text.indexOf(']]>', lt + 9);
      if (end < 0) return { message: 'CDATA section is not closed', offset: lt };
      i = end + 3;
    } else if (text.startsWith('<!', lt)) {
      const what = /^<!(DOCTYPE|ENTITY)/i.test(text.slice(lt, lt + 9)) ? text.slice(lt + 2, lt + 9).toUpperCase().replace(/[^A-Z]/g, '') : 'markup';
      return { message: `${what} declarations are not allowed in FHIR XML (no DTDs, no entity declarations)`, offset: lt };
    } else if (text.startsWith('<?', lt)) {
      const end = text.indexOf('?>', lt + 2);
      if (end < 0) return { message: 'processing instruction is not closed', offset: lt };
      i = end + 2;
    } else if (text.startsWith('</', lt)) {
      const end = text.indexOf('>', lt);
      if (end < 0) return { message: 'closing tag is not closed', offset: lt };
      depth--;
      if (depth < 0) return { message: 'closing tag without an opening tag', offset: lt };
      i = end + 1;
    } else {
      if (depth === 0 && rootSeen) return { message: 'only one root element is allowed', offset: lt };
      // Find the tag's end, stepping over quoted attribute values (which may hold '>').
      let j = lt + 1;
      let quote = '';
      for (; j < length; j++) {
        const c = text[j];
        if (quote) {
          if (c === quote) quote = '';
        } else if (c === '"' || c === "'") {
          quote = c;
        } else if (c === '>' || c === '<') {
          break;
        }
      }
      if (j >= length || text[j] === '<') return { message: 'tag is not closed', offset: lt };
      const bad = badReference(text, lt, j);
      if (bad >= 0) return { message: badReferenceMessage(text, bad), offset: bad };
      rootSeen = true;
      if (text[j - 1] !== '/') {
        depth++;
        if (depth > options.maxDepth) return { message: `elements are nested more than ${options.maxDepth} deep`, offset: lt };
      }
      i = j + 1;
    }
  }
  if (!rootSeen) return { message: 'no root element', offset: 0 };
  if (depth > 0) return { message: 'the document ends before its elements are closed', offset: length };
  return undefined;
}
