/** "What can I do where": each topic at a service point, at a mobile visit, or online. */
import type { Lang } from '../../core/i18n.ts';
import type { Topic } from '../../core/model/topic.ts';
import { Layout, localePath } from '../layout.tsx';
import { t } from '../messages.ts';

export function ServicesPage({ lang, topics }: { lang: Lang; topics: readonly Topic[] }) {
  const yesNo = (b: boolean) => t(lang, b ? 'yes' : 'no');
  return (
    <Layout lang={lang} title={t(lang, 'servicesTitle')} path="/services" current="services">
      <h1>{t(lang, 'servicesTitle')}</h1>
      <p>{t(lang, 'servicesIntro')}</p>
      <p>
        {t(lang, 'partnerServicesLink')}{' '}
        <a href={localePath(lang, '/partners')}>{t(lang, 'partnerFormTitle')}</a>
      </p>
      <ul class="plain topic-list">
        {topics.map((topic) => {
          const url = topic.selfServiceUrl[lang];
          return (
            <li>
              <h2 id={`topic-${topic.id}`}>{topic.name[lang]}</h2>
              <p>{topic.description[lang]}</p>
              <dl>
                <dt>{t(lang, 'whereFixed')}</dt>
                <dd>{yesNo(topic.atFixedPoint)}</dd>
                <dt>{t(lang, 'whereMobile')}</dt>
                <dd>
                  {topic.atMobileVisit ? (
                    <a href={localePath(lang, `/schedule?topic=${encodeURIComponent(topic.id)}`)}>
                      {t(lang, 'yesSeeVisits')}
                    </a>
                  ) : (
                    t(lang, 'no')
                  )}
                </dd>
                <dt>{t(lang, 'whereOnline')}</dt>
                <dd>
                  {topic.online && url ? (
                    <a href={url} rel="external noopener">
                      {t(lang, 'onlineService', { name: topic.name[lang] })}
                    </a>
                  ) : (
                    yesNo(topic.online)
                  )}
                </dd>
              </dl>
            </li>
          );
        })}
      </ul>
    </Layout>
  );
}
