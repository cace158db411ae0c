/** A page that says why a request could not be served: too large, too many, unavailable, bad address. */
import type { Lang } from '../../core/i18n.ts';
import { Layout, localePath } from '../layout.tsx';
import { type MessageKey, t } from '../messages.ts';

export function ErrorPage({
  lang,
  title,
  text,
  params = {},
}: {
  lang: Lang;
  title: MessageKey;
  text: MessageKey;
  params?: Readonly<Record<string, string>>;
}) {
  return (
    <Layout lang={lang} title={t(lang, title)} path="/">
      <h1>{t(lang, title)}</h1>
      <p>{t(lang, text, params)}</p>
      <p>
        <a href={localePath(lang)}>{t(lang, 'backToFront')}</a>
      </p>
    </Layout>
  );
}
