import Link from 'next/link';
import { PRESET_AVATARS } from '@/lib/avatars/presets';
import { CONVERSATION_STATUS_LABEL } from './conversation-status-badge';
import { CONVERSATION_STATUSES } from '@/lib/history/conversation-schema';

interface Props {
  /** The submitted values, as typed (shown back even when invalid). */
  values: Record<string, string | undefined>;
  customAvatars: Array<{ id: string; name: string }>;
  error?: string;
}

/** A plain GET form: filters live in the URL, so a filtered view can be bookmarked and works without JavaScript. */
export function HistoryFilters({ values, customAvatars, error }: Props) {
  return (
    <form className="filters" method="get" action="/history" aria-label="Filter conversations">
      <label className="field">
        Avatar
        <select name="avatar" defaultValue={values.avatar ?? ''}>
          <option value="">All avatars</option>
          {customAvatars.length > 0 && (
            <optgroup label="Your characters">
              {customAvatars.map((avatar) => (
                <option key={avatar.id} value={avatar.id}>
                  {avatar.name}
                </option>
              ))}
            </optgroup>
          )}
          <optgroup label="Runway presets">
            {PRESET_AVATARS.map((preset) => (
              <option key={preset.id} value={preset.id}>
                {preset.name}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      <label className="field">
        From (UTC)
        <input type="date" name="from" defaultValue={values.from ?? ''} />
      </label>
      <label className="field">
        To (UTC)
        <input type="date" name="to" defaultValue={values.to ?? ''} />
      </label>
      <label className="field">
        Status
        <select name="status" defaultValue={values.status ?? ''}>
          <option value="">Any status</option>
          {CONVERSATION_STATUSES.map((status) => (
            <option key={status} value={status}>
              {CONVERSATION_STATUS_LABEL[status]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        Tools
        <select name="tools" defaultValue={values.tools ?? ''}>
          <option value="">With or without tools</option>
          <option value="with">With tools</option>
          <option value="without">Without tools</option>
        </select>
      </label>
      <div className="filters__actions">
        <button type="submit" className="button button--primary">
          Apply filters
        </button>
        <Link href="/history" className="button">
          Clear
        </Link>
      </div>
      {error && (
        <p className="field__error filters__error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
