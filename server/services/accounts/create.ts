/** Creates a billing account (operators). Nothing moves money here, so no writer needed. */
import { accounts } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { newId, newRemittanceRef } from '../../ids.ts';
import { requireRole } from '../access.ts';
import { getAccount, type AccountOverview } from './get.ts';

export async function createAccount(
  ctx: ServiceContext,
  input: { name: string },
): Promise<AccountOverview> {
  requireRole(ctx.actor, ['operator']);
  const id = newId('acc');
  await ctx.database.db.insert(accounts).values({
    id,
    name: input.name,
    remittanceRef: newRemittanceRef(),
    createdAtMs: ctx.clock.nowMs(),
  });
  return getAccount(ctx, id);
}
