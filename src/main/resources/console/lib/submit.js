// The state of a form that sends one request: busy while it runs (the button is disabled), the API's
// error (or a problem found in the browser) to show under the form.
import { useState } from 'preact/hooks';

/** {error, setError, busy, send(request, onDone)}: `request()` returns the call's promise. */
export function useSubmit() {
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const send = (request, onDone) => {
    setBusy(true);
    setError(null);
    return request().then(onDone, setError).finally(() => setBusy(false));
  };
  return { error, setError, busy, send };
}

/** A problem found before sending, in the shape of an API error. */
export const problem = (message) => ({ message });
