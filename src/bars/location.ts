/**
 * The one place that spells locations: FHIRPath-style paths such as
 * `Bundle.entry[0].resource.eventCoding`, built by appending steps to a parent. The text is
 * spelled only when asked for (an issue's location): the rules walk whole Bundles, and most
 * of the places they pass through never need one.
 */
export class Location {
  private spelled: string | undefined;

  private constructor(
    private readonly parent: Location | undefined,
    private readonly name: string,
    private readonly index: number | undefined,
  ) {
    if (!parent) this.spelled = name;
  }

  static root(name = 'Bundle'): Location {
    return new Location(undefined, name, undefined);
  }

  /** A child element; an index marks one item of a repeating element. */
  child(name: string, index?: number): Location {
    return new Location(this, name, index);
  }

  get path(): string {
    if (this.spelled === undefined) {
      const step = this.index === undefined ? this.name : `${this.name}[${this.index}]`;
      this.spelled = `${this.parent!.path}.${step}`;
    }
    return this.spelled;
  }

  toString(): string {
    return this.path;
  }
}

/** Location of `Bundle.entry[i].resource`. */
export function entryResourceLocation(index: number): Location {
  return Location.root().child('entry', index).child('resource');
}
