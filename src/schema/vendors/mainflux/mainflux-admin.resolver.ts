import { Arg, Args, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../../context/context';
import { singleVendorPage } from '../../../core/pagination';
import { MAINFLUX_GROUP, MAINFLUX_THING } from '../../../vendors/mainflux';
import { PageArgs } from '../../model/page.args';
import { JSONObject } from '../../model/scalars';
import { MainfluxApiKey, MainfluxOrg, MainfluxOrgConnection, MainfluxUser, MainfluxUserConnection, MainfluxWebhook } from './mainflux-admin.types';
import {
  MAINFLUX_API_KEY,
  MAINFLUX_ORG,
  MAINFLUX_USER,
  mainfluxNativeId,
  mainfluxNativeIds,
  mainfluxRecordNativeId,
  mainfluxRecordNativeIds,
  policyObjectNativeId,
} from './mainflux-ids.checks';
import { mainflux } from './mainflux-things.resolver';
import { MainfluxOrgInput, MainfluxOrgMemberInput, MainfluxPolicyInput, MainfluxWebhookInput } from './mainflux.inputs';

const USER_ID = { description: 'Global id of a MainfluxUser.' } as const;
const ORG_ID = { description: 'Global id of a MainfluxOrg.' } as const;
const KEY_ID = { description: 'Global id of a MainfluxApiKey.' } as const;

const orgNativeId = (id: string) => mainfluxRecordNativeId(id, MAINFLUX_ORG, 'orgId');

/** Subjects (users), object (thing, channel or group) and actions of a policy input, as native ids. */
function policyTargets(ctx: RequestContext, input: MainfluxPolicyInput): [string[], string, MainfluxPolicyInput['policies']] {
  return [mainfluxRecordNativeIds(input.subjects, MAINFLUX_USER, 'subjects'), policyObjectNativeId(ctx, input.object), input.policies];
}

/** Mainflux-only users, orgs, policies, API keys and webhooks; every record named by its global id. */
@Resolver()
export class MainfluxAdminResolver {
  @Query(() => MainfluxUser, { description: 'A Mainflux user (GET /users/{id}).' })
  mainfluxUser(@Arg('id', () => ID, USER_ID) id: string, @Ctx() ctx: RequestContext) {
    return mainflux(ctx).admin.user(mainfluxRecordNativeId(id, MAINFLUX_USER));
  }

  @Query(() => MainfluxUserConnection, { description: 'Every Mainflux user (GET /users), paged.' })
  mainfluxUsers(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    return singleVendorPage({ key: 'MainfluxUser', vendor: 'MAINFLUX', fetch: (o, l) => mainflux(ctx).admin.users(o, l) }, page, ctx.pageLimits);
  }

  @Mutation(() => MainfluxUser, { description: 'Registers a Mainflux user (POST /users); the password needs 8 characters or more.' })
  mainfluxCreateUser(@Arg('email', () => String) email: string, @Arg('password', () => String) password: string, @Ctx() ctx: RequestContext) {
    return mainflux(ctx).admin.createUser(email, password);
  }

  @Mutation(() => Boolean, { description: "Replaces the calling user's metadata (PUT /users)." })
  mainfluxUpdateUser(@Arg('metadata', () => JSONObject) metadata: Record<string, unknown>, @Ctx() ctx: RequestContext) {
    return mainflux(ctx).admin.updateUser(metadata);
  }

  @Mutation(() => Boolean, { description: "Changes the calling user's password (PATCH /password)." })
  mainfluxChangePassword(@Arg('oldPassword', () => String) oldPassword: string, @Arg('password', () => String) password: string, @Ctx() ctx: RequestContext) {
    return mainflux(ctx).admin.changePassword(oldPassword, password);
  }

  @Query(() => MainfluxOrgConnection, { description: 'Orgs (GET /orgs): every org for an admin, else those the user belongs to.' })
  mainfluxOrgs(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    return singleVendorPage({ key: 'MainfluxOrg', vendor: 'MAINFLUX', fetch: (o, l) => mainflux(ctx).admin.orgs(o, l) }, page, ctx.pageLimits);
  }

  @Query(() => MainfluxOrg, { description: 'One org (GET /orgs/{id}).' })
  mainfluxOrg(@Arg('id', () => ID, ORG_ID) id: string, @Ctx() ctx: RequestContext) {
    return mainflux(ctx).admin.org(mainfluxRecordNativeId(id, MAINFLUX_ORG));
  }

  @Query(() => MainfluxOrgConnection, { description: 'Orgs a user is a member of (GET /members/{id}/orgs).' })
  mainfluxMemberships(@Arg('memberId', () => ID, USER_ID) memberId: string, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    const admin = mainflux(ctx).admin;
    const member = mainfluxRecordNativeId(memberId, MAINFLUX_USER, 'memberId');
    return singleVendorPage({ key: 'MainfluxOrg', vendor: 'MAINFLUX', fetch: (o, l) => admin.memberships(member, o, l) }, page, ctx.pageLimits);
  }

  @Mutation(() => MainfluxOrg, { description: 'Creates an org (POST /orgs) and reads it back.' })
  mainfluxCreateOrg(@Arg('input', () => MainfluxOrgInput) input: MainfluxOrgInput, @Ctx() ctx: RequestContext) {
    return mainflux(ctx).admin.createOrg(input);
  }

  @Mutation(() => MainfluxOrg, { description: 'Updates an org (PUT /orgs/{id}).' })
  mainfluxUpdateOrg(@Arg('id', () => ID, ORG_ID) id: string, @Arg('input', () => MainfluxOrgInput) input: MainfluxOrgInput, @Ctx() ctx: RequestContext) {
    return mainflux(ctx).admin.updateOrg(mainfluxRecordNativeId(id, MAINFLUX_ORG), input);
  }

  @Mutation(() => Boolean, { description: 'Deletes an org (DELETE /orgs/{id}).' })
  mainfluxDeleteOrg(@Arg('id', () => ID, ORG_ID) id: string, @Ctx() ctx: RequestContext) {
    return mainflux(ctx).admin.deleteOrg(mainfluxRecordNativeId(id, MAINFLUX_ORG));
  }

  @Mutation(() => Boolean, { description: 'Adds users (by e-mail) with roles to an org (POST /orgs/{id}/members).' })
  mainfluxAssignOrgMembers(@Arg('orgId', () => ID, ORG_ID) orgId: string, @Arg('members', () => [MainfluxOrgMemberInput]) members: MainfluxOrgMemberInput[], @Ctx() ctx: RequestContext) {
    return mainflux(ctx).admin.assignOrgMembers(orgNativeId(orgId), members);
  }

  @Mutation(() => Boolean, { description: "Changes members' roles (PUT /orgs/{id}/members)." })
  mainfluxUpdateOrgMembers(@Arg('orgId', () => ID, ORG_ID) orgId: string, @Arg('members', () => [MainfluxOrgMemberInput]) members: MainfluxOrgMemberInput[], @Ctx() ctx: RequestContext) {
    return mainflux(ctx).admin.updateOrgMembers(orgNativeId(orgId), members);
  }

  @Mutation(() => Boolean, { description: 'Removes users from an org (DELETE /orgs/{id}/members).' })
  mainfluxUnassignOrgMembers(
    @Arg('orgId', () => ID, ORG_ID) orgId: string,
    @Arg('memberIds', () => [ID], { description: 'Global ids of MainfluxUsers (`MainfluxOrgMember.id`).' }) memberIds: string[],
    @Ctx() ctx: RequestContext,
  ) {
    return mainflux(ctx).admin.unassignOrgMembers(orgNativeId(orgId), mainfluxRecordNativeIds(memberIds, MAINFLUX_USER, 'memberIds'));
  }

  @Mutation(() => Boolean, { description: 'Adds groups to an org (POST /orgs/{id}/groups).' })
  mainfluxAssignOrgGroups(@Arg('orgId', () => ID, ORG_ID) orgId: string, @Arg('groupIds', () => [ID]) groupIds: string[], @Ctx() ctx: RequestContext) {
    return mainflux(ctx).admin.assignOrgGroups(orgNativeId(orgId), mainfluxNativeIds(ctx, groupIds, MAINFLUX_GROUP, 'groupIds'));
  }

  @Mutation(() => Boolean, { description: 'Removes groups from an org (DELETE /orgs/{id}/groups).' })
  mainfluxUnassignOrgGroups(@Arg('orgId', () => ID, ORG_ID) orgId: string, @Arg('groupIds', () => [ID]) groupIds: string[], @Ctx() ctx: RequestContext) {
    return mainflux(ctx).admin.unassignOrgGroups(orgNativeId(orgId), mainfluxNativeIds(ctx, groupIds, MAINFLUX_GROUP, 'groupIds'));
  }

  @Mutation(() => Boolean, { description: 'Adds policies (POST /policies); admins only.' })
  mainfluxAddPolicies(@Arg('input', () => MainfluxPolicyInput) input: MainfluxPolicyInput, @Ctx() ctx: RequestContext) {
    return mainflux(ctx).admin.changePolicies('add', ...policyTargets(ctx, input));
  }

  @Mutation(() => Boolean, { description: 'Deletes policies (PUT /policies); admins only.' })
  mainfluxDeletePolicies(@Arg('input', () => MainfluxPolicyInput) input: MainfluxPolicyInput, @Ctx() ctx: RequestContext) {
    return mainflux(ctx).admin.changePolicies('delete', ...policyTargets(ctx, input));
  }

  @Query(() => MainfluxApiKey, { description: "An API key's details, never its value (GET /keys/{id})." })
  mainfluxKey(@Arg('id', () => ID, KEY_ID) id: string, @Ctx() ctx: RequestContext) {
    return mainflux(ctx).admin.key(mainfluxRecordNativeId(id, MAINFLUX_API_KEY));
  }

  @Mutation(() => MainfluxApiKey, { description: 'Issues an API key (POST /keys, type 2); its `value` is shown this once.' })
  mainfluxIssueKey(@Arg('durationSeconds', () => Int) durationSeconds: number, @Ctx() ctx: RequestContext) {
    return mainflux(ctx).admin.issueKey(durationSeconds);
  }

  @Mutation(() => Boolean, { description: 'Revokes an API key (DELETE /keys/{id}).' })
  mainfluxRevokeKey(@Arg('id', () => ID, KEY_ID) id: string, @Ctx() ctx: RequestContext) {
    return mainflux(ctx).admin.revokeKey(mainfluxRecordNativeId(id, MAINFLUX_API_KEY));
  }

  @Mutation(() => [MainfluxWebhook], { description: "Creates webhooks for a thing in one call (POST /webhooks/{thingId}); only the thing's owner may." })
  mainfluxCreateWebhooks(@Arg('thingId', () => ID) thingId: string, @Arg('webhooks', () => [MainfluxWebhookInput]) webhooks: MainfluxWebhookInput[], @Ctx() ctx: RequestContext) {
    return mainflux(ctx).admin.createWebhooks(mainfluxNativeId(ctx, thingId, MAINFLUX_THING, 'thingId'), webhooks);
  }
}
