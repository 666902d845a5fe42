/** The announcement (read by screen readers only) and the error a management list shows above itself. */
export function ActionFeedback({ announcement, error }: { announcement: string; error: string | null }) {
  return (
    <>
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
