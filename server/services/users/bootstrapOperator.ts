/** The first operator user, created on first start. */
import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema/index.ts';
import { temporaryPassword } from '../../auth/passwords.ts';
import type { WalletDeps } from '../../context.ts';
import { insertUser, normalizeEmail } from './userRows.ts';

/**
 * On first start, creates the first operator user: WALLET_OPERATOR_EMAIL with
 * WALLET_OPERATOR_PASSWORD, or a generated password returned so the caller can print it once.
 * Returns null when an operator user exists.
 */
export async function bootstrapOperatorUser(
  deps: WalletDeps,
): Promise<{ email: string; password: string } | null> {
  const db = deps.database.db;
  const existing = await db.query.users.findFirst({ where: eq(users.isOperator, true) });
  if (existing) return null;
  const email = normalizeEmail(deps.config.operatorEmail);
  const password = deps.config.operatorPassword ?? temporaryPassword();
  await insertUser(deps, { email, name: 'Operator', isOperator: true, password });
  return deps.config.operatorPassword ? null : { email, password };
}
