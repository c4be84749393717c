/** A duplicate-request store that cannot be reached: the handler answers 503 (retry later), not 500. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export function isStoreUnavailable(error: unknown): boolean {
  return error instanceof StoreUnavailableError;
}
