/** fixed[x] (the value must be exactly this) and pattern[x] (the value must contain this). */
import { definitionOf } from '../model/plan.js';
import type { Check } from './check.js';
import { describeJson, jsonContains, jsonEquals } from './json-match.js';

export function createFixedPatternCheck(): Check {
  return {
    name: 'fixed-pattern',
    appliesTo: (element, role) => role === 'element' && (element.fixed !== undefined || element.pattern !== undefined),
    checkNode(visit, ctx) {
      if (visit.role !== 'element') return;
      const { fixed, pattern } = visit.element;
      if (!fixed && !pattern) return;
      const value = visit.value;
      if (value === undefined || value === null) return;
      if (fixed && !jsonEquals(value, fixed.value)) {
        const from = definitionOf(visit.element.structure);
        ctx.report({
          severity: 'error', code: 'value', ruleId: 'fixed-value', definition: from,
          message: `Value is '${describeJson(value)}' but must be '${describeJson(fixed.value)}' (fixed by ${visit.element.id} in ${from})`,
        });
      }
      if (pattern && !jsonContains(value, pattern.value)) {
        const from = definitionOf(visit.element.structure);
        ctx.report({
          severity: 'error', code: 'value', ruleId: 'pattern-value', definition: from,
          message: `The value ${describeJson(value)} does not match the pattern ${describeJson(pattern.value)} required by ${visit.element.id} in ${from}`,
        });
      }
    },
  };
}
