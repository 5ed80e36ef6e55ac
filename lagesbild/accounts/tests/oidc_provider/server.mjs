// A real, certified OpenID Connect provider (the npm package `oidc-provider`) on loopback,
// started by the `oidc_provider` pytest fixture. It is the region's identity provider in
// the single sign-on tests: one confidential client, people with passwords and a groups
// claim read from ACCOUNTS_FILE on every request (so a test can change someone's groups
// between two logins), and a plain HTML login form instead of the dev-only interactions.
//
// Environment: PORT, ISSUER, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, ACCOUNTS_FILE.
// ACCOUNTS_FILE: {"username": {"password", "sub", "email", "given_name", "family_name", "groups"}}.
// Prints "ready ISSUER" on stdout once it listens.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { parse as parseQuery } from 'node:querystring';

import Provider from 'oidc-provider';

const env = process.env;
const accounts = () => JSON.parse(readFileSync(env.ACCOUNTS_FILE, 'utf8'));
const bySub = (sub) => Object.values(accounts()).find((a) => a.sub === sub);

// A fresh signing key per run: the relying party must fetch it from the JWKS endpoint.
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' };

const provider = new Provider(env.ISSUER, {
  clients: [
    {
      client_id: env.CLIENT_ID,
      client_secret: env.CLIENT_SECRET,
      redirect_uris: [env.REDIRECT_URI],
      token_endpoint_auth_method: 'client_secret_post',
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name'],
    groups: ['groups'],
  },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  // First-party client: the region has consented for its staff, so no consent screen.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile groups');
    await grant.save();
    return grant;
  },
  async findAccount(_ctx, sub) {
    const account = bySub(sub);
    if (!account) return undefined;
    return {
      accountId: sub,
      async claims() {
        const current = bySub(sub) ?? account;
        return {
          sub,
          email: current.email,
          email_verified: true,
          name: `${current.given_name} ${current.family_name}`,
          given_name: current.given_name,
          family_name: current.family_name,
          groups: current.groups,
        };
      },
    };
  },
});

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const loginPage = (uid, error) => `<!doctype html><html lang="sv"><title>Regionens inloggning</title>
<h1>Regionens inloggning</h1>${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}">
<label>Användarnamn <input name="login" autocomplete="username"></label>
<label>Lösenord <input name="password" type="password"></label>
<button type="submit">Logga in</button></form></html>`;

const readBody = (req) => new Promise((resolve, reject) => {
  let data = '';
  req.on('data', (chunk) => { data += chunk; });
  req.on('end', () => resolve(parseQuery(data)));
  req.on('error', reject);
});

provider.use(async (ctx, next) => {
  const match = ctx.path.match(/^\/interaction\/([^/]+)$/);
  if (!match) return next();
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  if (ctx.method === 'GET') {
    ctx.type = 'html';
    ctx.body = loginPage(details.uid);
    return undefined;
  }
  if (ctx.method !== 'POST') ctx.throw(405);
  const form = await readBody(ctx.req);
  const account = accounts()[form.login];
  if (!account || account.password !== form.password) {
    ctx.status = 401;
    ctx.type = 'html';
    ctx.body = loginPage(details.uid, 'Fel användarnamn eller lösenord.');
    return undefined;
  }
  const returnTo = await provider.interactionResult(
    ctx.req, ctx.res, { login: { accountId: account.sub } }, { mergeWithLastSubmission: false },
  );
  ctx.status = 303;
  ctx.redirect(returnTo);
  return undefined;
});

const server = createServer(provider.callback());
server.listen(Number(env.PORT), '127.0.0.1', () => {
  process.stdout.write(`ready ${env.ISSUER}\n`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
