'use client';

import { useId, useState } from 'react';
import type { CustomVoice, VoiceChoice } from '@/lib/avatars/types';
import { DOCUMENTED_VOICE_STYLES, VOICE_PRESET_IDS, voicePresetName, type VoicePresetId } from '@/lib/avatars/voices';

interface Option {
  key: string;
  choice: VoiceChoice;
  name: string;
  description?: string;
  disabled?: boolean;
}

const keyOf = (choice: VoiceChoice) => (choice.type === 'preset' ? `preset:${choice.presetId}` : `custom:${choice.id}`);
const preset = (id: VoicePresetId): Option => ({
  key: `preset:${id}`,
  choice: { type: 'preset', presetId: id },
  name: voicePresetName(id),
  description: DOCUMENTED_VOICE_STYLES[id],
});

const FEATURED = VOICE_PRESET_IDS.filter((id) => DOCUMENTED_VOICE_STYLES[id]).map(preset);
const OTHERS = VOICE_PRESET_IDS.filter((id) => !DOCUMENTED_VOICE_STYLES[id])
  .map(preset)
  .sort((a, b) => a.name.localeCompare(b.name));

/** All 30 preset voices (the three with documented styles first) and the account's custom voices, searchable. */
export function VoicePicker({
  value,
  customVoices,
  error,
  onChange,
}: {
  value: VoiceChoice;
  customVoices: CustomVoice[];
  error?: string;
  onChange: (choice: VoiceChoice) => void;
}) {
  const id = useId();
  const [search, setSearch] = useState('');
  const custom: Option[] = customVoices.map((voice) => ({
    key: `custom:${voice.id}`,
    choice: { type: 'custom', id: voice.id },
    name: voice.name,
    description: voice.status === 'ready' ? (voice.description ?? 'Custom voice') : `Custom voice, ${voice.status}`,
    disabled: voice.status !== 'ready',
  }));
  const matches = (option: Option) => `${option.name} ${option.description ?? ''}`.toLowerCase().includes(search.trim().toLowerCase());
  const groups = [
    { label: 'Documented styles', options: FEATURED.filter(matches) },
    { label: 'More preset voices', options: OTHERS.filter(matches) },
    { label: 'Your custom voices (no tool calling)', options: custom.filter(matches) },
  ];
  const selected = keyOf(value);

  return (
    <fieldset className="field voice-picker" aria-describedby={`${id}-hint ${id}-error`}>
      <legend className="field__label">Voice</legend>
      <label htmlFor={`${id}-search`} className="sr-only">
        Search voices
      </label>
      <input
        id={`${id}-search`}
        type="search"
        placeholder="Search voices"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      <div className="voice-picker__groups">
        {groups.map((group) =>
          group.options.length ? (
            <fieldset key={group.label} className="voice-picker__group">
              <legend>{group.label}</legend>
              {group.options.map((option) => (
                <label key={option.key} className="voice-option">
                  <input
                    type="radio"
                    name={`${id}-voice`}
                    value={option.key}
                    checked={selected === option.key}
                    disabled={option.disabled}
                    onChange={() => onChange(option.choice)}
                  />
                  <span>
                    {option.name}
                    {option.description && <span className="muted"> · {option.description}</span>}
                  </span>
                </label>
              ))}
            </fieldset>
          ) : null,
        )}
        {groups.every((group) => !group.options.length) && <p className="muted">No voice matches “{search}”.</p>}
      </div>
      <p id={`${id}-hint`} className="field__hint">
        Runway documents a style for Clara, Victoria and Vincent; hear the others in the Developer Portal. Tool calling needs a preset
        voice.
      </p>
      <p id={`${id}-error`} className="field__error" aria-live="polite">
        {error}
      </p>
    </fieldset>
  );
}
