// Article view: a tooltip with the "why" of each highlight, and the event's evidence
// highlighted while hovering its trigger or its table row. Text goes in with textContent only.
(function () {
  "use strict";
  var text = document.getElementById("nw-text");
  var tip = document.getElementById("nw-tip");
  if (!text || !tip) return;

  function showTip(el, x, y) {
    var note = el.getAttribute("data-note") || el.getAttribute("title") || "";
    if (el.hasAttribute("title")) { el.setAttribute("data-note", note); el.removeAttribute("title"); }
    tip.textContent = note;
    tip.hidden = false;
    tip.style.left = Math.min(x + 12, window.innerWidth - 500) + "px";
    tip.style.top = (y + 14) + "px";
  }
  function hideTip() { tip.hidden = true; }

  // Evidence spans: [start, end) per event, from the events table.
  var evidence = {};
  document.querySelectorAll("tr.nw-event-row").forEach(function (row) {
    evidence[row.getAttribute("data-event")] = [+row.getAttribute("data-evidence-start"), +row.getAttribute("data-evidence-end")];
  });
  // Character offset of each piece of the text.
  var pieces = [];
  var pos = 0;
  text.childNodes.forEach(function (node) {
    var len = node.textContent.length;
    pieces.push({ node: node, start: pos, end: pos + len });
    pos += len;
  });
  function markEvidence(ids, on) {
    ids.forEach(function (id) {
      var span = evidence[id];
      if (!span) return;
      pieces.forEach(function (p) {
        if (p.node.nodeType === 1 && p.start < span[1] && p.end > span[0]) p.node.classList.toggle("hl-evidence", on);
      });
    });
  }
  function eventIds(el) { return (el.getAttribute("data-event") || "").split(" ").filter(Boolean); }

  text.addEventListener("mouseover", function (e) {
    var el = e.target.closest(".hl");
    if (!el) return;
    showTip(el, e.clientX, e.clientY);
    markEvidence(eventIds(el), true);
  });
  text.addEventListener("mousemove", function (e) {
    if (!tip.hidden) { tip.style.left = Math.min(e.clientX + 12, window.innerWidth - 500) + "px"; tip.style.top = (e.clientY + 14) + "px"; }
  });
  text.addEventListener("mouseout", function (e) {
    var el = e.target.closest(".hl");
    if (!el) return;
    hideTip();
    markEvidence(eventIds(el), false);
  });
  document.querySelectorAll("tr.nw-event-row").forEach(function (row) {
    row.addEventListener("mouseenter", function () { markEvidence(eventIds(row), true); });
    row.addEventListener("mouseleave", function () { markEvidence(eventIds(row), false); });
  });
  // Coming from the events table (#e3): mark that event's evidence and scroll to it.
  var wanted = "";
  try { wanted = decodeURIComponent((location.hash || "").slice(1)); } catch (e) { wanted = ""; }
  if (wanted && evidence[wanted]) {
    markEvidence([wanted], true);
    var first = text.querySelector(".hl-evidence");
    if (first) first.scrollIntoView({ block: "center" });
  }
})();
