import {
  ListNotificationsInput,
  MarkReadInput,
  NotificationsAccountInput,
} from '../../../common/webhooks.ts';
import { listNotifications } from '../../services/notifications/list.ts';
import { markRead } from '../../services/notifications/markRead.ts';
import { unreadCount } from '../../services/notifications/unreadCount.ts';
import { authedProcedure, router } from '../init.ts';

export const notificationsRouter = router({
  list: authedProcedure
    .input(ListNotificationsInput)
    .query(({ ctx, input }) => listNotifications(ctx, input)),
  unreadCount: authedProcedure
    .input(NotificationsAccountInput)
    .query(({ ctx, input }) => unreadCount(ctx, input.accountId)),
  markRead: authedProcedure.input(MarkReadInput).mutation(({ ctx, input }) => markRead(ctx, input)),
});
