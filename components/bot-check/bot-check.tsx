'use client';

import { useEffect, useEffectEvent, useId, useReducer, useRef } from 'react';
import { verifyBotCheck, type BotCheckConfig } from '@/lib/bot-check/bot-check';
import { AppError } from '@/lib/errors';
import { gateOpen, gateStatus, gateStep, initialGate, SCRIPT_FAILED, showsWidget, type BotGateEvent, type BotGateState } from './bot-gate';
import { loadTurnstile, type TurnstileApi } from './turnstile-script';

/**
 * The optional bot check beside a Start button. `config` is null while the check is off (nothing renders,
 * Start is open). Otherwise Start stays disabled until the server has confirmed the widget's token and set
 * the pass; `onPassed` lets the page remember that for the views it shows later.
 */
export function useBotGate(config: BotCheckConfig | null, onPassed?: () => void) {
  const [state, dispatch] = useReducer(gateStep, config, initialGate);
  const statusId = useId();
  const widget =
    config && showsWidget(state) ? (
      <BotCheckWidget siteKey={config.siteKey} state={state} dispatch={dispatch} statusId={statusId} onPassed={onPassed} />
    ) : null;
  // The status line, and the alert when there is one: why Start is disabled.
  return { open: gateOpen(state), widget, describedBy: widget ? `${statusId} ${statusId}-alert` : undefined };
}

interface WidgetProps {
  siteKey: string;
  state: BotGateState;
  dispatch: (event: BotGateEvent) => void;
  statusId: string;
  onPassed?: () => void;
}

function BotCheckWidget({ siteKey, state, dispatch, statusId, onPassed }: WidgetProps) {
  const container = useRef<HTMLDivElement>(null);
  const passed = useEffectEvent(() => onPassed?.());

  useEffect(() => {
    let gone = false;
    let rendered: { turnstile: TurnstileApi; widgetId: string } | undefined;
    loadTurnstile().then(
      (turnstile) => {
        if (gone || !container.current) return;
        const widgetId = turnstile.render(container.current, {
          sitekey: siteKey,
          action: 'call-start',
          theme: 'dark',
          size: 'flexible',
          callback: (token) => {
            dispatch({ type: 'token' });
            verifyBotCheck(token).then(
              () => {
                if (gone) return;
                dispatch({ type: 'verified' });
                passed();
              },
              (error: unknown) => {
                if (gone) return;
                const message = error instanceof AppError ? error.message : 'The check could not be confirmed. Try it again.';
                dispatch({ type: 'refused', message });
                // A token is single use: the widget must earn a new one.
                if (rendered) turnstile.reset(rendered.widgetId);
              },
            );
          },
          'expired-callback': () => dispatch({ type: 'restarted' }),
          'timeout-callback': () => dispatch({ type: 'restarted' }),
          'error-callback': () => {
            dispatch({
              type: 'widget-error',
              message: 'The check hit a problem. It tries again by itself; if it keeps failing, reload the page.',
            });
            return true;
          },
        });
        if (widgetId) rendered = { turnstile, widgetId };
      },
      () => {
        if (!gone) dispatch({ type: 'widget-error', message: SCRIPT_FAILED });
      },
    );
    return () => {
      gone = true;
      rendered?.turnstile.remove(rendered.widgetId);
    };
  }, [siteKey, dispatch]);

  const status = gateStatus(state);
  return (
    <div className="bot-check" role="group" aria-label="Check that you are human">
      {/* Turnstile's widget is 65 px tall: the space is kept from the first paint, so nothing moves when it appears. */}
      <div ref={container} className="bot-check__widget" />
      <p id={statusId} className="bot-check__status muted" role="status">
        {status && !status.alert ? status.text : ''}
      </p>
      {status?.alert && (
        <p id={`${statusId}-alert`} className="notice notice--error" role="alert">
          {status.text}
        </p>
      )}
    </div>
  );
}
