import type { Lang } from '../../core/i18n.ts';
import { Layout, localePath } from '../layout.tsx';
import { t } from '../messages.ts';

export function NotFoundPage({ lang, path }: { lang: Lang; path: string }) {
  return (
    <Layout lang={lang} title={t(lang, 'notFoundTitle')} path="/">
      <h1>{t(lang, 'notFoundTitle')}</h1>
      <p>{t(lang, 'notFoundText', { path })}</p>
      <p>
        <a href={localePath(lang)}>{t(lang, 'backToFront')}</a>
      </p>
    </Layout>
  );
}
