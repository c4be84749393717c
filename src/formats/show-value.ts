/**
 * A JSON value as messages quote it, shortened. Never throws: a JSON object may carry a
 * `toString` key that is not a function (then String() and template literals throw), a
 * caller's object may hold a BigInt or a cycle.
 */
export function showValue(value: unknown, max = 60): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (value === undefined) text = 'undefined';
  else {
    try {
      text = JSON.stringify(value) ?? typeof value;
    } catch {
      text = `a ${typeof value}`;
    }
  }
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}
