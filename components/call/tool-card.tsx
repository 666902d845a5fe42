import type { DemoToolArgs } from '@/lib/tools/catalog';

/** The card the avatar shows with the `show_card` tool. The URL was validated as https by the tool schema. */
export function ToolCard({ card, onDismiss }: { card: DemoToolArgs<'show_card'>; onDismiss: () => void }) {
  return (
    <aside className="tool-card" aria-label="Shown by the avatar">
      <h3>{card.title}</h3>
      <p>{card.body}</p>
      <div className="actions">
        {card.url && (
          <a className="button button--primary" href={card.url} target="_blank" rel="noopener noreferrer">
            Open link<span className="sr-only"> (new tab)</span>
          </a>
        )}
        <button type="button" className="button" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    </aside>
  );
}
