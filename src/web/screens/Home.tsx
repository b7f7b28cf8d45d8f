/** The module's entries, as the seed page lists them, plus records, counting and configuration. */
import { useI18n, type MessageKey } from '../i18n.tsx';
import { allowed, mayApprove, useSession } from '../session.tsx';
import { Link } from '../router.tsx';
import { useTitle } from '../hooks.ts';
import { Icon, type IconName } from '../components/Icon.tsx';
import { lazy, Suspense } from 'react';
import { Loading } from '../components/ui.tsx';

// ECharts is loaded only by the roles that see the dashboard (never on a counter's phone)
const Dashboard = lazy(() => import('../components/Dashboard.tsx').then((m) => ({ default: m.Dashboard })));

interface Entry {
  to: string;
  title: MessageKey;
  text: MessageKey;
  icon: IconName;
  show?: boolean;
}

export function HomeScreen() {
  const { t } = useI18n();
  const { user } = useSession();
  useTitle(t('home.title'));
  const counter = user?.role === 'counter';
  const approve: Entry = { to: '/differences', title: 'home.approve', text: 'home.approve.text', icon: 'check' };
  const module: Entry[] = [
    // an approver comes to decide on the differences over tolerance: their entry first
    ...(mayApprove(user) ? [approve] : []),
    { to: '/inventories', title: 'home.inventories', text: 'home.inventories.text', icon: 'list' },
    { to: '/differences', title: 'home.differences', text: 'home.differences.text', icon: 'scale' },
    { to: '/closings', title: 'home.closingHistory', text: 'home.closingHistory.text', icon: 'clock' },
    { to: '/warehouse-history', title: 'home.warehouseHistory', text: 'home.warehouseHistory.text', icon: 'archive' },
    { to: '/closing', title: 'home.valuation', text: 'home.valuation.text', icon: 'lock', show: allowed(user, 'close') },
    { to: '/valued-inventory', title: 'home.valuedInventory', text: 'home.valuedInventory.text', icon: 'chart' },
    { to: '/revaluation', title: 'home.revaluation', text: 'home.revaluation.text', icon: 'refresh', show: allowed(user, 'close') },
    { to: '/cycle-count', title: 'home.cycleCount', text: 'home.cycleCount.text', icon: 'refresh' },
    { to: '/journal', title: 'home.journal', text: 'home.journal.text', icon: 'book', show: allowed(user, 'read') },
    { to: '/stock-reconciliation', title: 'home.stockReconciliation', text: 'home.stockReconciliation.text', icon: 'scale', show: allowed(user, 'read') },
    { to: '/inventory-register', title: 'home.inventoryRegister', text: 'home.inventoryRegister.text', icon: 'book', show: allowed(user, 'read') },
  ];
  const more: Entry[] = [
    { to: '/count', title: 'home.count', text: 'home.count.text', icon: 'phone', show: allowed(user, 'count') },
    { to: '/stock', title: 'home.stock', text: 'home.stock.text', icon: 'archive', show: allowed(user, 'read') },
    { to: '/records', title: 'home.records', text: 'home.records.text', icon: 'book', show: allowed(user, 'read') },
    { to: '/count-control', title: 'home.countControl', text: 'home.countControl.text', icon: 'gear', show: allowed(user, 'read') },
    { to: '/connect', title: 'home.connect', text: 'home.connect.text', icon: 'phone', show: allowed(user, 'inventory') },
    { to: '/audit', title: 'home.audit', text: 'home.audit.text', icon: 'clock', show: allowed(user, 'admin') },
  ];
  const config: [string, MessageKey][] = [
    ['items', 'config.items'],
    ['warehouses', 'config.warehouses'],
    ['templates', 'config.templates'],
    ['year-params', 'config.yearParams'],
    ['stock-difference-params', 'config.stockDiffParams'],
    ['list-types', 'config.listTypes'],
    ['employees', 'config.employees'],
    ['management-areas', 'config.managementAreas'],
    ['users', 'config.users'],
    ['confusion-groups', 'config.confusionGroups'],
    ['loss-allowances', 'config.lossAllowances'],
  ];
  const card = (e: Entry) => (
    <li key={`${e.to}-${e.title}`}>
      <Link to={e.to} className="entry">
        <span className="entry-icon">
          <Icon name={e.icon} size="1.6rem" />
        </span>
        <span className="entry-title">{t(e.title)}</span>
        <span className="entry-text">{t(e.text)}</span>
      </Link>
    </li>
  );
  return (
    <div className="page">
      <h1>{t('home.title')}</h1>
      <p className="lead">{t('home.intro')}</p>
      {counter ? (
        <ul className="entries">{more.filter((e) => e.show !== false).map(card)}</ul>
      ) : (
        <>
          {/* the dashboard: every role that reads (a counter never gets here) */}
          {allowed(user, 'read') && (
            <Suspense fallback={<Loading />}>
              <Dashboard />
            </Suspense>
          )}
          <h2 className="section-title">{t('home.documents')}</h2>
          <ul className="entries">{module.filter((e) => e.show !== false).map(card)}</ul>
          <h2 className="section-title">{t('home.more')}</h2>
          <ul className="entries">{more.filter((e) => e.show !== false).map(card)}</ul>
          <h2 className="section-title">{t('home.config')}</h2>
          <ul className="config-links">
            {config
              .filter(([slug]) => slug !== 'users' || allowed(user, 'admin'))
              .map(([slug, key]) => (
                <li key={slug}>
                  <Link to={`/config/${slug}`}>{t(key)}</Link>
                </li>
              ))}
          </ul>
        </>
      )}
    </div>
  );
}
