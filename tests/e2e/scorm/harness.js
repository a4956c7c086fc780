// SCORM test harness: a stand-in LMS page for the browser tests. Plain browser JS, no build step.
//
// It creates the REAL scorm-again runtime (loaded first from /scorm-again.min.js) as window.API
// (SCORM 1.2) or window.API_1484_11 (SCORM 2004), strict and with commits kept in the page (no
// lmsCommitUrl), loads the launch data an LMS would (learner, entry, mastery score from the
// manifest, optionally a saved CMI), then opens the package's launch file (read from its
// imsmanifest.xml) in an iframe. Every API call is recorded with its arguments, return value and
// the error code it left, by wrapping the methods of that real object (nothing is mocked).
//
// Query string:
//   v=12|2004          SCORM version (default 12)
//   pkg=<path>         where the unzipped package is served (default per version, as the server)
//   load=<id>          saved CMI ({cmi: …}) from /stash/<id>.json, loaded with loadFromJSON
//   suspend=<string>   cmi.suspend_data preloaded as is (entry resume), e.g. a corrupt code
//   learner=<id>       the learner id (default learner-1)
//   mode=review|browse the launch mode (default normal; review and browse come with credit no-credit)
//   at=<hash>          open the launch file at that address (e.g. #/s/friend-request: a reload on a scenario)
//   persist            also keep the call log in localStorage "harness:log" (read it after the page is gone)
// Faults, each made by wrapping the real API:
//   initFail           LMSInitialize/Initialize returns "false" with an error set
//   rejectSet=<el>     SetValue/LMSSetValue of that element returns "false" with an error set
//   commitFail=<n>     the first n Commit/LMSCommit calls return "false" with an error set
//   slowMs=<ms>        every API call busy-waits that long first
//   throwOn=<method>   that API method throws (e.g. throwOn=Commit)
(function () {
  'use strict';

  var q = new URLSearchParams(location.search);
  var version = q.get('v') === '2004' ? '2004' : '12';
  var pkg = q.get('pkg') || (version === '12' ? '/lms/mod/scorm/123/content/' : '/lms/mod/scorm/2004/content/');
  var statusEl = document.getElementById('status');

  var METHODS = {
    '12': ['LMSInitialize', 'LMSFinish', 'LMSGetValue', 'LMSSetValue', 'LMSCommit', 'LMSGetLastError', 'LMSGetErrorString', 'LMSGetDiagnostic'],
    '2004': ['Initialize', 'Terminate', 'GetValue', 'SetValue', 'Commit', 'GetLastError', 'GetErrorString', 'GetDiagnostic'],
  };
  var names = METHODS[version];
  var INIT = names[0];
  var SET = names[3];
  var COMMIT = names[4];
  // the error codes the injected faults leave (each version's "general" failure of that kind)
  var FAULT_CODE = version === '12'
    ? { init: '101', set: '101', commit: '101' }
    : { init: '102', set: '351', commit: '391' };

  var faults = {
    initFail: q.has('initFail'),
    rejectSet: q.get('rejectSet') || '',
    commitFail: Number(q.get('commitFail') || 0),
    slowMs: Number(q.get('slowMs') || 0),
    throwOn: q.get('throwOn') || '',
  };

  var log = [];
  // persist: the log is also kept in localStorage ("harness:log"), so calls made while the page
  // itself goes away (closed, navigated) can be read from another page of the same origin
  var persist = q.has('persist');
  function persistLog() {
    try {
      localStorage.setItem('harness:log', JSON.stringify(log));
    } catch (e) {
      // storage full or blocked: the in-page log still has it
    }
  }
  var commitsFailed = 0;

  function busyWait(ms) {
    var end = performance.now() + ms;
    while (performance.now() < end) {
      // blocking on purpose: a slow LMS API is synchronous
    }
  }

  /** The fault this call meets, or null: {code} to return "false" with that error, or {throws}. */
  function faultFor(name, args) {
    if (faults.throwOn === name) return { throws: 'harness: ' + name + ' throws' };
    if (faults.initFail && name === INIT) return { code: FAULT_CODE.init, why: 'initFail' };
    if (faults.rejectSet && name === SET && args[0] === faults.rejectSet) return { code: FAULT_CODE.set, why: 'rejectSet' };
    if (name === COMMIT && commitsFailed < faults.commitFail) {
      commitsFailed++;
      return { code: FAULT_CODE.commit, why: 'commitFail' };
    }
    return null;
  }

  var originals = {};

  function instrument(api) {
    names.forEach(function (name) {
      var original = api[name];
      originals[name] = original;
      api[name] = function () {
        var args = Array.prototype.slice.call(arguments);
        var entry = { n: log.length, method: name, args: args, result: undefined, error: '0', at: Date.now() };
        log.push(entry);
        if (faults.slowMs > 0) busyWait(faults.slowMs);
        var fault = faultFor(name, args);
        try {
          if (fault && fault.throws) {
            entry.fault = 'throwOn';
            entry.threw = fault.throws;
            throw new Error(fault.throws);
          }
          if (fault) {
            entry.fault = fault.why;
            api.lastErrorCode = fault.code;
            entry.result = 'false';
          } else {
            entry.result = original.apply(api, args);
          }
          return entry.result;
        } finally {
          entry.error = String(api.lastErrorCode);
          if (persist) persistLog();
        }
      };
    });
  }

  // ---- the launch data an LMS gives ----------------------------------------------------------

  function isObj(v) {
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  }
  function merge(into, from) {
    Object.keys(from).forEach(function (k) {
      if (isObj(from[k]) && isObj(into[k])) merge(into[k], from[k]);
      else into[k] = from[k];
    });
    return into;
  }

  function manifestInfo(xmlText) {
    var doc = new DOMParser().parseFromString(xmlText, 'application/xml');
    var resources = Array.prototype.slice.call(doc.getElementsByTagNameNS('*', 'resource'));
    var sco = resources.filter(function (r) {
      return (r.getAttribute('adlcp:scormtype') || r.getAttribute('adlcp:scormType') || '').toLowerCase() === 'sco';
    })[0];
    if (!sco) throw new Error('imsmanifest.xml has no SCO resource');
    var mastery = doc.getElementsByTagNameNS('*', 'masteryscore')[0];
    var measure = doc.getElementsByTagNameNS('*', 'minNormalizedMeasure')[0];
    return {
      href: sco.getAttribute('href'),
      identifier: doc.documentElement.getAttribute('identifier'),
      masteryScore: mastery ? mastery.textContent.trim() : '',
      minNormalizedMeasure: measure ? measure.textContent.trim() : '',
    };
  }

  function launchCmi(info, saved) {
    var learnerId = q.get('learner') || 'learner-1';
    var cmi = saved && isObj(saved.cmi) ? JSON.parse(JSON.stringify(saved.cmi)) : {};
    var suspend = q.has('suspend') ? q.get('suspend') : null;
    if (suspend !== null) cmi.suspend_data = suspend;
    var resumed = !!cmi.suspend_data;
    var mode = q.get('mode') || 'normal';
    var credit = mode === 'normal' ? 'credit' : 'no-credit';
    if (version === '12') {
      var core = cmi.core || (cmi.core = {});
      delete core.session_time; // write-only, per session
      delete core.exit;
      merge(core, { student_id: learnerId, student_name: 'Learner, Test', credit: credit, lesson_mode: mode });
      core.entry = resumed ? 'resume' : saved ? '' : 'ab-initio';
      if (info.masteryScore) merge(cmi, { student_data: { mastery_score: info.masteryScore } });
    } else {
      delete cmi.session_time;
      delete cmi.exit;
      merge(cmi, { learner_id: learnerId, learner_name: 'Learner, Test', credit: credit, mode: mode });
      cmi.entry = resumed ? 'resume' : saved ? '' : 'ab-initio';
      if (info.minNormalizedMeasure) cmi.scaled_passing_score = info.minNormalizedMeasure;
    }
    return { cmi: cmi };
  }

  function createApi(info, saved) {
    var settings = {
      autocommit: false, // the SCO decides when to commit
      lmsCommitUrl: false, // no server: a commit succeeds in the page
      logLevel: 5, // NONE: the harness log records every call and error
      strict_errors: true, // invalid values are refused (SetValue "false" + error), not coerced
      mastery_override: false, // 1.2: report the status the SCO set, not one made from the mastery score
      score_overrides_status: false,
      autoCompleteLessonStatus: false,
    };
    var api = version === '12' ? new window.Scorm12API(settings) : new window.Scorm2004API(settings);
    var launch = launchCmi(info, saved);
    api.loadFromJSON(launch, ''); // only possible before Initialize
    instrument(api);
    return { api: api, launch: launch };
  }

  function fetchText(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + ': HTTP ' + r.status);
      return r.text();
    });
  }

  var harness = {
    version: version,
    pkg: pkg,
    faults: faults,
    log: log,
    api: null,
    launchData: null,
    frame: null,
    ready: false,
    error: '',
    /** The CMI as the runtime holds it, write-only elements included. */
    cmi: function () {
      return JSON.parse(JSON.stringify(harness.api.cmi));
    },
    /** What an LMS stores between sessions: the CMI it would be sent at termination. */
    saved: function () {
      return { cmi: harness.api.renderCommitCMI(true).cmi };
    },
    /** Calls the runtime's own API method, unrecorded and without faults (for the test's reads). */
    raw: function (name) {
      return originals[name].apply(harness.api, Array.prototype.slice.call(arguments, 1));
    },
    /** Navigates the course's frame away (its pagehide fires). */
    unload: function () {
      harness.frame.src = 'about:blank';
    },
  };
  window.harness = harness;

  var load = q.get('load');
  Promise.all([
    fetchText(pkg + 'imsmanifest.xml').then(manifestInfo),
    load ? fetchText('/stash/' + encodeURIComponent(load) + '.json').then(JSON.parse) : Promise.resolve(null),
  ])
    .then(function (r) {
      var info = r[0];
      var created = createApi(info, r[1]);
      harness.api = created.api;
      harness.launchData = created.launch;
      // the API must exist before the course loads: a SCO looks for it on its parent windows
      if (version === '12') window.API = created.api;
      else window.API_1484_11 = created.api;
      var frame = document.createElement('iframe');
      frame.id = 'course';
      frame.title = 'Course';
      frame.src = pkg + info.href + (q.get('at') || '');
      document.getElementById('slot').appendChild(frame);
      harness.frame = frame;
      harness.ready = true;
      statusEl.textContent = 'SCORM ' + (version === '12' ? '1.2' : '2004') + ', ' + info.identifier + ' (' + info.href + ')';
    })
    .catch(function (e) {
      harness.error = String(e && e.message ? e.message : e);
      statusEl.textContent = 'failed: ' + harness.error;
    });
})();
