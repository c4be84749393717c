/**
 * What a receiver supports: Core major version, Applications with their use cases and accepted
 * Bundle.meta.versionId values, and the service ids it answers for. Defaults follow the spec's
 * validator choices (applications.md §1).
 */
import type { ApplicationId } from './message.js';

export interface ApplicationSupport {
  /** Use-case codes accepted (exact, case-sensitive). */
  useCases: string[];
  /** Accepted Application versions: exact (`1.1.0`) or wildcard (`2.x`, `1.2.x`). */
  versions: string[];
}

export interface ReceiverSupport {
  /** Major version of BaRS Core the receiver implements; the Accept header's version must match it. */
  coreMajor: number;
  applications: Partial<Record<ApplicationId, ApplicationSupport>>;
  /** `system|value` service ids this receiver handles; empty means any (CORE-MH-09 not enforced). */
  serviceIds: string[];
}

export const DEFAULT_RECEIVER_SUPPORT: Readonly<ReceiverSupport> = Object.freeze({
  coreMajor: 1,
  applications: {
    '111-ed': { useCases: ['a1t1'], versions: ['1.0.0', '1.1.0', '2.x'] },
    '999-cas': { useCases: ['a4t1'], versions: ['1.1.0', '1.2.x', '2.x'] },
  },
  serviceIds: [],
});

/** Merges a partial configuration over the defaults (applications replace per Application). */
export function resolveSupport(partial: Partial<ReceiverSupport> | undefined): ReceiverSupport {
  return {
    coreMajor: partial?.coreMajor ?? DEFAULT_RECEIVER_SUPPORT.coreMajor,
    applications: { ...DEFAULT_RECEIVER_SUPPORT.applications, ...(partial?.applications ?? {}) },
    serviceIds: partial?.serviceIds ?? [...DEFAULT_RECEIVER_SUPPORT.serviceIds],
  };
}

const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$/;

export function isSemVer(version: string): boolean {
  return SEMVER.test(version);
}

export function majorOf(version: string | undefined): number | undefined {
  const m = /^(\d+)(?:\.|$)/.exec(version ?? '');
  return m ? Number(m[1]) : undefined;
}

/**
 * Whether a version matches an accepted pattern. A pre-release (`1.0.0-beta`) only matches a
 * pattern that names it exactly: it is not compatible with the release of the same number.
 */
export function versionAccepted(version: string, pattern: string): boolean {
  if (version === pattern) return true;
  const m = SEMVER.exec(version);
  if (!m || m[4] !== undefined) return false;
  const parts = pattern.split('.');
  const wanted = [m[1], m[2], m[3]];
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] === 'x') return true;
    if (parts[i] !== wanted[i]) return false;
  }
  return parts.length === 3;
}
