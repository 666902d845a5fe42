import { z } from 'zod';

/**
 * The demo client tools, as data both sides share: the zod schema the browser validates
 * events with, and the explicit wire `parameters` the model sees. `clientTool()` serialises neither, so
 * the browser wraps these once with `clientTool` from the `@runwayml/avatars` root (lib/tools/client-tools.ts)
 * and the server sends `toWireTool()` at session create. This module imports no SDK: the root entry pulls in
 * livekit-client, which has no place in a server route.
 */

// The browser parses tool arguments under a CSP without 'unsafe-eval': zod's JIT probe (`new Function`) would be
// reported as a violation there even though zod catches it, so the browser runs zod without JIT.
if (typeof window !== 'undefined') z.config({ jitless: true });

/** Parts of the call page the avatar may point at (`data-avatar-target`), also the page-action targets. */
export const CALL_SECTIONS = ['controls', 'transcript', 'call-guide'] as const;
export type CallSection = (typeof CALL_SECTIONS)[number];

/** A tool argument as Runway declares it; `required` defaults to true there. */
export interface ToolParameter {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean';
  description: string;
  required?: boolean;
  enum?: string[];
}

const showCard = {
  name: 'show_card' as const,
  description:
    'Show the visitor a card with a product, offer or link while you talk about it. Keep the title short and the body to one or two sentences.',
  schema: z.object({
    title: z.string().min(1).max(80),
    body: z.string().min(1).max(280),
    // https only: the card renders it as a link.
    url: z
      .url({ protocol: /^https$/ })
      .max(500)
      .optional(),
  }),
  parameters: [
    { name: 'title', type: 'string', description: 'Card title, at most 80 characters, like "Runway Characters Starter"' },
    {
      name: 'body',
      type: 'string',
      description: 'One or two sentences, at most 280 characters, like "Clone it, set your key, and your avatar takes calls on your site."',
    },
    { name: 'url', type: 'string', description: 'An https link the card offers', required: false },
  ] satisfies ToolParameter[],
};

const highlightSection = {
  name: 'highlight_section' as const,
  description: 'Highlight a part of the call page to show the visitor where something is.',
  schema: z.object({ section: z.enum(CALL_SECTIONS) }),
  parameters: [
    {
      name: 'section',
      type: 'string',
      description: 'controls: the call buttons; transcript: the live transcript; call-guide: the tips next to the call',
      enum: [...CALL_SECTIONS],
    },
  ] satisfies ToolParameter[],
};

export const DEMO_TOOLS = { show_card: showCard, highlight_section: highlightSection } as const;
export type DemoToolName = keyof typeof DEMO_TOOLS;
export type DemoToolArgs<N extends DemoToolName> = z.infer<(typeof DEMO_TOOLS)[N]['schema']>;
export type DemoToolEvent = { [N in DemoToolName]: { tool: N; args: DemoToolArgs<N> } }[DemoToolName];

/** The tool as `POST /v1/realtime_sessions` takes it. */
export function toWireTool(name: DemoToolName): { type: 'client_event'; name: string; description: string; parameters: ToolParameter[] } {
  const { description, parameters } = DEMO_TOOLS[name];
  return { type: 'client_event', name, description, parameters: parameters.map((parameter) => ({ ...parameter })) };
}
