/** One R4 core type model per test file (loading core takes ~0.5 s). */
import { createDefinitionSet } from '../../src/defs/definition-set.js';
import { loadR4CorePackage } from '../../src/defs/r4-core.js';
import { createTypeModel, type FhirTypeModel } from '../../src/formats/type-model.js';

export function loadCoreTypeModel(): FhirTypeModel {
  return createTypeModel(createDefinitionSet([loadR4CorePackage()]));
}
