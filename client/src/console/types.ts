/** What the API's procedures take and return, as the client sees them (money as strings). */
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../lib/trpc.ts';

export type Outputs = inferRouterOutputs<AppRouter>;
export type Inputs = inferRouterInputs<AppRouter>;

export type LedgerEntry = Outputs['ledger']['list']['items'][number];
export type Invoice = Outputs['invoices']['list'][number];
export type Workspace = Outputs['workspaces']['list'][number];
export type Validity = Inputs['vouchers']['issue']['validity'];
