// Preview LMS runtime: a local SCORM API (scorm-again) for the course in the iframe.
// Plain browser JS, no build step. scorm-again.min.js (loaded first) defines window.Scorm12API
// and window.Scorm2004API.
(function () {
  'use strict';

  var params = new URLSearchParams(location.search);
  var version = params.get('v') === '2004' ? '2004' : '12';
  var unit = params.get('unit') || '';
  var override = params.get('override') === '1';
  var storageKey = 'preview-lms:' + version + ':' + (unit || 'course');

  var log = []; // every API call: {method, args, result, errorCode}
  var api = null;
  var resetting = false;

  var $ = function (id) { return document.getElementById(id); };
  var statusEl = $('status');
  var cmiEl = $('cmi');
  var logEl = $('log');

  function setStatus(text) { statusEl.textContent = text; }

  // ---- toolbar reflects the query --------------------------------------------------------
  Array.prototype.forEach.call(document.querySelectorAll('input[name="v"]'), function (r) {
    r.checked = r.value === version;
  });
  $('override').checked = override;

  // ---- saved CMI (localStorage) ----------------------------------------------------------
  function readSaved() {
    try {
      var raw = localStorage.getItem(storageKey);
      return raw ? JSON.parse(raw) : null;
    } catch (e) {
      return null;
    }
  }

  function save() {
    if (resetting || !api) return;
    // renderCommitCMI(true) is what the runtime would send an LMS at termination: the CMI with
    // total_time already including this session's time. Keep only "cmi": the 2004 render can
    // carry other keys (adl, sharedData) that loadFromJSON would not take back.
    var rendered = api.renderCommitCMI(true);
    try {
      localStorage.setItem(storageKey, JSON.stringify({ cmi: rendered.cmi }));
    } catch (e) {
      setStatus('Could not save the CMI data: ' + e.message);
    }
  }

  // Where the two data models keep the launch data the preview sets.
  var MODEL = {
    '12': { launch: function (cmi) { return cmi.core || (cmi.core = {}); }, id: 'student_id', name: 'student_name', mode: 'lesson_mode' },
    '2004': { launch: function (cmi) { return cmi; }, id: 'learner_id', name: 'learner_name', mode: 'mode' },
  };

  /** What an LMS gives back at the next launch: the stored data, minus session-only elements. */
  function restoredCmi(saved, config) {
    var cmi = (saved && saved.cmi) || {};
    var model = MODEL[version];
    var l = model.launch(cmi);
    delete l.session_time;
    delete l.exit;
    l.entry = cmi.suspend_data ? 'resume' : saved ? '' : 'ab-initio';
    l[model.id] = l[model.id] || 'preview-learner';
    l[model.name] = l[model.name] || 'Learner, Preview';
    l.credit = 'credit';
    l[model.mode] = 'normal';
    // the pass mark, as the LMS takes it from the manifest: adlcp:masteryscore (1.2), or the
    // primary objective's minNormalizedMeasure (2004)
    var mastery = config && config.course ? config.course.passMark : null;
    if (mastery !== null && version === '12') (cmi.student_data || (cmi.student_data = {})).mastery_score = String(mastery);
    if (mastery !== null && version === '2004') cmi.scaled_passing_score = String(Number((mastery / 100).toFixed(4)));
    return { cmi: cmi };
  }

  // ---- panels ----------------------------------------------------------------------------
  function currentCmi() {
    return api ? api.renderCMIToJSONObject() : null;
  }

  var renderQueued = false;
  function renderCmi() {
    if (renderQueued) return;
    renderQueued = true;
    requestAnimationFrame(function () {
      renderQueued = false;
      cmiEl.textContent = JSON.stringify(currentCmi(), null, 2);
    });
  }

  var SHOWN = 500; // entries kept on screen; window.previewLog keeps them all
  function show(entry) {
    var li = document.createElement('li');
    var text = entry.method + '(' + entry.args.map(function (a) { return JSON.stringify(a); }).join(', ') + ') → ' +
      JSON.stringify(entry.result);
    if (entry.errorCode !== '0') {
      text += '  error ' + entry.errorCode;
      li.className = 'err';
    }
    li.textContent = text;
    logEl.appendChild(li);
    while (logEl.children.length > SHOWN) logEl.removeChild(logEl.firstChild);
    $('log-count').textContent = '(' + log.length + ')';
    var panel = logEl.parentNode; // keep the newest call in view, scrolling the panel only
    panel.scrollTop = panel.scrollHeight;
  }

  // ---- the API ---------------------------------------------------------------------------
  var METHODS = {
    '12': ['LMSInitialize', 'LMSFinish', 'LMSGetValue', 'LMSSetValue', 'LMSCommit', 'LMSGetLastError', 'LMSGetErrorString', 'LMSGetDiagnostic'],
    '2004': ['Initialize', 'Terminate', 'GetValue', 'SetValue', 'Commit', 'GetLastError', 'GetErrorString', 'GetDiagnostic'],
  };

  // The log wraps the API methods rather than using api.on(...) listeners: listeners run inside
  // the call before it returns, so they never see the return value (nor what GetValue read), and
  // SetValue listeners fire for rejected values too. Wrapping records exactly what the SCO got:
  // the return value and the error code the call left (read from lastErrorCode, not through
  // GetLastError, so the log does not call the API itself).
  function instrument(a) {
    METHODS[version].forEach(function (name) {
      var original = a[name];
      a[name] = function () {
        var args = Array.prototype.slice.call(arguments);
        var result = original.apply(a, args);
        var entry = { method: name, args: args, result: result, errorCode: String(a.lastErrorCode) };
        log.push(entry);
        show(entry);
        renderCmi();
        return result;
      };
    });
  }

  function createApi(config) {
    var settings = {
      autocommit: false, // the SCO decides when to commit
      lmsCommitUrl: false, // no server: commits succeed locally and are stored below
      logLevel: 5, // NONE: the panel shows every call and error
      strict_errors: true,
      mastery_override: version === '12' ? override : false,
      score_overrides_status: false,
    };
    var a = version === '12' ? new window.Scorm12API(settings) : new window.Scorm2004API(settings);
    var saved = readSaved();
    a.loadFromJSON(restoredCmi(saved, config)); // only possible before Initialize
    // Persist on every commit and at the end of the session (listeners run after the data is stored).
    a.on(version === '12' ? 'LMSCommit' : 'Commit', save);
    a.on(version === '12' ? 'LMSFinish' : 'Terminate', save);
    instrument(a);
    return { api: a, resumed: !!saved };
  }

  function populateUnits(config) {
    var select = $('unit');
    var units = config && config.course ? config.course.units : [];
    units.forEach(function (u) {
      var opt = document.createElement('option');
      opt.value = u.id;
      opt.textContent = u.title;
      select.appendChild(opt);
    });
    select.value = unit;
  }

  function launch(config) {
    var created = createApi(config);
    api = created.api;
    // The API must exist before the course loads: SCOs look for it on their parent windows.
    if (version === '12') window.API = api;
    else window.API_1484_11 = api;

    var slot = $('frame-slot');
    slot.textContent = '';
    var frame = document.createElement('iframe');
    frame.title = 'Course';
    frame.name = 'course';
    frame.src = '/course/index.html' + (unit ? '?unit=' + encodeURIComponent(unit) : '');
    slot.appendChild(frame);

    var what = (version === '12' ? 'SCORM 1.2' : 'SCORM 2004 4th Edition') + (unit ? ', unit ' + unit : '');
    setStatus(what + (created.resumed ? ': saved data restored.' : ': new attempt.'));
    renderCmi();
  }

  $('reset').addEventListener('click', function () {
    resetting = true; // the course may still Finish/Terminate while unloading: do not save that
    var slot = $('frame-slot');
    slot.textContent = '';
    localStorage.removeItem(storageKey);
    setStatus('Attempt reset.');
    location.reload();
  });

  window.previewLog = log;
  /** The current CMI as a JSON-ready object ({cmi: …}), or null before the API exists. */
  window.previewCmi = currentCmi;

  fetch('/preview-config.json')
    .then(function (r) { return r.ok ? r.json() : null; })
    .catch(function () { return null; })
    .then(function (config) {
      populateUnits(config);
      launch(config);
    });
})();
