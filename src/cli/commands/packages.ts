/**
 * `bars-validate packages build`: writes hl7.fhir.r4.core 4.0.1 (Medplum's edits reverted) and
 * the UK Core packages (with snapshots) into the project's local FHIR package cache, where SUSHI
 * (HOME=.fhir-home) and the validator find them. `packages list` shows what the cache holds.
 */
import { resolve } from 'node:path';
import { buildLocalPackageCache } from '../../defs/local-cache.js';
import { listCachedPackages, readCachedManifest } from '../../defs/packages/package-cache.js';
import { projectPackageCacheDir } from '../../defs/project-paths.js';
import { UK_CORE_SOURCES, type UkCoreVariant } from '../../defs/ukcore.js';
import type { CliCommand, CliIo } from '../command.js';
import { UsageError } from '../command.js';

const USAGE = `Usage: bars-validate packages build [--force] [--cache-dir DIR] [--shared DIR] [--ukcore stu1,stu2]
       bars-validate packages list [--cache-dir DIR]

build   write hl7.fhir.r4.core#4.0.1 and the UK Core packages (with snapshots) into the local
        FHIR package cache (default .fhir-home/.fhir/packages); skipped when already up to date
list    list the packages in that cache

Options:
  --force          rebuild even when the inputs have not changed
  --cache-dir DIR  package cache folder to use instead of .fhir-home/.fhir/packages
  --shared DIR     folder holding ukcore-stu1/ and ukcore/ (default ../shared)
  --ukcore LIST    UK Core variants to build: stu1, stu2 or both (default both)`;

interface PackagesArgs {
  action: 'build' | 'list';
  force: boolean;
  cacheDir?: string;
  sharedDir?: string;
  ukCore?: UkCoreVariant[];
}

function parseArgs(args: string[], cwd: string): PackagesArgs {
  const [action, ...rest] = args;
  if (action !== 'build' && action !== 'list') throw new UsageError(action ? `unknown action '${action}'` : 'an action is required');
  const parsed: PackagesArgs = { action, force: false };
  const value = (i: number, flag: string) => {
    const v = rest[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  const absolute = (p: string) => resolve(cwd, p);
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--force') parsed.force = true;
    else if (arg === '--cache-dir') parsed.cacheDir = absolute(value(i++, arg));
    else if (arg === '--shared') parsed.sharedDir = absolute(value(i++, arg));
    else if (arg === '--ukcore') {
      const variants = value(i++, arg).split(',').map((v) => v.trim());
      for (const v of variants) if (!(v in UK_CORE_SOURCES)) throw new UsageError(`--ukcore: unknown variant '${v}' (stu1 or stu2)`);
      parsed.ukCore = variants as UkCoreVariant[];
    } else throw new UsageError(`unknown option '${arg}'`);
  }
  return parsed;
}

function build(args: PackagesArgs, io: CliIo): number {
  const started = Date.now();
  const result = buildLocalPackageCache({
    cacheDir: args.cacheDir,
    sharedDir: args.sharedDir,
    ukCore: args.ukCore,
    force: args.force,
    log: (line) => io.stdout(`${line}\n`),
  });
  const errors = result.issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
  if (result.issues.length > 0) {
    io.stdout(`${result.issues.length} issue(s) while building (${errors.length} error(s)); see bars-build.json in each package folder\n`);
  }
  io.stdout(`package cache ${result.cacheDir} ready in ${Date.now() - started} ms\n`);
  return 0;
}

function list(args: PackagesArgs, io: CliIo): number {
  const cacheDir = args.cacheDir ?? projectPackageCacheDir();
  const found = listCachedPackages(cacheDir);
  if (found.length === 0) io.stdout(`no packages in ${cacheDir}\n`);
  for (const { name, version } of found) {
    const manifest = readCachedManifest(cacheDir, name, version);
    io.stdout(`${name}#${version}${manifest.description ? `  ${manifest.description}` : ''}\n`);
  }
  return 0;
}

export const packagesCommand: CliCommand = {
  name: 'packages',
  summary: 'build or list the local FHIR package cache (R4 core, UK Core with snapshots)',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args, io.cwd);
    return parsed.action === 'build' ? build(parsed, io) : list(parsed, io);
  },
};
