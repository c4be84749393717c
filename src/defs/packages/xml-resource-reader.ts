/**
 * The XML reader the loaders use: the project's FHIR XML reader typed by the core definitions
 * of a DefinitionSet. Content the reader leaves out (unknown elements) is reported through
 * `onIssue`, so a loader can pass it on instead of silently losing it.
 */
import { createTypeModel } from '../../formats/type-model.js';
import { parseFhirXml } from '../../formats/xml-reader.js';
import type { ConformanceResource, DefinitionSet } from '../types.js';
import type { XmlResourceReader } from './resource-text.js';

export function createXmlResourceReader(coreDefs: DefinitionSet, onIssue?: (source: string, message: string) => void): XmlResourceReader {
  const model = createTypeModel(coreDefs);
  return (text, source) => {
    const result = parseFhirXml(text, model);
    if (!result.ok) {
      const where = result.error.line !== undefined ? `:${result.error.line}:${result.error.column}` : '';
      throw new Error(`${source}${where}: ${result.error.message}`);
    }
    for (const issue of result.issues) onIssue?.(source, `${issue.path} (line ${issue.line}): ${issue.message}`);
    return result.resource as ConformanceResource;
  };
}
