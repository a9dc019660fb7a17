import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context/context';
import { linkVendorAccount, unlinkVendorAccount, vendorAccountAuthorizeUrl, vendorAccounts } from '../../context/vendor-accounts';
import type { Vendor } from '../../core/vendor';
import { VendorAccount, VendorAccountStateEnum } from '../model/vendor-account.type';
import { VendorEnum } from '../model/vendor.enum';

/** The caller's own vendor accounts (docs/accounts.md). Anonymous callers get UNAUTHENTICATED. */
@Resolver()
export class VendorAccountResolver {
  @Query(() => [VendorAccount], { description: "The caller's linked vendor accounts, in vendor order." })
  vendorAccounts(@Ctx() ctx: RequestContext) {
    return vendorAccounts(ctx) as Promise<Array<VendorAccount & { state: VendorAccountStateEnum }>>;
  }

  @Mutation(() => Boolean, { description: "Removes the caller's link to the vendor and revokes what the vendor allows revoking; false when there was none." })
  unlinkVendorAccount(@Arg('vendor', () => VendorEnum) vendor: Vendor, @Ctx() ctx: RequestContext) {
    return unlinkVendorAccount(ctx, vendor);
  }

  @Mutation(() => VendorAccount, {
    description: "Links the caller's Mainflux account: the e-mail and password log in once (never stored); the gateway keeps an API key issued with that login and renews it.",
  })
  linkMainfluxAccount(@Arg('email') email: string, @Arg('password') password: string, @Ctx() ctx: RequestContext) {
    return linkVendorAccount(ctx, 'MAINFLUX', { email, password });
  }

  @Mutation(() => VendorAccount, {
    description:
      "Links the caller's IoTaaP account: the login gives a 30-day token. IoTaaP has no refresh endpoint, so the gateway keeps the password sealed with the token and logs in again a day before it runs out.",
  })
  linkIotaapAccount(@Arg('email') email: string, @Arg('password') password: string, @Ctx() ctx: RequestContext) {
    return linkVendorAccount(ctx, 'IOTAAP', { email, password });
  }

  @Mutation(() => VendorAccount, {
    description: "Links the caller's Thingsee organisation by its API client: tokens live 15 minutes, so the gateway keeps the client secret sealed and renews them.",
  })
  linkThingseeAccount(@Arg('clientId') clientId: string, @Arg('clientSecret') clientSecret: string, @Ctx() ctx: RequestContext) {
    return linkVendorAccount(ctx, 'THINGSEE', { clientId, clientSecret });
  }

  @Mutation(() => VendorAccount, {
    description: "Links the caller's TimeTonic account: login and password give an oauthkey (the password is not kept); the gateway derives session keys from it and renews them daily.",
  })
  linkTimetonicAccount(@Arg('login') login: string, @Arg('password') password: string, @Ctx() ctx: RequestContext) {
    return linkVendorAccount(ctx, 'TIMETONIC', { login, password });
  }

  @Mutation(() => String, {
    description:
      "Starts linking the caller's Igtimi account (OAuth2 authorization code): returns Igtimi's sign-in URL, with a single-use `state` bound to this caller that expires in 10 minutes. Send the user's browser there; Igtimi sends it back to the gateway's `/oauth/igtimi/callback`, which stores the link (see `vendorAccounts`).",
  })
  linkIgtimiAccount(@Ctx() ctx: RequestContext) {
    return vendorAccountAuthorizeUrl(ctx, 'IGTIMI');
  }
}
