// Layout checks run inside report.html by tests/cli/report_browser.sh (injected into a copy
// of the page, never shipped). Appends its findings, one per line, between two marker lines
// to the top page's body (the top page holds this page in a 400 px iframe for a phone).
(function () {
  var out = [];
  var vw = document.documentElement.clientWidth;
  out.push("viewport " + vw);
  // 1. The answer is on the first screen.
  var summary = document.getElementById("summary");
  if (!summary) out.push("FAIL no element id=summary");
  else out.push("summary-top " + Math.round(summary.getBoundingClientRect().top + window.scrollY));
  // 2. Nothing wider than the viewport, except inside a box that scrolls sideways.
  function scrolls(el) {
    for (var p = el.parentElement; p; p = p.parentElement) {
      var o = getComputedStyle(p).overflowX;
      if (o === "auto" || o === "scroll" || o === "hidden") return true;
    }
    return false;
  }
  var wide = 0;
  if (document.documentElement.scrollWidth > vw + 1) {
    out.push("FAIL page scrolls sideways: " + document.documentElement.scrollWidth + " > " + vw);
  }
  var all = document.body.querySelectorAll("*");
  for (var i = 0; i < all.length; i++) {
    var el = all[i];
    if (el.closest("svg") && el.tagName.toLowerCase() !== "svg") continue;
    var r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right > vw + 1 && !scrolls(el)) {
      if (wide++ < 5) out.push("FAIL wider than the viewport: <" + el.tagName.toLowerCase() +
                                (el.id ? " id=" + el.id : "") + "> right " + Math.round(r.right));
    }
  }
  // 3. No word broken across lines: each word's rectangles lie on one line. Words are split
  // at spaces and hyphens (a break after a hyphen is hyphenation, allowed).
  var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  var broken = 0, words = 0, n;
  while ((n = walker.nextNode())) {
    var p = n.parentElement;
    if (!p || p.closest("svg,script,style,title")) continue;
    var re = /[^\s\u00ad\u2010\u2011\u2013\u2014-]+/g, m;
    while ((m = re.exec(n.data))) {
      var range = document.createRange();
      range.setStart(n, m.index);
      range.setEnd(n, m.index + m[0].length);
      var rects = range.getClientRects();
      if (rects.length === 0) continue;
      words++;
      var top = rects[0].top, bad = false;
      for (var k = 1; k < rects.length; k++)
        if (rects[k].width > 0 && Math.abs(rects[k].top - top) > 2) bad = true;
      if (bad && broken++ < 5) out.push("FAIL word broken across lines: " + m[0]);
    }
  }
  out.push("words " + words);
  // 4. Every chart shows its baseline mark on top: some point of a class="baseline" element
  // is the topmost element there.
  var charts = document.querySelectorAll("figure > svg");
  var missing = 0;
  for (var c = 0; c < charts.length; c++) {
    var svg = charts[c], marks = svg.getElementsByClassName("baseline"), seen = false;
    for (var j = 0; j < marks.length && !seen; j++) {
      var mark = marks[j];
      mark.scrollIntoView({block: "center"});
      var ctm = mark.getScreenCTM(), pts = [];
      if (!ctm) continue;
      if (typeof mark.getTotalLength === "function" && mark.tagName !== "circle" &&
          mark.tagName !== "text") {
        var len = mark.getTotalLength();
        for (var s = 0; s <= 40; s++) pts.push(mark.getPointAtLength(len * s / 40));
      } else if (mark.tagName !== "g") {
        var b = mark.getBBox();
        pts.push({x: b.x + b.width / 2, y: b.y + b.height / 2});
      }
      for (var q = 0; q < pts.length && !seen; q++) {
        var pt = svg.createSVGPoint();
        pt.x = pts[q].x;
        pt.y = pts[q].y;
        var sp = pt.matrixTransform(ctm);
        var hit = document.elementFromPoint(sp.x, sp.y);
        if (hit && (hit === mark || mark.contains(hit))) seen = true;
      }
    }
    if (!seen) {
      var t = svg.querySelector("title");
      if (missing++ < 5) out.push("FAIL chart without a visible baseline mark: " +
                                  (t ? t.textContent : svg.id));
    }
  }
  out.push("charts " + charts.length);
  // 5. Every text of a chart stays inside its SVG and overlaps no other text of that chart
  // (screen rectangles, so rotated axis titles count as drawn; 1 px of antialiasing allowed).
  var outside = 0, overlapping = 0;
  for (var c2 = 0; c2 < charts.length; c2++) {
    var box = charts[c2].getBoundingClientRect(), name = charts[c2].querySelector("title");
    name = name ? name.textContent : charts[c2].id;
    var texts = charts[c2].querySelectorAll("text"), rects = [];
    for (var k = 0; k < texts.length; k++) {
      if (!texts[k].textContent.trim()) continue;
      var tr = texts[k].getBoundingClientRect();
      if (tr.width === 0 || tr.height === 0) continue;
      if (tr.left < box.left - 1 || tr.right > box.right + 1 || tr.top < box.top - 1 ||
          tr.bottom > box.bottom + 1) {
        if (outside++ < 5) out.push("FAIL text outside its chart: " + name + ": " + texts[k].textContent);
      }
      for (var q2 = 0; q2 < rects.length; q2++) {
        var o = rects[q2].r;
        var w = Math.min(tr.right, o.right) - Math.max(tr.left, o.left);
        var h = Math.min(tr.bottom, o.bottom) - Math.max(tr.top, o.top);
        if (w > 1 && h > 1 && overlapping++ < 5)
          out.push("FAIL texts overlap in " + name + ": '" + texts[k].textContent + "' and '" +
                   rects[q2].t + "'");
      }
      rects.push({r: tr, t: texts[k].textContent});
    }
  }
  out.push("chart texts outside " + outside + ", overlapping " + overlapping);
  window.scrollTo(0, 0);
  var top = window.parent !== window ? window.parent.document : document;
  var pre = top.createElement("pre");
  var mark = "LAYOUT" + "-";
  pre.textContent = "\n" + mark + "BEGIN\n" + out.join("\n") + "\n" + mark + "END\n";
  top.body.appendChild(pre);
})();
