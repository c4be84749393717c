/**
 * Narrative language sections, where a profile controls them with the narrative-language-control
 * extension on a Narrative element (as the HL7 Java validator reads it): `_no` forbids language
 * sections, `_yes` requires them, `_resource` requires one in the resource's language, and a list
 * of language codes requires one per code. A language section is a `div` directly inside the
 * narrative's root `div` that carries `lang` or `xml:lang`.
 */
import { definitionOf } from '../model/plan.js';
import type { Check, CheckContext, NodeVisit } from './check.js';

const TAG = /<(\/?)([A-Za-z][\w.:-]*)([^>]*?)(\/?)>/g;
const LANG = /(?:^|\s)(?:xml:)?lang\s*=\s*(["'])([^"']*)\1/;

/** The languages of the root div's child divs that carry one (sorted, without repeats). */
export function languageSections(div: string): string[] {
  const found = new Set<string>();
  let depth = 0;
  for (const tag of div.matchAll(TAG)) {
    const [, closing, name, attributes, selfClosing] = tag;
    if (closing) {
      depth--;
      continue;
    }
    // depth 1: directly inside the root div.
    if (depth === 1 && name.toLowerCase() === 'div') {
      const lang = LANG.exec(attributes)?.[2];
      if (lang) found.add(lang);
    }
    if (!selfClosing) depth++;
  }
  return [...found].sort();
}

function checkSections(control: string, visit: NodeVisit, ctx: CheckContext): void {
  const div = (visit.value as { div?: unknown } | null)?.div;
  if (typeof div !== 'string') return;
  const sections = languageSections(div);
  const profile = `the profile ${definitionOf(visit.element.structure)}`;
  const report = (message: string) => ctx.report({ severity: 'error', code: 'business-rule', ruleId: 'narrative-language-sections', message });
  if (control === '_no') {
    if (sections.length > 0) report(`The xhtml has some language sections (${sections.join(', ')}), but language sections are prohibited in this context by ${profile}`);
    return;
  }
  if (control === '_yes') {
    if (sections.length === 0) report(`The xhtml has no language sections, but language sections are required in this context by ${profile}`);
    return;
  }
  const language = ctx.resource.resource.language;
  const wanted = control === '_resource' ? (typeof language === 'string' ? [language] : []) : control.split(/\s+/);
  const missing = wanted.filter((code) => !sections.includes(code));
  if (missing.length > 0) report(`The xhtml has no language section for ${missing.join(', ')} (it has ${sections.length > 0 ? sections.join(', ') : 'none'}), but ${profile} requires one here`);
}

export function createNarrativeCheck(): Check {
  const applies = (element: NodeVisit['element'], role: NodeVisit['role'], typeCode: string) => role === 'element' && typeCode === 'Narrative' && element.narrativeLanguageControl !== undefined;
  return {
    name: 'narrative',
    prepareNode(element, role, typeCode) {
      if (!applies(element, role, typeCode)) return undefined;
      const control = element.narrativeLanguageControl!;
      return (visit, ctx) => checkSections(control, visit, ctx);
    },
    checkNode(visit, ctx) {
      if (applies(visit.element, visit.role, visit.typeCode)) checkSections(visit.element.narrativeLanguageControl!, visit, ctx);
    },
  };
}
