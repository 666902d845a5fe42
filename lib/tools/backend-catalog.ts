import { z } from 'zod';
// Evaluated first: catalog.ts turns zod's JIT off in the browser (the call page's tool guide imports this
// module), and a schema built before that would probe `new Function`, which the page's CSP reports.
import './catalog';
import type { ToolParameter } from './catalog';

/**
 * The demo backend tools: Runway's avatar worker calls them on this server over LiveKit RPC during a call
 * (lib/server/tools/backend-tools.ts runs them). Declared as data, like the client tools (catalog.ts), so the
 * session create body, the call page's tool guide and the server share one schema.
 */

export const ORDER_STATUSES = ['processing', 'shipped', 'delivered', 'cancelled', 'returned'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Short argument errors ("orderId: required"): the avatar reads them out. */
const typeError = (issue: { input?: unknown }) => (issue.input === undefined ? 'required' : 'must be a string');
const argumentsError = { error: 'arguments must be an object' };

const lookupOrderSchema = z.object(
  {
    // Models pass ids as heard (" rc-1001 "): normalise case and spaces before matching.
    orderId: z
      .string({ error: typeError })
      .trim()
      .toUpperCase()
      .regex(/^RC-\d{4}$/, 'use RC- and four digits, like RC-1001'),
  },
  argumentsError,
);

// z.iso.date() checks the calendar too: 2026-02-30 fails.
const checkAvailabilitySchema = z.object(
  {
    date: z.iso.date({
      error: (issue) => (issue.code === 'invalid_format' ? 'use a real date as YYYY-MM-DD, like 2026-12-04' : typeError(issue)),
    }),
  },
  argumentsError,
);

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

const lookupOrder = {
  name: 'lookup_order' as const,
  description: 'Look up an order by its id (RC- and four digits) and get its status, items and dates.',
  schema: lookupOrderSchema,
  parameters: [{ name: 'orderId', type: 'string', description: 'The order id, like RC-1001' }] satisfies ToolParameter[],
  timeoutSeconds: 4,
};

const checkAvailability = {
  name: 'check_availability' as const,
  description:
    'Check which 30-minute appointment slots are free on a date. The shop is open Monday to Friday, 09:00 to 17:00 UTC, and takes bookings up to 60 days ahead.',
  schema: checkAvailabilitySchema,
  parameters: [{ name: 'date', type: 'string', description: 'The day as YYYY-MM-DD, like 2026-12-04' }] satisfies ToolParameter[],
  timeoutSeconds: 4,
};

export const BACKEND_TOOLS = { lookup_order: lookupOrder, check_availability: checkAvailability } as const;
export type BackendToolName = keyof typeof BACKEND_TOOLS;
export type BackendToolArgs<N extends BackendToolName> = z.infer<(typeof BACKEND_TOOLS)[N]['schema']>;

/** The tool as `POST /v1/realtime_sessions` takes it (Runway allows a timeout of 1 to 8 seconds). */
export function toBackendWireTool(name: BackendToolName): {
  type: 'backend_rpc';
  name: string;
  description: string;
  parameters: ToolParameter[];
  timeoutSeconds: number;
} {
  const { description, parameters, timeoutSeconds } = BACKEND_TOOLS[name];
  return { type: 'backend_rpc', name, description, parameters: parameters.map((parameter) => ({ ...parameter })), timeoutSeconds };
}

/** A YYYY-MM-DD calendar day as its UTC midnight, or undefined for anything else (Date rolls 02-30 over to March). */
function parseDay(value: unknown): Date | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && isoDay(day) === value ? day : undefined;
}

// Fixed locale and zone: the sentence is the same wherever it is rendered, and dates are shop (UTC) days.
const formatDay = (day: Date, options: Intl.DateTimeFormatOptions) => day.toLocaleDateString('en-GB', { timeZone: 'UTC', ...options });

function describeOrder(result: Record<string, unknown>): string | undefined {
  const { orderId, status } = result;
  if (typeof orderId !== 'string') return undefined;
  const dated = (value: unknown, lead: string) => {
    const day = parseDay(value);
    return day ? `${lead}${formatDay(day, { day: 'numeric', month: 'long', year: 'numeric' })}` : '';
  };
  switch (status) {
    case 'processing':
      return `Order ${orderId} is being prepared${dated(result.estimatedDelivery, '; it should arrive on ')}.`;
    case 'shipped':
      return `Order ${orderId} has shipped${dated(result.estimatedDelivery, '; it should arrive on ')}.`;
    case 'delivered':
      return `Order ${orderId} was delivered${dated(result.deliveredOn, ' on ')}.`;
    case 'cancelled':
      return `Order ${orderId} was cancelled.`;
    case 'returned':
      return `Order ${orderId} was returned.`;
    default:
      return undefined;
  }
}

function describeAvailability(result: Record<string, unknown>): string | undefined {
  const day = parseDay(result.date);
  if (!day || typeof result.open !== 'boolean') return undefined;
  const weekday = formatDay(day, { weekday: 'long' });
  if (!result.open) return `We are closed on ${weekday}s.`;
  if (!Array.isArray(result.freeSlots) || !result.freeSlots.every((slot) => typeof slot === 'string')) return undefined;
  const slots = result.freeSlots as string[];
  const on = `On ${weekday} ${formatDay(day, { day: 'numeric', month: 'long' })}`;
  if (slots.length === 0) return `${on} I have no free slots left.`;
  if (slots.length === 1) return `${on} I have one free slot, at ${slots[0]}.`;
  return `${on} I have ${slots.length} free slots; the first is at ${slots[0]}.`;
}

/**
 * One sentence a voice model can read out for a backend tool's result (the `summary` field the handlers add),
 * or undefined for a shape it does not know: models speak a ready sentence more reliably than they read JSON.
 */
export function summarizeToolResult(name: string, result: Record<string, unknown>): string | undefined {
  if (name === 'lookup_order') return describeOrder(result);
  if (name === 'check_availability') return describeAvailability(result);
  return undefined;
}
