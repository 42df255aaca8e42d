/**
 * The test clock banner, on every page (the sign-in page too) while the deployment's clock
 * runs ahead of real time: what time the wallet thinks it is and by how much it is ahead, so
 * nobody mistakes a moved clock for the real one (docs/decisions/013-test-clock.md). Read
 * again on every navigation, so an advance made elsewhere shows on the next page.
 */
import { useLocation } from '@solidjs/router';
import { createEffect, createResource, Show } from 'solid-js';
import { setTestClockOffsetMs } from '../lib/clock.ts';
import { time } from '../lib/format.ts';
import { t } from '../lib/i18n.ts';
import { api } from '../lib/trpc.ts';

const MINUTE_MS = 60_000;

export function TestClockBanner() {
  const location = useLocation();
  const [clock] = createResource(
    () => location.pathname,
    () => api.testClock.status.query().catch(() => null),
  );
  // Countdowns and previews follow the wallet's time (lib/clock.ts).
  createEffect(() => setTestClockOffsetMs(clock.latest?.offsetMs ?? 0));
  const ahead = () => {
    const state = clock.latest;
    return state?.enabled && state.offsetMs > 0 ? state : null;
  };
  return (
    <Show when={ahead()}>
      {(state) => (
        <p class="test-clock-banner" role="status" data-testid="test-clock-banner">
          <strong>{t('testClock.banner')}</strong>{' '}
          {t('testClock.detail', { time: time(state().nowMs), ahead: aheadText(state().offsetMs) })}
        </p>
      )}
    </Show>
  );
}

/** "3 d 2 h 5 min" in the UI's language. */
function aheadText(offsetMs: number): string {
  const minutes = Math.floor(offsetMs / MINUTE_MS);
  const parts = [
    [Math.floor(minutes / 1440), 'testClock.days'],
    [Math.floor((minutes % 1440) / 60), 'testClock.hours'],
    [minutes % 60, 'testClock.minutes'],
  ] as const;
  const shown = parts.filter(([count]) => count > 0);
  return (shown.length > 0 ? shown : [parts[2]]).map(([count, key]) => t(key, { count })).join(' ');
}
