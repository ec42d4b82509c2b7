// The offline outbox (issue 19). A capture form (form[data-command]) becomes
// an outbox item in IndexedDB: the command and its body, the idempotency key
// made when the form opened, the record version the officer saw, when it was
// captured, the device and the author. Items go to /ops/{id}/outbox one at a
// time, in order, when the page loads online, when the connection returns
// and on "send now"; a Web Lock lets one tab send at a time. Items survive a
// reload, a browser restart and an expired session (they wait until the
// officer signs in again). No framework: plain IndexedDB.
(function () {
  'use strict';
  var DB = 'ledger-outbox', STORE = 'items';

  // One connection per page, opened on first use and kept: opening the
  // database for every read and write costs more than the operation. It is
  // forgotten when the browser closes it or another tab upgrades the schema,
  // and reopened on the next use.
  var opened = null;
  function open() {
    if (!opened) {
      opened = new Promise(function (ok, ko) {
        var r = indexedDB.open(DB, 1);
        r.onupgradeneeded = function () { r.result.createObjectStore(STORE, { keyPath: 'seq', autoIncrement: true }); };
        r.onsuccess = function () {
          var db = r.result;
          db.onversionchange = function () { db.close(); opened = null; };
          db.onclose = function () { opened = null; };
          ok(db);
        };
        r.onerror = function () { opened = null; ko(r.error); };
      });
    }
    return opened;
  }
  function request(mode, fn) {
    return open().then(function (db) {
      return new Promise(function (ok, ko) {
        var t = db.transaction(STORE, mode), r = fn(t.objectStore(STORE));
        t.oncomplete = function () { ok(r && r.result); };
        t.onerror = function () { ko(t.error); };
        t.onabort = function () { ko(t.error); };
      });
    });
  }
  var all = function () { return request('readonly', function (s) { return s.getAll(); }); };
  var put = function (item) { return request('readwrite', function (s) { return s.put(item); }); };

  function device() {
    var d = localStorage.getItem('ledger-device');
    if (!d) { d = 'dev-' + crypto.randomUUID(); localStorage.setItem('ledger-device', d); }
    return d;
  }
  function box() { return document.getElementById('outbox'); }
  function csrf() { var i = document.querySelector('input[name=csrf]'); return i ? i.value : ''; }

  // bodyOf turns a capture form into the command's JSON body.
  function bodyOf(form) {
    var body = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === 'key' || el.name === 'csrf' || el.value === '') { return; }
      if (el.dataset.type === 'number') { body[el.name] = Number(el.value); }
      else if (el.type === 'date') { body[el.name] = el.value + 'T00:00:00Z'; }
      else { body[el.name] = el.value; }
    });
    if (form.dataset.newId) { body[form.dataset.newId] = crypto.randomUUID(); }
    return body;
  }
  function seenOf(form) {
    var sel = form.dataset.seenFrom && form.elements[form.dataset.seenFrom];
    var opt = sel && sel.selectedOptions && sel.selectedOptions[0];
    return opt && opt.dataset.version ? opt.dataset.version : '';
  }

  // meetingChanges: a meeting held and its decision are four changes in
  // order (schedule, hold, propose, adopt) on two new records; the raise
  // form then offers the new decision, so action points carry it out.
  function meetingChanges(form) {
    var el = form.elements, m = crypto.randomUUID(), d = crypto.randomUUID();
    var held = el.held_at.value + 'T09:00:00Z';
    var ticked = function (name) {
      return Array.prototype.filter.call(form.querySelectorAll('input[name=' + name + ']'), function (x) { return x.checked; });
    };
    var attendees = ticked('attendee').map(function (x) {
      var a = { person_id: x.value, name: x.dataset.name };
      if (x.dataset.component && x.dataset.component !== '00000000-0000-0000-0000-000000000000') { a.component_id = x.dataset.component; }
      return a;
    });
    var out = [
      ['meeting.schedule', { id: m, mechanism_id: el.mechanism_id.value, title: el.title.value, scheduled_for: held }],
      ['meeting.hold', { id: m, held_at: held, attendees: attendees }]];
    if (el.decision_title.value) {
      out.push(['decision.propose', { id: d, mechanism_id: el.mechanism_id.value, meeting_id: m, title: el.decision_title.value, text: el.decision_text.value }]);
      out.push(['decision.adopt', { id: d, meeting_id: m, agreed_by: ticked('agreed_by').map(function (x) { return x.value; }) }]);
      var raise = document.querySelector('form[data-command="actionpoint.raise"]');
      var sel = raise && raise.elements.decision_id;
      if (sel) {
        var o = new Option(el.decision_title.value + ' (' + raise.dataset.justRecorded + ')', d, true, true);
        sel.add(o);
      }
    }
    return out;
  }

  function capture(form) {
    var b = box(), key = form.elements.key, at = new Date().toISOString();
    var changes = form.dataset.command === 'meeting' ? meetingChanges(form) : [[form.dataset.command, bodyOf(form)]];
    var seen = seenOf(form), heading = form.querySelector('h2');
    var items = changes.map(function (c, i) {
      // label: the form's heading, in the language the officer captured in
      // (the outbox lists it rather than the command's wire name)
      var label = (heading ? heading.textContent : c[0]) + (changes.length > 1 ? ' (' + (i + 1) + '/' + changes.length + ')' : '');
      return { key: changes.length > 1 ? key.value + '-' + (i + 1) : key.value, command: c[0], body: c[1], label: label,
        seen: changes.length > 1 ? '' : seen, captured_at: at, device: device(),
        author: b ? b.dataset.author : '', op: b ? b.dataset.op : '', state: 'waiting' };
    });
    key.value = 'web-' + crypto.randomUUID(); // the next capture on this form is another request
    form.reset();
    return items.reduce(function (p, it) { return p.then(function () { return put(it); }); }, Promise.resolve());
  }

  // when: a date in the page's language, not the browser's
  function when(at) { return new Date(at).toLocaleString(document.documentElement.lang || undefined); }
  function words(state) { var b = box(); return b ? b.dataset[state] || state : state; }
  function say(text) { var s = document.getElementById('outbox-status'); if (s) { s.textContent = text; } }

  function render() {
    var list = document.getElementById('outbox-items');
    if (!list) { return Promise.resolve(); }
    return all().then(function (items) {
      list.textContent = '';
      list.dataset.bytes = String(JSON.stringify(items).length); // what the outbox holds, for the figures
      items.forEach(function (it) {
        var li = document.createElement('li');
        li.dataset.state = it.state;
        li.dataset.key = it.key;
        li.dataset.captured = it.captured_at;
        if (it.answer && it.answer.record) { li.dataset.record = it.answer.record.id; }
        li.dataset.command = it.command;
        li.textContent = (it.label || it.command) + ' · ' + when(it.captured_at) + ' · ' + words(it.state) +
          (it.message ? ' · ' + it.message : '');
        list.appendChild(li);
      });
      if (!items.length) { say(words('empty')); }
    });
  }

  // retryLater: a send that met a network error (an answer lost on the way
  // back, a link that drops without the browser noticing it is offline) is
  // tried again by itself: after 10 s, then twice as long each time up to
  // 5 min, until one goes through. "Send now" does not wait.
  var retryDelay = 10000, retryTimer = null;
  function retryLater() {
    if (retryTimer) { return; }
    retryTimer = setTimeout(function () { retryTimer = null; sendAll(); }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 300000);
  }

  // sendOne posts one item; it resolves to false when sending must stop
  // (offline, or signed out: the item waits).
  function sendOne(it) {
    var form = new URLSearchParams({ csrf: csrf(), command: it.command, body: JSON.stringify(it.body),
      seen_version: it.seen, captured_at: it.captured_at, device: it.device });
    it.state = 'sending';
    return put(it).then(render).then(function () {
      return fetch('/ops/' + it.op + '/outbox', { method: 'POST', body: form, credentials: 'same-origin',
        headers: { 'Idempotency-Key': it.key, 'Accept': 'application/json' }, redirect: 'manual' });
    }).then(function (res) {
      var json = (res.headers.get('Content-Type') || '').indexOf('json') >= 0;
      // Signed out (or a form token from before signing in again): the
      // item waits for the officer. A domain refusal (403 in JSON) is not.
      if (res.status === 401 || res.type === 'opaqueredirect' || (res.status === 403 && !json)) {
        it.state = 'waiting'; say(words('signin'));
        return put(it).then(function () { return false; });
      }
      retryDelay = 10000; // the link works again
      if (!json) { // the server failed (a store away, a full disk): try again later
        it.state = res.status >= 500 ? 'waiting' : 'attention';
        it.message = res.status + ' ' + res.statusText;
        if (res.status >= 500) { retryLater(); }
        return put(it).then(function () { return res.status < 500; });
      }
      return res.json().then(function (a) {
        it.answer = a;
        it.state = res.ok ? (a.outcome === 'conflict' ? 'conflict' : 'sent') : 'attention';
        it.message = res.ok ? '' : a.message;
        return put(it).then(function () { return true; });
      });
    }, function () {
      it.state = 'waiting';
      retryLater();
      return put(it).then(function () { return false; });
    });
  }

  function sendAll() {
    if (!navigator.onLine) { return render(); }
    var run = function () {
      return all().then(function (items) {
        var todo = items.filter(function (it) { return it.state === 'waiting' || it.state === 'sending'; });
        return todo.reduce(function (p, it) {
          return p.then(function (go) { return go ? sendOne(it) : false; });
        }, Promise.resolve(true));
      }).then(render);
    };
    return navigator.locks ? navigator.locks.request('ledger-outbox', run) : run();
  }

  // staleBanner says when the page shows data as of an earlier time (served
  // by the service worker from its copy).
  function staleBanner() {
    var at = document.querySelector('meta[name=ledger-rendered]');
    var words = document.querySelector('meta[name=ledger-stale]');
    var main = document.getElementById('main');
    if (!at || !words || !main || document.getElementById('stale')) { return; }
    var rendered = new Date(at.content);
    if (navigator.onLine && Date.now() - rendered.getTime() < 120000) { return; }
    var p = document.createElement('p');
    p.id = 'stale'; p.className = 'stale'; p.setAttribute('role', 'status');
    p.textContent = words.content + ' ' + when(at.content);
    main.insertBefore(p, main.firstChild);
  }

  document.addEventListener('submit', function (ev) {
    var form = ev.target;
    if (!form.matches || !form.matches('form[data-command]')) { return; }
    ev.preventDefault();
    capture(form).then(render).then(sendAll);
  }, true);
  document.addEventListener('click', function (ev) {
    if (ev.target.closest && ev.target.closest('[data-outbox-send]')) { sendAll(); }
  });
  // A link followed offline through htmx fails; a plain navigation lets the
  // service worker answer from its copy.
  document.addEventListener('htmx:sendError', function (ev) {
    var path = ev.detail && ev.detail.pathInfo && ev.detail.pathInfo.requestPath;
    if (path) { location.href = path; }
  });
  window.addEventListener('online', sendAll);
  window.addEventListener('offline', staleBanner);
  if ('serviceWorker' in navigator) { navigator.serviceWorker.register('/sw.js').catch(function () {}); }
  // keepOperations asks the service worker to keep the home, capture forms
  // (every language: the worker adds them) and registers of the operation
  // open, and of every operation the officer holds when the list of them is
  // open, so each opens offline as last seen, even one not visited.
  var UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
  var PAGES = ['', '/capture', '/actions', '/decisions', '/meetings', '/components', '/contacts', '/conflicts'];
  function heldOperations() {
    var ops = [], here = location.pathname.match(new RegExp('^/ops/(' + UUID + ')'));
    if (here) { ops.push(here[1]); }
    Array.prototype.forEach.call(document.querySelectorAll('main a[href^="/ops/"]'), function (a) {
      var m = a.getAttribute('href').match(new RegExp('^/ops/(' + UUID + ')$'));
      if (m && ops.indexOf(m[1]) < 0) { ops.push(m[1]); }
    });
    return ops;
  }
  function keepOperations() {
    var ops = heldOperations();
    if (!ops.length || !navigator.onLine || !navigator.serviceWorker) { return; }
    var urls = [];
    ops.forEach(function (id) { PAGES.forEach(function (p) { urls.push('/ops/' + id + p); }); });
    navigator.serviceWorker.ready.then(function (reg) {
      if (reg.active) { reg.active.postMessage({ keep: urls }); }
    });
  }
  // ownDraft: one tab owns an operation's capture draft (a Web Lock held
  // while the tab lives). Another tab opening it says it is open elsewhere
  // and is read-only, until the owner closes; then it takes the draft over.
  function draftEditable(yes) {
    var b = box(), note = document.getElementById('draft-elsewhere');
    document.documentElement.dataset.draft = yes ? 'owned' : 'elsewhere';
    Array.prototype.forEach.call(document.querySelectorAll('form[data-command]'), function (f) {
      Array.prototype.forEach.call(f.elements, function (el) { el.disabled = !yes; });
    });
    if (yes && note) { note.remove(); }
    if (!yes && b && !note) {
      note = document.createElement('p');
      note.id = 'draft-elsewhere'; note.className = 'stale'; note.setAttribute('role', 'status');
      note.textContent = b.dataset.elsewhere;
      b.parentNode.insertBefore(note, b);
    }
  }
  // The lock is taken when capture forms appear (a page load or an htmx
  // swap: the menu's links are boosted) and given back when they go.
  var draft = null; // {name, owned, release, abort} while capture forms are shown
  function ownDraft() {
    var b = box(), forms = !!document.querySelector('form[data-command]');
    if (draft && (!forms || !b || draft.name !== 'ledger-draft-' + b.dataset.op)) {
      draft.release(); draft.abort.abort(); draft = null;
      delete document.documentElement.dataset.draft;
    }
    if (!b || !forms || !navigator.locks) { return; }
    if (draft) { draftEditable(draft.owned); return; }
    var d = { name: 'ledger-draft-' + b.dataset.op, owned: false, abort: new AbortController() };
    var held = new Promise(function (done) { d.release = done; });
    var own = function () { d.owned = true; if (draft === d) { draftEditable(true); } return held; };
    draft = d;
    navigator.locks.request(d.name, { ifAvailable: true }, function (lock) {
      if (lock) { return own(); }
      draftEditable(false);
      navigator.locks.request(d.name, { signal: d.abort.signal }, own).catch(function () {});
    });
  }
  document.addEventListener('htmx:afterSettle', ownDraft);
  // The list of operations reached through the menu (an htmx swap) keeps them too.
  document.addEventListener('htmx:afterSettle', function () { if (location.pathname === '/') { keepOperations(); } });
  window.ledgerOutbox = { all: all, sendAll: sendAll };
  document.addEventListener('DOMContentLoaded', function () { staleBanner(); ownDraft(); keepOperations(); sendAll(); });
}());
