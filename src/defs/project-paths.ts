/**
 * Where the project's own folders are, found from this module's location so that the same
 * code works from src/ (tsx, tests) and from dist/ (the built CLI), whatever the cwd.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT_NAME = 'bars-validator';

/** The repository (or installed package) root: the nearest folder up whose package.json is this project's. */
export function projectRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = resolve(from);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PROJECT_NAME) return dir;
      } catch {
        // not ours; keep looking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the ${PROJECT_NAME} project root above ${from}`);
    dir = parent;
  }
}

/** The reference material beside the repository (BARS_SHARED_DIR overrides). */
export function defaultSharedDir(root: string = projectRoot()): string {
  return process.env.BARS_SHARED_DIR ?? resolve(root, '..', 'shared');
}

/** The project-local HOME whose .fhir/packages holds the locally built packages (SUSHI reads it with HOME set). */
export function projectFhirHome(root: string = projectRoot()): string {
  return join(root, '.fhir-home');
}

export function projectPackageCacheDir(root: string = projectRoot()): string {
  return join(projectFhirHome(root), '.fhir', 'packages');
}

/** SUSHI output that the validator loads (may be empty). */
export function projectGeneratedDir(root: string = projectRoot()): string {
  return join(root, 'generated');
}
