'use client';

import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { TranscriptLine } from './call-model';
import { transcriptJson, transcriptMarkdown } from './transcript';

interface TranscriptPanelProps {
  lines: TranscriptLine[];
  avatarName: string;
  /** Names the downloaded files and heads the Markdown. */
  title: string;
}

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'transcript';

/** The live transcript: follows new lines until the visitor scrolls up, then offers a way back. */
export function TranscriptPanel({ lines, avatarName, title }: TranscriptPanelProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [following, setFollowing] = useState(true);
  const [copied, setCopied] = useState<string>('');

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && following) element.scrollTop = element.scrollHeight;
  }, [lines, following]);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(''), 3000);
    return () => clearTimeout(timer);
  }, [copied]);

  const onScroll = () => {
    const element = scroller.current;
    if (element) setFollowing(element.scrollHeight - element.scrollTop - element.clientHeight < 24);
  };

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(transcriptMarkdown(lines, avatarName, title));
      setCopied('Transcript copied.');
    } catch {
      setCopied('Copying was blocked by the browser: use Download instead.');
    }
  };

  return (
    <section className="transcript" aria-labelledby="transcript-title" data-avatar-target="transcript">
      <div className="transcript__bar">
        <h2 id="transcript-title">Transcript</h2>
        <div className="transcript__actions">
          <button type="button" className="button button--small" onClick={copy} disabled={lines.length === 0}>
            Copy
          </button>
          <button
            type="button"
            className="button button--small"
            disabled={lines.length === 0}
            onClick={() => download(`${slug(title)}.md`, 'text/markdown', transcriptMarkdown(lines, avatarName, title))}
          >
            Download Markdown
          </button>
          <button
            type="button"
            className="button button--small"
            disabled={lines.length === 0}
            onClick={() => download(`${slug(title)}.json`, 'application/json', transcriptJson(lines, avatarName))}
          >
            Download JSON
          </button>
        </div>
      </div>
      <p className="sr-only" role="status">
        {copied}
      </p>
      {/* Focusable so keyboard users can scroll it; not a live region, since interim text changes word by word. */}
      <div ref={scroller} className="transcript__scroll" tabIndex={0} onScroll={onScroll} aria-label="Transcript lines">
        {lines.length === 0 ? (
          <p className="muted">Nothing said yet.</p>
        ) : (
          <ol className="transcript__lines">
            {lines.map((line) => (
              <li
                key={line.id}
                className={`transcript__line transcript__line--${line.speaker}${line.final ? '' : ' transcript__line--interim'}`}
              >
                <span className="transcript__speaker">{line.speaker === 'avatar' ? avatarName : 'You'}</span>{' '}
                <span className="transcript__text">{line.text}</span>
                {!line.final && <span className="sr-only"> (still speaking)</span>}
              </li>
            ))}
          </ol>
        )}
      </div>
      {!following && (
        <button type="button" className="button button--small transcript__jump" onClick={() => setFollowing(true)}>
          Jump to latest
        </button>
      )}
      {copied && (
        <p className="muted" aria-hidden="true">
          {copied}
        </p>
      )}
    </section>
  );
}
