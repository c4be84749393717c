/**
 * FHIRPath location segments in the Java validator's style: array members carry their
 * index (`entry[2]`), choice properties are written `value.ofType(Quantity)`.
 */
import type { ElementPlan } from '../model/plan.js';

export function locationSegment(key: string, index: number, element: ElementPlan | undefined, typeCode: string | undefined): string {
  const name = element?.isChoice && typeCode ? `${element.name}.ofType(${typeCode})` : key;
  return index >= 0 ? `${name}[${index}]` : name;
}
