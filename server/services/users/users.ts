/**
 * Users of the web UI, managed by operators: inviting a person to an account (as admin or
 * viewer), adding operators, listing who belongs where. A new user gets a temporary password,
 * shown once to the operator who invited them, and must replace it at the first sign-in
 * (`mustChangePassword`): the operator has seen it, so it is not the person's secret yet.
 *
 * One verb per file (invite, addOperator, list, removeMember, bootstrapOperator); this module
 * gathers them for the routers and the server's start.
 */
export { inviteUser, type InvitedUser } from './invite.ts';
export { addOperator } from './addOperator.ts';
export { listUsers, type UserListItem } from './list.ts';
export { removeMember } from './removeMember.ts';
export { bootstrapOperatorUser } from './bootstrapOperator.ts';
export { normalizeEmail } from './userRows.ts';
