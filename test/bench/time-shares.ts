/**
 * Where full validation spends its time: a sampling CPU profile (node:inspector) of repeated
 * runs, each sample put in the area of the innermost frame that names one (JSON reading,
 * source positions, FHIRPath, the BaRS message rules, the OperationOutcome, the walk and its
 * checks). Areas are found by function name, so the split is the same under tsx or built JS.
 */
import { Session } from 'node:inspector/promises';

export interface TimeShare {
  area: string;
  percent: number;
}

interface CallFrame {
  functionName: string;
  url: string;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

/** Innermost first match wins: FHIRPath inside the walk counts as FHIRPath, positions inside a check as positions. */
const AREAS: ReadonlyArray<{ area: string; holds: (frame: CallFrame) => boolean }> = [
  { area: 'reading: JSON.parse and the duplicate-key test', holds: (f) => f.functionName === 'parseFhirJson' },
  { area: 'source positions (line/column of each issue)', holds: (f) => f.functionName === 'positionOf' || f.functionName === 'withSourcePositions' },
  { area: 'FHIRPath invariants (profile constraints and BaRS Application rules)', holds: (f) => f.functionName === 'evaluateBoolean' },
  { area: 'BaRS Core and Application message rules (TypeScript)', holds: (f) => f.functionName === 'evaluateMessage' },
  {
    area: 'OperationOutcome (BaRS annotation, repeats, building)',
    holds: (f) => ['toOperationOutcome', 'dedupeIssues', 'annotateWithBarsRule', 'filterEngineIssues'].includes(f.functionName),
  },
  { area: 'size limits', holds: (f) => f.functionName === 'checkValueLimits' },
  { area: 'walk and per-node checks (structure, cardinality, types, bindings, slicing, references, native invariants)', holds: (f) => f.functionName === 'walkWith' },
];
const OTHER = 'other (garbage collection, the loop itself)';

export async function timeShares(run: () => unknown, iterations: number): Promise<TimeShare[]> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 50 });
    await session.post('Profiler.start');
    for (let i = 0; i < iterations; i++) run();
    const { profile } = (await session.post('Profiler.stop')) as { profile: { nodes: ProfileNode[]; samples: number[] } };
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parentOf = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
    const areaOf = new Map<number, string>();
    const classify = (id: number): string => {
      const known = areaOf.get(id);
      if (known !== undefined) return known;
      const match = AREAS.find((a) => a.holds(byId.get(id)!.callFrame));
      const parent = parentOf.get(id);
      const area = match ? match.area : parent === undefined ? OTHER : classify(parent);
      areaOf.set(id, area);
      return area;
    };
    const counts = new Map<string, number>();
    for (const id of profile.samples) {
      const area = classify(id);
      counts.set(area, (counts.get(area) ?? 0) + 1);
    }
    const total = profile.samples.length;
    return [...counts].map(([area, n]) => ({ area, percent: (100 * n) / total })).sort((a, b) => b.percent - a.percent);
  } finally {
    session.disconnect();
  }
}
