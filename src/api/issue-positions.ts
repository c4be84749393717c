/**
 * Source positions for issues that carry only a FHIRPath location (the BaRS message layer
 * reports `Bundle.meta.versionId`, not a line): the position of that element in the text, or of
 * its nearest present ancestor when it is absent (a missing element points at its parent).
 */
import { formatJsonPath, type SourceLocator } from '../instance/source-locator.js';
import { withPosition, type Issue, type SourcePosition } from '../model/issue.js';

const PLAIN_STEP = /^([A-Za-z_][\w-]*)(?:\[(\d+)\])?$/;
const FHIRPATH_LOCATION = /^[A-Z][A-Za-z]+(\.|\[|$)/;

/**
 * `Bundle.entry[0].resource.destination[0].endpoint` → its JSON path as segments
 * (`entry, 0, resource, destination, 0, endpoint`), up to the first step that is not a plain
 * name (a function: ofType, where...), and where each step ends in them, so that a caller can
 * try the path and then each shorter one.
 */
function jsonPathOf(location: string): { segments: Array<string | number>; stepEnds: number[] } {
  const steps = location.split('.');
  const segments: Array<string | number> = [];
  const stepEnds: number[] = [];
  for (let i = 1; i < steps.length; i++) {
    const plain = PLAIN_STEP.exec(steps[i]);
    if (!plain) break;
    segments.push(plain[1]);
    if (plain[2] !== undefined) segments.push(Number(plain[2]));
    stepEnds.push(segments.length);
  }
  return { segments, stepEnds };
}

function positionOf(locator: SourceLocator, segments: ReadonlyArray<string | number>): SourcePosition | undefined {
  return locator.positionAt ? locator.positionAt(segments) : locator.positionOf(formatJsonPath(segments));
}

export function withSourcePositions(issues: readonly Issue[], locator: SourceLocator | undefined): Issue[] {
  if (!locator) return [...issues];
  return issues.map((issue) => {
    if (issue.position || !issue.location || !FHIRPATH_LOCATION.test(issue.location)) return issue;
    // The element itself, then each ancestor, nearest first; the root last.
    const { segments, stepEnds } = jsonPathOf(issue.location);
    for (let step = stepEnds.length - 1; step >= -1; step--) {
      const position = positionOf(locator, step < 0 ? [] : step === stepEnds.length - 1 ? segments : segments.slice(0, stepEnds[step]));
      if (position) return withPosition(issue, position);
    }
    return issue;
  });
}
