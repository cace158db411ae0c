/**
 * A small OpenID Connect provider on 127.0.0.1 for the sign-in tests: discovery document, JWKS,
 * an authorization step the test drives (it says who signs in), a token endpoint that checks
 * the client's secret, the code, its redirect URI and the PKCE verifier and answers with an
 * RS256 ID token (node:crypto, no other library), and userinfo. Its clock is the test's
 * (`now`), like the app's. Nothing leaves localhost.
 */
import { createHash, createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeUser {
  readonly sub: string;
  readonly email?: string;
  readonly emailVerified?: boolean;
  readonly name?: string;
  /** In the ID token's `groups` claim (left out when undefined). */
  readonly groups?: readonly string[];
  /** In the userinfo answer only. */
  readonly userinfoGroups?: readonly string[];
  /** Sign the ID token with another nonce than the one asked for. */
  readonly wrongNonce?: boolean;
}

interface Grant {
  readonly user: FakeUser;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly challenge: string;
  readonly nonce: string;
}

const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export async function startFakeProvider(options: {
  clientId: string;
  clientSecret: string;
  now: () => number;
}) {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'test-key-1';
  const grants = new Map<string, Grant>();
  const tokens = new Map<string, FakeUser>();
  /** Every token request's form, for assertions. */
  const tokenRequests: URLSearchParams[] = [];
  let issuer = '';

  const sign = (claims: Record<string, unknown>) => {
    const head = b64(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
    const body = b64(JSON.stringify(claims));
    const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(privateKey);
    return `${head}.${body}.${b64(signature)}`;
  };
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const readBody = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    if (url.pathname === '/.well-known/openid-configuration')
      return json(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        userinfo_endpoint: `${issuer}/userinfo`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      });
    if (url.pathname === '/jwks')
      return json(res, 200, {
        keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }],
      });
    if (url.pathname === '/token' && req.method === 'POST') {
      const form = await readBody(req);
      tokenRequests.push(form);
      let clientId = form.get('client_id');
      let secret = form.get('client_secret');
      const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
      if (basic?.[1]) {
        const [id, pw] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
        clientId = decodeURIComponent(id ?? '');
        secret = decodeURIComponent(pw ?? '');
      }
      if (clientId !== options.clientId || secret !== options.clientSecret)
        return json(res, 401, { error: 'invalid_client' });
      const grant = grants.get(form.get('code') ?? '');
      grants.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      if (
        !grant ||
        form.get('grant_type') !== 'authorization_code' ||
        grant.redirectUri !== form.get('redirect_uri') ||
        b64(createHash('sha256').update(verifier).digest()) !== grant.challenge
      )
        return json(res, 400, { error: 'invalid_grant' });
      const t = Math.floor(options.now() / 1000);
      const u = grant.user;
      const accessToken = randomBytes(16).toString('hex');
      tokens.set(accessToken, u);
      return json(res, 200, {
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: 300,
        id_token: sign({
          iss: issuer,
          sub: u.sub,
          aud: grant.clientId,
          iat: t,
          exp: t + 300,
          nonce: u.wrongNonce ? 'not-the-nonce' : grant.nonce,
          ...(u.email !== undefined ? { email: u.email, email_verified: u.emailVerified ?? true } : {}),
          ...(u.name !== undefined ? { name: u.name } : {}),
          ...(u.groups !== undefined ? { groups: u.groups } : {}),
        }),
      });
    }
    if (url.pathname === '/userinfo') {
      const user = tokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
      if (!user) return json(res, 401, { error: 'invalid_token' });
      return json(res, 200, {
        sub: user.sub,
        ...(user.userinfoGroups !== undefined ? { groups: user.userinfoGroups } : {}),
      });
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    issuer,
    tokenRequests,
    /**
     * The person signs in at the provider: from the authorization request the app redirected to,
     * the provider's answer to the redirect URI (code and state).
     */
    authorize(authorizationUrl: string, user: FakeUser): URL {
      const request = new URL(authorizationUrl);
      const p = request.searchParams;
      if (request.origin !== issuer || request.pathname !== '/authorize')
        throw new Error('not this provider');
      if (p.get('response_type') !== 'code' || p.get('client_id') !== options.clientId)
        throw new Error('not a code request for this client');
      if (p.get('code_challenge_method') !== 'S256' || !p.get('code_challenge') || !p.get('nonce'))
        throw new Error('PKCE S256 and a nonce are required');
      const code = randomBytes(16).toString('hex');
      grants.set(code, {
        user,
        clientId: options.clientId,
        redirectUri: p.get('redirect_uri') ?? '',
        challenge: p.get('code_challenge') ?? '',
        nonce: p.get('nonce') ?? '',
      });
      const back = new URL(p.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', p.get('state') ?? '');
      return back;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeProvider = Awaited<ReturnType<typeof startFakeProvider>>;
