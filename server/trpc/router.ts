/** The whole API. `AppRouter` is the type other TypeScript apps import for the typed client. */
import { accountsRouter } from './routers/accounts.ts';
import { alertsRouter } from './routers/alerts.ts';
import { notificationsRouter } from './routers/notifications.ts';
import { webhooksRouter } from './routers/webhooks.ts';
import { authRouter, usersRouter } from './routers/auth.ts';
import { adminRouter, testClockStatusRouter } from './routers/admin.ts';
import { apiKeysRouter } from './routers/apiKeys.ts';
import { cashRouter } from './routers/cash.ts';
import { chargesRouter } from './routers/charges.ts';
import { invoicesRouter } from './routers/invoices.ts';
import { ledgerRouter } from './routers/ledger.ts';
import { ordersRouter } from './routers/orders.ts';
import { prepaidCardsRouter } from './routers/prepaidCards.ts';
import { vouchersRouter } from './routers/vouchers.ts';
import { workspacesRouter } from './routers/workspaces.ts';
import { publicProcedure, router } from './init.ts';

export const appRouter = router({
  /** A no-op: the framework's ceiling in benchmarks, and a liveness probe. */
  ping: publicProcedure.mutation(() => ({ ok: true as const })),
  auth: authRouter,
  users: usersRouter,
  apiKeys: apiKeysRouter,
  accounts: accountsRouter,
  workspaces: workspacesRouter,
  cash: cashRouter,
  vouchers: vouchersRouter,
  prepaidCards: prepaidCardsRouter,
  charges: chargesRouter,
  orders: ordersRouter,
  invoices: invoicesRouter,
  ledger: ledgerRouter,
  admin: adminRouter,
  testClock: testClockStatusRouter,
  alerts: alertsRouter,
  notifications: notificationsRouter,
  webhooks: webhooksRouter,
});

export type AppRouter = typeof appRouter;
