'use client';

// The React SDK's build has no 'use client' directive, so it is imported only from client modules like this
// one, which the call screen loads with next/dynamic: LiveKit stays out of every other page's JavaScript.
import '@runwayml/avatars-react/styles.css';
import { AvatarProvider, AvatarVideo, PageActions, UserVideo, useClientEvent } from '@runwayml/avatars-react';
import { memo, useCallback, useEffect, useRef, type RefObject } from 'react';
import { callToolsFor } from '@/lib/app-config';
import type { DemoToolEvent, DemoToolName } from '@/lib/tools/catalog';
import type { TranscriptLine } from './call-model';
import { clientTools } from '@/lib/tools/client-tools';
import type { CallStageProps } from './call-stage';
import { CallView } from './call-view';
import { useBackendToolCalls } from './use-backend-tool-calls';
import { useLiveCallModel } from './use-live-call-model';
import { useToolSurface } from './use-tool-surface';

/** Turns the avatar's client events into tool events; the SDK validates the arguments against each schema. */
function LiveToolEvents({ names, onEvent }: { names: DemoToolName[]; onEvent: (event: DemoToolEvent) => void }) {
  useClientEvent(clientTools.show_card, (args) => names.includes('show_card') && onEvent({ tool: 'show_card', args }));
  useClientEvent(
    clientTools.highlight_section,
    (args) => names.includes('highlight_section') && onEvent({ tool: 'highlight_section', args }),
  );
  return null;
}

type BodyProps = CallStageProps & { transcriptRef: RefObject<TranscriptLine[]> };

function LiveCallBody({ avatar, session, endsAt, preferences, developer, endRequests, onConnected, transcriptRef }: BodyProps) {
  const model = useLiveCallModel(preferences);
  const toolConfig = callToolsFor(avatar.id);
  const surface = useToolSurface();
  const backendCalls = useBackendToolCalls(session, developer && Boolean(toolConfig?.backendTools.length));

  const { end } = model;
  useEffect(() => {
    endRequests?.addEventListener('end', end);
    return () => endRequests?.removeEventListener('end', end);
  }, [endRequests, end]);

  const { status, transcript } = model;
  useEffect(() => {
    if (status === 'active') onConnected();
  }, [status, onConnected]);
  // Kept for onEnd, which the provider above fires: the stage hands the final transcript over once, at the end.
  useEffect(() => {
    transcriptRef.current = transcript;
  }, [transcript, transcriptRef]);

  return (
    <>
      {toolConfig && <LiveToolEvents names={toolConfig.tools} onEvent={surface.handle} />}
      {toolConfig?.pageActions && <PageActions />}
      <CallView
        model={model}
        avatar={avatar}
        endsAt={endsAt}
        avatarVideo={<AvatarVideo />}
        selfView={<UserVideo />}
        tools={
          toolConfig
            ? { surface, names: toolConfig.tools, pageActions: toolConfig.pageActions, backendNames: toolConfig.backendTools, backendCalls }
            : null
        }
        developer={developer}
      />
    </>
  );
}

/**
 * Memoised, because every render of `<AvatarProvider>` hands LiveKit's `<LiveKitRoom>` a new onError, and its
 * connect effect depends on it: a re-render while the room is joining (the call screen's timeline, say)
 * starts a second `room.connect()`, which breaks the first offer and drops the call into a reconnect.
 */
export default memo(function LiveCall(props: CallStageProps) {
  const { avatar, credentials, preferences, onEnded, onError } = props;
  const reportError = useCallback(() => onError(), [onError]);
  const transcriptRef = useRef<TranscriptLine[]>([]);
  const reportEnd = useCallback(() => onEnded(transcriptRef.current), [onEnded]);
  return (
    <AvatarProvider
      // A fresh provider per session: nothing from a previous call's room survives into the next.
      key={credentials.sessionId}
      avatarId={avatar.id}
      credentials={credentials}
      audio={preferences.audio}
      video={preferences.video}
      onEnd={reportEnd}
      onError={reportError}
    >
      <LiveCallBody {...props} transcriptRef={transcriptRef} />
    </AvatarProvider>
  );
});
