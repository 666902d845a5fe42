import type { ConversationStatus } from '@/lib/history-types';
import { STATUS_LABEL } from '@/lib/history-format';

export function ConversationStatusBadge({ status }: { status: ConversationStatus }) {
  return <span className={`badge badge--${status}`}>{STATUS_LABEL[status]}</span>;
}
