import {
  AddOperatorInput,
  ChangePasswordInput,
  InviteUserInput,
  ListUsersInput,
  RemoveMemberInput,
  SignInInput,
} from '../../../common/schemas.ts';
import { DomainError } from '../../../common/errors.ts';
import { loadSessionUser } from '../../auth/sessions.ts';
import { changePassword, signIn, signOut } from '../../services/users/auth.ts';
import { addOperator, inviteUser, listUsers, removeMember } from '../../services/users/users.ts';
import { authedProcedure, publicProcedure, router, type RequestContext } from '../init.ts';

const sessionRequest = (ctx: RequestContext) => ({
  deps: ctx,
  clientAddress: ctx.clientAddress,
  sessionToken: ctx.sessionToken,
  setSessionCookie: ctx.setSessionCookie,
});

export const authRouter = router({
  signIn: publicProcedure
    .input(SignInInput)
    .mutation(({ ctx, input }) => signIn(sessionRequest(ctx), input)),
  signOut: publicProcedure.mutation(({ ctx }) => signOut(sessionRequest(ctx))),
  /** The signed-in user with their memberships, or null. */
  me: publicProcedure.query(async ({ ctx }) => {
    const userId = ctx.actor?.userId;
    return userId ? loadSessionUser(ctx.database.db, userId) : null;
  }),
  changePassword: authedProcedure.input(ChangePasswordInput).mutation(({ ctx, input }) => {
    if (!ctx.actor.userId) throw new DomainError('FORBIDDEN', 'only people have passwords');
    return changePassword(ctx, ctx.actor.userId, input);
  }),
});

export const usersRouter = router({
  invite: authedProcedure
    .input(InviteUserInput)
    .mutation(({ ctx, input }) => inviteUser(ctx, input)),
  addOperator: authedProcedure
    .input(AddOperatorInput)
    .mutation(({ ctx, input }) => addOperator(ctx, input)),
  list: authedProcedure.input(ListUsersInput).query(({ ctx, input }) => listUsers(ctx, input)),
  removeMember: authedProcedure
    .input(RemoveMemberInput)
    .mutation(({ ctx, input }) => removeMember(ctx, input)),
});
