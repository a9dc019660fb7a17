/**
 * IoTaaP login and current-user routes (VENDOR-NOTES.md, IoTaaP).
 */
import type { IotaapWireLoginResponse } from '../../vendors/iotaap/iotaap.wire';
import { jsonResponse, type SimRequest, type SimResponse } from '../router';
import type { IotaapAuth } from './iotaap.auth';
import { message, optionalString, publicUser, type IotaapContext, type IotaapRoute } from './iotaap.store';

/** `POST /auth/login {email, password, rememberMe}` → `{ user: {id, role}, token }`, or 401. */
export function login(context: IotaapContext, auth: IotaapAuth, request: SimRequest): SimResponse {
  const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
  const { email, password } = body;
  const user =
    typeof email === 'string' && typeof password === 'string'
      ? context.state.users.find((candidate) => candidate.email === email.trim().toLowerCase())
      : undefined;
  // Same answer for an unknown email and a wrong password, so neither can be probed.
  if (!user || user.password !== password) return message(401, 'Invalid email or password');
  const answer: IotaapWireLoginResponse = { user: { id: user._id, role: user.role }, token: auth.issue(user._id) };
  return jsonResponse(200, answer);
}

/** The editable fields of `PUT /users/current` (IotaapWireUserUpdate). */
const EDITABLE_FIELDS = ['first_name', 'last_name', 'username'] as const;

/** Registers `GET /users/current` and `PUT /users/current`. */
export function registerUserRoutes(route: IotaapRoute): void {
  route('GET', '/users/current', 'Error when getting user', (_request, user) => jsonResponse(200, publicUser(user)));

  route('PUT', '/users/current', 'Error when updating user', (request, user) => {
    const changes: Partial<Record<(typeof EDITABLE_FIELDS)[number], string>> = {};
    for (const field of EDITABLE_FIELDS) {
      const value = optionalString(request.body, field);
      if (typeof value === 'object') return value;
      if (value !== undefined) changes[field] = value;
    }
    if (changes.username !== undefined && changes.username.trim() === '') {
      return message(400, 'username must not be empty');
    }
    // Other fields (email, role, plan) are silently ignored, as the notes list only these as editable.
    Object.assign(user, changes);
    return jsonResponse(200, publicUser(user));
  });
}
