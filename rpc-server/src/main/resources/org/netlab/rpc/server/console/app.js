// The console's entry point: loads the description of the services, lists them, shows the
// chosen method, runs its calls, keeps the call in the URL's fragment, and handles sign-in.

import { el, replace } from './dom.js';
import { findMethod, loadCatalog, markSelected, renderCatalog } from './catalog.js';
import {
  addMessage, authNote, exampleText, renderAnswer, renderCommands, renderFailure, renderMethod,
  renderPending,
} from './method-view.js';
import { parseRequest, run } from './call-runner.js';
import * as permalink from './permalink.js';
import * as session from './session.js';
import { startHealth, startMetrics } from './status-panel.js';
import { call as xmlRpcCall } from './xmlrpc-client.js';

const nav = document.getElementById('catalog');
const main = document.getElementById('method');
const signInForm = document.getElementById('sign-in');
const tokenInput = document.getElementById('token');
const signInButton = document.getElementById('sign-in-button');
const signedInBox = document.getElementById('signed-in');
const sessionNote = document.getElementById('session-note');

let catalog = null;
let current = null; // {method, body}: the method shown and the form's text

function updateCommands() {
  const section = document.getElementById('commands');
  try {
    renderCommands(section, current.method, parseRequest(current.method, current.body));
  } catch (error) {
    replace(section, el('h3', { text: 'The same call elsewhere' }),
      el('p', { class: 'note', text: error.message }));
  }
}

function updatePermalink() {
  const { method } = current;
  const fragment = permalink.encode({
    protocol: method.protocol, service: method.service, method: method.method, body: current.body,
  });
  document.getElementById('permalink').href = fragment;
  window.history.replaceState(null, '', fragment);
}

function edit(text) {
  current.body = text;
  updateCommands();
  updatePermalink();
}

async function call(text) {
  const section = document.getElementById('answer');
  let request;
  try {
    request = parseRequest(current.method, text);
  } catch (error) {
    renderFailure(section, error.message);
    return;
  }
  renderPending(section);
  try {
    const answer = await run(current.method, request, (message) => addMessage(section, message));
    renderAnswer(section, answer);
  } catch (error) {
    renderFailure(section, `No answer: ${error.message}`);
  }
}

function select(method, body) {
  current = { method, body: body ?? exampleText(method) };
  markSelected(nav, method);
  renderMethod(main, method, catalog.types, current.body, { onCall: call, onEdit: edit });
  updateCommands();
  updatePermalink();
}

/** Shows the call of the URL's fragment, if it names one; says whether it did. */
function restore() {
  const saved = permalink.decode(window.location.hash);
  if (!saved) return false;
  const method = findMethod(catalog, saved.protocol, saved.service, saved.method);
  if (!method) {
    replace(main, el('p', { class: 'note', text: `This server has no method ${saved.service} ${saved.method}.` }));
    return false;
  }
  select(method, saved.body);
  return true;
}

function showSession() {
  const signedIn = session.signedIn();
  signInForm.hidden = signedIn;
  signedInBox.hidden = !signedIn;
  const note = document.getElementById('auth-note');
  if (note) note.textContent = authNote();
  if (current) updateCommands();
}

async function signIn(event) {
  event.preventDefault();
  const value = tokenInput.value.trim();
  if (value === '') {
    sessionNote.textContent = 'Paste a token first.';
    return;
  }
  signInButton.disabled = true;
  sessionNote.textContent = 'Checking the token…';
  try {
    // Any role may read the phonebook's count: a fault 401 means the token itself is refused.
    const answer = await xmlRpcCall('/RPC2', 'phonebook.countEntries', [], [],
      { Authorization: `Bearer ${value}` });
    if (answer.status === 401 || answer.error?.code === 'fault 401') {
      sessionNote.textContent = 'This token is refused: unknown, revoked or expired.';
      return;
    }
    tokenInput.value = '';
    session.signIn(value);
    sessionNote.textContent = 'Signed in; the token stays in this tab until you sign out or close it.';
  } catch (error) {
    sessionNote.textContent = `The token could not be checked: ${error.message}`;
  } finally {
    signInButton.disabled = false;
  }
}

function signOut() {
  session.signOut();
  sessionNote.textContent = 'Signed out: the token is forgotten.';
}

async function start() {
  signInForm.addEventListener('submit', signIn);
  document.getElementById('sign-out').addEventListener('click', signOut);
  session.onChange(showSession);
  showSession();
  startHealth(document.getElementById('health'));
  startMetrics(document.getElementById('metrics'));
  try {
    catalog = await loadCatalog();
  } catch (error) {
    replace(nav, el('p', { class: 'note', text: `The services could not be read: ${error.message}` }));
    return;
  }
  renderCatalog(nav, catalog, (method) => select(method));
  if (!restore()) {
    const count = (protocol) => catalog.methods.filter((m) => m.protocol === protocol).length;
    replace(main,
      el('h2', { text: 'Browse and call the services' }),
      el('p', { text: `${count('grpc')} gRPC methods, called through the server's JSON gateway, and ${count('xmlrpc')} XML-RPC methods at /RPC2. Choose one on the left.` }),
      el('p', { class: 'note', text: 'Calls without a token are anonymous: anyone may calculate; the phonebook needs a token.' }));
  }
  window.addEventListener('hashchange', restore);
  document.body.dataset.ready = 'true'; // for tests: the console has started
}

start();
