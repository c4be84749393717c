/**
 * Source positions for issues that carry only a FHIRPath location (the BaRS message layer
 * reports `Bundle.meta.versionId`, not a line): the position of that element in the text, or of
 * its nearest present ancestor when it is absent (a missing element points at its parent).
 */
import type { SourceLocator } from '../instance/source-locator.js';
import { withPosition, type Issue } from '../model/issue.js';

/** `Bundle.entry[0].resource.destination[0].endpoint` → JSON path candidates, nearest first. */
function candidatePaths(location: string): string[] {
  const steps = location.split('.');
  steps.shift(); // the root type
  const plain: string[] = [];
  for (const step of steps) {
    if (!/^[A-Za-z_][\w-]*(\[\d+\])?$/.test(step)) break; // a function (ofType, where...): stop at its parent
    plain.push(step);
  }
  const paths: string[] = [];
  for (let length = plain.length; length >= 0; length--) paths.push(plain.slice(0, length).join('.'));
  return paths;
}

export function withSourcePositions(issues: readonly Issue[], locator: SourceLocator | undefined): Issue[] {
  if (!locator) return [...issues];
  return issues.map((issue) => {
    if (issue.position || !issue.location || !/^[A-Z][A-Za-z]+(\.|\[|$)/.test(issue.location)) return issue;
    for (const path of candidatePaths(issue.location)) {
      const position = locator.positionOf(path);
      if (position) return withPosition(issue, position);
    }
    return issue;
  });
}
