/**
 * The result of expanding (part of) a value set: the codes enumerated per system, the
 * systems included whole that can only be checked by grammar, and the systems (or the
 * whole set) whose membership cannot be decided locally. Union, intersection and
 * exclusion keep that uncertainty rather than guessing.
 */
import type { ExpansionEntry } from './types.js';

export type Membership = { member: true; entry?: ExpansionEntry } | { member: false } | { member: 'unknown'; reason: string };

export class CodeSet {
  /** system → code → entry. */
  readonly entries = new Map<string, Map<string, ExpansionEntry>>();
  /** Systems included whole whose codes are checked by grammar (see special-systems.ts). */
  readonly wholeSystems = new Set<string>();
  /** system → why codes of it that are not enumerated cannot be judged. */
  readonly openSystems = new Map<string, string>();
  /** Set when nothing outside `entries` can be judged (e.g. an imported value set is unknown). */
  openReason?: string;

  add(entry: ExpansionEntry): void {
    let codes = this.entries.get(entry.system);
    if (!codes) {
      codes = new Map();
      this.entries.set(entry.system, codes);
    }
    if (!codes.has(entry.code)) codes.set(entry.code, entry);
  }

  markOpen(system: string, reason: string): void {
    if (!this.openSystems.has(system)) this.openSystems.set(system, reason);
  }

  /** Exact-code membership (case handling is the caller's, who knows each system's rules). */
  membership(system: string, code: string): Membership {
    const entry = this.entries.get(system)?.get(code);
    if (entry) return { member: true, entry };
    if (this.wholeSystems.has(system)) return { member: true };
    const open = this.openSystems.get(system) ?? this.openReason;
    if (open !== undefined) return { member: 'unknown', reason: open };
    return { member: false };
  }

  addAll(other: CodeSet): void {
    for (const codes of other.entries.values()) for (const entry of codes.values()) this.add(entry);
    for (const system of other.wholeSystems) this.wholeSystems.add(system);
    for (const [system, reason] of other.openSystems) this.markOpen(system, reason);
    if (other.openReason !== undefined && this.openReason === undefined) this.openReason = other.openReason;
  }

  /** Codes in both sets; where either side cannot decide, the system becomes open. */
  intersect(other: CodeSet): CodeSet {
    const out = new CodeSet();
    for (const codes of this.entries.values()) {
      for (const entry of codes.values()) {
        const m = other.membership(entry.system, entry.code);
        if (m.member === true) out.add(entry);
        else if (m.member === 'unknown') out.markOpen(entry.system, m.reason);
      }
    }
    for (const codes of other.entries.values()) {
      for (const entry of codes.values()) {
        if (this.wholeSystems.has(entry.system)) out.add(entry);
        else {
          const open = this.openSystems.get(entry.system) ?? this.openReason;
          if (open !== undefined) out.markOpen(entry.system, open);
        }
      }
    }
    for (const system of this.wholeSystems) {
      if (other.wholeSystems.has(system)) out.wholeSystems.add(system);
      else if (other.openSystems.has(system) || other.openReason !== undefined) {
        out.markOpen(system, other.openSystems.get(system) ?? other.openReason!);
      }
    }
    for (const [system, reason] of this.openSystems) {
      if (other.wholeSystems.has(system) || other.openSystems.has(system) || other.openReason !== undefined) out.markOpen(system, reason);
    }
    for (const [system, reason] of other.openSystems) {
      if (this.wholeSystems.has(system) || this.openReason !== undefined) out.markOpen(system, reason);
    }
    if (this.openReason !== undefined && other.openReason !== undefined) out.openReason = this.openReason;
    return out;
  }

  /** Removes `excluded`; a code whose exclusion cannot be decided makes its system open. */
  subtract(excluded: CodeSet): void {
    for (const [system, codes] of this.entries) {
      for (const [code, entry] of codes) {
        const m = excluded.membership(entry.system, code);
        if (m.member === true) codes.delete(code);
        else if (m.member === 'unknown') {
          codes.delete(code);
          this.markOpen(system, `exclusion could not be evaluated: ${m.reason}`);
        }
      }
    }
    for (const system of [...this.wholeSystems]) {
      if (excluded.entries.has(system) || excluded.wholeSystems.has(system) || excluded.openSystems.has(system)) {
        this.wholeSystems.delete(system);
        this.markOpen(system, `${system} is included whole with exclusions, which are not evaluated locally`);
      }
    }
  }

  /** For `compose.inactive = false`: inactive codes are not members. */
  removeInactive(): void {
    for (const codes of this.entries.values()) {
      for (const [code, entry] of codes) if (entry.inactive) codes.delete(code);
    }
  }

  get complete(): boolean {
    return this.wholeSystems.size === 0 && this.openSystems.size === 0 && this.openReason === undefined;
  }
}
