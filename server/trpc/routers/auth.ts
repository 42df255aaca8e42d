/**
 * People and their sessions: `auth` is what a person does for themself, `users` what an
 * operator does to people. Nothing here moves money or goes through the writer.
 */
import {
  AddOperatorInput,
  ChangePasswordInput,
  InviteUserInput,
  ListUsersInput,
  RemoveMemberInput,
  ResetPasswordInput,
  RevokeSessionInput,
  SetRoleInput,
  SignInInput,
} from '../../../common/schemas.ts';
import { DomainError } from '../../../common/errors.ts';
import { loadSessionUser } from '../../auth/sessions.ts';
import { listSessions } from '../../services/sessions/list.ts';
import { revokeSession } from '../../services/sessions/revoke.ts';
import { signOutEverywhere } from '../../services/sessions/signOutEverywhere.ts';
import { changePassword, signIn, signOut } from '../../services/users/auth.ts';
import { resetPassword } from '../../services/users/resetPassword.ts';
import { setRole } from '../../services/users/setRole.ts';
import { addOperator, inviteUser, listUsers, removeMember } from '../../services/users/users.ts';
import type { Actor } from '../../auth/keys.ts';
import { authedProcedure, publicProcedure, router, type RequestContext } from '../init.ts';

const sessionRequest = (ctx: RequestContext) => ({
  deps: ctx,
  clientAddress: ctx.clientAddress,
  userAgent: ctx.userAgent,
  sessionToken: ctx.sessionToken,
  setSessionCookie: ctx.setSessionCookie,
});

/** The signed-in person's user id; API keys have no password and no sessions. */
function personOf(actor: Actor, what: string): string {
  if (!actor.userId) throw new DomainError('FORBIDDEN', `only people have ${what}`);
  return actor.userId;
}

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
  changePassword: authedProcedure
    .input(ChangePasswordInput)
    .mutation(({ ctx, input }) =>
      changePassword(sessionRequest(ctx), personOf(ctx.actor, 'passwords'), input),
    ),
  /** Ends every session of the signed-in person, this one included. */
  signOutEverywhere: authedProcedure.mutation(({ ctx }) =>
    signOutEverywhere(sessionRequest(ctx), personOf(ctx.actor, 'sessions')),
  ),
  sessions: authedProcedure.query(({ ctx }) =>
    listSessions(ctx, personOf(ctx.actor, 'sessions'), ctx.sessionToken),
  ),
  revokeSession: authedProcedure
    .input(RevokeSessionInput)
    .mutation(({ ctx, input }) =>
      revokeSession(sessionRequest(ctx), personOf(ctx.actor, 'sessions'), input),
    ),
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
  setRole: authedProcedure.input(SetRoleInput).mutation(({ ctx, input }) => setRole(ctx, input)),
  resetPassword: authedProcedure
    .input(ResetPasswordInput)
    .mutation(({ ctx, input }) => resetPassword(ctx, input)),
});
