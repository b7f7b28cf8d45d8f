/** The shell: session, language, router, the header with the language switch, and the screens. */
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { I18nProvider, LANGS, useI18n } from './i18n.tsx';
import { allowed, SessionProvider, useSession } from './session.tsx';
import { screenOf, type ScreenPattern } from './access.ts';
import { Link, Router, useRouter } from './router.tsx';
import { Loading } from './components/ui.tsx';
import { LoginScreen } from './screens/Login.tsx';
import { HomeScreen } from './screens/Home.tsx';
import { CountScreen } from './screens/Count.tsx';
import { Icon } from './components/Icon.tsx';

// the supervisor's screens load on demand: the counter's phone downloads only what counting needs
const InventoriesScreen = lazy(() => import('./screens/Inventories.tsx').then((m) => ({ default: m.InventoriesScreen })));
const InventoryScreen = lazy(() => import('./screens/Inventory.tsx').then((m) => ({ default: m.InventoryScreen })));
const ListScreen = lazy(() => import('./screens/ListLines.tsx').then((m) => ({ default: m.ListScreen })));
const DifferencesScreen = lazy(() => import('./screens/Differences.tsx').then((m) => ({ default: m.DifferencesScreen })));
const ClosingScreen = lazy(() => import('./screens/Closing.tsx').then((m) => ({ default: m.ClosingScreen })));
const RevaluationScreen = lazy(() => import('./screens/Revaluation.tsx').then((m) => ({ default: m.RevaluationScreen })));
const ClosingHistoryScreen = lazy(() => import('./screens/ClosingHistory.tsx').then((m) => ({ default: m.ClosingHistoryScreen })));
const WarehouseHistoryScreen = lazy(() => import('./screens/WarehouseHistory.tsx').then((m) => ({ default: m.WarehouseHistoryScreen })));
const ValuedInventoryScreen = lazy(() => import('./screens/ValuedInventory.tsx').then((m) => ({ default: m.ValuedInventoryScreen })));
const RecordsScreen = lazy(() => import('./screens/Records.tsx').then((m) => ({ default: m.RecordsScreen })));
const RecordScreen = lazy(() => import('./screens/Record.tsx').then((m) => ({ default: m.RecordScreen })));
const CountControlScreen = lazy(() => import('./screens/CountControl.tsx').then((m) => ({ default: m.CountControlScreen })));
const CycleCountScreen = lazy(() => import('./screens/CycleCount.tsx').then((m) => ({ default: m.CycleCountScreen })));
const ConnectPhoneScreen = lazy(() => import('./screens/ConnectPhone.tsx').then((m) => ({ default: m.ConnectPhoneScreen })));
const StockScreen = lazy(() => import('./screens/Stock.tsx').then((m) => ({ default: m.StockScreen })));
const ItemCardScreen = lazy(() => import('./screens/ItemCard.tsx').then((m) => ({ default: m.ItemCardScreen })));
const AuditScreen = lazy(() => import('./screens/Audit.tsx').then((m) => ({ default: m.AuditScreen })));
const JournalScreen = lazy(() => import('./screens/Journal.tsx').then((m) => ({ default: m.JournalScreen })));
const StockReconciliationScreen = lazy(() => import('./screens/StockReconciliation.tsx').then((m) => ({ default: m.StockReconciliationScreen })));
const InventoryRegisterScreen = lazy(() => import('./screens/InventoryRegister.tsx').then((m) => ({ default: m.InventoryRegisterScreen })));
const ConfigScreen = lazy(() => import('./screens/Config.tsx').then((m) => ({ default: m.ConfigScreen })));

/** What each screen of `access.ts` renders (every screen has a permission there, checked before it renders). */
const RENDER: Record<ScreenPattern, (p: Record<string, string>) => ReactNode> = {
  '/': () => <HomeScreen />,
  '/count': () => <CountScreen />,
  '/count/:listId': (p) => <CountScreen listId={Number(p.listId)} />,
  '/inventories': () => <InventoriesScreen />,
  '/inventories/new': () => <InventoryScreen />,
  '/inventories/:id': (p) => <InventoryScreen id={Number(p.id)} />,
  '/lists/:id': (p) => <ListScreen id={Number(p.id)} />,
  '/differences': () => <DifferencesScreen />,
  '/closing': () => <ClosingScreen />,
  '/revaluation': () => <RevaluationScreen />,
  '/closings': () => <ClosingHistoryScreen />,
  '/closings/:id': (p) => <ClosingHistoryScreen id={Number(p.id)} />,
  '/warehouse-history': () => <WarehouseHistoryScreen />,
  '/valued-inventory': () => <ValuedInventoryScreen />,
  '/records': () => <RecordsScreen />,
  '/records/new': () => <RecordScreen />,
  '/records/:id': (p) => <RecordScreen id={Number(p.id)} />,
  '/count-control': () => <CountControlScreen />,
  '/cycle-count': () => <CycleCountScreen />,
  '/connect': () => <ConnectPhoneScreen />,
  '/stock': () => <StockScreen />,
  '/items/:code': (p) => <ItemCardScreen code={p.code} />,
  '/audit': () => <AuditScreen />,
  '/journal': () => <JournalScreen />,
  '/stock-reconciliation': () => <StockReconciliationScreen />,
  '/config': () => <ConfigScreen />,
  '/config/users': () => <ConfigScreen table="users" />,
  '/config/:table': (p) => <ConfigScreen table={p.table} />,
  '/inventory-register': () => <InventoryRegisterScreen />,
};

function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <div className="lang-switch" role="group" aria-label={t('lang.switch')}>
      {LANGS.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={lang === l} onClick={() => setLang(l)} data-testid={`lang-${l}`} title={t(l === 'ro' ? 'lang.ro' : 'lang.en')}>
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}

function Header() {
  const { user, signOut } = useSession();
  const { t } = useI18n();
  const { navigate } = useRouter();
  return (
    <header className="topbar">
      <a className="skip" href="#main">
        {t('nav.skip')}
      </a>
      <Link to="/" className="brand" title={t('nav.home')}>
        <Icon name="barcode" size="1.4em" className="brand-mark" />
        <span className="brand-name">Inventar</span>
      </Link>
      <div className="topbar-right">
        <LanguageSwitch />
        {user && (
          <>
            <span className="who" title={t(`role.${user.role}`)}>
              <Icon name="user" /> {user.username}
            </span>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => {
                signOut();
                navigate('/');
              }}
              data-testid="sign-out"
            >
              {t('nav.signOut')}
            </button>
          </>
        )}
      </div>
    </header>
  );
}

function Screens() {
  const { user, expired } = useSession();
  const { path } = useRouter();
  const { t } = useI18n();
  if (!user) return <LoginScreen expired={expired} />;
  const screen = screenOf(path);
  if (screen && allowed(user, screen.permission)) return <Suspense fallback={<Loading />}>{RENDER[screen.pattern](screen.params)}</Suspense>;
  // a screen the role may not use (typed in the address bar, an old link): said so, no broken screen behind it
  return (
    <div className="page" data-testid={screen ? 'not-allowed' : 'not-found'}>
      <h1>{t(screen ? 'nav.notAllowed' : 'nav.notFound')}</h1>
      {screen && <p>{t('nav.notAllowed.text', { role: t(`role.${user.role}`) })}</p>}
      <p>
        <Link to="/">{t('nav.home')}</Link>
      </p>
    </div>
  );
}

function Shell() {
  const { user } = useSession();
  const { path } = useRouter();
  useEffect(() => {
    // move focus to the new screen for keyboard and screen-reader users
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [path]);
  return (
    <I18nProvider user={user?.username} userDefault={user?.language}>
      <Header />
      <main id="main" tabIndex={-1}>
        <Screens />
      </main>
    </I18nProvider>
  );
}

export function App() {
  return (
    <SessionProvider>
      <Router>
        <Shell />
      </Router>
    </SessionProvider>
  );
}
