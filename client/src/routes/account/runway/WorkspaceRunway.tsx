/** One workspace's runway on the Workspaces page: its daily spend and when its money ends. */
import { Show } from 'solid-js';
import type { Outputs } from '../../../console/types.ts';
import { cny } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';
import { runwayText } from './runwayText.ts';

export type RunwayView = Outputs['accounts']['runway'];

export function WorkspaceRunway(props: { runway: RunwayView; workspaceId: string }) {
  const own = () => props.runway.workspaces.find((w) => w.workspaceId === props.workspaceId);
  return (
    <Show when={own()}>
      {(w) => {
        const text = () => runwayText(w(), props.runway.asOfMs);
        return (
          <p data-testid="workspace-runway" data-days={w().days ?? ''}>
            <span class="muted">{t('runway.workspace')}: </span>
            {w().method === 'cloud_account' && w().days !== null
              ? t('runway.cloudEnd', { text: text() })
              : text()}
            <br />
            <span class="muted small">
              {t('runway.workspaceDaily', { daily7: cny(w().daily7), daily30: cny(w().daily30) })}
            </span>
          </p>
        );
      }}
    </Show>
  );
}
