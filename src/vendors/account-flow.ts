/**
 * How a caller's own account at a vendor is linked, refreshed and revoked. Implemented per
 * vendor beside its gateway credential flow (`<v>.auth.ts`), so both share the login calls.
 */
export interface AccountFlow {
  /** What `link` needs from the caller, by name (e.g. `email`, `password`); used once, never stored. */
  readonly inputs: readonly string[];
  /** Refresh this long before `expiresAt`. */
  readonly refreshBeforeMs: number;
  link(input: Readonly<Record<string, string>>): Promise<LinkedCredential>;
  /**
   * OAuth2 authorization-code flows only: where the user's browser signs in, coming back to
   * `redirectUri` with `code` and `state`; `link` then gets `{ code, redirectUri }`.
   */
  authorizeUrl?(state: string, redirectUri: string): string;
  /** A new credential from the current one; a VendorError UNAUTHENTICATED/FORBIDDEN means "relink". */
  refresh(current: LinkedCredential): Promise<LinkedCredential>;
  /** Revokes what the vendor allows revoking; best effort. */
  revoke(current: LinkedCredential): Promise<void>;
}

/** A linked credential: what requests send, and what the flow keeps to renew or revoke it. */
export interface LinkedCredential {
  /** What the vendor calls the account (e-mail, login, client id): shown to the caller. */
  label: string;
  /** The bearer token requests use. */
  token: string;
  /** Epoch ms; null when the vendor does not say. */
  expiresAt: number | null;
  /** Flow-specific material (key ids, refresh tokens, …); stored encrypted with the token. */
  material: Readonly<Record<string, string>>;
}
