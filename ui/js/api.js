// Calls the Rust core through Tauri's invoke and turns every failure into one shape: {code, message, field, errors}.

/**
 * A refusal or failure from the core, with the field it is about when there is one and, when the
 * core checked a whole form, `errors`: every problem found, as [{field, message}].
 */
export class ApiError extends Error {
  constructor(code, message, field, errors = []) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.field = field ?? null;
    this.errors = errors;
  }
}

/** The shell's `errors` list, keeping only entries with a message; field is null when absent. */
function errorEntries(list) {
  if (!Array.isArray(list)) return [];
  return list
    .filter((entry) => entry && typeof entry.message === 'string' && entry.message.trim())
    .map((entry) => ({ field: typeof entry.field === 'string' && entry.field ? entry.field : null, message: entry.message }));
}

const UNKNOWN = 'Something went wrong and Redress could not finish that. Try again; if it keeps happening, restart the app.';

/** Turns whatever the shell rejected with into an ApiError. */
export function normalise(error) {
  if (error instanceof ApiError) return error;
  if (typeof error === 'string' && error.trim()) return new ApiError('error', error, null);
  if (error && typeof error === 'object') {
    const errors = errorEntries(error.errors);
    const message = typeof error.message === 'string' && error.message.trim() ? error.message : errors[0]?.message;
    if (message) {
      const field = typeof error.field === 'string' && error.field ? error.field : null;
      return new ApiError(typeof error.code === 'string' ? error.code : 'error', message, field, errors);
    }
  }
  return new ApiError('error', UNKNOWN, null);
}

/** The shell's invoke, or an ApiError saying the page is not running inside the desktop app. */
function shellInvoke() {
  const invoke = window.__TAURI__?.core?.invoke;
  if (typeof invoke !== 'function') {
    throw new ApiError('no_shell', 'Redress could not reach its data. Open it as the Redress desktop app, not in a web browser.', null);
  }
  return invoke;
}

/** Invokes one command from ui/COMMANDS.md; resolves with its value or rejects with an ApiError. */
export async function call(name, args = {}) {
  const invoke = shellInvoke();
  try {
    return await invoke(name, args);
  } catch (error) {
    throw normalise(error);
  }
}

/**
 * Invokes a command that takes a file (ui/COMMANDS.md, "Case file"): `bytes` (a Uint8Array) go as
 * the request's raw body, not JSON, and `headers` say the rest, each value percent-encoded here.
 * Resolves with the command's value or rejects with an ApiError, as `call` does.
 */
export async function callWithFile(name, bytes, headers = {}) {
  const invoke = shellInvoke();
  const encoded = Object.fromEntries(Object.entries(headers).map(([key, text]) => [key, encodeURIComponent(String(text ?? ''))]));
  try {
    return await invoke(name, bytes, { headers: encoded });
  } catch (error) {
    throw normalise(error);
  }
}
