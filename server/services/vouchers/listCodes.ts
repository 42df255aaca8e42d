/** The codes of one batch as operators see them: a hint, never the code. */
import { eq } from 'drizzle-orm';
import { accounts, activationCodes } from '../../../db/schema/index.ts';
import type { ServiceContext } from '../../context.ts';
import { requireRole } from '../access.ts';
import { type CodeRow } from './codeParts.ts';

export interface CodeView {
  readonly codeId: string;
  readonly hint: string;
  readonly status: CodeRow['status'];
  readonly accountId: string | null;
  /** The redeeming account's name, so operators read names rather than ids. */
  readonly accountName: string | null;
  readonly voucherId: string | null;
  readonly redeemedAtMs: number | null;
  readonly voidedAtMs: number | null;
}

export async function listCodes(ctx: ServiceContext, batchId: string): Promise<CodeView[]> {
  requireRole(ctx.actor, ['operator']);
  const rows = await ctx.database.db
    .select({ code: activationCodes, accountName: accounts.name })
    .from(activationCodes)
    .leftJoin(accounts, eq(accounts.id, activationCodes.accountId))
    .where(eq(activationCodes.batchId, batchId));
  return rows.map(({ code, accountName }) => ({
    codeId: code.id,
    hint: code.hint,
    status: code.status,
    accountId: code.accountId,
    accountName,
    voucherId: code.voucherId,
    redeemedAtMs: code.redeemedAtMs,
    voidedAtMs: code.voidedAtMs,
  }));
}
