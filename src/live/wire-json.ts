/** JSON that keeps Dates (records carry them) across Redis: `{ "$date": iso }` on the wire. */
export function encodeEvent(value: unknown): string {
  return JSON.stringify(value, function replacer(this: Record<string, unknown>, key: string, inner: unknown) {
    const raw = this[key];
    return raw instanceof Date ? { $date: raw.toISOString() } : inner;
  });
}

export function decodeEvent<T>(text: string): T {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === 'object' && '$date' in value && Object.keys(value).length === 1) {
      return new Date(String((value as { $date: unknown }).$date));
    }
    return value;
  }) as T;
}
