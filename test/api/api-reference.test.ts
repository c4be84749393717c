/**
 * The API reference builds: `npm run docs` runs typedoc over the public entry points
 * (src/api/browser.ts = `bars-validator/browser`, src/api/index.ts = `bars-validator`, src/http/index.ts =
 * `bars-validator/http`; typedoc.json treats warnings as errors, so a public type
 * that is referenced but not exported fails it). Built into a scratch folder here; docs/api/ is
 * where `npm run docs` puts it for people (git-ignored).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';

describe('npm run docs (typedoc)', () => {
  const out = mkdtempSync(join(tmpdir(), 'bars-typedoc-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('builds the API reference with no warnings', () => {
    const config = JSON.parse(readFileSync(join(repoRoot, 'typedoc.json'), 'utf8')) as { treatWarningsAsErrors?: boolean; entryPoints?: string[] };
    expect(config.treatWarningsAsErrors).toBe(true);
    expect(config.entryPoints).toEqual(['src/api/browser.ts', 'src/api/index.ts', 'src/http/index.ts']);

    const run = spawnSync('npm', ['run', '--silent', 'docs', '--', '--out', out], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    const output = `${run.stdout}\n${run.stderr}`;
    expect(output).not.toMatch(/\[warning\]|\[error\]/);
    expect(run.status).toBe(0);
    for (const page of ['index.html', 'functions/bars-validator.createValidator.html', 'functions/bars-validator_browser.createValidatorCore.html', 'interfaces/bars-validator_browser.Validator.html', 'functions/bars-validator_http.createHttpHandler.html']) {
      expect(existsSync(join(out, page)), page).toBe(true);
    }
  });
});
