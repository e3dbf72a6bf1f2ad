// minh serve: reloads the page after a rebuild and shows build errors in an overlay.
// Served only by `minh serve` at /__minh/live.js; never part of the built site.
(function () {
  'use strict';
  var OVERLAY_ID = 'minh-live-overlay';

  function stylesheet() {
    if (document.getElementById('minh-live-css')) return;
    var link = document.createElement('link');
    link.id = 'minh-live-css';
    link.rel = 'stylesheet';
    link.href = '/__minh/live.css';
    document.head.appendChild(link);
  }

  function hide() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) old.remove();
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function where(p) {
    var s = p.file || '';
    if (p.line) s += ':' + p.line;
    if (p.line && p.column) s += ':' + p.column;
    return s;
  }

  function show(problems) {
    stylesheet();
    hide();
    var box = el('section', 'minh-live-overlay');
    box.id = OVERLAY_ID;
    box.setAttribute('role', 'alert');
    box.setAttribute('lang', 'vi');
    box.appendChild(el('h2', 'minh-live-title', 'Trang chưa cập nhật: có lỗi cần sửa (the site did not rebuild: fix the errors below)'));
    var list = el('ol', 'minh-live-list');
    problems.forEach(function (p) {
      var item = el('li', 'minh-live-item');
      item.appendChild(el('code', 'minh-live-where', where(p)));
      item.appendChild(el('p', 'minh-live-message', p.message || ''));
      if (p.fix) item.appendChild(el('p', 'minh-live-fix', 'Cách sửa (fix): ' + p.fix));
      list.appendChild(item);
    });
    box.appendChild(list);
    box.appendChild(el('p', 'minh-live-note', 'Trang vẫn hiển thị bản tốt gần nhất; sẽ tự tải lại khi lỗi được sửa. (The last good version is shown; this page reloads by itself when the errors are fixed.)'));
    var close = el('button', 'minh-live-close', 'Đóng (close)');
    close.type = 'button';
    close.addEventListener('click', hide);
    box.appendChild(close);
    document.body.appendChild(box);
  }

  if (!window.EventSource) return;
  // Load the overlay's stylesheet now, so an error never shows unstyled.
  stylesheet();
  var events = new EventSource('/__minh/events');
  events.addEventListener('reload', function () {
    window.location.reload();
  });
  events.addEventListener('build-error', function (e) {
    var problems;
    try {
      problems = JSON.parse(e.data);
    } catch (err) {
      problems = [];
    }
    show(Array.isArray(problems) ? problems : []);
  });
})();
