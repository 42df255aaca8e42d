/**
 * The one list of the billing center's pages: the router builds its routes from it and the
 * navigation its menus, so a page cannot be reachable without being listed or listed without
 * being reachable. A page with a `nav` key appears in its menu, in this order.
 */
import { lazy, type Component } from 'solid-js';

export interface PageEntry {
  /** Below its section: "" is the section's own page. */
  readonly path: string;
  readonly component: Component;
  /** The dictionary key of its menu entry; pages without one are reached by links. */
  readonly nav?: string;
  /** An account page for its admins (and operators) only: guarded, and off viewers' menus. */
  readonly adminOnly?: boolean;
}

/** The pages of one account, under /accounts/:accountId; members and operators. */
export const ACCOUNT_PAGES: readonly PageEntry[] = [
  { path: '', nav: 'nav.overview', component: lazy(() => import('./routes/account/Overview.tsx')) },
  { path: '/topup', nav: 'nav.topUp', component: lazy(() => import('./routes/account/TopUp.tsx')) },
  {
    path: '/vouchers',
    nav: 'nav.vouchers',
    component: lazy(() => import('./routes/account/Vouchers.tsx')),
  },
  { path: '/cards', nav: 'nav.cards', component: lazy(() => import('./routes/account/Cards.tsx')) },
  {
    path: '/charges',
    nav: 'nav.charges',
    component: lazy(() => import('./routes/account/Charges.tsx')),
  },
  {
    path: '/charges/:chargeId',
    component: lazy(() => import('./routes/account/ChargeDetail.tsx')),
  },
  {
    path: '/statement',
    nav: 'nav.statement',
    component: lazy(() => import('./routes/account/Statement.tsx')),
  },
  {
    path: '/invoices',
    nav: 'nav.invoices',
    component: lazy(() => import('./routes/account/Invoices.tsx')),
  },
  {
    path: '/invoices/:invoiceId',
    component: lazy(() => import('./routes/account/InvoiceDetail.tsx')),
  },
  {
    path: '/workspaces',
    nav: 'nav.workspaces',
    component: lazy(() => import('./routes/account/Workspaces.tsx')),
  },
  {
    path: '/notifications',
    nav: 'nav.notifications',
    component: lazy(() => import('./routes/account/Notifications.tsx')),
  },
  {
    path: '/alerts',
    nav: 'nav.alerts',
    component: lazy(() => import('./routes/account/Alerts.tsx')),
  },
  {
    path: '/webhooks',
    nav: 'nav.webhooks',
    adminOnly: true,
    component: lazy(() => import('./routes/account/Webhooks.tsx')),
  },
];

/** The operator console, under /operator; operators only. */
export const OPERATOR_PAGES: readonly PageEntry[] = [
  {
    path: '',
    nav: 'operator.nav.accounts',
    component: lazy(() => import('./routes/operator/Accounts.tsx')),
  },
  {
    path: '/accounts/:accountId',
    component: lazy(() => import('./routes/operator/Account.tsx')),
  },
  {
    path: '/codes',
    nav: 'operator.nav.codes',
    component: lazy(() => import('./routes/operator/Codes.tsx')),
  },
  {
    path: '/invoices',
    nav: 'operator.nav.invoices',
    component: lazy(() => import('./routes/operator/Invoices.tsx')),
  },
  {
    path: '/keys',
    nav: 'operator.nav.keys',
    component: lazy(() => import('./routes/operator/Keys.tsx')),
  },
  {
    path: '/webhooks',
    nav: 'operator.nav.webhooks',
    component: lazy(() => import('./routes/operator/Webhooks.tsx')),
  },
  {
    path: '/audit',
    nav: 'operator.nav.audit',
    component: lazy(() => import('./routes/operator/Audit.tsx')),
  },
];

/** The entries of a menu: the listed pages that have a `nav` key. */
export function menuOf(pages: readonly PageEntry[]): (PageEntry & { nav: string })[] {
  return pages.filter((page): page is PageEntry & { nav: string } => page.nav !== undefined);
}
