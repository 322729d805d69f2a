// Calls the Rust core through Tauri's invoke and turns every failure into one shape: {code, message, field}.

/** A refusal or failure from the core, with the field it is about when there is one. */
export class ApiError extends Error {
  constructor(code, message, field) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.field = field ?? null;
  }
}

const UNKNOWN = 'Something went wrong and Redress could not finish that. Try again; if it keeps happening, restart the app.';

/** Turns whatever the shell rejected with into an ApiError. */
export function normalise(error) {
  if (error instanceof ApiError) return error;
  if (typeof error === 'string' && error.trim()) return new ApiError('error', error, null);
  if (error && typeof error === 'object' && typeof error.message === 'string' && error.message.trim()) {
    const field = typeof error.field === 'string' && error.field ? error.field : null;
    return new ApiError(typeof error.code === 'string' ? error.code : 'error', error.message, field);
  }
  return new ApiError('error', UNKNOWN, null);
}

/** Invokes one command from ui/COMMANDS.md; resolves with its value or rejects with an ApiError. */
export async function call(name, args = {}) {
  const invoke = window.__TAURI__?.core?.invoke;
  if (typeof invoke !== 'function') {
    throw new ApiError('no_shell', 'Redress could not reach its data. Open it as the Redress desktop app, not in a web browser.', null);
  }
  try {
    return await invoke(name, args);
  } catch (error) {
    throw normalise(error);
  }
}
