'use client';

import { startTransition, useActionState, useEffect, useEffectEvent, useRef, type FormEvent } from 'react';
import type { FormActionResult } from '@/server/actions/form-action';

/** A server action built by `formAction` (server/actions/form-action.ts), as a page passes it to its form. */
export type ServerFormAction = (previous: FormActionResult | null, form: FormData) => Promise<FormActionResult>;

/**
 * Wires a form to its server action: spread `form` onto the form element. Before the page's script has loaded the browser posts the form
 * and the server answers with the page and the message; after, the form is sent without a reload and keeps what was
 * typed when refused (React would clear it), is cleared when done, and `onDone` gets the Russian message.
 */
export function useFormAction(action: ServerFormAction, onDone?: (message: string) => void) {
  const [state, dispatch, pending] = useActionState(action, null);
  const ref = useRef<HTMLFormElement>(null);
  const done = useEffectEvent((message: string) => {
    ref.current?.reset();
    onDone?.(message);
  });
  useEffect(() => {
    if (state?.ok) done(state.message);
  }, [state]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The button that sent it goes along (name=value), as in a plain post.
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => dispatch(data));
  }

  const messages = state && (
    <div className={state.ok ? 'notice' : 'error'} role={state.ok ? 'status' : 'alert'}>
      {state.ok ? state.message : state.error}
    </div>
  );
  return { form: { ref, action: dispatch, onSubmit }, pending, state, messages };
}
