/** The module's entries, as the seed page lists them, plus records, counting and configuration. */
import { useI18n, type MessageKey } from '../i18n.tsx';
import { allowed, mayApprove, useSession } from '../session.tsx';
import { mayOpen } from '../access.ts';
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
}

export function HomeScreen() {
  const { t } = useI18n();
  const { user } = useSession();
  useTitle(t('home.title'));
  const approve: Entry = { to: '/differences', title: 'home.approve', text: 'home.approve.text', icon: 'check' };
  const module: Entry[] = [
    // an approver comes to decide on the differences over tolerance: their entry first
    ...(mayApprove(user) ? [approve] : []),
    { to: '/inventories', title: 'home.inventories', text: 'home.inventories.text', icon: 'list' },
    { to: '/differences', title: 'home.differences', text: 'home.differences.text', icon: 'scale' },
    { to: '/closings', title: 'home.closingHistory', text: 'home.closingHistory.text', icon: 'clock' },
    { to: '/warehouse-history', title: 'home.warehouseHistory', text: 'home.warehouseHistory.text', icon: 'archive' },
    { to: '/closing', title: 'home.valuation', text: 'home.valuation.text', icon: 'lock' },
    { to: '/valued-inventory', title: 'home.valuedInventory', text: 'home.valuedInventory.text', icon: 'chart' },
    { to: '/revaluation', title: 'home.revaluation', text: 'home.revaluation.text', icon: 'refresh' },
    { to: '/cycle-count', title: 'home.cycleCount', text: 'home.cycleCount.text', icon: 'refresh' },
    { to: '/journal', title: 'home.journal', text: 'home.journal.text', icon: 'book' },
    { to: '/stock-reconciliation', title: 'home.stockReconciliation', text: 'home.stockReconciliation.text', icon: 'scale' },
    { to: '/inventory-register', title: 'home.inventoryRegister', text: 'home.inventoryRegister.text', icon: 'book' },
  ];
  const more: Entry[] = [
    { to: '/count', title: 'home.count', text: 'home.count.text', icon: 'phone' },
    { to: '/stock', title: 'home.stock', text: 'home.stock.text', icon: 'archive' },
    { to: '/records', title: 'home.records', text: 'home.records.text', icon: 'book' },
    { to: '/count-control', title: 'home.countControl', text: 'home.countControl.text', icon: 'gear' },
    { to: '/connect', title: 'home.connect', text: 'home.connect.text', icon: 'phone' },
    { to: '/audit', title: 'home.audit', text: 'home.audit.text', icon: 'clock' },
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
  // what the role may open, from the one role table (access.ts): a counter is left with counting only
  const shown = (entries: Entry[]) => entries.filter((e) => mayOpen(user, e.to));
  const documents = shown(module);
  const others = shown(more);
  const configLinks = config.filter(([slug]) => mayOpen(user, `/config/${slug}`));
  return (
    <div className="page">
      <h1>{t('home.title')}</h1>
      <p className="lead">{t('home.intro')}</p>
      {/* the dashboard: every role that reads (a counter never gets here) */}
      {allowed(user, 'read') && (
        <Suspense fallback={<Loading />}>
          <Dashboard />
        </Suspense>
      )}
      {documents.length > 0 && (
        <>
          <h2 className="section-title">{t('home.documents')}</h2>
          <ul className="entries">{documents.map(card)}</ul>
        </>
      )}
      {others.length > 0 && documents.length > 0 && <h2 className="section-title">{t('home.more')}</h2>}
      {others.length > 0 && <ul className="entries">{others.map(card)}</ul>}
      {configLinks.length > 0 && (
        <>
          <h2 className="section-title">{t('home.config')}</h2>
          <ul className="config-links">
            {configLinks.map(([slug, key]) => (
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
