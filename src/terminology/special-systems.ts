/**
 * Code systems that are too large or open-ended to ship as CodeSystem resources but whose
 * codes can be checked here by grammar or by data already installed: MIME types (BCP 13),
 * language tags (BCP 47), UCUM units (via @lhncbc/ucum-lhc, bundled with fhirpath) and
 * ISO 4217 currencies (the runtime's ICU list).
 *
 * A grammar can prove a code wrong but not that it is registered, so a check answers
 * 'valid', 'invalid' (malformed) or 'not-checked' (well-formed but unverifiable).
 */
import { ucumUtils } from 'fhirpath';

export type SyntaxVerdict = { result: 'valid' } | { result: 'invalid'; message: string } | { result: 'not-checked'; message: string };

export interface SyntaxCheckedSystem {
  url: string;
  name: string;
  check(code: string): SyntaxVerdict;
}

// RFC 6838 restricted-name, for the type and the subtype.
const MIME_NAME = '[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}';
const MIME_PARAMETER = `\\s*;\\s*[A-Za-z0-9!#$&^_.+-]+=(?:"[^"]*"|[^;\\s"]+)`;
const MIME_PATTERN = new RegExp(`^(${MIME_NAME})/${MIME_NAME}(?:${MIME_PARAMETER})*$`);
const MIME_TOP_LEVEL_TYPES = new Set([
  'application', 'audio', 'example', 'font', 'haptics', 'image', 'message', 'model', 'multipart', 'text', 'video',
]);

// RFC 5646 section 2.1 grammar (case-insensitive).
const BCP47_LANGTAG = [
  '(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})', // language (with extlang)
  '(?:-[a-z]{4})?', // script
  '(?:-(?:[a-z]{2}|[0-9]{3}))?', // region
  '(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*', // variants
  '(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*', // extensions
  '(?:-x(?:-[a-z0-9]{1,8})+)?', // private use
].join('');
const BCP47_PATTERN = new RegExp(`^(?:${BCP47_LANGTAG}|x(?:-[a-z0-9]{1,8})+)$`, 'i');
const BCP47_GRANDFATHERED = new Set([
  'en-gb-oed', 'i-ami', 'i-bnn', 'i-default', 'i-enochian', 'i-hak', 'i-klingon', 'i-lux', 'i-mingo', 'i-navajo',
  'i-pwn', 'i-tao', 'i-tay', 'i-tsu', 'sgn-be-fr', 'sgn-be-nl', 'sgn-ch-de', 'art-lojban', 'cel-gaulish', 'no-bok',
  'no-nyn', 'zh-guoyu', 'zh-hakka', 'zh-min', 'zh-min-nan', 'zh-xiang',
]);

const mimeTypes: SyntaxCheckedSystem = {
  url: 'urn:ietf:bcp:13',
  name: 'MIME type (BCP 13)',
  check(code) {
    const match = MIME_PATTERN.exec(code);
    if (!match) return { result: 'invalid', message: `'${code}' is not a well-formed MIME type (type/subtype[;param=value])` };
    if (!MIME_TOP_LEVEL_TYPES.has(match[1].toLowerCase())) {
      return { result: 'not-checked', message: `'${code}' has the unregistered top-level type '${match[1]}'; MIME subtypes are not checked locally` };
    }
    return { result: 'valid' };
  },
};

const languageTags: SyntaxCheckedSystem = {
  url: 'urn:ietf:bcp:47',
  name: 'language tag (BCP 47)',
  check(code) {
    if (BCP47_PATTERN.test(code) || BCP47_GRANDFATHERED.has(code.toLowerCase())) return { result: 'valid' };
    return { result: 'invalid', message: `'${code}' is not a well-formed BCP 47 language tag` };
  },
};

const ucumUnits: SyntaxCheckedSystem = {
  url: 'http://unitsofmeasure.org',
  name: 'UCUM unit',
  check(code) {
    let outcome: { status?: string; msg?: string[] };
    try {
      outcome = (ucumUtils as { validateUnitString(unit: string, suggest: boolean): typeof outcome }).validateUnitString(code, false);
    } catch (error) {
      return { result: 'not-checked', message: `UCUM unit '${code}' could not be checked: ${(error as Error).message}` };
    }
    if (outcome.status === 'valid') return { result: 'valid' };
    if (outcome.status === 'invalid') {
      return { result: 'invalid', message: `'${code}' is not a valid UCUM unit${outcome.msg?.length ? `: ${outcome.msg.join('; ')}` : ''}` };
    }
    return { result: 'not-checked', message: `UCUM unit '${code}' could not be checked (${outcome.status ?? 'no status'})` };
  },
};

function createCurrencySystem(): SyntaxCheckedSystem {
  let known: Set<string> | undefined;
  return {
    url: 'urn:iso:std:iso:4217',
    name: 'ISO 4217 currency',
    check(code) {
      if (!/^[A-Z]{3}$/.test(code)) return { result: 'invalid', message: `'${code}' is not an ISO 4217 currency code (three capital letters)` };
      known ??= new Set(Intl.supportedValuesOf('currency'));
      if (known.has(code)) return { result: 'valid' };
      // ICU lags behind ISO (new currencies), so an unknown code is not proof of error.
      return { result: 'not-checked', message: `'${code}' is not in this runtime's ISO 4217 currency list; it may be newer than the list` };
    },
  };
}

/** The syntax-checked systems, one table per Terminology instance. */
export function createSyntaxCheckedSystems(): Map<string, SyntaxCheckedSystem> {
  return new Map([mimeTypes, languageTags, ucumUnits, createCurrencySystem()].map((system) => [system.url, system]));
}
