/**
 * The one place that spells locations: FHIRPath-style paths such as
 * `Bundle.entry[0].resource.eventCoding`, built by appending steps to a parent path.
 */
export class Location {
  private constructor(readonly path: string) {}

  static root(name = 'Bundle'): Location {
    return new Location(name);
  }

  /** A child element; an index marks one item of a repeating element. */
  child(name: string, index?: number): Location {
    return new Location(index === undefined ? `${this.path}.${name}` : `${this.path}.${name}[${index}]`);
  }

  toString(): string {
    return this.path;
  }
}

/** Location of `Bundle.entry[i].resource`. */
export function entryResourceLocation(index: number): Location {
  return Location.root().child('entry', index).child('resource');
}
