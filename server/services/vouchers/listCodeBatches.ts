/** The operator's list of code batches, newest first, with counts by status. */
import { sql } from 'drizzle-orm';
import { activationBatches } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { requireRole } from '../access.ts';
import { type BatchView, batchView } from './codeParts.ts';

export async function listCodeBatches(ctx: ServiceContext): Promise<BatchView[]> {
  requireRole(ctx.actor, ['operator']);
  const rows = await ctx.database.db
    .select()
    .from(activationBatches)
    .orderBy(sql`${activationBatches.createdAtMs} DESC`)
    .limit(200);
  return Promise.all(rows.map((row) => batchView(ctx, row)));
}
