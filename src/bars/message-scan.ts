/**
 * One walk of a message Bundle for the rules that read every node: the references inside the
 * entries' resources (CORE-REF-01/02) and the strings that may be date-times with a time
 * (CORE-TIME-01..03). Each rule used to walk the whole Bundle itself. Only what is collected
 * gets a Location, and the places under one node share its Location (made once per visit of
 * that node, when something under it is collected).
 */
import { isObject, type JsonObject } from './json.js';
import { Location } from './location.js';
import type { MessageEntry } from './message.js';

/** An object holding a string `reference`, below an entry's resource (not the resource itself, not an extension). */
export interface ReferenceSite {
  entry: MessageEntry;
  reference: string;
  /** The resource's element it sits under: `subject` for `Bundle.entry[2].resource.subject.identifier.assigner`. */
  topKey: string;
  /** The object holding `reference`. */
  location: Location;
}

/** A string of 16 or more characters with a 'T' at index 10: what a date-time with a time looks like. */
export interface TimeLikeString {
  value: string;
  /** The property holding it. */
  key: string;
  /** The string itself (with its index when it is an array item). */
  location: Location;
}

export interface MessageScan {
  /** In document order (an object's own strings before those below it, as for the time-like strings). */
  references: ReferenceSite[];
  timeLike: TimeLikeString[];
}

function isTimeLike(value: string): boolean {
  return value.length >= 16 && value.charCodeAt(10) === 84; /* T */
}

/** `entries` are the message's (buildMessageView): the n-th item of `Bundle.entry`, or the lone entry object. */
export function scanMessage(bundle: JsonObject, entries: readonly MessageEntry[]): MessageScan {
  const references: ReferenceSite[] = [];
  const timeLike: TimeLikeString[] = [];
  // The keys and indexes from the Bundle to the node being visited; the Location of each node on
  // that path once something asked for it (valid up to `spelled`).
  const keys: string[] = [];
  const indexes: Array<number | undefined> = [];
  const locations: Location[] = [Location.root()];
  let spelled = 0;
  let entry: MessageEntry | undefined;
  let resourceDepth = -1;

  const locationAt = (depth: number): Location => {
    for (let d = spelled + 1; d <= depth; d++) locations[d] = locations[d - 1].child(keys[d - 1], indexes[d - 1]);
    if (depth > spelled) spelled = depth;
    return locations[depth];
  };
  const enter = (key: string, index: number | undefined): void => {
    if (spelled > keys.length) spelled = keys.length;
    keys.push(key);
    indexes.push(index);
  };
  const leave = (): void => {
    keys.pop();
    indexes.pop();
    if (spelled > keys.length) spelled = keys.length;
  };

  const visit = (node: JsonObject, name: string): void => {
    const depth = keys.length;
    if (entry !== undefined && resourceDepth >= 0 && depth > resourceDepth && name !== 'extension') {
      const reference = node.reference;
      if (typeof reference === 'string') references.push({ entry, reference, topKey: keys[resourceDepth], location: locationAt(depth) });
    }
    // The node's own strings first, then what lies below it.
    for (const key in node) {
      const child = node[key];
      if (typeof child === 'string') {
        if (isTimeLike(child)) timeLike.push({ value: child, key, location: locationAt(depth).child(key) });
      } else if (Array.isArray(child)) {
        for (let i = 0; i < child.length; i++) {
          const item: unknown = child[i];
          if (typeof item === 'string' && isTimeLike(item)) timeLike.push({ value: item, key, location: locationAt(depth).child(key, i) });
        }
      }
    }
    for (const key in node) {
      if (key === 'resourceType') continue;
      const child = node[key];
      if (Array.isArray(child)) {
        for (let i = 0; i < child.length; i++) {
          const item: unknown = child[i];
          if (isObject(item)) descend(item, key, i, depth);
        }
      } else if (isObject(child)) {
        descend(child, key, undefined, depth);
      }
    }
  };

  const descend = (child: JsonObject, key: string, index: number | undefined, depth: number): void => {
    enter(key, index);
    if (depth === 0 && key === 'entry') {
      entryObject(child, index ?? 0);
    } else if (depth === 1 && key === 'resource' && entry !== undefined && entry.resource === child) {
      resourceDepth = 2;
      visit(child, key);
      resourceDepth = -1;
    } else {
      visit(child, key);
    }
    leave();
  };

  const entryObject = (object: JsonObject, index: number): void => {
    entry = entries[index];
    visit(object, 'entry');
    entry = undefined;
  };

  visit(bundle, '');
  return { references, timeLike };
}
