// A real OpenID Connect provider on 127.0.0.1 for tests/test_signin.py: the npm package oidc-provider
// (OpenID Certified) with its development login form, one confidential client and accounts whose e-mail
// is the login typed in. Consent is granted without a second page. For tests only: never deploy this.
//
//   node provider.mjs <port> <client_id> <client_secret> <redirect_uri> [group-of-login ...]
//
// A "group-of-login" argument, e.g. "sihteeri@kouvola.fi=tyollisyys-sihteeri", puts that group in the
// account's "groups" claim (as Entra ID does with group ids).
import Provider from 'oidc-provider';

const [port, clientId, clientSecret, redirectUri, ...groupArgs] = process.argv.slice(2);
const groups = {};
for (const arg of groupArgs) {
  const [login, group] = arg.split('=');
  (groups[login] ??= []).push(group);
}
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: [redirectUri],
    post_logout_redirect_uris: [redirectUri], // st.logout ends the provider's session too, then comes back
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
  conformIdTokenClaims: false, // the ID token carries e-mail and groups: Streamlit's st.user reads it
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['test-provider-cookie-key-not-a-secret'] },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: id, email_verified: true, name: id, groups: groups[id] ?? [] };
      },
    };
  },
  async loadExistingGrant(ctx) { // consent given at once: one login page, no consent page
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) {
      return ctx.oidc.provider.Grant.find(grantId);
    }
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});

const server = provider.listen(Number(port), '127.0.0.1', () => {
  console.log(`oidc-provider listening on ${issuer}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
