/** Igtimi account, users, device groups and server list routes (igtimi.txt). */
import { jsonResponse } from '../router';
import type { SimDeviceGroup } from './igtimi.seed';
import { blobAnswer, flag, igtimiError, list, millis, params, SUCCESS, text, type IgtimiContext, type IgtimiRoute } from './igtimi.store';

const V1 = '/api/v1';

export function registerAccountRoutes(route: IgtimiRoute, context: IgtimiContext, liveUrls: () => string[]): void {
  const { state } = context;

  route('GET', '/server_listers/web_sockets', () => jsonResponse(200, { web_socket_servers: liveUrls() }));

  route('GET', `${V1}/account`, (_request, caller) => {
    const { blob: _blob, blob_content: _content, ...user } = caller.user;
    return jsonResponse(200, { user });
  });

  route('GET', `${V1}/users`, () => jsonResponse(200, { users: state.users.map(({ blob_content: _c, ...user }) => ({ user })) }));

  route('GET', `${V1}/users/:id`, (request) => {
    const user = state.users.find((u) => String(u.id) === request.params.id);
    if (!user) return igtimiError(401, 'User does not exist');
    const { blob_content: _c, ...visible } = user;
    return jsonResponse(200, { user: visible });
  });

  route('GET', `${V1}/users/:id/blob`, (request) => {
    const user = state.users.find((u) => String(u.id) === request.params.id);
    return user ? blobAnswer(user.blob_content) : igtimiError(401, 'User does not exist');
  });

  route('POST', `${V1}/users/:id/blob`, (request, caller) => {
    const user = state.users.find((u) => String(u.id) === request.params.id);
    if (!user) return igtimiError(401, 'User does not exist');
    if (user.id !== caller.user.id) return igtimiError(401, 'The user does not have modify permission on the user.');
    user.blob_content = text(params(request), 'content') ?? '';
    user.blob = true;
    return SUCCESS;
  });

  route('GET', `${V1}/devicegroups`, (request) => {
    const query = params(request);
    const tokens = list(query, 'devicegroup_tokens');
    const expired = flag(query, 'show_expired', false);
    const subgroups = flag(query, 'show_subgroups', false);
    const now = context.now();
    const groups = state.deviceGroups.filter(
      (g) =>
        (tokens.length === 0 || tokens.includes(g.token)) &&
        (expired || g.expiry === null || g.expiry * 1000 > now) &&
        (subgroups || tokens.length > 0 || g.parent_id === null),
    );
    return jsonResponse(200, { devicegroups: groups.map((g) => ({ devicegroup: wire(g) })) });
  });

  route('POST', `${V1}/devicegroups`, (request) => {
    const form = params(request);
    const prefix = text(form, 'prefix') ?? '';
    const parentToken = text(form, 'devicegroup_token');
    const parent = parentToken ? state.deviceGroups.find((g) => g.token === parentToken) : undefined;
    if (parentToken && (!parent || !parent.permissions.create_tokens)) return igtimiError(401, 'Invalid device group token');
    if (!/^[A-Z]{2}-[A-Z]{2}-?$/.test(prefix)) return igtimiError(400, 'Invalid prefix', 'A prefix looks like AA-AA');
    const expiry = millis(form, 'expiry');
    if (expiry !== undefined && !Number.isFinite(expiry)) return igtimiError(400, 'Invalid expiry');
    const group: SimDeviceGroup = {
      id: Math.max(...state.deviceGroups.map((g) => g.id)) + 1,
      token: context.random.chars(32, 'abcdef0123456789'),
      prefix,
      permissions: { create_devices: flag(form, 'create_devices', false), create_tokens: flag(form, 'create_tokens', false) },
      default_owner_id: Number(text(form, 'default_owner_id')) || null,
      default_admin_id: null,
      default_user_id: null,
      // Stored in seconds, as the doc's sample shows it.
      expiry: expiry === undefined ? null : Math.floor(expiry / 1000),
      parent_id: parent?.id ?? null,
    };
    state.deviceGroups.push(group);
    return jsonResponse(200, { devicegroup: wire(group) });
  });

  route('GET', `${V1}/devicegroup_tokens`, () =>
    jsonResponse(200, {
      devicegroup_tokens: state.deviceGroups.map((g) => ({
        devicegroup_token: {
          id: g.id,
          token: g.token,
          expiry: g.expiry === null ? null : new Date(g.expiry * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC'),
          parent_devicegroup_token_id: g.parent_id,
        },
      })),
    }),
  );
}

function wire(group: SimDeviceGroup) {
  const { parent_id: _parent, ...visible } = group;
  return visible;
}
