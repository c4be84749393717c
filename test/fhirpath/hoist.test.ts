/**
 * Loop-invariant hoisting (src/fhirpath/hoist.ts): which parts are taken out, which are left
 * alone, and — on every FSH invariant of the project's profiles that has a hoistable part —
 * the same results with and without hoisting on each BaRS fixture message.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFhirPathEvaluator, type FhirPathEvaluator, type FhirPathInput } from '../../src/fhirpath/index.js';
import { hoistInvariants } from '../../src/fhirpath/hoist.js';
import { repoRoot } from '../support/shared.js';

describe('hoistInvariants', () => {
  it('takes a %resource chain out of an iterating function, once per distinct text', () => {
    const hoisted = hoistInvariants(
      "entry.where(%resource.entry.resource.ofType(Flag).where(code.coding.where(code = 'SS').exists()).subject.reference contains fullUrl).resource.all($this is Location)" +
        ' and entry.where(%resource.entry.resource.ofType(Flag).where(code.coding.where(code = \'SS\').exists()).subject.reference contains fullUrl).exists()',
    );
    expect(hoisted?.parts).toEqual(["%resource.entry.resource.ofType(Flag).where(code.coding.where(code = 'SS').exists()).subject.reference"]);
    expect(hoisted?.expression).toBe('entry.where(%`__hoisted0` contains fullUrl).resource.all($this is Location) and entry.where(%`__hoisted0` contains fullUrl).exists()');
  });

  it('keeps $this that belongs to an iteration inside the part, and literal arguments', () => {
    expect(hoistInvariants("x.all($this in %resource.entry.where($this.fullUrl.startsWith('urn:')).fullUrl)")?.parts).toEqual([
      "%resource.entry.where($this.fullUrl.startsWith('urn:')).fullUrl",
    ]);
    expect(hoistInvariants('entry.where(fullUrl in %rootResource.entry.first().resource.focus.reference)')?.parts).toEqual(['%rootResource.entry.first().resource.focus.reference']);
  });

  it('leaves alone what could see the iteration, or gains nothing', () => {
    for (const expression of [
      '%resource.entry.count() > 1', // not inside an iteration
      'entry.where(%resource.entry.fullUrl.contains(fullUrl))', // argument of a non-iterating function on the chain
      'entry.where(%resource.entry.where(fullUrl = %context.fullUrl).exists())', // %context
      'entry.select(%resource.entry[$index])', // $index
      'entry.where(%resource.entry.trace(\'x\').exists())', // trace() output would change
      'entry.where(%resource)', // a bare variable: nothing to evaluate
      'entry.where(resource.id = %resource.id // comment\n)', // comments are not read
      'entry.where(%`__hoisted0`.exists())', // the prefix is taken
    ]) {
      expect(hoistInvariants(expression), expression).toBeUndefined();
    }
  });
});

type Json = Record<string, unknown>;

function bundleInvariants(): string[] {
  const dir = resolve(repoRoot, 'generated');
  const out = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.startsWith('StructureDefinition-') && f.endsWith('.json'))) {
    const sd = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { differential?: { element?: Array<{ constraint?: Array<{ expression?: string }> }> } };
    for (const element of sd.differential?.element ?? []) for (const c of element.constraint ?? []) if (c.expression && hoistInvariants(c.expression)) out.add(c.expression);
  }
  return [...out];
}

function fixtureMessages(): Json[] {
  const out: Json[] = [];
  for (const group of ['111-ed', '999-cas']) {
    for (const kind of ['valid', 'invalid']) {
      const dir = resolve(repoRoot, 'fixtures', group, kind);
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.verdict.json'))) {
        const value = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Json;
        if (value.resourceType === 'Bundle') out.push(value);
      }
    }
  }
  return out;
}

describe('hoisting gives the results of the original expression', () => {
  const expressions = bundleInvariants();
  const messages = fixtureMessages();
  const hoisting = createFhirPathEvaluator();
  const plain = createFhirPathEvaluator({ hoistInvariants: false });

  function run(fp: FhirPathEvaluator, expression: string, bundle: Json): unknown {
    const compiled = fp.compile(expression);
    if ('error' in compiled) return compiled;
    const input: FhirPathInput = { node: bundle, nodePath: 'Bundle', resource: bundle, rootResource: bundle };
    return fp.evaluate(compiled, input);
  }

  it('has FSH invariants with hoistable parts and fixture messages to try them on', () => {
    expect(expressions.length).toBeGreaterThan(10);
    expect(messages.length).toBeGreaterThan(50);
  });

  it('on every such invariant and fixture message', () => {
    let compared = 0;
    let failing = 0;
    for (const expression of expressions) {
      for (const bundle of messages) {
        const expected = run(plain, expression, bundle);
        expect(run(hoisting, expression, bundle), expression).toEqual(expected);
        compared++;
        if ((expected as { ok?: boolean; value?: unknown[] }).value?.[0] === false) failing++;
      }
    }
    expect(compared).toBe(expressions.length * messages.length);
    expect(failing, 'some invariants fail on the invalid fixtures').toBeGreaterThan(0);
  });
});
