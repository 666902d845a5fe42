import 'server-only';
import { z } from 'zod';
import {
  BACKEND_TOOLS,
  ORDER_STATUSES,
  summarizeToolResult,
  type BackendToolArgs,
  type BackendToolName,
} from '@/lib/tools/backend-catalog';
import ordersJson from './orders.json';

/**
 * The demo backend tools' logic: Runway's avatar worker calls them over LiveKit RPC during a call, with the
 * arguments its model filled in, so every argument is checked against the catalog schema first. Results are
 * small on purpose: the avatar speaks them.
 */

/** The arguments do not fit the tool's schema; the message says how, in words the avatar can read out. */
export class ToolInputError extends Error {
  override name = 'ToolInputError';
}

/** The arguments are valid but the tool cannot serve them (no such order, a date outside the booking window). */
export class ToolFailure extends Error {
  override name = 'ToolFailure';
}

const isoDate = z.iso.date();
const orderSchema = z
  .strictObject({
    id: z.string().regex(/^RC-\d{4}$/),
    status: z.enum(ORDER_STATUSES),
    placedOn: isoDate,
    items: z.array(z.strictObject({ name: z.string().min(1), quantity: z.number().int().positive() })).min(1),
    total: z.strictObject({ amount: z.number().nonnegative(), currency: z.literal('USD') }),
    carrier: z.string().min(1).optional(),
    estimatedDelivery: isoDate.optional(),
    deliveredOn: isoDate.optional(),
  })
  .refine(
    (order) => order.status !== 'shipped' || (order.carrier !== undefined && order.estimatedDelivery !== undefined),
    'a shipped order needs a carrier and an estimatedDelivery',
  )
  .refine(
    (order) => (order.status === 'delivered' || order.status === 'returned') === (order.deliveredOn !== undefined),
    'delivered and returned orders, and only they, have a deliveredOn',
  )
  .refine(
    (order) => [order.estimatedDelivery, order.deliveredOn].every((day) => day === undefined || day >= order.placedOn),
    'no date may come before placedOn',
  );

// Parsed at load, so a bad edit of orders.json fails loudly (in the first test that imports this module).
const ORDERS = new Map(
  z
    .array(orderSchema)
    .refine((orders) => new Set(orders.map((order) => order.id)).size === orders.length, 'order ids must be unique')
    .parse(ordersJson)
    .map((order) => [order.id, order]),
);

function parseArgs<T extends z.ZodType>(schema: T, args: unknown): z.output<T> {
  const parsed = schema.safeParse(args);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '') + issue.message);
  const message = `Invalid arguments: ${issues.join('; ')}`;
  throw new ToolInputError(message.length <= 200 ? message : `${message.slice(0, 199)}…`);
}

function lookupOrder({ orderId }: BackendToolArgs<'lookup_order'>): Record<string, unknown> {
  const order = ORDERS.get(orderId);
  if (!order) throw new ToolFailure(`No order ${orderId} was found.`);
  const count = order.items.reduce((sum, item) => sum + item.quantity, 0);
  // An estimate only matters while the order is on its way.
  const pending = order.status === 'processing' || order.status === 'shipped';
  return {
    orderId: order.id,
    status: order.status,
    placedOn: order.placedOn,
    // A short list reads well aloud; a long one becomes a count.
    items:
      order.items.length <= 3
        ? order.items.map((item) => (item.quantity > 1 ? `${item.quantity} × ${item.name}` : item.name)).join(', ')
        : `${count} items`,
    ...(pending && order.estimatedDelivery ? { estimatedDelivery: order.estimatedDelivery } : {}),
    ...(order.deliveredOn ? { deliveredOn: order.deliveredOn } : {}),
    ...(order.carrier ? { carrier: order.carrier } : {}),
  };
}

const DAY_MS = 86_400_000;
const BOOKING_WINDOW_DAYS = 60;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Appointment starts on an open day: every 30 minutes from 09:00 to 16:30, none over lunch (12:00 to 13:00). */
const DAY_SLOTS = Array.from({ length: 16 }, (_, index) => 9 * 60 + index * 30)
  .filter((minutes) => minutes < 12 * 60 || minutes >= 13 * 60)
  .map((minutes) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`);

/** FNV-1a: a small stable hash, so a date is always booked the same way. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) value = Math.imul(value ^ text.charCodeAt(index), 0x01000193) >>> 0;
  return value;
}

/** Three to five slots already taken, picked from the date alone. */
function bookedSlots(date: string): Set<string> {
  const count = 3 + (hash(date) % 3);
  return new Set([...DAY_SLOTS].sort((a, b) => hash(date + a) - hash(date + b)).slice(0, count));
}

// The shop's zone is UTC, so a date is a UTC day and "today" is today in UTC.
function checkAvailability({ date }: BackendToolArgs<'check_availability'>, now: Date): Record<string, unknown> {
  const day = new Date(`${date}T00:00:00Z`);
  const daysAhead = (day.getTime() - Date.parse(now.toISOString().slice(0, 10))) / DAY_MS;
  if (daysAhead < 0) throw new ToolFailure('That date is in the past.');
  if (daysAhead > BOOKING_WINDOW_DAYS) throw new ToolFailure(`Bookings open at most ${BOOKING_WINDOW_DAYS} days ahead.`);
  const weekday = WEEKDAYS[day.getUTCDay()]!;
  // Closed at weekends: a valid answer, not an error.
  if (day.getUTCDay() === 0 || day.getUTCDay() === 6) return { date, weekday, open: false, freeSlots: [], booked: 0 };
  const booked = bookedSlots(date);
  // Today, a slot that has already started is no longer free.
  const freeSlots = DAY_SLOTS.filter((slot) => !booked.has(slot) && Date.parse(`${date}T${slot}:00Z`) > now.getTime());
  return { date, weekday, open: true, freeSlots, booked: booked.size };
}

/**
 * Runs a backend tool with the arguments the avatar's model sent. Throws ToolInputError for arguments that do
 * not fit the schema and ToolFailure for valid ones the tool cannot serve; both messages are fit to speak.
 * The result carries a `summary` sentence for the model to read out.
 */
export function runBackendTool(name: BackendToolName, args: unknown, now = new Date()): Record<string, unknown> {
  const result =
    name === 'lookup_order'
      ? lookupOrder(parseArgs(BACKEND_TOOLS.lookup_order.schema, args))
      : checkAvailability(parseArgs(BACKEND_TOOLS.check_availability.schema, args), now);
  const summary = summarizeToolResult(name, result);
  return summary ? { ...result, summary } : result;
}
