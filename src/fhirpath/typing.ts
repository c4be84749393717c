/**
 * Which model path or type fhirpath.js's R4 model should type a node by. The model knows
 * element paths only within the type that declares them (`Identifier.extension`, not
 * `Patient.identifier.extension`), so a definition path is walked through it type by type.
 */
import type fhirpath from 'fhirpath';
import r4Model from 'fhirpath/fhir-context/r4';

export const model = r4Model as unknown as NonNullable<Parameters<typeof fhirpath.compile>[1]> & { availableTypes?: Set<string> };

const ABSTRACT_ELEMENT_TYPES = new Set(['Element', 'BackboneElement']);

/** The model's type for `owner.segment`, looking through the owner's ancestors (`HumanName.id` is `Element.id`). */
function memberType(owner: string, segment: string): { path: string; type: string } | undefined {
  for (let type: string | undefined = owner; type; type = model.type2Parent[type]) {
    const candidate = model.pathsDefinedElsewhere[`${type}.${segment}`] ?? `${type}.${segment}`;
    const found = model.path2Type[candidate];
    if (found) return { path: candidate, type: found };
  }
  return undefined;
}

/** `nodeType` when the model knows it, else the model path or type reached by walking `nodePath`. */
export function resolveTypingBase(nodePath: string, nodeType: string | undefined): string {
  if (nodeType && !ABSTRACT_ELEMENT_TYPES.has(nodeType) && model.availableTypes?.has(nodeType)) return nodeType;
  const path = nodePath.replace(/:[^.]+/g, '').replace(/\[\d*\]/g, '');
  const [root, ...segments] = path.split('.');
  let current = root;
  for (const [i, raw] of segments.entries()) {
    const segment = raw.replace(/\[x\]$/, '');
    const member = memberType(current, segment);
    if (!member) {
      // A choice element is typed by its value; anything else unknown is left to fhirpath.js as written.
      return i === segments.length - 1 ? `${current}.${segment}` : path.replace(/\[x\]/g, '');
    }
    current = ABSTRACT_ELEMENT_TYPES.has(member.type) ? member.path : member.type;
  }
  return current;
}
