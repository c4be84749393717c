/**
 * A canonical without its `|version`. Extension urls use it to find their definition: a url
 * may not carry a version (`…|4.0.0`; the extensions check reports it), but the definition is
 * still found and applied without one, as the HL7 Java validator does, so the rest of the
 * extension is checked.
 */
export function withoutVersion(canonical: string): string {
  const bar = canonical.indexOf('|');
  return bar < 0 ? canonical : canonical.slice(0, bar);
}
