/**
 * The canonical an extension's url names, for finding its definition. A url may not carry a
 * version (`…|4.0.0`; the extensions check reports it), but the definition is still found and
 * applied without one, as the HL7 Java validator does, so the rest of the extension is checked.
 */
export function extensionDefinitionUrl(url: string): string {
  const bar = url.indexOf('|');
  return bar < 0 ? url : url.slice(0, bar);
}
