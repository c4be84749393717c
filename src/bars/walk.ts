/** Walks every object inside a JSON value with its location (arrays index their parent's name). */
import { isObject, type JsonObject } from './json.js';
import type { Location } from './location.js';

export function walkObjects(value: JsonObject, location: Location, visit: (node: JsonObject, location: Location, name: string) => void, name = ''): void {
  visit(value, location, name);
  for (const key in value) {
    if (key === 'resourceType') continue;
    const child = value[key];
    if (Array.isArray(child)) {
      for (let i = 0; i < child.length; i++) {
        const item: unknown = child[i];
        if (isObject(item)) walkObjects(item, location.child(key, i), visit, key);
      }
    } else if (isObject(child)) {
      walkObjects(child, location.child(key), visit, key);
    }
  }
}

/**
 * Every string value under a JSON value, with its key, the location of the object holding it and
 * its index in an array: the visitor makes the string's own location (`parent.child(key, index)`)
 * only when it needs one.
 */
export function walkStrings(value: JsonObject, location: Location, visit: (text: string, key: string, parent: Location, index: number | undefined) => void): void {
  walkObjects(value, location, (node, nodeLocation) => {
    for (const key in node) {
      const child = node[key];
      if (typeof child === 'string') visit(child, key, nodeLocation, undefined);
      else if (Array.isArray(child)) {
        for (let i = 0; i < child.length; i++) {
          const item: unknown = child[i];
          if (typeof item === 'string') visit(item, key, nodeLocation, i);
        }
      }
    }
  });
}
