/** "Connect a phone" (issue 14 point 2): the counting app's LAN URL as a QR code, as text, and the certificate's fingerprint. */
import { useState } from 'react';
import { api } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { Link } from '../router.tsx';
import { useLoad, useTitle } from '../hooks.ts';
import { ErrorBox, Loading, Notice } from '../components/ui.tsx';

interface Connect {
  urls: string[];
  fingerprint: string | null;
  qrSvg: string;
  qrSvgs: string[];
  https: boolean;
  certificateUrl: string | null;
}

export function ConnectPhoneScreen() {
  const { t } = useI18n();
  useTitle(t('connect.title'));
  const { data, error, loading } = useLoad(() => api.get<Connect>('/api/connect'), []);
  // several network cards (Ethernet and Wi-Fi): the supervisor picks the address the phones' network reaches
  const [chosen, setChosen] = useState(0);
  const urls = data?.urls ?? [];
  const index = chosen < urls.length ? chosen : 0;
  const url = urls[index];
  return (
    <div className="page">
      <nav className="crumbs" aria-label={t('nav.breadcrumbs')}>
        <Link to="/">{t('nav.home')}</Link>
      </nav>
      <h1>{t('connect.title')}</h1>
      <p className="lead">{t('connect.intro')}</p>
      <ErrorBox error={error} />
      {loading && <Loading />}
      {data && (
        <div className="card connect">
          {!data.https && <Notice kind="warning">{t('connect.noHttps')}</Notice>}
          {/* the server's SVG as a data: image (CSP img-src allows data:), never inserted into the page */}
          <img className="connect-qr" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(data.qrSvgs[index] ?? data.qrSvg)}`} alt={t('connect.qrAlt', { url })} width={264} height={264} data-testid="connect-qr" />
          <h2 className="section-title">{t('connect.url')}</h2>
          <p>
            <code className="connect-url" data-testid="connect-url">
              {url}
            </code>
          </p>
          {urls.length > 1 && (
            <>
              <h2 className="section-title">{t('connect.otherUrls')}</h2>
              <ul className="connect-urls">
                {urls.map((u, i) => (
                  <li key={u}>
                    <button type="button" className="btn btn-small" aria-pressed={i === index} onClick={() => setChosen(i)} data-testid={`connect-pick-${i}`}>
                      {u}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          {data.fingerprint && (
            <>
              <h2 className="section-title">{t('connect.fingerprint')}</h2>
              <p>
                <code className="connect-fingerprint" data-testid="connect-fingerprint">
                  {data.fingerprint}
                </code>
              </p>
              <p>{t('connect.fingerprintHelp')}</p>
            </>
          )}
          {data.certificateUrl && (
            <p>
              <a href="/ca.crt" download="inventar-ca.crt" data-testid="connect-certificate">
                {t('connect.certificate')}
              </a>
            </p>
          )}
        </div>
      )}
    </div>
  );
}
