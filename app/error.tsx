'use client';

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <section className="stage" role="alert">
      <h1>Something went wrong</h1>
      <p className="muted">The page could not load. If this keeps happening, check the server logs.</p>
      <button type="button" className="button button--primary" onClick={reset}>
        Try again
      </button>
    </section>
  );
}
