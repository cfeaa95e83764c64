// Timeline, map and network pages. Data come from the JSON API for the current filter; every
// string from the data is inserted with d3's .text() (textContent), never as HTML.
(function () {
  "use strict";
  var box = document.getElementById("chart");
  var status = document.getElementById("chart-status");
  if (!box) return;
  var kind = box.getAttribute("data-kind");
  var query = box.getAttribute("data-query") || "";
  function say(msg) { status.textContent = msg; }
  if (typeof d3 === "undefined") {
    say("Chart library not installed: run `npm ci` in the newswire checkout (see docs/web.md). The events table still works.");
    return;
  }
  var QUAD = { "1": "#60a5fa", "2": "#16a34a", "3": "#f59e0b", "4": "#dc2626" };
  var QUAD_NAME = { "1": "verbal cooperation", "2": "material cooperation", "3": "verbal conflict", "4": "material conflict" };
  var tip = d3.select(box).append("div").attr("class", "chart-tip").style("display", "none");
  function showTip(ev, lines) {
    var r = box.getBoundingClientRect();
    tip.style("display", null).text(lines.join("\n"))
      .style("left", (ev.clientX - r.left + 12) + "px").style("top", (ev.clientY - r.top + 12) + "px");
  }
  function hideTip() { tip.style("display", "none"); }
  function api(path, extra) {
    var q = [query, extra || ""].filter(Boolean).join("&");
    return fetch(path + (q ? "?" + q : "")).then(function (r) {
      if (!r.ok) return r.json().then(function (j) { throw new Error(j.detail || r.statusText); });
      return r.json();
    });
  }

  function timeline() {
    var interval = document.getElementById("interval");
    var by = document.getElementById("by");
    function draw() {
      d3.select(box).selectAll("svg").remove();
      api("/api/aggregates/events", "interval=" + interval.value + "&by=" + by.value).then(function (data) {
        var rows = data.items;
        if (!rows.length) { say("No dated events match."); return; }
        var periods = Array.from(new Set(rows.map(function (d) { return d.period; }))).sort();
        var keys = Array.from(new Set(rows.map(function (d) { return d.key; }))).sort();
        var table = periods.map(function (p) {
          var o = { period: p };
          keys.forEach(function (k) { o[k] = 0; });
          return o;
        });
        var idx = new Map(periods.map(function (p, i) { return [p, i]; }));
        rows.forEach(function (d) { table[idx.get(d.period)][d.key] += d.count; });
        var stack = d3.stack().keys(keys)(table);
        var W = 1000, H = 420, m = { t: 20, r: 160, b: 60, l: 40 };
        var x = d3.scaleBand().domain(periods).range([m.l, W - m.r]).padding(0.15);
        var y = d3.scaleLinear().domain([0, d3.max(stack[stack.length - 1], function (d) { return d[1]; }) || 1]).nice().range([H - m.b, m.t]);
        var color = by.value === "quad" ? function (k) { return QUAD[k] || "#999"; } : d3.scaleOrdinal(d3.schemeTableau10.concat(d3.schemeDark2)).domain(keys);
        var svg = d3.select(box).append("svg").attr("viewBox", "0 0 " + W + " " + H).attr("id", "timeline-svg");
        svg.append("g").selectAll("g").data(stack).join("g").attr("fill", function (s) { return color(s.key); })
          .selectAll("rect").data(function (s) { return s.map(function (d) { return [d, s.key]; }); }).join("rect")
          .attr("x", function (d) { return x(d[0].data.period); }).attr("width", x.bandwidth())
          .attr("y", function (d) { return y(d[0][1]); }).attr("height", function (d) { return y(d[0][0]) - y(d[0][1]); })
          .on("mousemove", function (ev, d) { showTip(ev, [d[0].data.period, d[1] + ": " + (d[0][1] - d[0][0])]); })
          .on("mouseout", hideTip);
        var ticks = periods.length > 20 ? periods.filter(function (_, i) { return i % Math.ceil(periods.length / 20) === 0; }) : periods;
        svg.append("g").attr("transform", "translate(0," + (H - m.b) + ")").call(d3.axisBottom(x).tickValues(ticks))
          .selectAll("text").attr("transform", "rotate(-35)").style("text-anchor", "end");
        svg.append("g").attr("transform", "translate(" + m.l + ",0)").call(d3.axisLeft(y).ticks(6));
        var leg = svg.append("g").attr("transform", "translate(" + (W - m.r + 14) + "," + m.t + ")");
        keys.forEach(function (k, i) {
          var g = leg.append("g").attr("transform", "translate(0," + i * 18 + ")");
          g.append("rect").attr("width", 12).attr("height", 12).attr("fill", color(k));
          g.append("text").attr("x", 18).attr("y", 10).style("font-size", "12px").text(by.value === "quad" ? k + " " + (QUAD_NAME[k] || "") : k);
        });
        say(d3.sum(rows, function (d) { return d.count; }) + " dated event(s) in " + periods.length + " " + interval.value + "(s).");
      }).catch(function (e) { say("Could not load the timeline: " + e.message); });
    }
    interval.addEventListener("change", function () { draw(); drawBalance(); });
    by.addEventListener("change", draw);
    draw();

    var form = document.getElementById("balance-form");
    var bbox = document.getElementById("balance");
    var bstatus = document.getElementById("balance-status");
    function drawBalance() {
      var a = document.getElementById("balance-a").value.trim();
      var b = document.getElementById("balance-b").value.trim();
      d3.select(bbox).selectAll("svg").remove();
      if (!a || !b) { bstatus.textContent = "Name two actors (ISO3 code or part of a name)."; return; }
      var extra = "a=" + encodeURIComponent(a) + "&b=" + encodeURIComponent(b) + "&interval=" + interval.value;
      api("/api/aggregates/balance", extra).then(function (data) {
        var rows = data.items;
        if (!rows.length) { bstatus.textContent = "No events between these two actors."; return; }
        var W = 1000, H = 260, m = { t: 14, r: 20, b: 50, l: 44 };
        var x = d3.scaleBand().domain(rows.map(function (d) { return d.period; })).range([m.l, W - m.r]).padding(0.2);
        var ext = d3.max(rows, function (d) { return Math.abs(d.score); }) || 1;
        var y = d3.scaleLinear().domain([-ext, ext]).nice().range([H - m.b, m.t]);
        var svg = d3.select(bbox).append("svg").attr("viewBox", "0 0 " + W + " " + H).attr("id", "balance-svg");
        svg.append("g").selectAll("rect").data(rows).join("rect")
          .attr("x", function (d) { return x(d.period); }).attr("width", x.bandwidth())
          .attr("y", function (d) { return y(Math.max(0, d.score)); })
          .attr("height", function (d) { return Math.abs(y(d.score) - y(0)); })
          .attr("fill", function (d) { return d.score >= 0 ? "#16a34a" : "#dc2626"; })
          .on("mousemove", function (ev, d) {
            showTip(ev, [d.period, "sum " + d.score + " over " + d.events + " event(s), mean " + d.mean,
              a + " -> " + b + ": " + d.a_to_b, b + " -> " + a + ": " + d.b_to_a]);
          })
          .on("mouseout", hideTip);
        svg.append("g").attr("transform", "translate(0," + y(0) + ")").call(d3.axisBottom(x).tickSize(0).tickFormat(""));
        svg.append("g").attr("transform", "translate(0," + (H - m.b) + ")").call(d3.axisBottom(x))
          .selectAll("text").attr("transform", "rotate(-35)").style("text-anchor", "end");
        svg.append("g").attr("transform", "translate(" + m.l + ",0)").call(d3.axisLeft(y).ticks(5));
        bstatus.textContent = d3.sum(rows, function (d) { return d.events; }) + " event(s) between " + a + " and " + b + ".";
      }).catch(function (e) { bstatus.textContent = "Could not load the balance: " + e.message; });
    }
    form.addEventListener("submit", function (ev) { ev.preventDefault(); drawBalance(); });
    drawBalance();
  }

  function map() {
    Promise.all([fetch("/assets/countries-110m.json").then(function (r) { return r.json(); }), api("/api/map")]).then(function (res) {
      var world = res[0], data = res[1];
      var W = 1000, H = 520;
      var projection = d3.geoNaturalEarth1().fitSize([W, H], { type: "Sphere" });
      var path = d3.geoPath(projection);
      var counts = new Map(data.countries.filter(function (c) { return c.numeric; }).map(function (c) { return [c.numeric, c]; }));
      var max = d3.max(data.countries, function (c) { return c.count; }) || 1;
      var shade = d3.scaleSequential(d3.interpolateOrRd).domain([0, max]);
      var svg = d3.select(box).append("svg").attr("viewBox", "0 0 " + W + " " + H).attr("id", "map-svg");
      svg.append("path").attr("d", path({ type: "Sphere" })).attr("fill", "#eef6fb").attr("stroke", "#cbd5e1");
      var countries = topojson.feature(world, world.objects.countries).features;
      svg.append("g").selectAll("path").data(countries).join("path").attr("d", path)
        .attr("class", "country")
        .attr("fill", function (f) { var c = counts.get(String(f.id)); return c ? shade(c.count) : "#f3f4f6"; })
        .attr("stroke", "#9ca3af").attr("stroke-width", 0.4)
        .on("mousemove", function (ev, f) {
          var c = counts.get(String(f.id));
          showTip(ev, [(f.properties && f.properties.name) || "", (c ? c.count : 0) + " event(s)"]);
        })
        .on("mouseout", hideTip);
      var pts = data.events.features;
      svg.append("g").selectAll("circle").data(pts).join("circle").attr("class", "event-dot")
        .attr("cx", function (f) { return projection(f.geometry.coordinates)[0]; })
        .attr("cy", function (f) { return projection(f.geometry.coordinates)[1]; })
        .attr("r", 4.5).attr("fill", function (f) { return QUAD[String(f.properties.quad)] || "#333"; })
        .attr("stroke", "#111827").attr("stroke-width", 0.6).attr("opacity", 0.85)
        .on("mousemove", function (ev, f) {
          var p = f.properties;
          showTip(ev, [p.type + (p.mode ? "/" + p.mode : "") + " · " + (p.date_start || "undated"),
            (p.source_name || "?") + " -> " + (p.target_name || "-"), p.where_name || p.where_text || "", p.title || p.document_id]);
        })
        .on("mouseout", hideTip)
        .on("click", function (ev, f) { location.href = "/documents/" + encodeURIComponent(f.properties.document_id) + "#" + encodeURIComponent(f.properties.event_id); });
      say(pts.length + " located event(s); " + data.countries.length + " countr(ies) shaded by number of events located there.");
    }).catch(function (e) { say("Could not load the map: " + e.message); });
  }

  function network() {
    api("/api/network").then(function (data) {
      if (!data.nodes.length) { say("No events with both a source and a target match."); return; }
      var W = 1000, H = 600;
      var svg = d3.select(box).append("svg").attr("viewBox", "0 0 " + W + " " + H).attr("id", "network-svg");
      svg.append("defs").selectAll("marker").data(["1", "2", "3", "4"]).join("marker")
        .attr("id", function (q) { return "arrow-q" + q; }).attr("viewBox", "0 -5 10 10").attr("refX", 18).attr("refY", 0)
        .attr("markerWidth", 6).attr("markerHeight", 6).attr("orient", "auto")
        .append("path").attr("d", "M0,-5L10,0L0,5").attr("fill", function (q) { return QUAD[q]; });
      var nodes = data.nodes.map(function (n) { return Object.assign({}, n); });
      var links = data.edges.map(function (e) { return Object.assign({}, e); });
      var r = d3.scaleSqrt().domain([1, d3.max(nodes, function (n) { return n.events; }) || 1]).range([5, 18]);
      var sim = d3.forceSimulation(nodes)
        .force("link", d3.forceLink(links).id(function (n) { return n.id; }).distance(120))
        .force("charge", d3.forceManyBody().strength(-260))
        .force("x", d3.forceX(W / 2).strength(0.04)).force("y", d3.forceY(H / 2).strength(0.05))
        .force("center", d3.forceCenter(W / 2, H / 2))
        .force("collide", d3.forceCollide().radius(function (n) { return r(n.events) + 24; }));
      var link = svg.append("g").selectAll("line").data(links).join("line").attr("class", "edge")
        .attr("stroke", function (e) { return QUAD[String(e.quad)]; })
        .attr("stroke-width", function (e) { return 1.5 + Math.sqrt(e.count) * 1.5; }).attr("stroke-opacity", 0.8)
        .attr("marker-end", function (e) { return "url(#arrow-q" + e.quad + ")"; })
        .on("mousemove", function (ev, e) {
          showTip(ev, [e.source.name + " -> " + e.target.name, e.count + " event(s), mostly " + QUAD_NAME[String(e.quad)],
            "mean PLOVER score " + e.score]);
        })
        .on("mouseout", hideTip);
      var node = svg.append("g").selectAll("g").data(nodes).join("g").attr("class", "node")
        .call(d3.drag()
          .on("start", function (ev, n) { if (!ev.active) sim.alphaTarget(0.3).restart(); n.fx = n.x; n.fy = n.y; })
          .on("drag", function (ev, n) { n.fx = ev.x; n.fy = ev.y; })
          .on("end", function (ev, n) { if (!ev.active) sim.alphaTarget(0); n.fx = null; n.fy = null; }));
      node.append("circle").attr("r", function (n) { return r(n.events); }).attr("fill", "#e5e7eb").attr("stroke", "#374151");
      node.append("text").attr("x", function (n) { return r(n.events) + 3; }).attr("y", 4).style("font-size", "12px")
        .text(function (n) { return n.name + (n.country && n.country !== n.name ? " (" + n.country + ")" : ""); });
      node.on("mousemove", function (ev, n) { showTip(ev, [n.name, (n.kind || "") + " " + (n.country || ""), n.events + " event(s)"]); })
        .on("mouseout", hideTip)
        .on("dblclick", function (ev, n) { location.href = "/events?actor=" + encodeURIComponent(n.name); });
      sim.on("tick", function () {
        nodes.forEach(function (n) { n.x = Math.max(20, Math.min(W - 120, n.x)); n.y = Math.max(20, Math.min(H - 20, n.y)); });
        link.attr("x1", function (e) { return e.source.x; }).attr("y1", function (e) { return e.source.y; })
          .attr("x2", function (e) { return e.target.x; }).attr("y2", function (e) { return e.target.y; });
        node.attr("transform", function (n) { return "translate(" + n.x + "," + n.y + ")"; });
      });
      say(nodes.length + " actor(s), " + links.length + " directed pair(s). Double-click an actor to list its events.");
    }).catch(function (e) { say("Could not load the network: " + e.message); });
  }

  if (kind === "timeline") timeline();
  else if (kind === "map") map();
  else if (kind === "network") network();
})();
