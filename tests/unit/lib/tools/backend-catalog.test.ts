import { describe, expect, it } from 'vitest';
import { createSessionBody } from '@/lib/server/runway/emulator/wire-schemas';
import { BACKEND_TOOLS, describeToolResult, toBackendWireTool, type BackendToolName } from '@/lib/tools/catalog';

const NAMES = Object.keys(BACKEND_TOOLS) as BackendToolName[];
// A Wednesday morning, a Friday night, a Saturday and a Sunday: the examples must hold from any day.
const NOWS = ['2026-12-02T10:15:00Z', '2026-12-04T23:59:00Z', '2026-12-05T08:00:00Z', '2026-12-06T12:00:00Z'].map((iso) => new Date(iso));

describe('backend tool wire shape', () => {
  it('declares each tool as Runway’s session create takes it, and Runway’s schema accepts them', () => {
    expect(toBackendWireTool('lookup_order')).toEqual({
      type: 'backend_rpc',
      name: 'lookup_order',
      description: BACKEND_TOOLS.lookup_order.description,
      parameters: [{ name: 'orderId', type: 'string', description: 'The order id, like RC-1001' }],
      timeoutSeconds: 4,
    });
    const tools = NAMES.map(toBackendWireTool);
    expect(tools.map((tool) => tool.name)).toEqual(['lookup_order', 'check_availability']);
    expect(createSessionBody.shape.tools.parse(tools)).toEqual(tools);
  });

  it('copies the parameters, so a caller cannot edit the catalog', () => {
    toBackendWireTool('check_availability').parameters[0]!.description = 'changed';
    expect(BACKEND_TOOLS.check_availability.parameters[0]!.description).not.toBe('changed');
  });
});

describe('backend tool schemas', () => {
  it('normalise order ids and reject malformed ones', () => {
    const schema = BACKEND_TOOLS.lookup_order.schema;
    expect(schema.parse({ orderId: ' rc-1001 ' })).toEqual({ orderId: 'RC-1001' });
    expect(schema.safeParse({ orderId: 'RC-101' }).success).toBe(false);
    expect(schema.safeParse({ orderId: 'XX-1001' }).success).toBe(false);
  });

  it('accept only real calendar dates', () => {
    const schema = BACKEND_TOOLS.check_availability.schema;
    expect(schema.safeParse({ date: '2028-02-29' }).success).toBe(true);
    for (const date of ['2026-02-30', '2027-02-29', '2026-13-01', '2026-12-4', '04/12/2026', 'tomorrow']) {
      expect(schema.safeParse({ date }).success, date).toBe(false);
    }
  });

  it('are met by every example, from any day', () => {
    for (const now of NOWS) {
      for (const name of NAMES) {
        const examples = BACKEND_TOOLS[name].examples(now);
        expect(examples.length).toBe(2);
        for (const args of examples) expect(BACKEND_TOOLS[name].schema.safeParse(args).success, JSON.stringify(args)).toBe(true);
      }
    }
  });

  it('give availability examples after today: a weekday, then a weekend day', () => {
    for (const now of NOWS) {
      const [open, closed] = BACKEND_TOOLS.check_availability.examples(now).map((args) => new Date(`${args.date}T00:00:00Z`));
      const today = Date.parse(now.toISOString().slice(0, 10));
      for (const day of [open!, closed!]) expect(day.getTime()).toBeGreaterThan(today);
      expect([1, 2, 3, 4, 5]).toContain(open!.getUTCDay());
      expect([0, 6]).toContain(closed!.getUTCDay());
    }
  });
});

describe('describeToolResult', () => {
  it('speaks an order’s status and dates', () => {
    const shipped = {
      orderId: 'RC-1001',
      status: 'shipped',
      placedOn: '2026-11-27',
      items: 'Trail helmet',
      estimatedDelivery: '2026-12-03',
    };
    expect(describeToolResult('lookup_order', { result: shipped })).toBe('Order RC-1001 has shipped; it should arrive on 3 December 2026.');
    expect(describeToolResult('lookup_order', { result: { orderId: 'RC-1002', status: 'delivered', deliveredOn: '2026-11-06' } })).toBe(
      'Order RC-1002 was delivered on 6 November 2026.',
    );
    expect(describeToolResult('lookup_order', { result: { orderId: 'RC-1004', status: 'cancelled' } })).toBe(
      'Order RC-1004 was cancelled.',
    );
    expect(describeToolResult('lookup_order', { result: { orderId: 'RC-1008', status: 'processing' } })).toBe(
      'Order RC-1008 is being prepared.',
    );
  });

  it('speaks free slots, a full day and a closed day', () => {
    const friday = { date: '2026-12-04', weekday: 'Friday', open: true, booked: 3 };
    expect(describeToolResult('check_availability', { result: { ...friday, freeSlots: ['09:00', '09:30', '10:00'] } })).toBe(
      'On Friday 4 December I have 3 free slots; the first is at 09:00.',
    );
    expect(describeToolResult('check_availability', { result: { ...friday, freeSlots: ['16:30'] } })).toBe(
      'On Friday 4 December I have one free slot, at 16:30.',
    );
    expect(describeToolResult('check_availability', { result: { ...friday, freeSlots: [] } })).toBe(
      'On Friday 4 December I have no free slots left.',
    );
    expect(
      describeToolResult('check_availability', {
        result: { date: '2026-12-05', weekday: 'Saturday', open: false, freeSlots: [], booked: 0 },
      }),
    ).toBe('We are closed on Saturdays.');
  });

  it('speaks an error', () => {
    expect(describeToolResult('lookup_order', { error: 'No order RC-9999 was found.' })).toBe(
      'I could not do that: No order RC-9999 was found.',
    );
    expect(describeToolResult('check_availability', { error: 'Invalid arguments: date: required' })).toBe(
      'I could not do that: Invalid arguments: date: required.',
    );
    expect(describeToolResult('lookup_order', { error: '' })).toBe('I could not do that.');
  });

  it('falls back to a neutral sentence for unknown tools and shapes, without throwing', () => {
    expect(describeToolResult('weather', { result: { temperature: 21 } })).toBe('The weather tool answered.');
    const odd: unknown[] = [
      { result: {} },
      { result: { orderId: 'RC-1001', status: 'lost' } },
      { result: { orderId: 42, status: 'shipped' } },
      { result: null },
      { result: 'yes' },
      { result: { date: '2026-02-30', open: true, freeSlots: [] } },
      { result: { date: '2026-12-04', open: true, freeSlots: [9] } },
      { result: { date: '2026-12-04', open: 'yes' } },
      null,
      'error',
    ];
    for (const name of NAMES) {
      for (const outcome of odd) {
        expect(describeToolResult(name, outcome as { result: Record<string, unknown> }), JSON.stringify(outcome)).toBe(
          `The ${name} tool answered.`,
        );
      }
    }
    // A date that is no calendar day still gives a sentence, just without the date.
    expect(describeToolResult('lookup_order', { result: { orderId: 'RC-1001', status: 'shipped', estimatedDelivery: 'soon' } })).toBe(
      'Order RC-1001 has shipped.',
    );
  });
});
