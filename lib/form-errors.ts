import { AppError } from '@/lib/errors';

/** A failed request as a form shows it: field errors beside their fields, or one form-level message. */

/** Field errors from an AppError's details, keyed by field name ("body.name" → "name"). */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof AppError)) return {};
  const errors: Record<string, string> = {};
  for (const { path, message } of error.options.details ?? []) {
    const field = path.replace(/^body\./, '').split('.')[0]!;
    errors[field] ??= message;
  }
  return errors;
}

/** What to tell the admin about a failure: our own API's message, or a generic line for anything else. */
export const errorMessage = (error: unknown) => (error instanceof AppError ? error.message : 'Something went wrong.');

/** A failed save as form errors: the server's field errors beside their fields, or else one form-level message. */
export function formErrors(error: unknown): Record<string, string | undefined> {
  const fields = fieldErrors(error);
  return { ...fields, form: Object.keys(fields).length ? undefined : errorMessage(error) };
}
