import type { User } from "~db/schema";
import { forbidden, notFound, requireUser } from "~/features/auth/guards.server";
import { canEditAction, getAction, loggerScope, type ActionDetail } from "~/features/actions/actions.server";

/** Someone who writes in a log: a chapter lead or member with a chapter, or a representative. */
export async function requireLogger(request: Request): Promise<User> {
  const user = await requireUser(request);
  if (!loggerScope(user)) throw forbidden();
  return user;
}

/** The action, if this user may edit it (404 when it does not exist, 403 when it is not theirs). */
export async function requireEditableAction(
  request: Request,
  id: number,
): Promise<{ user: User; action: ActionDetail }> {
  const user = await requireUser(request);
  const action = await getAction(id);
  if (!action) throw notFound();
  if (!canEditAction(user, action)) throw forbidden();
  return { user, action };
}
