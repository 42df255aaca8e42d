import {
  AccountIdInput,
  CreateAccountInput,
  CreateAccountKeyInput,
  ListAccountsInput,
} from '../../../common/schemas.ts';
import { createAccount } from '../../services/accounts/create.ts';
import { createAccountKey } from '../../services/accounts/createKey.ts';
import { getAccount } from '../../services/accounts/get.ts';
import { listAccounts } from '../../services/accounts/list.ts';
import { accountRunway } from '../../services/accounts/runway.ts';
import { authedProcedure, router } from '../init.ts';

export const accountsRouter = router({
  create: authedProcedure
    .input(CreateAccountInput)
    .mutation(({ ctx, input }) => createAccount(ctx, input)),
  get: authedProcedure
    .input(AccountIdInput)
    .query(({ ctx, input }) => getAccount(ctx, input.accountId)),
  list: authedProcedure
    .input(ListAccountsInput)
    .query(({ ctx, input }) => listAccounts(ctx, input)),
  runway: authedProcedure
    .input(AccountIdInput)
    .query(({ ctx, input }) => accountRunway(ctx, input.accountId)),
  createApiKey: authedProcedure
    .input(CreateAccountKeyInput)
    .mutation(({ ctx, input }) => createAccountKey(ctx, input)),
});
