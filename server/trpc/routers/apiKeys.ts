/** API keys: listing and revoking them (creating is `accounts.createApiKey`, `admin.createApiKey`). */
import { ListApiKeysInput, RevokeApiKeyInput } from '../../../common/schemas.ts';
import { listKeys } from '../../services/apiKeys/list.ts';
import { revokeKey } from '../../services/apiKeys/revoke.ts';
import { authedProcedure, router } from '../init.ts';

export const apiKeysRouter = router({
  list: authedProcedure.input(ListApiKeysInput).query(({ ctx, input }) => listKeys(ctx, input)),
  revoke: authedProcedure
    .input(RevokeApiKeyInput)
    .mutation(({ ctx, input }) => revokeKey(ctx, input)),
});
