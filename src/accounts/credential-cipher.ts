import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** What was sealed, and under which key. */
export interface Sealed {
  keyId: string;
  secret: Buffer;
}

/**
 * AES-256-GCM for vendor token material at rest. The first key seals; every key given can
 * open (so a rotation can run while rows under the old key remain). A key's id is a digest
 * prefix, stored per row; the row's identity (caller and vendor) is the additional data, so a
 * sealed secret copied onto another caller's row does not open.
 */
export class CredentialCipher {
  private readonly keys: Map<string, Buffer>;
  readonly currentKeyId: string;

  constructor(keys: readonly Buffer[]) {
    if (!keys.length) throw new Error('CredentialCipher needs at least one key');
    for (const key of keys) {
      if (key.length !== 32) throw new Error(`A credentials key must be 32 bytes (base64 of 32 random bytes), but got ${key.length} bytes`);
    }
    this.keys = new Map(keys.map((key) => [keyIdOf(key), key]));
    this.currentKeyId = keyIdOf(keys[0]!);
  }

  seal(plaintext: string, context: string): Sealed {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { keyId: this.currentKeyId, secret: Buffer.concat([iv, cipher.getAuthTag(), body]) };
  }

  open(sealed: Sealed, context: string): string {
    const key = this.keys.get(sealed.keyId);
    if (!key) throw new Error(`No credentials key with id ${sealed.keyId} is configured (rotated away without re-encrypting?)`);
    const iv = sealed.secret.subarray(0, IV_BYTES);
    const tag = sealed.secret.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed.secret.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}

/** The id stored beside each row: not secret, and tells nothing about the key. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('tributary-credentials-key-id').update(key).digest('hex').slice(0, 12);
}

/** A key from its base64 text (as `CREDENTIALS_KEY` and key files hold it). */
export function parseCredentialsKey(text: string, source: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) {
    throw new Error(`${source} must be base64 of 32 bytes (e.g. \`openssl rand -base64 32\`), but got ${key.length} bytes`);
  }
  return key;
}
