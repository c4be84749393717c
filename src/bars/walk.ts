/**
 * Walks every object inside a JSON value. The place of the node is kept as a path below the
 * start (arrays index their parent's name) and spelled as a Location only when a rule asks:
 * most nodes of a whole-Bundle walk never need one.
 */
import { isObject, type JsonObject } from './json.js';
import type { Location } from './location.js';

/** Where the walk is: the keys and indexes from the start to the current node. */
export class WalkPath {
  private readonly keys: string[] = [];
  private readonly indexes: Array<number | undefined> = [];

  constructor(private readonly start: Location) {}

  /** The current node's location. */
  location(): Location {
    let location = this.start;
    for (let i = 0; i < this.keys.length; i++) location = location.child(this.keys[i], this.indexes[i]);
    return location;
  }

  /** The first key below the start (`subject` of `Bundle.entry[0].resource.subject.identifier`); '' at the start. */
  get topKey(): string {
    return this.keys.length > 0 ? this.keys[0] : '';
  }

  push(key: string, index: number | undefined): void {
    this.keys.push(key);
    this.indexes.push(index);
  }

  pop(): void {
    this.keys.pop();
    this.indexes.pop();
  }
}

/** Visits `value` and every object inside it, with the key that holds it ('' for `value` itself). */
export function walkObjects(value: JsonObject, start: Location, visit: (node: JsonObject, path: WalkPath, name: string) => void): void {
  walkFrom(value, new WalkPath(start), visit, '');
}

function walkFrom(value: JsonObject, path: WalkPath, visit: (node: JsonObject, path: WalkPath, name: string) => void, name: string): void {
  visit(value, path, name);
  for (const key in value) {
    if (key === 'resourceType') continue;
    const child = value[key];
    if (Array.isArray(child)) {
      for (let i = 0; i < child.length; i++) {
        const item: unknown = child[i];
        if (!isObject(item)) continue;
        path.push(key, i);
        walkFrom(item, path, visit, key);
        path.pop();
      }
    } else if (isObject(child)) {
      path.push(key, undefined);
      walkFrom(child, path, visit, key);
      path.pop();
    }
  }
}

/**
 * Every string value under a JSON value, with its key, the path of the object holding it and
 * its index in an array: the visitor spells the string's own location
 * (`path.location().child(key, index)`) only when it needs one.
 */
export function walkStrings(value: JsonObject, start: Location, visit: (text: string, key: string, parent: WalkPath, index: number | undefined) => void): void {
  walkObjects(value, start, (node, path) => {
    for (const key in node) {
      const child = node[key];
      if (typeof child === 'string') visit(child, key, path, undefined);
      else if (Array.isArray(child)) {
        for (let i = 0; i < child.length; i++) {
          const item: unknown = child[i];
          if (typeof item === 'string') visit(item, key, path, i);
        }
      }
    }
  });
}
