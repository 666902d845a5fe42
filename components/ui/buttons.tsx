/** The list rows' Delete button: names what it deletes for screen readers. */
export function DeleteButton({ name, onClick }: { name: string; onClick: () => void }) {
  return (
    <button type="button" className="button button--danger" onClick={onClick} aria-label={`Delete ${name}`}>
      Delete
    </button>
  );
}
