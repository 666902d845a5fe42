import { describe, expect, it } from 'vitest';
import { spokenAnswer } from '../src/room/agent-script';
import { exampleToolArgs } from '../src/tool-examples';

// The emulator knows a session's tools only from its create body, as Runway's worker does.
const NOW = new Date('2026-12-04T10:00:00Z'); // a Friday

describe('arguments made up from a tool’s declared parameters', () => {
  it('takes an enum’s first option, the example a description gives, and a weekday for a date', () => {
    const args = exampleToolArgs(
      {
        type: 'backend_rpc',
        name: 'book',
        description: 'Book a slot',
        parameters: [
          { name: 'orderId', type: 'string', description: 'The order id, like RC-1001' },
          { name: 'title', type: 'string', description: 'Card title, like "Runway Characters Starter"' },
          { name: 'size', type: 'string', description: 'The size', enum: ['small', 'large'] },
          { name: 'date', type: 'string', description: 'The day as YYYY-MM-DD, like 2026-12-04' },
          { name: 'note', type: 'string', description: 'Anything else' },
          { name: 'count', type: 'integer', description: 'How many' },
          { name: 'gift', type: 'boolean', description: 'Wrapped?' },
          { name: 'tags', type: 'array', description: 'Tags', items: { type: 'string' } },
        ],
      },
      NOW,
    );
    expect(args).toEqual({
      orderId: 'RC-1001',
      title: 'Runway Characters Starter',
      size: 'small',
      // The day after a Friday that is not a weekend day.
      date: '2026-12-07',
      note: 'example note',
      count: 1,
      gift: true,
      tags: [],
    });
  });

  it('leaves optional parameters out, as a model may, and a tool without parameters gets none', () => {
    const optional = { name: 'url', type: 'string' as const, description: 'A link', required: false };
    expect(exampleToolArgs({ type: 'client_event', name: 'show', description: 'Show', parameters: [optional] }, NOW)).toEqual({});
    expect(exampleToolArgs({ type: 'client_event', name: 'wave', description: 'Wave' }, NOW)).toEqual({});
  });
});

describe('what the avatar says after a backend tool answered', () => {
  it('reads the result’s summary, or says the error, or a neutral line', () => {
    expect(spokenAnswer('lookup_order', { result: { orderId: 'RC-1001', summary: ' Order RC-1001 has shipped. ' } })).toBe(
      'Order RC-1001 has shipped.',
    );
    expect(spokenAnswer('lookup_order', { error: 'No order RC-9999 was found.' })).toBe('I could not do that: No order RC-9999 was found.');
    expect(spokenAnswer('lookup_order', { error: '' })).toBe('I could not do that.');
    expect(spokenAnswer('weather', { result: { temperature: 21 } })).toBe('The weather tool answered.');
    expect(spokenAnswer('weather', { result: { summary: 42 } })).toBe('The weather tool answered.');
  });
});
