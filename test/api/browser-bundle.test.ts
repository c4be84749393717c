/**
 * The core path runs in a browser: src/api/browser.ts is bundled with esbuild for platform
 * 'browser' (any Node builtin fails the build), then the bundle is run in a fresh JavaScript
 * realm that has only browser-like globals (no process, Buffer, require, global) and handed
 * definitions loaded here (R4 core + generated/ + UK Core when available). It must find the same
 * issues as the Node entry.
 */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { build, type Plugin } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { createValidator, ISSUE_ID_SYSTEM, loadDefinitions, type DefinitionSet, type OperationOutcome } from '../../src/api/index.js';
import { repoRoot } from '../support/shared.js';

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Fails the build on any import of a Node builtin (with or without the node: prefix). */
const refuseNodeBuiltins: Plugin = {
  name: 'refuse-node-builtins',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) =>
      NODE_BUILTINS.has(args.path) || args.path.startsWith('node:') ? { errors: [{ text: `Node builtin '${args.path}' imported by ${args.importer}` }] } : undefined,
    );
  },
};

async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent', plugins: [refuseNodeBuiltins],
  });
  return result.outputFiles[0].text;
}

interface BundleExports {
  createValidatorCore(options: { definitions: unknown; now?: () => Date }): { validate(input: unknown): OperationOutcome };
}

/** Runs an ESM bundle in a new realm with browser globals only, returning its exports. */
async function runInBrowserLikeRealm(esm: string): Promise<BundleExports> {
  // The same code as an IIFE (the ESM form's exports become one global object) so vm can run it as a script.
  const iife = await build({ stdin: { contents: esm, loader: 'js' }, format: 'iife', globalName: 'barsValidator', write: false, logLevel: 'silent' });
  const browserGlobals = { console, crypto: globalThis.crypto, performance, TextEncoder, TextDecoder, URL, atob, btoa, structuredClone, setTimeout, clearTimeout, queueMicrotask };
  const realm = createContext({ ...browserGlobals });
  runInContext(iife.outputFiles[0].text, realm);
  expect(runInContext('typeof process + typeof Buffer + typeof require + typeof global', realm)).toBe('undefinedundefinedundefinedundefined');
  return runInContext('barsValidator', realm) as BundleExports;
}

const ruleIdsOf = (outcome: OperationOutcome) =>
  outcome.issue
    .filter((i) => i.severity === 'error' || i.severity === 'fatal')
    .map((i) => i.details?.coding?.find((c) => c.system === ISSUE_ID_SYSTEM)?.code)
    .sort();

describe('browser bundle of the core', () => {
  let esm: string;
  let defs: DefinitionSet;
  beforeAll(async () => {
    esm = await bundle(join(repoRoot, 'src/api/browser.ts'));
    defs = loadDefinitions();
  });

  it('the refusing plugin does refuse a Node builtin', async () => {
    await expect(bundle(join(repoRoot, 'src/api/validator.ts'))).rejects.toThrow(/Node builtin 'node:fs'/);
  });

  it('bundles with no Node builtin and validates a BaRS message like the Node entry does', async () => {
    expect(esm.length).toBeGreaterThan(100_000);
    const browser = await runInBrowserLikeRealm(esm);
    const now = () => new Date('2025-03-14T12:00:00Z');
    // Plain JSON packages, as a web page would fetch them.
    const packages = JSON.parse(JSON.stringify(defs.packages));
    const inBrowser = browser.createValidatorCore({ definitions: packages, now });
    const onNode = await createValidator({ definitions: defs, now });

    const invalid = readFileSync(join(repoRoot, 'fixtures/111-ed/invalid/appointment-two.json'), 'utf8');
    const outcome = JSON.parse(JSON.stringify(inBrowser.validate(invalid))) as OperationOutcome;
    expect(ruleIdsOf(outcome)).toEqual(expect.arrayContaining(['CORE-APPT-01', 'CORE-MD-02']));
    expect(outcome).toEqual(onNode.validate(invalid));

    const valid = readFileSync(join(repoRoot, 'fixtures/111-ed/valid/referral-new.json'), 'utf8');
    const validOutcome = JSON.parse(JSON.stringify(inBrowser.validate(valid))) as OperationOutcome;
    expect(validOutcome).toEqual(onNode.validate(valid));
    expect(ruleIdsOf(validOutcome)).toEqual([]);
  });
});
