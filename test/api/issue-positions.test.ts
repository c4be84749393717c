import { describe, expect, it } from 'vitest';
import { withSourcePositions } from '../../src/api/issue-positions.js';
import { formatJsonPath } from '../../src/instance/source-locator.js';
import type { Issue } from '../../src/model/issue.js';

const positions: Record<string, { line: number; column: number }> = {
  '': { line: 1, column: 1 },
  meta: { line: 3, column: 3 },
  'meta.versionId': { line: 4, column: 5 },
  'entry[0].resource': { line: 9, column: 7 },
};
const locator = { positionOf: (path: string) => positions[path] };
const issue = (location: string | undefined, extra: Partial<Issue> = {}): Issue => ({ severity: 'error', code: 'invalid', ruleId: 'X', message: 'm', location, ...extra });

describe('withSourcePositions', () => {
  it('gives an issue the position of its element, or of the nearest present ancestor', () => {
    const [present, absent, viaFunction, root] = withSourcePositions(
      [issue('Bundle.meta.versionId'), issue('Bundle.entry[0].resource.focus[0]'), issue('Bundle.entry[0].resource.where(x).y'), issue('Bundle')],
      locator,
    );
    expect(present.position).toEqual({ line: 4, column: 5 });
    expect(absent.position).toEqual({ line: 9, column: 7 });
    expect(viaFunction.position).toEqual({ line: 9, column: 7 });
    expect(root.position).toEqual({ line: 1, column: 1 });
  });

  it('asks a reader that takes split paths with the segments themselves', () => {
    const asked: string[] = [];
    const splitLocator = {
      positionOf: (): never => {
        throw new Error('positionAt is there: the path need not be spelled');
      },
      positionAt: (segments: ReadonlyArray<string | number>) => {
        asked.push(JSON.stringify(segments));
        return positions[formatJsonPath(segments)];
      },
    };
    const [absent, root] = withSourcePositions([issue('Bundle.entry[0].resource.focus[0].reference'), issue('Bundle.x.y')], splitLocator);
    expect(absent.position).toEqual({ line: 9, column: 7 });
    expect(root.position).toEqual({ line: 1, column: 1 });
    // Nearest first, a whole step at a time (never `entry` without its index).
    expect(asked).toEqual([
      '["entry",0,"resource","focus",0,"reference"]',
      '["entry",0,"resource","focus",0]',
      '["entry",0,"resource"]',
      '["x","y"]',
      '["x"]',
      '[]',
    ]);
  });

  it('keeps positions already known, and leaves issues without a FHIRPath location (headers) alone', () => {
    const known = issue('Bundle.meta', { position: { line: 20, column: 2 } });
    const [kept, header, none] = withSourcePositions([known, issue('X-Request-ID'), issue(undefined)], locator);
    expect(kept.position).toEqual({ line: 20, column: 2 });
    expect(header.position).toBeUndefined();
    expect(none.position).toBeUndefined();
    expect(withSourcePositions([issue('Bundle.meta')], undefined)[0].position).toBeUndefined();
  });
});
