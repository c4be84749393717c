/**
 * The benchmark's inputs: three IG examples (converted from the IG's FHIR XML with the
 * project's XML reader, then written as pretty-printed JSON, as a sender would post them)
 * and message Bundles of 10, 100 and 1,000 entries grown from the 111→ED referral: its
 * MessageHeader, then copies of its other entries, each copy with its own urn:uuid fullUrls
 * and ids so that references stay inside their copy.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DefinitionSet } from '../../src/defs/types.js';
import { createTypeModel } from '../../src/formats/type-model.js';
import { parseFhirXml } from '../../src/formats/xml-reader.js';

export interface BenchMessage {
  name: string;
  /** Number of Bundle entries. */
  entries: number;
  text: string;
}

/** The IG examples the issue names, by file in ../shared/bars-ig/Examples (see spec/conformance-resources.md). */
export const IG_EXAMPLES = [
  { name: '111→ED referral (REFREQ01)', file: 'REFREQ01 - Referral Service Request New Full - 111 to ED.xml' },
  { name: '999→CAS validation request (VALREQ01)', file: 'VALREQ01 - Validation Service Request New Full - 999 to CAS.xml' },
  { name: 'booking request (BOOKREQ01)', file: 'BOOKREQ01 - Booking Request New Full.xml' },
];

export const GENERATED_SIZES = [10, 100, 1000];

type Json = Record<string, unknown>;

export function readIgExample(examplesDir: string, file: string, defs: DefinitionSet): Json {
  const read = parseFhirXml(readFileSync(join(examplesDir, file), 'utf8'), createTypeModel(defs));
  if (!read.ok) throw new Error(`${file}: ${read.error.message}`);
  return read.resource;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** The same uuid, made distinct per copy by its last 6 hex digits (copy 0 keeps the original). */
function uuidForCopy(uuid: string, copy: number): string {
  if (copy === 0) return uuid;
  const tail = (parseInt(uuid.slice(-6), 16) ^ (copy * 0x9e3779)) & 0xffffff;
  return uuid.slice(0, -6) + tail.toString(16).padStart(6, '0');
}

/** A message Bundle of `size` entries: the referral's MessageHeader, then copies of its other entries. */
export function generatedBundle(referral: Json, size: number): Json {
  const entries = referral.entry as Json[];
  const header = entries[0];
  const others = entries.slice(1).map((e) => JSON.stringify(e));
  const out: Json[] = [header];
  for (let copy = 0; out.length < size; copy++) {
    for (const text of others) {
      if (out.length >= size) break;
      out.push(JSON.parse(text.replace(UUID, (u) => uuidForCopy(u, copy))) as Json);
    }
  }
  return { ...referral, entry: out };
}
