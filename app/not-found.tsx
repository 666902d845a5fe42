import Link from 'next/link';

export default function NotFound() {
  return (
    <section className="stage">
      <h1>Not found</h1>
      <p className="muted">There is no avatar or page at this address.</p>
      <Link href="/" className="button button--primary">
        Back to avatars
      </Link>
    </section>
  );
}
