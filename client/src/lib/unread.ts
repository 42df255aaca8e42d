/**
 * The header's unread count asks again whenever something read notifications (the
 * notifications page marks them) — one signal every reader of the count follows.
 */
import { createSignal } from 'solid-js';

const [unreadGeneration, setUnreadGeneration] = createSignal(0);

export { unreadGeneration };

/** Tells the bell that the unread count may have changed. */
export function unreadChanged(): void {
  setUnreadGeneration((generation) => generation + 1);
}
