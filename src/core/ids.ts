import { BadUserInputError } from './errors';
import { isVendor, type Vendor } from './vendor';

/** A decoded global id: `<vendor>:<Type>:<nativeId>`. */
export interface GlobalId {
  vendor: Vendor;
  type: string;
  nativeId: string;
}

/** Opaque global id: base64url of `<vendor>:<Type>:<nativeId>`. */
export function encodeId(vendor: Vendor, type: string, nativeId: string): string {
  return Buffer.from(`${vendor}:${type}:${nativeId}`, 'utf8').toString('base64url');
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Decodes a global id, or throws BAD_USER_INPUT saying what was expected and received. */
export function decodeId(id: string): GlobalId {
  const text = BASE64URL.test(id) ? Buffer.from(id, 'base64url').toString('utf8') : '';
  const first = text.indexOf(':');
  const second = text.indexOf(':', first + 1);
  const vendor = text.slice(0, first);
  const type = text.slice(first + 1, second);
  const nativeId = text.slice(second + 1);
  if (first < 0 || second < 0 || !isVendor(vendor) || !/^[A-Za-z]+$/.test(type) || nativeId === '') {
    throw new BadUserInputError(`"${truncate(id)}" is not a Tributary id; ids come from the \`id\` field of a node`, {
      argument: 'id',
    });
  }
  return { vendor, type, nativeId };
}

/**
 * Decodes an id that must name one of `types` (e.g. any Device implementation);
 * a wrong type is BAD_USER_INPUT before any vendor is called.
 */
export function decodeIdOf(id: string, types: readonly string[], what: string): GlobalId {
  const decoded = decodeId(id);
  if (!types.includes(decoded.type)) {
    throw new BadUserInputError(
      `Expected the id of a ${what} (${types.join(', ') || 'none served yet'}), but got the id of a ${decoded.type}`,
      { argument: 'id' },
    );
  }
  return decoded;
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
