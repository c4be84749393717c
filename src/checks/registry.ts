/**
 * Every check the walker runs, in order. Property checks run in this order too, and the
 * slicing check must precede recursion (it assigns items to slices), which the walker
 * guarantees by running all property checks before visiting children.
 * Checks are created per validator: their caches belong to that validator's definitions.
 */
import { createAttachmentCheck } from './attachment.js';
import { createBindingsCheck } from './bindings.js';
import { createBundleCheck } from './bundle.js';
import { createCardinalityCheck } from './cardinality.js';
import type { Check } from './check.js';
import { createElementIdsCheck } from './element-ids.js';
import { createExtensionsCheck } from './extensions.js';
import { createFixedPatternCheck } from './fixed-pattern.js';
import { createInvariantsCheck } from './invariants.js';
import { createMeasureReportCheck } from './measure.js';
import { createNarrativeCheck } from './narrative.js';
import { createPrimitivesCheck } from './primitives.js';
import { createQuestionnaireResponseCheck } from './questionnaire-response.js';
import { createQuestionnaireCheck } from './questionnaire-response/questionnaire-check.js';
import { createReferencesCheck } from './references.js';
import { createSlicingCheck } from './slicing.js';
import { createStructureCheck } from './structure.js';

export const CHECK_FACTORIES: ReadonlyArray<() => Check> = [
  createStructureCheck,
  createPrimitivesCheck,
  createCardinalityCheck,
  createSlicingCheck,
  createFixedPatternCheck,
  createBindingsCheck,
  createReferencesCheck,
  createExtensionsCheck,
  createBundleCheck,
  createAttachmentCheck,
  createNarrativeCheck,
  createElementIdsCheck,
  createInvariantsCheck,
  createQuestionnaireResponseCheck,
  createQuestionnaireCheck,
  createMeasureReportCheck,
];

export function createChecks(): Check[] {
  return CHECK_FACTORIES.map((create) => create());
}
