/*
 * Candidate quiz pages, progressive enhancement only: every page works without this file through
 * plain form posts. It adds
 *   - autosave of the answer form, kept in the page and re-sent when the connection drops;
 *   - a live countdown to the server's deadline (the device clock only measures elapsed time);
 *   - focus on the question heading after load;
 *   - integrity beacons (tab switches, pastes, copies), recorded for the hiring team, never judged.
 * The page's CSP allows scripts from our origin only, so every handler is wired up here.
 */
(() => {
  'use strict';

  const TYPING_PAUSE_MS = 800;
  const REQUEST_TIMEOUT_MS = 15_000;
  const RETRY_FIRST_MS = 2_000;
  const RETRY_MAX_MS = 30_000;
  /** How long a button press waits for a save already under way before the form posts. */
  const SUBMIT_WAIT_MS = 3_000;
  /** How long the end of time waits for the last save before leaving the page. */
  const LAST_SAVE_WAIT_MS = 5_000;
  const BEACON_GAP_MS = 2_000;
  /** The end of time never reloads a page sooner than this after it loaded. */
  const MIN_PAGE_TIME_MS = 1_000;
  /** A threshold missed while changing pages is still announced this long after it passed. */
  const LATE_ANNOUNCEMENT_S = 30;
  const ANNOUNCEMENTS = [
    { seconds: 300, text: '5 minutes left' },
    { seconds: 60, text: '1 minute left' },
  ];
  const OFFLINE_MESSAGE =
    'You are offline. Your latest answer is kept in this page and will be sent when the connection is back.';
  const NOT_SAVED_MESSAGE =
    'Your answer could not be saved automatically. Use the buttons below to save it.';
  const QUIZ_PATH = '/quiz';
  const TIME_UP_PATH = '/quiz/time-up';
  const EVENTS_PATH = '/quiz/events';

  const form = document.querySelector('form[data-autosave]');
  const timer = document.querySelector('details.timer[data-deadline]');
  const csrfToken = form?.querySelector('input[name="_csrf"]')?.value ?? timer?.dataset.csrf ?? '';
  const questionNumber = Number(form?.dataset.question) || undefined;

  const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  /** sessionStorage can be missing or refuse writes (private modes, full quota). */
  const store = {
    get(key) {
      try {
        return sessionStorage.getItem(key);
      } catch {
        return null;
      }
    },
    set(key, value) {
      try {
        sessionStorage.setItem(key, value);
      } catch {
        // Remembering is a nicety; the page works without it.
      }
    },
  };

  /* ---- The server's clock, as seen from this page ---- */

  /**
   * When the server rendered the page, in this page's performance.now() terms: about when the
   * response started to arrive. Counting from there with the monotonic clock means a device
   * clock that is wrong, or changed during the quiz, does not move the countdown.
   */
  const navigation = performance.getEntriesByType('navigation')[0];
  const renderedAt = navigation?.responseStart || performance.now();
  const serverNowAtRender = Date.parse(timer?.dataset.now ?? '');
  const serverNow = () =>
    Number.isNaN(serverNowAtRender)
      ? Date.now()
      : serverNowAtRender + (performance.now() - renderedAt);

  const two = (n) => String(n).padStart(2, '0');

  /** "12:05" under an hour, "1:02:03" from an hour. */
  function clockText(totalSeconds) {
    const hours = Math.floor(totalSeconds / 3600);
    const minutes = Math.floor((totalSeconds % 3600) / 60);
    const seconds = totalSeconds % 60;
    return hours > 0
      ? `${hours}:${two(minutes)}:${two(seconds)}`
      : `${two(minutes)}:${two(seconds)}`;
  }

  /** The server's time of day in UTC, like the deadline the page states. */
  function serverTimeOfDay() {
    const now = new Date(serverNow());
    return `${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())} UTC`;
  }

  /* ---- Focus: keyboard and screen-reader users start at the question ---- */

  function focusQuestion() {
    const heading = document.getElementById('question-heading');
    const active = document.activeElement;
    const untouched = !active || active === document.body || active === document.documentElement;
    if (heading && untouched) heading.focus();
  }

  /* ---- Autosave ---- */

  const isControl = (el) =>
    (el instanceof HTMLInputElement &&
      !['hidden', 'submit', 'button', 'reset', 'image', 'file'].includes(el.type)) ||
    el instanceof HTMLTextAreaElement ||
    el instanceof HTMLSelectElement;

  const isTyped = (el) =>
    el instanceof HTMLTextAreaElement ||
    (el instanceof HTMLInputElement && el.type !== 'radio' && el.type !== 'checkbox');

  /** The form's fields as they are now; FormData leaves out the buttons and so `action`. */
  const currentFields = (target) => new URLSearchParams(new FormData(target));

  /** The fields as the server rendered them: the answer it has saved. */
  function renderedFields(target) {
    const fields = new URLSearchParams();
    for (const el of target.elements) {
      // :disabled, like FormData, also covers controls inside a disabled fieldset.
      if (!el.name || el.matches(':disabled')) continue;
      if (el instanceof HTMLInputElement) {
        if (el.type === 'radio' || el.type === 'checkbox') {
          if (el.defaultChecked) fields.append(el.name, el.value);
        } else if (isControl(el) || el.type === 'hidden') {
          fields.append(el.name, el.defaultValue);
        }
      } else if (el instanceof HTMLTextAreaElement) {
        fields.append(el.name, el.defaultValue);
      } else if (el instanceof HTMLSelectElement) {
        const chosen = [...el.options].filter((option) => option.defaultSelected);
        if (!chosen.length && !el.multiple && el.options.length) chosen.push(el.options[0]);
        for (const option of chosen) fields.append(el.name, option.value);
      }
    }
    return fields;
  }

  function setupAutosave(target) {
    const status = target.querySelector('[data-save-status]');
    // Not `target.action`: the buttons are named "action", and a named control shadows it.
    const endpoint = new URL(target.getAttribute('action') ?? '', window.location.href).href;
    /** The body the server last acknowledged; anything else in the page is unsent. */
    let acknowledged = renderedFields(target).toString();
    let lastStatus = status?.textContent ?? '';
    let typingTimer;
    let retryTimer;
    let retryDelay = RETRY_FIRST_MS;
    let inFlight = null;
    let leaving = false;
    let releasing = false;

    const hasUnsent = () => currentFields(target).toString() !== acknowledged;

    function say(text, kind) {
      if (!status) return;
      status.textContent = text;
      status.classList.toggle('is-offline', kind === 'offline');
      status.classList.toggle('is-error', kind === 'error');
      if (kind !== 'offline') lastStatus = text;
    }

    const sayOffline = () => say(OFFLINE_MESSAGE, 'offline');

    function leave(path) {
      leaving = true;
      clearTimeout(typingTimer);
      clearTimeout(retryTimer);
      if (path) window.location.assign(path);
    }

    async function post(fields) {
      const controller = new AbortController();
      const timeout = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
      try {
        const response = await fetch(endpoint, {
          method: 'POST',
          headers: { Accept: 'application/json', 'x-csrf-token': csrfToken },
          body: fields,
          credentials: 'same-origin',
          signal: controller.signal,
        });
        const data = await response.json().catch(() => null);
        if (response.ok && data?.saved) return { outcome: 'saved', answered: data.answered };
        if (response.status === 409 && data?.timeUp) return { outcome: 'time-up' };
        // 409 with a message: this question's own time limit is over; the rest goes on.
        if (response.status === 409 && data?.message)
          return { outcome: 'refused', message: data.message };
        // Submitted in another tab: the quiz page sends the candidate to the finished page.
        if (response.status === 409) return { outcome: 'finished' };
        if (response.status === 422) return { outcome: 'refused', message: data?.message };
        if (response.status >= 500) return { outcome: 'failed' };
        return { outcome: 'refused' };
      } catch {
        return { outcome: 'failed' };
      } finally {
        clearTimeout(timeout);
      }
    }

    /** Sends the answer as it is now, and again if it changed while the request was out. */
    async function sendLatest() {
      for (;;) {
        const fields = currentFields(target);
        const body = fields.toString();
        if (body === acknowledged) return;
        const result = await post(fields);
        if (leaving) return;
        switch (result.outcome) {
          case 'saved':
            acknowledged = body;
            retryDelay = RETRY_FIRST_MS;
            clearTimeout(retryTimer);
            if (!hasUnsent()) {
              const time = serverTimeOfDay();
              say(result.answered ? `Saved at ${time}.` : `Saved at ${time}. No answer given yet.`);
            }
            continue;
          case 'time-up':
            return leave(TIME_UP_PATH);
          case 'finished':
            return leave(QUIZ_PATH);
          case 'refused':
            return say(`Not saved: ${result.message || NOT_SAVED_MESSAGE}`, 'error');
          default:
            sayOffline();
            clearTimeout(retryTimer);
            retryTimer = setTimeout(save, retryDelay);
            retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS);
            return;
        }
      }
    }

    /** Saves now; only one request is out at a time, so answers reach the server in order. */
    function save() {
      clearTimeout(typingTimer);
      if (!inFlight && !leaving) {
        inFlight = sendLatest().finally(() => {
          inFlight = null;
        });
      }
      return inFlight ?? Promise.resolve();
    }

    target.addEventListener('input', (event) => {
      if (!isControl(event.target) || !isTyped(event.target)) return;
      clearTimeout(typingTimer);
      typingTimer = setTimeout(save, TYPING_PAUSE_MS);
    });
    // Radios, boxes and lists save at once; a text field saves when the candidate leaves it.
    target.addEventListener('change', (event) => {
      if (isControl(event.target)) save();
    });

    target.addEventListener('submit', (event) => {
      if (releasing) return;
      if (navigator.onLine === false) {
        // The post could not leave the device; staying keeps the answer in the page.
        event.preventDefault();
        say('', 'offline');
        setTimeout(sayOffline, 100);
        return;
      }
      const submitter = event.submitter;
      const pending = inFlight;
      leave();
      if (!pending) return;
      // The form carries the same answer, but let the save under way land first, so an older
      // answer can never arrive after this newer one.
      event.preventDefault();
      Promise.race([pending, wait(SUBMIT_WAIT_MS)]).then(() => {
        releasing = true;
        if (submitter) target.requestSubmit(submitter);
        else target.requestSubmit();
      });
    });

    window.addEventListener('online', () => {
      if (leaving) return;
      retryDelay = RETRY_FIRST_MS;
      clearTimeout(retryTimer);
      if (hasUnsent()) save();
      else say(lastStatus);
    });
    window.addEventListener('offline', () => {
      if (!leaving) sayOffline();
    });

    // Leaving by a link or closing the tab: send what is unsent on a request that outlives the page.
    window.addEventListener('pagehide', () => {
      if (leaving || !hasUnsent()) return;
      try {
        fetch(endpoint, {
          method: 'POST',
          headers: { Accept: 'application/json', 'x-csrf-token': csrfToken },
          body: currentFields(target),
          credentials: 'same-origin',
          keepalive: true,
        }).catch(() => {});
      } catch {
        // keepalive bodies are capped (64 kB); the answer in the page is all we have then.
      }
    });
    // Offline, leaving would lose the unsent answer: let the browser ask first.
    window.addEventListener('beforeunload', (event) => {
      if (!leaving && navigator.onLine === false && hasUnsent()) event.preventDefault();
    });

    // The browser may have restored answers the server never got (back, reload): send them.
    if (hasUnsent()) save();

    return {
      /** Saves what is unsent; resolves once it is acknowledged, refused or failed. */
      flush: save,
      isLeaving: () => leaving,
      leave,
    };
  }

  /* ---- Countdown ---- */

  function setupCountdown(details, onZero) {
    const text = details.querySelector('[data-timer-text]');
    const announcer = document.querySelector('[data-timer-announce]');
    const deadline = Date.parse(details.dataset.deadline);
    if (!text || Number.isNaN(deadline)) return;
    const endsAt = performance.now() + (deadline - serverNow());
    const announcedKey = `quiz-announced:${details.dataset.deadline}`;
    const openKey = 'quiz-timer-open';
    let ended = false;
    let tickTimer;

    // Hiding the timer is the candidate's choice; keep it from page to page.
    if (store.get(openKey) === 'no') details.open = false;
    details.addEventListener('toggle', () => store.set(openKey, details.open ? 'yes' : 'no'));

    /** Says each threshold once per deadline, even when it passed while changing pages. */
    function announce(seconds) {
      if (!announcer) return;
      const announced = (store.get(announcedKey) ?? '').split(',').filter(Boolean).map(Number);
      const due = ANNOUNCEMENTS.filter((a) => seconds <= a.seconds && seconds > 0);
      const latest = due.at(-1);
      if (!latest || announced.includes(latest.seconds)) return;
      store.set(announcedKey, [...announced, ...due.map((a) => a.seconds)].join(','));
      if (seconds > latest.seconds - LATE_ANNOUNCEMENT_S) announcer.textContent = latest.text;
    }

    function tick() {
      clearTimeout(tickTimer);
      const left = endsAt - performance.now();
      const seconds = Math.max(0, Math.ceil(left / 1000));
      text.textContent = `Time left: ${clockText(seconds)}`;
      if (left <= 0) {
        if (!ended) {
          ended = true;
          onZero();
        }
        return;
      }
      announce(seconds);
      // Wake just after the next whole second, so the display never skips or lags one.
      tickTimer = setTimeout(tick, (left % 1000) + 20);
    }

    // Background tabs run timers late; catch up as soon as the candidate is back.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible' && !ended) tick();
    });
    tick();
  }

  /* ---- Integrity beacons: recorded, never judged ---- */

  const lastBeacon = new Map();

  function beacon(kind) {
    const now = performance.now();
    if (now - (lastBeacon.get(kind) ?? -Infinity) < BEACON_GAP_MS) return;
    lastBeacon.set(kind, now);
    fetch(EVENTS_PATH, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'x-csrf-token': csrfToken },
      body: JSON.stringify({ kind, question: questionNumber }),
      credentials: 'same-origin',
      keepalive: true,
    }).catch(() => {});
  }

  function setupBeacons() {
    // Leaving the page also hides it (pagehide comes first): moving to the next question is not
    // switching away.
    let unloading = false;
    window.addEventListener('pagehide', () => {
      unloading = true;
    });
    window.addEventListener('pageshow', () => {
      unloading = false;
    });
    document.addEventListener('visibilitychange', () => {
      if (unloading) return;
      beacon(document.visibilityState === 'hidden' ? 'tab_hidden' : 'tab_visible');
    });
    form?.addEventListener('paste', (event) => {
      if (isControl(event.target) && isTyped(event.target)) beacon('paste');
    });
    document.addEventListener('copy', () => {
      const prompt = document.getElementById('prompt');
      const selection = document.getSelection();
      if (prompt && selection && !selection.isCollapsed && selection.containsNode(prompt, true))
        beacon('copy');
    });
  }

  /* ---- Wiring ---- */

  const autosave = form ? setupAutosave(form) : undefined;

  /** At zero: save what is unsent, then the quiz page takes the candidate to the time-up page. */
  async function timeIsUp() {
    // A page drawn at the very deadline must not bounce off the server before its clock passes it.
    await wait(MIN_PAGE_TIME_MS - performance.now());
    if (autosave) {
      await Promise.race([autosave.flush(), wait(LAST_SAVE_WAIT_MS)]);
      if (autosave.isLeaving()) return;
      autosave.leave();
    }
    const go = () => window.location.assign(QUIZ_PATH);
    if (navigator.onLine === false) window.addEventListener('online', go, { once: true });
    else go();
  }

  if (timer) setupCountdown(timer, timeIsUp);
  if (csrfToken) setupBeacons();
  focusQuestion();
})();
