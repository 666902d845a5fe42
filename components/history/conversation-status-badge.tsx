import { Badge } from '@/components/ui/badge';
import type { ConversationStatus } from '@/lib/history/types';

export const CONVERSATION_STATUS_LABEL: Record<ConversationStatus, string> = {
  in_progress: 'In progress',
  ended: 'Ended',
  failed: 'Failed',
};

export function ConversationStatusBadge({ status }: { status: ConversationStatus }) {
  return <Badge tone={status}>{CONVERSATION_STATUS_LABEL[status]}</Badge>;
}
