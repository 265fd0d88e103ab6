// The token of the signed-in person: kept in this tab's sessionStorage (gone when the tab
// closes), or only in memory when storage is refused. Never in the URL, never in a cookie, never
// in a copied command.

const KEY = 'netlab.console.token';
let inMemory = null;
const listeners = new Set();

function storage() {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage disabled: memory only
  }
}

/** The token, or null when nobody is signed in. */
export function token() {
  const stored = storage()?.getItem(KEY);
  return stored ?? inMemory;
}

export function signedIn() {
  return token() !== null;
}

export function signIn(value) {
  inMemory = value;
  try {
    storage()?.setItem(KEY, value);
  } catch {
    // quota or privacy mode: memory is enough for this page
  }
  listeners.forEach((listener) => listener());
}

export function signOut() {
  inMemory = null;
  storage()?.removeItem(KEY);
  listeners.forEach((listener) => listener());
}

/** Calls `listener` after each sign-in and sign-out. */
export function onChange(listener) {
  listeners.add(listener);
}

/** The Authorization header of a call, when signed in. */
export function authorization() {
  const value = token();
  return value === null ? {} : { Authorization: `Bearer ${value}` };
}
