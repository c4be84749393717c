/**
 * The element tree the snapshot generator works on. A snapshot's flat element list becomes
 * a tree of named children with their slices; the differential is applied to the tree, and
 * the tree is flattened back with ids and paths recomputed from the names.
 *
 * Template nodes (built from an existing snapshot) are never changed; working nodes copy
 * them and remember their template, so a new slice can start from the unconstrained element
 * as the base profile had it, not from the sliced element after this differential changed it.
 */
import type { ElementDefinition } from 'fhir/r4.js';

export interface TemplateNode {
  readonly name: string;
  readonly element: ElementDefinition;
  readonly children: TemplateNode[];
  readonly slices: TemplateNode[];
}

export interface WorkNode {
  /** The last path segment: `code`, `value[x]`. */
  name: string;
  element: ElementDefinition;
  children: WorkNode[];
  slices: WorkNode[];
  /** What this node was copied from, when it came from an existing snapshot. */
  template?: TemplateNode;
}

/** One segment of an element id: `coding:BodyWeightCode` is { name: 'coding', sliceName: 'BodyWeightCode' }. */
export interface IdSegment {
  name: string;
  sliceName?: string;
}

/**
 * Splits an element id into segments. Slice names may contain dots, so the path (whose
 * segments are the names) decides where each id segment starts.
 */
export function parseElementId(id: string, path?: string): IdSegment[] {
  const rawParts = id.split('.');
  const names = path?.split('.');
  const parts: string[] = [];
  for (const raw of rawParts) {
    const expected = names?.[parts.length];
    const previous = parts[parts.length - 1];
    const startsSegment = expected === undefined || raw === expected || raw.startsWith(`${expected}:`);
    if (!startsSegment && previous !== undefined && previous.includes(':') && names && parts.length <= names.length) {
      parts[parts.length - 1] = `${previous}.${raw}`;
    } else {
      parts.push(raw);
    }
  }
  return parts.map((part) => {
    const colon = part.indexOf(':');
    return colon < 0 ? { name: part } : { name: part.slice(0, colon), sliceName: part.slice(colon + 1) };
  });
}

export function formatIdSegment(segment: IdSegment): string {
  return segment.sliceName === undefined ? segment.name : `${segment.name}:${segment.sliceName}`;
}

/** The id an element has or, lacking one, the id its path gives (slices cannot be told apart then). */
export function elementIdOf(element: ElementDefinition): string {
  if (element.id) return element.id;
  return element.sliceName ? `${element.path}:${element.sliceName}` : element.path;
}

/**
 * Builds the template tree of a snapshot. Returns undefined when the list is empty.
 * Elements whose parent cannot be found are returned in `orphans` (a malformed snapshot).
 */
export function buildTemplateTree(elements: readonly ElementDefinition[]): { root?: TemplateNode; orphans: ElementDefinition[] } {
  const byId = new Map<string, TemplateNode>();
  const orphans: ElementDefinition[] = [];
  let root: TemplateNode | undefined;
  for (const element of elements) {
    const id = elementIdOf(element);
    const segments = parseElementId(id, element.path);
    const last = segments[segments.length - 1];
    const node: TemplateNode = { name: last.name, element, children: [], slices: [] };
    if (segments.length === 1 && last.sliceName === undefined) {
      if (root) {
        orphans.push(element);
        continue;
      }
      root = node;
      byId.set(id, node);
      continue;
    }
    const parentId = segments.slice(0, -1).map(formatIdSegment).join('.');
    if (last.sliceName !== undefined) {
      // A slice hangs off the element it slices; a re-slice `s/t` hangs off slice `s`.
      const slash = last.sliceName.lastIndexOf('/');
      const owner: IdSegment = slash < 0 ? { name: last.name } : { name: last.name, sliceName: last.sliceName.slice(0, slash) };
      const ownerId = segments.length === 1 ? formatIdSegment(owner) : `${parentId}.${formatIdSegment(owner)}`;
      const sliced = byId.get(ownerId);
      if (!sliced) {
        orphans.push(element);
        continue;
      }
      sliced.slices.push(node);
    } else {
      const parent = byId.get(parentId);
      if (!parent) {
        orphans.push(element);
        continue;
      }
      parent.children.push(node);
    }
    byId.set(id, node);
  }
  return { root, orphans };
}

/** A working copy of a template subtree (children and slices included). */
export function copyTemplate(template: TemplateNode): WorkNode {
  return {
    name: template.name,
    element: template.element,
    children: template.children.map(copyTemplate),
    slices: template.slices.map(copyTemplate),
    template,
  };
}

/** A copy of a working subtree; elements are shared, as they are replaced and never changed in place. */
export function copyWorkNode(node: WorkNode): WorkNode {
  return {
    name: node.name,
    element: node.element,
    children: node.children.map(copyWorkNode),
    slices: node.slices.map(copyWorkNode),
    template: node.template,
  };
}

/**
 * Flattens the tree into snapshot order: an element, its children, then its slices
 * (each followed by its own children and re-slices). Ids and paths are rebuilt from names.
 */
export function flattenTree(root: WorkNode, rootPath: string): ElementDefinition[] {
  const out: ElementDefinition[] = [];
  // A slice (or re-slice `s/t`) sits beside its sliced element: same parent id, same path.
  const visit = (node: WorkNode, path: string, parentId: string | undefined): void => {
    const sliceName = node.element.sliceName;
    const segment = sliceName === undefined ? node.name : `${node.name}:${sliceName}`;
    const id = parentId === undefined ? segment : `${parentId}.${segment}`;
    out.push(reorderKeys({ ...node.element, id, path }));
    for (const child of node.children) visit(child, `${path}.${child.name}`, id);
    for (const slice of node.slices) visit(slice, path, parentId);
  };
  visit(root, rootPath, undefined);
  return out;
}

/** Puts id, path and sliceName first, as FHIR's JSON element order has them. */
function reorderKeys(element: ElementDefinition): ElementDefinition {
  const { id, path, sliceName, ...rest } = element;
  const ordered: ElementDefinition = { id, path } as ElementDefinition;
  if (sliceName !== undefined) ordered.sliceName = sliceName;
  return Object.assign(ordered, rest);
}
