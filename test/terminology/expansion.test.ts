import { describe, expect, it } from 'vitest';
import { createDefinitionSet } from '../../src/defs/definition-set.js';
import type { ConformanceResource } from '../../src/defs/types.js';
import { createTerminology } from '../../src/terminology/index.js';

const CS = 'http://example.org/CodeSystem/shapes';
const VS = 'http://example.org/ValueSet/';

/** shape ─┬─ polygon ─┬─ triangle
 *         │           └─ square (also child of "regular" by property)
 *         └─ round ──── circle (inactive)           regular ── (child: square) */
const shapes: ConformanceResource = {
  resourceType: 'CodeSystem',
  url: CS,
  version: '2.0',
  content: 'complete',
  caseSensitive: true,
  property: [{ code: 'sides', type: 'integer' }, { code: 'colour', type: 'code' }],
  concept: [
    {
      code: 'shape',
      display: 'Shape',
      concept: [
        {
          code: 'polygon',
          display: 'Polygon',
          concept: [
            { code: 'triangle', display: 'Triangle', designation: [{ value: 'Trigon' }], property: [{ code: 'sides', valueInteger: 3 }, { code: 'colour', valueCode: 'red' }] },
            { code: 'square', display: 'Square', property: [{ code: 'sides', valueInteger: 4 }, { code: 'colour', valueCode: 'blue' }] },
          ],
        },
        { code: 'round', display: 'Round', concept: [{ code: 'circle', display: 'Circle', property: [{ code: 'inactive', valueBoolean: true }] }] },
      ],
    },
    { code: 'regular', display: 'Regular', property: [{ code: 'child', valueCode: 'square' }] },
  ],
};
const oldShapes: ConformanceResource = { resourceType: 'CodeSystem', url: CS, version: '1.0', content: 'complete', concept: [{ code: 'oblong' }] };
const loose: ConformanceResource = {
  resourceType: 'CodeSystem', url: 'http://example.org/CodeSystem/loose', content: 'complete', caseSensitive: false,
  concept: [{ code: 'ABC', display: 'Alphabet' }],
};
const fragment: ConformanceResource = {
  resourceType: 'CodeSystem', url: 'http://example.org/CodeSystem/fragment', content: 'fragment', concept: [{ code: 'known' }],
};

function filterVs(id: string, filter: Array<{ property: string; op: string; value: string }>, extra: Record<string, unknown> = {}): ConformanceResource {
  return { resourceType: 'ValueSet', url: VS + id, compose: { include: [{ system: CS, filter }], ...extra } };
}

const valueSets: ConformanceResource[] = [
  filterVs('is-a-polygon', [{ property: 'concept', op: 'is-a', value: 'polygon' }]),
  filterVs('descendent-of-polygon', [{ property: 'concept', op: 'descendent-of', value: 'polygon' }]),
  filterVs('is-not-a-polygon', [{ property: 'concept', op: 'is-not-a', value: 'polygon' }]),
  filterVs('generalizes-square', [{ property: 'concept', op: 'generalizes', value: 'square' }]),
  filterVs('four-sides', [{ property: 'sides', op: '=', value: '4' }]),
  filterVs('red-or-green', [{ property: 'colour', op: 'in', value: 'red,green' }]),
  filterVs('not-red', [{ property: 'colour', op: 'not-in', value: 'red' }]),
  filterVs('has-colour', [{ property: 'colour', op: 'exists', value: 'true' }]),
  filterVs('codes-ending-e', [{ property: 'code', op: 'regex', value: '.*e' }]),
  filterVs('polygon-and-red', [{ property: 'concept', op: 'is-a', value: 'polygon' }, { property: 'colour', op: '=', value: 'red' }]),
  filterVs('regular-children', [{ property: 'parent', op: '=', value: 'regular' }]),
  filterVs('unsupported-op', [{ property: 'concept', op: 'sounds-like', value: 'x' }]),
  filterVs('unsafe-regex', [{ property: 'code', op: 'regex', value: '(s+)+' }]),
  filterVs('polygon-without-square', [{ property: 'concept', op: 'is-a', value: 'polygon' }], {
    exclude: [{ system: CS, concept: [{ code: 'square' }] }],
  }),
  { resourceType: 'ValueSet', url: VS + 'whole', compose: { include: [{ system: CS }] } },
  { resourceType: 'ValueSet', url: VS + 'active-only', compose: { inactive: false, include: [{ system: CS }] } },
  { resourceType: 'ValueSet', url: VS + 'old-version', compose: { include: [{ system: CS, version: '1.0' }] } },
  { resourceType: 'ValueSet', url: VS + 'listed', compose: { include: [{ system: CS, concept: [{ code: 'triangle' }, { code: 'hexagon' }] }] } },
  { resourceType: 'ValueSet', url: VS + 'loose', compose: { include: [{ system: 'http://example.org/CodeSystem/loose' }] } },
  { resourceType: 'ValueSet', url: VS + 'fragment', compose: { include: [{ system: 'http://example.org/CodeSystem/fragment' }] } },
  {
    resourceType: 'ValueSet', url: VS + 'snomed-listed',
    compose: { include: [{ system: 'http://snomed.info/sct', concept: [{ code: '22298006', display: 'Myocardial infarction' }] }] },
  },
  { resourceType: 'ValueSet', url: VS + 'polygon-intersect-red', compose: { include: [{ system: CS, valueSet: [VS + 'is-a-polygon', VS + 'red-or-green'] }] } },
  { resourceType: 'ValueSet', url: VS + 'imports-unknown', compose: { include: [{ valueSet: [VS + 'missing'] }] } },
  { resourceType: 'ValueSet', url: VS + 'cycle-a', compose: { include: [{ valueSet: [VS + 'cycle-b'] }] } },
  { resourceType: 'ValueSet', url: VS + 'cycle-b', compose: { include: [{ valueSet: [VS + 'cycle-a'] }, { system: CS, concept: [{ code: 'square' }] }] } },
  {
    resourceType: 'ValueSet', url: VS + 'pre-expanded',
    expansion: { contains: [{ system: CS, code: 'group', abstract: true, contains: [{ system: CS, code: 'triangle', display: 'Triangle' }] }] },
  },
  { resourceType: 'ValueSet', url: VS + 'paged', expansion: { total: 100, contains: [{ system: CS, code: 'triangle' }] } },
];

const terminology = createTerminology(
  createDefinitionSet([{ name: 'example', version: '1.0.0', resources: [shapes, oldShapes, loose, fragment, ...valueSets] }]),
);
const codes = (id: string): string[] => terminology.expand(VS + id)!.contains.map((c) => c.code).sort();

describe('value set expansion from local code systems', () => {
  it('hierarchy filters: is-a, descendent-of, is-not-a, generalizes', () => {
    expect(codes('is-a-polygon')).toEqual(['polygon', 'square', 'triangle']);
    expect(codes('descendent-of-polygon')).toEqual(['square', 'triangle']);
    expect(codes('is-not-a-polygon')).toEqual(['circle', 'regular', 'round', 'shape']);
    expect(codes('generalizes-square')).toEqual(['polygon', 'regular', 'shape', 'square']);
  });

  it('property filters: =, in, not-in, exists, regex on code, several filters ANDed', () => {
    expect(codes('four-sides')).toEqual(['square']);
    expect(codes('red-or-green')).toEqual(['triangle']);
    expect(codes('not-red')).toEqual(['circle', 'polygon', 'regular', 'round', 'shape', 'square']);
    expect(codes('has-colour')).toEqual(['square', 'triangle']);
    expect(codes('codes-ending-e')).toEqual(['circle', 'shape', 'square', 'triangle']);
    expect(codes('polygon-and-red')).toEqual(['triangle']);
  });

  it('hierarchy from the "child" property as well as from nesting', () => {
    expect(codes('regular-children')).toEqual(['square']);
  });

  it('exclude removes codes', () => {
    expect(codes('polygon-without-square')).toEqual(['polygon', 'triangle']);
    expect(terminology.validateCode({ system: CS, code: 'square' }, VS + 'polygon-without-square').result).toBe('invalid');
  });

  it('an unsupported filter makes the system not-checked, not invalid', () => {
    const expansion = terminology.expand(VS + 'unsupported-op')!;
    expect(expansion.complete).toBe(false);
    expect(expansion.notChecked[0]).toContain('sounds-like');
    expect(terminology.validateCode({ system: CS, code: 'square' }, VS + 'unsupported-op').result).toBe('not-checked');
  });

  it('a regex filter that could backtrack exponentially is not run', () => {
    expect(terminology.validateCode({ system: CS, code: 'square' }, VS + 'unsafe-regex').result).toBe('not-checked');
  });

  it('versions: the include version picks the code system version', () => {
    expect(codes('old-version')).toEqual(['oblong']);
    expect(codes('whole')).toContain('triangle');
    expect(codes('whole')).not.toContain('oblong');
  });

  it('explicit concept lists keep only codes that exist in a complete code system', () => {
    expect(codes('listed')).toEqual(['triangle']);
  });

  it('explicit lists from systems not held locally are still decidable for membership', () => {
    expect(terminology.validateCode({ system: 'http://snomed.info/sct', code: '22298006' }, VS + 'snomed-listed').result).toBe('valid');
    expect(terminology.validateCode({ system: 'http://snomed.info/sct', code: '1234' }, VS + 'snomed-listed').result).toBe('invalid');
  });

  it('case-insensitive code systems accept other cases and say so', () => {
    const result = terminology.validateCode({ system: 'http://example.org/CodeSystem/loose', code: 'abc' }, VS + 'loose');
    expect(result).toMatchObject({ result: 'valid', display: 'Alphabet', caseDiffers: true });
    expect(terminology.validateCode({ system: CS, code: 'Square' }, VS + 'whole').result).toBe('invalid');
  });

  it('fragment code systems confirm known codes and leave others not-checked', () => {
    expect(terminology.validateCode({ system: 'http://example.org/CodeSystem/fragment', code: 'known' }, VS + 'fragment').result).toBe('valid');
    expect(terminology.validateCode({ system: 'http://example.org/CodeSystem/fragment', code: 'other' }, VS + 'fragment').result).toBe('not-checked');
  });

  it('system plus valueSet in one include is an intersection', () => {
    expect(codes('polygon-intersect-red')).toEqual(['triangle']);
  });

  it('an unknown imported value set leaves the rest not-checked', () => {
    const result = terminology.validateCode({ system: CS, code: 'square' }, VS + 'imports-unknown');
    expect(result.result).toBe('not-checked');
    expect(result.result === 'not-checked' && result.message).toContain(VS + 'missing');
  });

  it('import cycles terminate and do not produce false invalids', () => {
    expect(terminology.validateCode({ system: CS, code: 'square' }, VS + 'cycle-a').result).toBe('valid');
    expect(terminology.validateCode({ system: CS, code: 'circle' }, VS + 'cycle-a').result).toBe('not-checked');
  });

  it('pre-expanded value sets without compose use expansion.contains (abstract entries are not members)', () => {
    expect(terminology.validateCode({ system: CS, code: 'triangle' }, VS + 'pre-expanded').result).toBe('valid');
    expect(terminology.validateCode({ system: CS, code: 'group' }, VS + 'pre-expanded').result).toBe('invalid');
    expect(terminology.validateCode({ system: CS, code: 'square' }, VS + 'paged').result).toBe('not-checked');
  });

  it('inactive concepts are members, flagged', () => {
    expect(terminology.validateCode({ system: CS, code: 'circle' }, VS + 'whole')).toMatchObject({ result: 'valid', inactive: true });
  });

  it('compose.inactive = false leaves inactive concepts out', () => {
    expect(codes('active-only')).not.toContain('circle');
    expect(codes('active-only')).toContain('round');
    expect(terminology.validateCode({ system: CS, code: 'circle' }, VS + 'active-only').result).toBe('invalid');
  });

  it('designations count as acceptable displays', () => {
    expect(terminology.validateCode({ system: CS, code: 'triangle', display: 'trigon' }, VS + 'whole')).toEqual({ result: 'valid', display: 'Triangle' });
  });

  it('validateCodeInSystem distinguishes complete, versioned and unknown systems', () => {
    expect(terminology.validateCodeInSystem({ system: CS, code: 'square' }).result).toBe('valid');
    expect(terminology.validateCodeInSystem({ system: CS, code: 'hexagon' }).result).toBe('invalid');
    expect(terminology.validateCodeInSystem({ system: CS, version: '1.0', code: 'oblong' }).result).toBe('valid');
    expect(terminology.validateCodeInSystem({ system: 'http://example.org/none', code: 'x' }).result).toBe('not-checked');
    expect(terminology.validateCodeInSystem({ code: 'x' }).result).toBe('not-checked');
  });

  it('separate instances do not share caches', () => {
    const other = createTerminology(createDefinitionSet([{ name: 'empty', version: '1.0.0', resources: [] }]));
    expect(terminology.expand(VS + 'whole')).toBeDefined();
    expect(other.expand(VS + 'whole')).toBeUndefined();
  });
});
