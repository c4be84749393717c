/**
 * FHIR JSON text from a resource object, like JSON.stringify but able to write a decimal
 * with the text it was read with ("1.50" stays 1.50, which JSON.stringify would print as 1.5).
 * Iterative (an explicit stack), so depth is no risk.
 */

export interface JsonWriteOptions {
  /** Original text of decimals by JSON path (`XmlReadSuccess.decimalText` or `JsonReadSuccess.numberText`). */
  decimalText?: ReadonlyMap<string, string> | ((path: string) => string | undefined);
  /** Spaces per level (default 2); 0 writes one line. */
  indent?: number;
}

type Task = { kind: 'value'; value: unknown; path: string; depth: number } | { kind: 'text'; text: string };

export function formatFhirJson(value: unknown, options: JsonWriteOptions = {}): string {
  const indent = options.indent ?? 2;
  const lookup = options.decimalText;
  const decimalTextAt = (path: string): string | undefined => (typeof lookup === 'function' ? lookup(path) : lookup?.get(path));
  const newline = (depth: number): string => (indent > 0 ? `\n${' '.repeat(indent * depth)}` : '');
  const colon = indent > 0 ? ': ' : ':';
  const out: string[] = [];
  const tasks: Task[] = [{ kind: 'value', value, path: '', depth: 0 }];
  while (tasks.length > 0) {
    const task = tasks.pop()!;
    if (task.kind === 'text') {
      out.push(task.text);
      continue;
    }
    const { value: item, path, depth } = task;
    if (typeof item === 'number') {
      const original = decimalTextAt(path);
      out.push(original !== undefined && Number(original) === item ? original : JSON.stringify(item));
    } else if (Array.isArray(item)) {
      if (item.length === 0) {
        out.push('[]');
        continue;
      }
      // Pushed in reverse: the stack pops them in order.
      const pending: Task[] = [{ kind: 'text', text: '[' }];
      item.forEach((child, i) => {
        pending.push({ kind: 'text', text: (i > 0 ? ',' : '') + newline(depth + 1) });
        pending.push({ kind: 'value', value: child === undefined ? null : child, path: `${path}[${i}]`, depth: depth + 1 });
      });
      pending.push({ kind: 'text', text: `${newline(depth)}]` });
      for (let k = pending.length - 1; k >= 0; k--) tasks.push(pending[k]);
    } else if (typeof item === 'object' && item !== null) {
      const keys = Object.keys(item).filter((key) => (item as Record<string, unknown>)[key] !== undefined);
      if (keys.length === 0) {
        out.push('{}');
        continue;
      }
      const pending: Task[] = [{ kind: 'text', text: '{' }];
      keys.forEach((key, i) => {
        pending.push({ kind: 'text', text: `${i > 0 ? ',' : ''}${newline(depth + 1)}${JSON.stringify(key)}${colon}` });
        pending.push({ kind: 'value', value: (item as Record<string, unknown>)[key], path: path === '' ? key : `${path}.${key}`, depth: depth + 1 });
      });
      pending.push({ kind: 'text', text: `${newline(depth)}}` });
      for (let k = pending.length - 1; k >= 0; k--) tasks.push(pending[k]);
    } else {
      out.push(JSON.stringify(item) ?? 'null');
    }
  }
  return out.join('');
}
