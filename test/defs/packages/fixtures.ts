/** Small conformance resources for the loader tests, written to temp folders. */
export const profile = {
  resourceType: 'StructureDefinition',
  id: 'test-patient',
  url: 'https://example.org/StructureDefinition/test-patient',
  version: '1.0.0',
  name: 'TestPatient',
  status: 'draft',
  kind: 'resource',
  abstract: false,
  type: 'Patient',
  baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Patient',
  derivation: 'constraint',
  differential: { element: [{ id: 'Patient.name', path: 'Patient.name', min: 1 }] },
};
export const valueSet = { resourceType: 'ValueSet', id: 'test-vs', url: 'https://example.org/ValueSet/test-vs', version: '1.0.0', status: 'draft' };
export const examplePatient = { resourceType: 'Patient', id: 'example' };
export const codeSystemXml = `<?xml version="1.0" encoding="UTF-8"?>
<CodeSystem xmlns="http://hl7.org/fhir">
  <id value="test-cs"/>
  <url value="https://example.org/CodeSystem/test-cs"/>
  <version value="1.0.0"/>
  <status value="draft"/>
  <content value="complete"/>
  <concept><code value="a"/><display value="A"/></concept>
</CodeSystem>
`;
