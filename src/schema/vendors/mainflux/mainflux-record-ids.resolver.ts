import { FieldResolver, ID, Resolver, Root } from 'type-graphql';
import type { MainfluxGroupRecord, MainfluxKeyRecord, MainfluxOrgMemberRecord, MainfluxOrgRecord, MainfluxUserRecord } from '../../../vendors/mainflux';
import { MainfluxApiKey, MainfluxOrg, MainfluxOrgMember, MainfluxUser } from './mainflux-admin.types';
import { MainfluxGroup } from './mainflux-thing.type';
import { MAINFLUX_API_KEY, MAINFLUX_ORG, MAINFLUX_USER, mainfluxRecordId, mainfluxUserId } from './mainflux-ids.checks';

const NATIVE = { description: "Mainflux's own id (a UUID), for reading alongside Mainflux's tools; arguments take `id`." } as const;

/** Ids of users, orgs and keys: global ids (what every argument takes), the UUID as `nativeId`. */
@Resolver(() => MainfluxUser)
export class MainfluxUserIdsResolver {
  @FieldResolver(() => ID, { description: 'Global id of the user (arguments naming a user take it).' })
  id(@Root() user: MainfluxUserRecord): string {
    return mainfluxRecordId(MAINFLUX_USER, user.id);
  }

  @FieldResolver(() => String, NATIVE)
  nativeId(@Root() user: MainfluxUserRecord): string {
    return user.id;
  }
}

@Resolver(() => MainfluxOrg)
export class MainfluxOrgIdsResolver {
  @FieldResolver(() => ID, { description: 'Global id of the org (arguments naming an org take it).' })
  id(@Root() org: MainfluxOrgRecord): string {
    return mainfluxRecordId(MAINFLUX_ORG, org.id);
  }

  @FieldResolver(() => String, NATIVE)
  nativeId(@Root() org: MainfluxOrgRecord): string {
    return org.id;
  }

  @FieldResolver(() => ID, { nullable: true, description: 'Global id of the MainfluxUser that owns the org.' })
  ownerId(@Root() org: MainfluxOrgRecord): string | null {
    return mainfluxUserId(org.ownerId);
  }
}

@Resolver(() => MainfluxOrgMember)
export class MainfluxOrgMemberIdsResolver {
  @FieldResolver(() => ID, { nullable: true, description: 'Global id of the member (a MainfluxUser).' })
  id(@Root() member: MainfluxOrgMemberRecord): string | null {
    return mainfluxUserId(member.id);
  }
}

@Resolver(() => MainfluxApiKey)
export class MainfluxApiKeyIdsResolver {
  @FieldResolver(() => ID, { description: 'Global id of the key (arguments naming a key take it).' })
  id(@Root() key: MainfluxKeyRecord): string {
    return mainfluxRecordId(MAINFLUX_API_KEY, key.id);
  }

  @FieldResolver(() => String, NATIVE)
  nativeId(@Root() key: MainfluxKeyRecord): string {
    return key.id;
  }

  @FieldResolver(() => ID, { nullable: true, description: 'Global id of the MainfluxUser that issued it.' })
  issuerId(@Root() key: MainfluxKeyRecord): string | null {
    return mainfluxUserId(key.issuerId);
  }
}

@Resolver(() => MainfluxGroup)
export class MainfluxGroupOwnerResolver {
  @FieldResolver(() => ID, { nullable: true, description: 'Global id of the MainfluxUser that owns the group.' })
  ownerId(@Root() group: MainfluxGroupRecord): string | null {
    return mainfluxUserId(group.ownerId);
  }
}
