'use client';

import { useVideoTask } from './use-video-task';

/** The render's progress, then the video to play and download, or what went wrong. */
export function VideoResult({ taskId, avatarName, onReset }: { taskId: string; avatarName: string; onReset: () => void }) {
  const { task, error } = useVideoTask(taskId);
  const again = (
    <button type="button" className="button" onClick={onReset}>
      Make another video
    </button>
  );

  if (error || task?.status === 'failed' || task?.status === 'cancelled') {
    return (
      <div className="video-progress panel">
        <p className="notice notice--error" role="alert">
          {error ?? task?.failure?.message ?? 'The render was cancelled.'}
          {task?.failure && (
            <>
              {' '}
              Code <code>{task.failure.code}</code>.
            </>
          )}
        </p>
        {again}
      </div>
    );
  }

  if (task?.status === 'succeeded' && task.videoUrl) {
    return (
      <div className="video-progress panel">
        <h2>Your video of {avatarName}</h2>
        <video className="player" controls src={task.videoUrl} aria-label={`Video of ${avatarName}`} />
        <p className="row-actions">
          {/* Through this server: a browser ignores `download` on a link to Runway's storage, another origin. */}
          <a className="button button--primary" href={`/api/tasks/${encodeURIComponent(task.id)}/download`} download>
            Download video
          </a>
          {again}
        </p>
        <p className="muted">The link expires within 24–48 hours: download the video to keep it.</p>
      </div>
    );
  }

  const percent = task?.status === 'running' && task.progress !== null ? Math.round(task.progress * 100) : null;
  return (
    <div className="video-progress panel">
      <p role="status">{percent === null ? 'Queued at Runway…' : `Rendering… ${percent}%`}</p>
      <progress max={100} value={percent ?? undefined} aria-label="Render progress" />
    </div>
  );
}
