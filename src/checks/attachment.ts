/**
 * Attachments: a stated `size` must be the number of bytes `data` holds, as the HL7 Java
 * validator checks every Attachment (fhir-test-cases attachment-inconsistent-size-qr). Data
 * that is not valid base64 is the primitives check's (base64Binary); then nothing is compared.
 */
import type { Check, CheckContext, NodeVisit } from './check.js';
import { isBase64 } from './primitives.js';

/** The bytes a valid base64 text decodes to (whitespace ignored, `=` padding taken off). */
export function base64ByteLength(text: string): number {
  const compact = text.replace(/\s+/g, '');
  const padding = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
  return (compact.length / 4) * 3 - padding;
}

function checkSize(visit: NodeVisit, ctx: CheckContext): void {
  const value = visit.value as { data?: unknown; size?: unknown } | null;
  if (value === null || typeof value !== 'object') return;
  const { data, size } = value;
  if (typeof data !== 'string' || typeof size !== 'number' || !isBase64(data)) return;
  const actual = base64ByteLength(data);
  if (size !== actual) {
    ctx.report({
      severity: 'error',
      code: 'structure',
      ruleId: 'attachment-size-mismatch',
      message: `The stated Attachment size ${size} does not match the size of its data, ${actual} bytes`,
    });
  }
}

export function createAttachmentCheck(): Check {
  // Once per Attachment node: where an element holds it (a type's root applied there adds nothing).
  const applies = (role: NodeVisit['role'], typeCode: string) => role === 'element' && typeCode === 'Attachment';
  return {
    name: 'attachment',
    prepareNode: (_element, role, typeCode) => (applies(role, typeCode) ? checkSize : undefined),
    checkNode(visit, ctx) {
      if (applies(visit.role, visit.typeCode)) checkSize(visit, ctx);
    },
  };
}
