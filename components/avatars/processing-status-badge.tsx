import type { ProcessingStatus } from '@/lib/avatars/types';

const LABELS: Record<ProcessingStatus, string> = { processing: 'Processing', ready: 'Ready', failed: 'Failed' };

export function ProcessingStatusBadge({ status, reason }: { status: ProcessingStatus; reason?: string | null }) {
  return (
    <span className={`status status--${status}`}>
      {LABELS[status]}
      {status === 'failed' && reason ? `: ${reason}` : ''}
    </span>
  );
}
