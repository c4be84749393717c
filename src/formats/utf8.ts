/**
 * Bytes → text for FHIR files: strict UTF-8 (FHIR requires it), so that invalid bytes are an
 * error with a position instead of silently becoming U+FFFD.
 */
import { positionAt } from './text-position.js';

export type DecodeTextResult =
  | { ok: true; text: string }
  | { ok: false; error: { message: string; line: number; column: number; byteOffset: number } };

/** Byte offset of the first invalid UTF-8 sequence (RFC 3629: no overlongs, no surrogates), or -1. */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let needed: number;
    let min: number;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      needed = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      needed = 2;
      min = b === 0xe0 ? 0xa0 : 0x80;
      if (b === 0xed) max = 0x9f; // would encode a surrogate
    } else if (b >= 0xf0 && b <= 0xf4) {
      needed = 3;
      min = b === 0xf0 ? 0x90 : 0x80;
      if (b === 0xf4) max = 0x8f; // beyond U+10FFFF
    } else {
      return i;
    }
    if (i + needed >= n) return i;
    const second = bytes[i + 1];
    if (second === undefined || second < min || second > max) return i;
    for (let k = 2; k <= needed; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < 0x80 || next > 0xbf) return i;
    }
    i += needed + 1;
  }
  return -1;
}

export function decodeUtf8(bytes: Uint8Array): DecodeTextResult {
  const bad = invalidUtf8Offset(bytes);
  if (bad < 0) return { ok: true, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
  // Position in characters of the valid text before the bad byte.
  const before = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, bad));
  const { line, column } = positionAt(before + ' ', before.length);
  return {
    ok: false,
    error: { message: `invalid UTF-8 at byte ${bad} (0x${bytes[bad].toString(16).padStart(2, '0')}): FHIR text must be UTF-8`, line, column, byteOffset: bad },
  };
}
