import type { Metadata } from 'next';
import { ConversationList } from '@/components/history/conversation-list';
import { HistoryFilters } from '@/components/history/history-filters';
import { AppError } from '@/lib/errors';
import { historyFiltersSchema } from '@/lib/history/conversation-schema';
import { listCustomAvatars } from '@/lib/server/runway/avatars';
import { listConversations, MAX_SCANNED, needsLocalFiltering } from '@/lib/server/runway/conversations';
import type { ConversationPage } from '@/lib/history/types';
import '@/components/history/history.css';
import { requireAdminPage } from '@/lib/server/auth/admin';

export const metadata: Metadata = { title: 'History' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function HistoryPage({ searchParams }: Props) {
  await requireAdminPage('/history');
  const raw = await searchParams;
  const values = {
    avatar: first(raw.avatar),
    from: first(raw.from),
    to: first(raw.to),
    status: first(raw.status),
    tools: first(raw.tools),
  };
  const parsed = historyFiltersSchema.safeParse(values);
  const filters = parsed.success ? parsed.data : {};
  const filterError = parsed.success ? undefined : `Filters ignored: ${parsed.error.issues[0]?.message ?? 'invalid value'}.`;

  // The avatar list names the filter's options and gives custom avatars' thumbnails; history works without it.
  const [customAvatars, result] = await Promise.all([
    listCustomAvatars().catch(() => []),
    listConversations(filters).then(
      (page): { page: ConversationPage } => ({ page }),
      (error: unknown) => ({ error: error instanceof AppError ? error.message : 'The history could not be loaded.' }),
    ),
  ]);
  const local = needsLocalFiltering(filters);

  return (
    <>
      <header className="page-header">
        <h1>Conversation history</h1>
        {raw.deleted === '1' && (
          <p className="badge" role="status">
            Conversation deleted.
          </p>
        )}
      </header>
      <HistoryFilters values={values} customAvatars={customAvatars} error={filterError} />
      {local && (
        <p className="muted">
          Runway filters by custom avatar and date itself. Status, tools and preset avatars are filtered by this server over the
          conversations it reads, up to {MAX_SCANNED} per page.
        </p>
      )}
      {'page' in result ? (
        <ConversationList
          initial={result.page}
          filters={filters}
          filteredLocally={local}
          avatarImages={Object.fromEntries(customAvatars.map((avatar) => [avatar.id, avatar.imageUrl]))}
        />
      ) : (
        <p className="notice notice--error" role="alert">
          {result.error}
        </p>
      )}
    </>
  );
}
