import type { FlowState } from './call-flow';

type Phase = Extract<FlowState, { step: 'provisioning' }>['phase'];

export const PROVISIONING_STEPS: Array<{ phase: Phase; label: string }> = [
  { phase: 'creating', label: 'Creating session' },
  { phase: 'queued', label: 'In queue' },
  { phase: 'starting', label: 'Starting the avatar' },
  { phase: 'connecting', label: 'Connecting' },
];

export function ProvisioningView({ phase, onCancel }: { phase: Phase; onCancel: () => void }) {
  const current = PROVISIONING_STEPS.findIndex((step) => step.phase === phase);
  return (
    <div className="stage stage--provisioning">
      <div className="spinner" aria-hidden="true" />
      <p className="stage__title">{PROVISIONING_STEPS[current]?.label}…</p>
      <ol className="steps" aria-label="Progress">
        {PROVISIONING_STEPS.map((step, index) => (
          <li
            key={step.phase}
            className={index < current ? 'done' : index === current ? 'current' : undefined}
            aria-current={index === current ? 'step' : undefined}
          >
            {step.label}
          </li>
        ))}
      </ol>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
