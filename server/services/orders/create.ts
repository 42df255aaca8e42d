/**
 * Prepaid orders: one-off purchases the platform raises for an account (a package: product,
 * amount). Raising one moves no money; the operator stands in for the platform's order
 * system. Idempotent on the request id.
 */
import { asc, eq } from 'drizzle-orm';
import { DomainError } from '../../../common/errors.ts';
import { amountToFen } from '../../../common/money.ts';
import { accounts, prepaidOrders } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { newId } from '../../ids.ts';
import {
  accountNotFound,
  requireAccountRead,
  requireReadableAccount,
  requireRole,
} from '../access.ts';
import { orderView, type OrderRow, type OrderView } from './view.ts';

export async function createOrder(
  ctx: ServiceContext,
  input: { accountId: string; requestId: string; product: string; amount: string },
): Promise<OrderView> {
  requireRole(ctx.actor, ['operator']);
  const db = ctx.database.db;
  const account = await db.query.accounts.findFirst({
    where: eq(accounts.id, input.accountId),
    columns: { id: true },
  });
  if (!account) throw accountNotFound(input.accountId);
  const amountFen = amountToFen(input.amount);
  await db
    .insert(prepaidOrders)
    .values({
      id: newId('ord'),
      accountId: input.accountId,
      requestId: input.requestId,
      product: input.product,
      amountFen,
      status: 'open',
      createdAtMs: ctx.clock.nowMs(),
    })
    .onConflictDoNothing();
  const row = await db.query.prepaidOrders.findFirst({
    where: eq(prepaidOrders.requestId, input.requestId),
  });
  const same =
    row?.accountId === input.accountId &&
    row.product === input.product &&
    row.amountFen === amountFen;
  if (!row || !same) {
    throw new DomainError(
      'IDEMPOTENCY_CONFLICT',
      `request ${input.requestId} was already used for a different order`,
      [],
      { requestId: input.requestId },
    );
  }
  return orderView(row);
}

export async function loadOrder(ctx: ServiceContext, orderId: string): Promise<OrderRow> {
  const row = await ctx.database.db.query.prepaidOrders.findFirst({
    where: eq(prepaidOrders.id, orderId),
  });
  if (!row) throw new DomainError('ORDER_NOT_FOUND', `no order ${orderId}`, [], { orderId });
  return row;
}

export async function getOrder(ctx: ServiceContext, orderId: string): Promise<OrderView> {
  const row = await loadOrder(ctx, orderId);
  requireAccountRead(ctx.actor, row.accountId);
  return orderView(row);
}

export async function listOrders(ctx: ServiceContext, accountId: string): Promise<OrderView[]> {
  await requireReadableAccount(ctx, accountId);
  const rows = await ctx.database.db
    .select()
    .from(prepaidOrders)
    .where(eq(prepaidOrders.accountId, accountId))
    .orderBy(asc(prepaidOrders.createdAtMs));
  return rows.map(orderView);
}
