import { describe, expect, it } from 'vitest';
import { createSyntaxCheckedSystems } from '../../src/terminology/special-systems.js';

const systems = createSyntaxCheckedSystems();
const check = (system: string, code: string): string => systems.get(system)!.check(code).result;

describe('systems checked by grammar', () => {
  it('MIME types (BCP 13)', () => {
    expect(check('urn:ietf:bcp:13', 'application/fhir+json')).toBe('valid');
    expect(check('urn:ietf:bcp:13', 'text/plain; charset=UTF-8')).toBe('valid');
    expect(check('urn:ietf:bcp:13', 'application')).toBe('invalid');
    expect(check('urn:ietf:bcp:13', 'text/ plain')).toBe('invalid');
    expect(check('urn:ietf:bcp:13', 'madeup/thing')).toBe('not-checked');
  });

  it('language tags (BCP 47)', () => {
    for (const tag of ['en', 'en-GB', 'zh-Hant-TW', 'de-CH-1996', 'x-private', 'i-klingon', 'es-419', 'sl-rozaj-biske']) {
      expect(check('urn:ietf:bcp:47', tag), tag).toBe('valid');
    }
    for (const tag of ['en_GB', 'e', 'en-', 'english-language-tag', '12']) expect(check('urn:ietf:bcp:47', tag), tag).toBe('invalid');
  });

  it('UCUM units', () => {
    for (const unit of ['mg', 'kg/m2', 'mm[Hg]', '/min', '{beats}/min', '%']) expect(check('http://unitsofmeasure.org', unit), unit).toBe('valid');
    for (const unit of ['milligram', 'xyz/s']) expect(check('http://unitsofmeasure.org', unit), unit).toBe('invalid');
  });

  it('ISO 4217 currencies: malformed is invalid, unknown to ICU is not-checked', () => {
    expect(check('urn:iso:std:iso:4217', 'GBP')).toBe('valid');
    expect(check('urn:iso:std:iso:4217', 'gbp')).toBe('invalid');
    expect(check('urn:iso:std:iso:4217', 'QQQ')).toBe('not-checked');
  });
});
