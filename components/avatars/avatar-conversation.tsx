import type { AvatarConversation } from '@/lib/avatars/types';

/**
 * Which brain an avatar talks with: Runway's own model (the avatar's personality, voice and start script),
 * or an ElevenLabs agent behind its face (docs/integrations.md). Shown on the gallery card, the call page
 * and the avatar editor.
 */

const LABEL: Record<AvatarConversation, string> = {
  runway: 'Runway’s avatar model',
  elevenlabs: 'ElevenLabs agent',
};

/** "Talks with: …", for the call page's header. */
export function ConversationLine({ conversation }: { conversation: AvatarConversation }) {
  return <p className="muted conversation-line">Talks with: {LABEL[conversation]}</p>;
}

/** A pill on the gallery card; Runway's model, the default, goes unmarked. */
export function ConversationBadge({ conversation }: { conversation: AvatarConversation }) {
  if (conversation === 'runway') return null;
  return <p className="badge badge--brain">{LABEL[conversation]}</p>;
}

/** The editor's note: which brain, what of the form it uses, and how to change it (a deployment setting). */
export function ConversationNote({ avatarId, agentId }: { avatarId: string; agentId: string | undefined }) {
  return (
    <section className="conversation-note" aria-labelledby="conversation-note-title">
      <h2 id="conversation-note-title">Talks with: {LABEL[agentId === undefined ? 'runway' : 'elevenlabs']}</h2>
      {agentId === undefined ? (
        <p>
          Runway’s model speaks with the personality, voice and start script below. To have an ElevenLabs agent talk through this face
          instead, add <code>{avatarId}=&lt;agent id&gt;</code> to <code>ELEVENLABS_AGENTS</code> and restart the app.
        </p>
      ) : (
        <p>
          The ElevenLabs agent <code>{agentId}</code> listens and answers; Runway renders only this face. The personality, voice and start
          script below are not used in calls (set them in the agent), and neither are tools. To change the agent, or to go back to Runway’s
          model, edit this avatar’s entry in <code>ELEVENLABS_AGENTS</code> and restart the app.
        </p>
      )}
    </section>
  );
}
