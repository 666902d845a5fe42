import { describe, expect, it } from 'vitest';
import { runBackendTool, ToolFailure, ToolInputError } from '@/lib/server/tools/backend-tools';

// Wednesday 2 December 2026, mid-morning in the shop's zone (UTC).
const NOW = new Date('2026-12-02T10:15:00Z');
const SCHEDULE = [
  '09:00',
  '09:30',
  '10:00',
  '10:30',
  '11:00',
  '11:30',
  '13:00',
  '13:30',
  '14:00',
  '14:30',
  '15:00',
  '15:30',
  '16:00',
  '16:30',
];

const availability = (date: string, now = NOW) =>
  runBackendTool('check_availability', { date }, now) as {
    date: string;
    weekday: string;
    open: boolean;
    freeSlots: string[];
    booked: number;
    summary: string;
  };

/** The weekdays from `from` on, `count` of them. */
function weekdays(from: string, count: number): string[] {
  const days: string[] = [];
  for (let day = new Date(`${from}T00:00:00Z`); days.length < count; day = new Date(day.getTime() + 86_400_000)) {
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) days.push(day.toISOString().slice(0, 10));
  }
  return days;
}

describe('lookup_order', () => {
  it('returns a compact summary of a known order', () => {
    expect(runBackendTool('lookup_order', { orderId: 'RC-1001' }, NOW)).toEqual({
      orderId: 'RC-1001',
      status: 'shipped',
      placedOn: '2026-11-27',
      items: 'Trail helmet, 2 × Bottle cage',
      estimatedDelivery: '2026-12-03',
      carrier: 'UPS',
      summary: 'Order RC-1001 has shipped; it should arrive on 3 December 2026.',
    });
    // Delivered: the delivery day, not the old estimate; a long item list becomes a count.
    expect(runBackendTool('lookup_order', { orderId: 'RC-1016' }, NOW)).toEqual({
      orderId: 'RC-1016',
      status: 'delivered',
      placedOn: '2026-11-21',
      items: '4 items',
      deliveredOn: '2026-11-26',
      carrier: 'DHL',
      summary: 'Order RC-1016 was delivered on 26 November 2026.',
    });
  });

  it('accepts an id in any case with surrounding spaces, and ignores extra arguments', () => {
    expect(runBackendTool('lookup_order', { orderId: ' rc-1001 ' })).toMatchObject({ orderId: 'RC-1001', status: 'shipped' });
    expect(runBackendTool('lookup_order', { orderId: 'RC-1004', note: 'hi' })).toMatchObject({ orderId: 'RC-1004', status: 'cancelled' });
  });

  it('fails with the id for an order that does not exist', () => {
    expect(() => runBackendTool('lookup_order', { orderId: 'rc-9999' })).toThrow(new ToolFailure('No order RC-9999 was found.'));
    expect(() => runBackendTool('lookup_order', { orderId: 'RC-9999' })).toThrow(ToolFailure);
  });

  it('rejects malformed, missing and mistyped arguments with a short readable message', () => {
    expect(() => runBackendTool('lookup_order', { orderId: 'RC-12' })).toThrow(
      new ToolInputError('Invalid arguments: orderId: use RC- and four digits, like RC-1001'),
    );
    expect(() => runBackendTool('lookup_order', {})).toThrow(new ToolInputError('Invalid arguments: orderId: required'));
    expect(() => runBackendTool('lookup_order', { orderId: 1001 })).toThrow(
      new ToolInputError('Invalid arguments: orderId: must be a string'),
    );
    for (const args of [
      undefined,
      null,
      'RC-1001',
      1001,
      [],
      [{ orderId: 'RC-1001' }],
      { orderId: ['RC-1001'] },
      { orderId: { id: 'RC-1001' } },
      { orderId: 'x'.repeat(10_000) },
    ]) {
      let thrown: unknown;
      try {
        runBackendTool('lookup_order', args);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, JSON.stringify(args)).toBeInstanceOf(ToolInputError);
      expect((thrown as Error).message).toMatch(/^Invalid arguments: /);
      expect((thrown as Error).message.length).toBeLessThanOrEqual(200);
    }
  });

  it('answers an order that exists and fails one that does not', () => {
    expect(runBackendTool('lookup_order', { orderId: 'RC-1001' }, NOW)).toMatchObject({ orderId: 'RC-1001' });
    expect(() => runBackendTool('lookup_order', { orderId: 'RC-9999' }, NOW)).toThrow(ToolFailure);
  });
});

describe('check_availability', () => {
  it('offers 30-minute slots from 09:00 to 16:30 on a weekday, none over lunch, some already booked', () => {
    const friday = availability('2026-12-04');
    expect(friday).toMatchObject({ date: '2026-12-04', weekday: 'Friday', open: true });
    expect(friday.booked).toBeGreaterThanOrEqual(3);
    expect(friday.booked).toBeLessThanOrEqual(5);
    expect(friday.freeSlots).toHaveLength(SCHEDULE.length - friday.booked);
    expect(friday.freeSlots).toEqual(SCHEDULE.filter((slot) => friday.freeSlots.includes(slot)));
    expect(friday.freeSlots).not.toContain('12:00');
    expect(friday.freeSlots).not.toContain('12:30');
    // Across many days every slot of the schedule is free somewhere, and no other time ever is.
    const seen = new Set(weekdays('2026-12-03', 40).flatMap((date) => availability(date).freeSlots));
    expect([...seen].sort()).toEqual(SCHEDULE);
  });

  it('answers the same date the same way every time, and books different days differently', () => {
    expect(availability('2026-12-04')).toEqual(availability('2026-12-04'));
    expect(availability('2026-12-04', new Date('2026-11-20T08:00:00Z'))).toEqual(availability('2026-12-04'));
    const patterns = new Set(weekdays('2026-12-03', 20).map((date) => availability(date).freeSlots.join()));
    expect(patterns.size).toBeGreaterThan(1);
  });

  it('is closed at weekends, as an answer rather than an error', () => {
    expect(availability('2026-12-05')).toEqual({
      date: '2026-12-05',
      weekday: 'Saturday',
      open: false,
      freeSlots: [],
      booked: 0,
      summary: 'We are closed on Saturdays.',
    });
    expect(availability('2026-12-06')).toMatchObject({ weekday: 'Sunday', open: false, freeSlots: [] });
  });

  it('offers only the slots still to come today', () => {
    const allDay = availability('2026-12-02', new Date('2026-12-01T12:00:00Z'));
    const today = availability('2026-12-02');
    expect(today.freeSlots).toEqual(allDay.freeSlots.filter((slot) => slot > '10:15'));
    expect(today.booked).toBe(allDay.booked);
    // A slot that starts right now has started.
    expect(availability('2026-12-02', new Date('2026-12-02T16:30:00Z')).freeSlots).toEqual([]);
  });

  it('fails for a date in the past or beyond the 60-day booking window', () => {
    expect(() => availability('2026-12-01')).toThrow(new ToolFailure('That date is in the past.'));
    expect(() => availability('2025-12-04')).toThrow(ToolFailure);
    expect(() => availability('2027-01-31')).not.toThrow();
    expect(() => availability('2027-02-01')).toThrow(new ToolFailure('Bookings open at most 60 days ahead.'));
  });

  it('rejects an invalid calendar date or a missing one as bad input', () => {
    expect(() => availability('2026-02-30')).toThrow(
      new ToolInputError('Invalid arguments: date: use a real date as YYYY-MM-DD, like 2026-12-04'),
    );
    expect(() => availability('4 December')).toThrow(ToolInputError);
    expect(() => runBackendTool('check_availability', {}, NOW)).toThrow(new ToolInputError('Invalid arguments: date: required'));
    expect(() => runBackendTool('check_availability', 'tomorrow', NOW)).toThrow(
      new ToolInputError('Invalid arguments: arguments must be an object'),
    );
  });
});

describe('the summary a result carries', () => {
  it('is the sentence a voice model reads out, for an order and for a day', () => {
    expect(runBackendTool('lookup_order', { orderId: 'RC-1001' }, NOW)).toMatchObject({
      summary: 'Order RC-1001 has shipped; it should arrive on 3 December 2026.',
    });
    const friday = availability('2026-12-04');
    expect(friday.summary).toBe(
      `On Friday 4 December I have ${friday.freeSlots.length} free slots; the first is at ${friday.freeSlots[0]}.`,
    );
    expect(availability('2026-12-05').summary).toBe('We are closed on Saturdays.');
  });
});
