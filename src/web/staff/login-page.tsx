import type { Lang } from '../../core/i18n.ts';
import { Layout, localePath } from '../layout.tsx';
import { formatWait, type MessageKey, t } from '../messages.ts';

export function LoginPage({
  lang,
  next,
  error,
  email = '',
  waitSeconds,
  oidcProvider,
}: {
  lang: Lang;
  next: string;
  error?: 'invalid';
  /** The address typed before, kept after a failed attempt. */
  email?: string;
  /** Set when this client address has tried too often: nothing was checked. */
  waitSeconds?: number;
  /** The OpenID Connect provider's name, when one is configured: its button comes first. */
  oidcProvider?: string | undefined;
}) {
  return (
    <Layout lang={lang} title={t(lang, 'loginTitle')} path="/login">
      <h1>{t(lang, 'loginTitle')}</h1>
      <p>{t(lang, 'loginIntro')}</p>
      {error ? (
        <p class="error" role="alert">
          {t(lang, 'loginFailed')}
        </p>
      ) : null}
      {waitSeconds !== undefined ? (
        <p class="error" role="alert">
          {t(lang, 'loginTooMany', { wait: formatWait(lang, waitSeconds) })}
        </p>
      ) : null}
      {oidcProvider ? (
        <>
          <form method="get" action={localePath(lang, '/login/oidc')} class="stacked-form oidc-form">
            <input type="hidden" name="next" value={next} />
            <button type="submit">{t(lang, 'oidcSignInWith', { provider: oidcProvider })}</button>
          </form>
          <h2>{t(lang, 'oidcOrPassword')}</h2>
        </>
      ) : null}
      <form method="post" action={localePath(lang, '/login')} class="stacked-form">
        <input type="hidden" name="next" value={next} />
        <label for="email">{t(lang, 'email')}</label>
        <input id="email" name="email" type="email" autocomplete="username" required value={email} />
        <label for="password">{t(lang, 'password')}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <button type="submit">{t(lang, 'logIn')}</button>
      </form>
    </Layout>
  );
}

export function ForbiddenPage({ lang }: { lang: Lang }) {
  return (
    <Layout lang={lang} title={t(lang, 'forbiddenTitle')} path="/">
      <h1>{t(lang, 'forbiddenTitle')}</h1>
      <p>{t(lang, 'forbiddenText')}</p>
    </Layout>
  );
}

/** A sign-in through the OpenID Connect provider that did not go through, and why. */
export function OidcRefusalPage({
  lang,
  provider,
  message,
}: {
  lang: Lang;
  provider: string;
  message: MessageKey;
}) {
  return (
    <Layout lang={lang} title={t(lang, 'oidcRefusedTitle')} path="/login">
      <h1>{t(lang, 'oidcRefusedTitle')}</h1>
      <p role="alert">{t(lang, message, { provider })}</p>
      <p>
        <a href={localePath(lang, '/login')}>{t(lang, 'oidcBackToLogin')}</a>
      </p>
    </Layout>
  );
}
