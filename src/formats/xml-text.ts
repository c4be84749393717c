/**
 * XML character-level rules FHIR XML needs: which characters XML 1.0 allows, decoding of
 * attribute values (predefined entities, character references, whitespace normalisation)
 * and escaping for writing. Only the five predefined entities exist here: DOCTYPE-declared
 * entities are refused earlier (see xml-guard.ts).
 */

/** Characters outside XML 1.0's Char production (NUL, most C0 controls, lone surrogates, U+FFFE/U+FFFF). */
export const FORBIDDEN_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function isXmlCodePoint(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

export type DecodeResult = { ok: true; value: string } | { ok: false; message: string; offset: number };

/**
 * Decodes a raw attribute value as an XML processor does: literal tab/CR/LF become spaces
 * (so a newline must be written as `&#xA;`), then references are replaced.
 */
export function decodeAttributeValue(raw: string): DecodeResult {
  const normalised = raw.replace(/\r\n|[\t\n\r]/g, ' ');
  if (normalised.indexOf('&') < 0) {
    const lt = normalised.indexOf('<');
    return lt < 0 ? { ok: true, value: normalised } : { ok: false, message: "'<' is not allowed in an attribute value", offset: lt };
  }
  let out = '';
  let last = 0;
  const reference = /&(?:(lt|gt|amp|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+))?;?/g;
  for (let m = reference.exec(normalised); m; m = reference.exec(normalised)) {
    out += normalised.slice(last, m.index);
    last = m.index + m[0].length;
    if (!m[0].endsWith(';') || m[0] === '&;') {
      return { ok: false, message: `'&' must start an entity or character reference ending in ';' (found "${normalised.slice(m.index, m.index + 12)}")`, offset: m.index };
    }
    if (m[1]) {
      out += PREDEFINED[m[1]];
    } else {
      const cp = m[2] !== undefined ? Number.parseInt(m[2], 10) : Number.parseInt(m[3], 16);
      if (!isXmlCodePoint(cp)) return { ok: false, message: `character reference ${m[0]} names a character XML does not allow`, offset: m.index };
      out += String.fromCodePoint(cp);
    }
  }
  out += normalised.slice(last);
  const lt = normalised.indexOf('<');
  if (lt >= 0) return { ok: false, message: "'<' is not allowed in an attribute value", offset: lt };
  return { ok: true, value: out };
}

/** Escapes text for a double-quoted attribute value so that it decodes back exactly. */
export function escapeAttributeValue(value: string): string {
  return value.replace(/[&<>"\t\n\r]/g, (c) => {
    switch (c) {
      case '&': return '&amp;';
      case '<': return '&lt;';
      case '>': return '&gt;';
      case '"': return '&quot;';
      case '\t': return '&#x9;';
      case '\n': return '&#xA;';
      default: return '&#xD;';
    }
  });
}
