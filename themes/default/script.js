(function () {
  'use strict';
  var root = document.documentElement;
  var KEY = 'scholar-page-theme';

  // Dark mode: follows the system until the reader picks; the pick is remembered.
  function current() {
    var set = root.getAttribute('data-theme');
    if (set) return set;
    return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }
  function sync(button) { button.setAttribute('aria-pressed', current() === 'dark' ? 'true' : 'false'); }
  Array.prototype.forEach.call(document.querySelectorAll('.theme-toggle'), function (button) {
    sync(button);
    button.addEventListener('click', function () {
      var next = current() === 'dark' ? 'light' : 'dark';
      root.setAttribute('data-theme', next);
      try { localStorage.setItem(KEY, next); } catch (e) { /* private mode */ }
      sync(button);
    });
  });

  // "and K more": collapsed only when scripts run, so the page reads whole without them.
  Array.prototype.forEach.call(document.querySelectorAll('.more-authors'), function (button) {
    var rest = button.previousElementSibling;
    if (!rest) return;
    rest.classList.add('is-collapsed');
    button.hidden = false;
    button.addEventListener('click', function () {
      rest.classList.remove('is-collapsed');
      button.setAttribute('aria-expanded', 'true');
      button.hidden = true;
    });
  });

  // One toggle open per entry, also where <details name> is not supported. (Only an entry with two
  // toggles names them.) An opened BibTeX toggle gets its Copy button.
  document.addEventListener('toggle', function (ev) {
    var d = ev.target;
    if (!d || d.tagName !== 'DETAILS' || !d.open) return;
    if (d.classList.contains('toggle-bibtex')) copyButton(d);
    if (!d.getAttribute('name')) return;
    Array.prototype.forEach.call(document.querySelectorAll('details[name]'), function (other) {
      if (other !== d && other.getAttribute('name') === d.getAttribute('name')) other.open = false;
    });
  }, true);

  // In-page search (profile: search: true). Every word must match; accents and case are ignored.
  var search = document.getElementById('pub-search-input');
  if (search) {
    var items = Array.prototype.slice.call(document.querySelectorAll('[data-search]'));
    var status = document.querySelector('.pub-search-status');
    var fold = function (s) { return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase(); };
    search.addEventListener('input', function () {
      var words = fold(search.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      // Only what changes is touched, so clearing re-lays out only the entries that come back.
      items.forEach(function (el) {
        var text = el.getAttribute('data-search');
        var match = words.every(function (w) { return text.indexOf(w) !== -1; });
        if (el.hidden === match) el.hidden = !match;
        if (match) shown++;
      });
      // A run of entries with none shown, and a year with none, are hidden too: a run out of sight
      // keeps the height it last had (content-visibility), which would leave a gap.
      Array.prototype.forEach.call(document.querySelectorAll('.pub-chunk'), function (run) {
        var none = !run.querySelector('[data-search]:not([hidden])');
        if (run.hidden !== none) run.hidden = none;
      });
      Array.prototype.forEach.call(document.querySelectorAll('h3.year'), function (h) {
        var box = h.nextElementSibling;
        if (box && box.querySelector('[data-search]')) h.hidden = !box.querySelector('[data-search]:not([hidden])');
      });
      if (status) status.textContent = words.length ? shown + ' of ' + items.length + ' shown' : '';
    });
  }

  // Video previews play by themselves, muted and looping, unless the reader asked for reduced
  // motion (then, and without scripts, they wait for the play button).
  var videos = document.querySelectorAll('video[data-autoplay]');
  var still = window.matchMedia ? window.matchMedia('(prefers-reduced-motion: reduce)') : null;
  var motion = function () {
    Array.prototype.forEach.call(videos, function (v) {
      v.muted = true;
      v.autoplay = !(still && still.matches);
      if (!v.autoplay) { v.pause(); return; }
      var played = v.play();
      if (played && played.catch) played.catch(function () { /* autoplay refused: the controls stay */ });
    });
  };
  if (videos.length) {
    motion();
    if (still && still.addEventListener) still.addEventListener('change', motion);
  }

  // An animated thumbnail (an SVG moving a stack of frames, written by scholar-page) stands still
  // on its first frame for a reader who asked for reduced motion, as an image or as a video's
  // poster. A browser does not pass that setting into an image, so the animation's style is taken
  // out of the address here, and put back when the setting changes.
  Array.prototype.forEach.call(document.querySelectorAll('img,video[poster]'), function (el) {
    var attr = el.tagName === 'IMG' ? 'src' : 'poster';
    var url = el.getAttribute(attr) || '';
    if (url.indexOf('data:image/svg+xml,') !== 0 || url.indexOf('%3Cstyle%3E@keyframes') < 0) return;
    var calm = function () {
      var now = still && still.matches ? url.replace(/%3Cstyle%3E.*?style%3E/, '') : url;
      if (el.getAttribute(attr) !== now) el.setAttribute(attr, now);
    };
    calm();
    if (still && still.addEventListener) still.addEventListener('change', calm);
  });

  // Copy BibTeX. The button is made when a BibTeX toggle opens, not written into the page once per
  // entry: it needs this script anyway, and a long page is lighter without thousands of them. A
  // theme that writes its own button keeps it. Made on the summary's click too, so that it is
  // there as soon as the toggle shows (the toggle event comes a moment later).
  function copyButton(details) {
    var code = details.querySelector('.bibtex');
    var body = code && code.parentNode;
    if (!body || body.querySelector('.copy-bibtex')) return;
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy-bibtex';
    button.textContent = 'Copy BibTeX';
    body.appendChild(button);
  }
  document.addEventListener('click', function (ev) {
    var t = ev.target;
    if (!t || !t.closest) return;
    var summary = t.closest('.toggle-bibtex > summary');
    if (summary) copyButton(summary.parentNode);
    var button = t.closest('.copy-bibtex');
    if (!button) return;
    var code = button.parentNode.querySelector('.bibtex');
    if (!code) return;
    var text = code.textContent;
    var done = function () { button.textContent = 'Copied'; setTimeout(function () { button.textContent = 'Copy BibTeX'; }, 1500); };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () { button.textContent = 'Copy failed'; });
    }
  });
})();
