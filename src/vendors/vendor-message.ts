/**
 * A vendor's own short error message, when it is safe to show a caller: a single line of
 * plain text, no longer than 200 characters, with nothing that looks like a token.
 */
export function vendorMessage(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (!text || text.length > 200 || /[\r\n]/.test(text)) return null;
  // Long unbroken runs of letters and digits are how tokens and keys look.
  return /[A-Za-z0-9_-]{24,}/.test(text) ? null : text;
}
