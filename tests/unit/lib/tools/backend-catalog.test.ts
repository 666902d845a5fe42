import { describe, expect, it } from 'vitest';
import { exampleToolArgs } from '@/emulator/src/tool-examples';
import { createSessionBody } from '@/emulator/src/wire-schemas';
import { runBackendTool } from '@/lib/server/tools/backend-tools';
import { BACKEND_TOOLS, summarizeToolResult, toBackendWireTool, type BackendToolName } from '@/lib/tools/backend-catalog';
import { DEMO_TOOLS, toWireTool, type DemoToolName } from '@/lib/tools/catalog';

const NAMES = Object.keys(BACKEND_TOOLS) as BackendToolName[];
// A Wednesday morning, a Friday night, a Saturday and a Sunday: the emulator's made-up arguments must hold from any day.
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
});

describe('summarizeToolResult: the sentence a backend tool’s result carries for the model to read', () => {
  it('says an order’s status and dates', () => {
    const shipped = {
      orderId: 'RC-1001',
      status: 'shipped',
      placedOn: '2026-11-27',
      items: 'Trail helmet',
      estimatedDelivery: '2026-12-03',
    };
    expect(summarizeToolResult('lookup_order', shipped)).toBe('Order RC-1001 has shipped; it should arrive on 3 December 2026.');
    expect(summarizeToolResult('lookup_order', { orderId: 'RC-1002', status: 'delivered', deliveredOn: '2026-11-06' })).toBe(
      'Order RC-1002 was delivered on 6 November 2026.',
    );
    expect(summarizeToolResult('lookup_order', { orderId: 'RC-1004', status: 'cancelled' })).toBe('Order RC-1004 was cancelled.');
    expect(summarizeToolResult('lookup_order', { orderId: 'RC-1008', status: 'processing' })).toBe('Order RC-1008 is being prepared.');
  });

  it('says free slots, a full day and a closed day', () => {
    const friday = { date: '2026-12-04', weekday: 'Friday', open: true, booked: 3 };
    expect(summarizeToolResult('check_availability', { ...friday, freeSlots: ['09:00', '09:30', '10:00'] })).toBe(
      'On Friday 4 December I have 3 free slots; the first is at 09:00.',
    );
    expect(summarizeToolResult('check_availability', { ...friday, freeSlots: ['16:30'] })).toBe(
      'On Friday 4 December I have one free slot, at 16:30.',
    );
    expect(summarizeToolResult('check_availability', { ...friday, freeSlots: [] })).toBe('On Friday 4 December I have no free slots left.');
    expect(
      summarizeToolResult('check_availability', { date: '2026-12-05', weekday: 'Saturday', open: false, freeSlots: [], booked: 0 }),
    ).toBe('We are closed on Saturdays.');
  });

  it('has no sentence for unknown tools and shapes, and never throws', () => {
    expect(summarizeToolResult('weather', { temperature: 21 })).toBeUndefined();
    const odd: Array<Record<string, unknown>> = [
      {},
      { orderId: 'RC-1001', status: 'lost' },
      { orderId: 42, status: 'shipped' },
      { date: '2026-02-30', open: true, freeSlots: [] },
      { date: '2026-12-04', open: true, freeSlots: [9] },
      { date: '2026-12-04', open: 'yes' },
    ];
    for (const name of NAMES) for (const result of odd) expect(summarizeToolResult(name, result), JSON.stringify(result)).toBeUndefined();
    // A date that is no calendar day still gives a sentence, just without the date.
    expect(summarizeToolResult('lookup_order', { orderId: 'RC-1001', status: 'shipped', estimatedDelivery: 'soon' })).toBe(
      'Order RC-1001 has shipped.',
    );
  });
});

// The demo shows every tool working with no key: the emulator makes up arguments from the declarations the
// app sends at create, as a model would, and the app's own schemas must accept them.
describe('the emulated model’s arguments for this app’s tools', () => {
  it('fit every client tool’s schema', () => {
    for (const name of Object.keys(DEMO_TOOLS) as DemoToolName[]) {
      const args = exampleToolArgs(toWireTool(name), NOWS[0]!);
      expect(DEMO_TOOLS[name].schema.safeParse(args).success, `${name} ${JSON.stringify(args)}`).toBe(true);
    }
  });

  it('fit every backend tool’s schema, and the tool answers them from any day', () => {
    for (const now of NOWS) {
      for (const name of NAMES) {
        const args = exampleToolArgs(toBackendWireTool(name), now);
        expect(BACKEND_TOOLS[name].schema.safeParse(args).success, `${name} ${JSON.stringify(args)}`).toBe(true);
        expect(runBackendTool(name, args, now), `${name} ${JSON.stringify(args)}`).toHaveProperty('summary');
      }
    }
  });
});
