import { clientTool } from '@runwayml/avatars';
import { DEMO_TOOLS } from './catalog';

/**
 * The demo tools defined once with `clientTool` from the `@runwayml/avatars` ROOT entry. The root and the
 * `/api` entries each keep their own schema registry, and `useClientEvent` validates against the root's, so a
 * tool defined through `/api` would pass invalid arguments through unchecked.
 * Browser only (the root imports livekit-client): the server sends `toWireTool()` from ./catalog instead.
 */
export const clientTools = {
  show_card: clientTool(DEMO_TOOLS.show_card.name, { description: DEMO_TOOLS.show_card.description, schema: DEMO_TOOLS.show_card.schema }),
  highlight_section: clientTool(DEMO_TOOLS.highlight_section.name, {
    description: DEMO_TOOLS.highlight_section.description,
    schema: DEMO_TOOLS.highlight_section.schema,
  }),
};
