// vanban report: sorting, filters and the detail of a cell. The matrix is in the HTML; the
// data for the detail (documents, quotes) is the JSON block #audit-data. No network.
(function () {
  "use strict";
  var dataNode = document.getElementById("audit-data");
  var table = document.getElementById("matrix");
  if (!dataNode || !table) return;
  var data = JSON.parse(dataNode.textContent);
  var strength = { implements: 3, basis: 2, cites: 1 };
  var relLabel = {};
  (data.relations || []).forEach(function (r) { relLabel[r.value] = r; });
  var tbody = table.tBodies[0];
  var headRow = table.tHead.rows[0];
  var FIXED = 3; // province, province 2025, documents
  var rows = Array.prototype.slice.call(tbody.rows);
  var detail = document.getElementById("detail");
  var status = document.getElementById("status");

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  // Row index -> column index -> cell, built once (cells move when columns are sorted).
  var cellIndex = {};
  rows.forEach(function (tr) {
    var m = {};
    Array.prototype.forEach.call(tr.querySelectorAll("td.cell"), function (td) {
      m[td.getAttribute("data-col")] = td;
    });
    cellIndex[tr.getAttribute("data-row")] = m;
  });
  function cellOf(tr, col) {
    return cellIndex[tr.getAttribute("data-row")][col] || null;
  }
  function cellScore(td) {
    if (!td || !td.classList.contains("filled")) return 0;
    return (strength[td.getAttribute("data-rel")] || 0) * 100000 + Number(td.getAttribute("data-n"));
  }

  // ---- Sorting -----------------------------------------------------------------------
  var sortState = { key: null, dir: 1 };
  function clearSortMarks() {
    Array.prototype.forEach.call(headRow.cells, function (th) { th.removeAttribute("aria-sort"); });
  }
  function sortRows(key, th, numericDefaultDesc) {
    var dir = sortState.key === key ? -sortState.dir : (numericDefaultDesc ? -1 : 1);
    sortState = { key: key, dir: dir };
    var value;
    if (key === "province") value = function (tr) { return tr.getAttribute("data-key-province"); };
    else if (key === "province2025") value = function (tr) { return tr.getAttribute("data-key-province2025"); };
    else if (key === "documents") value = function (tr) { return Number(tr.getAttribute("data-documents")); };
    else value = function (tr) { return cellScore(cellOf(tr, key)); };
    var sorted = rows.slice().sort(function (a, b) {
      var va = value(a), vb = value(b);
      if (va < vb) return -dir;
      if (va > vb) return dir;
      return Number(a.getAttribute("data-row")) - Number(b.getAttribute("data-row"));
    });
    sorted.forEach(function (tr) { tbody.appendChild(tr); });
    clearSortMarks();
    if (th) th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
  }
  function sortColumnsByRow(tr) {
    var heads = Array.prototype.slice.call(headRow.cells, FIXED);
    var order = heads.map(function (th) { return th.getAttribute("data-col"); });
    order.sort(function (a, b) {
      var d = cellScore(cellOf(tr, b)) - cellScore(cellOf(tr, a));
      return d !== 0 ? d : Number(a) - Number(b);
    });
    order.forEach(function (col) {
      headRow.appendChild(headRow.querySelector('th[data-col="' + col + '"]'));
      rows.forEach(function (r) { r.appendChild(cellOf(r, col)); });
    });
    clearSortMarks();
  }
  headRow.addEventListener("click", function (ev) {
    var b = ev.target.closest("button");
    if (!b) return;
    var th = b.closest("th");
    if (b.hasAttribute("data-sort")) sortRows(b.getAttribute("data-sort"), th, b.getAttribute("data-sort") === "documents");
    else if (b.hasAttribute("data-sort-col")) sortRows(b.getAttribute("data-sort-col"), th, true);
  });
  tbody.addEventListener("click", function (ev) {
    var b = ev.target.closest("button[data-sort-row]");
    if (b) { sortColumnsByRow(b.closest("tr")); return; }
    var td = ev.target.closest("td.cell.filled");
    if (td) showDetail(td);
  });

  // ---- Filters -----------------------------------------------------------------------
  var fProvince = document.getElementById("f-province");
  var f2025 = document.getElementById("f-province2025");
  var fColumn = document.getElementById("f-column");
  var fRelation = document.getElementById("f-relation");
  function applyFilters() {
    var prov = fProvince.value, p25 = f2025.value, col = fColumn.value, rel = fRelation.value;
    var shownRows = 0;
    var colUsed = {};
    rows.forEach(function (tr) {
      var ok = (!prov || tr.getAttribute("data-province") === prov) &&
        (!p25 || tr.getAttribute("data-province2025") === p25);
      if (ok && (col || rel)) {
        var cells = col ? [cellOf(tr, col)] : Array.prototype.slice.call(tr.querySelectorAll("td.cell.filled"));
        ok = cells.some(function (td) {
          return td && td.classList.contains("filled") && (!rel || td.getAttribute("data-rel") === rel);
        });
      }
      tr.classList.toggle("hidden", !ok);
      if (!ok) return;
      shownRows++;
      Array.prototype.forEach.call(tr.querySelectorAll("td.cell"), function (td) {
        var match = td.classList.contains("filled") && (!rel || td.getAttribute("data-rel") === rel);
        td.classList.toggle("off", td.classList.contains("filled") && !match);
        if (match) colUsed[td.getAttribute("data-col")] = true;
      });
    });
    var shownCols = 0;
    var heads = Array.prototype.slice.call(headRow.cells, FIXED);
    heads.forEach(function (th) {
      var c = th.getAttribute("data-col");
      var ok = col ? c === col : (!rel && !prov && !p25) || colUsed[c] === true;
      th.classList.toggle("hidden", !ok);
      rows.forEach(function (tr) { var td = cellOf(tr, c); if (td) td.classList.toggle("hidden", !ok); });
      if (ok) shownCols++;
    });
    status.textContent = "Hiển thị " + shownRows + "/" + rows.length + " tỉnh, " +
      shownCols + "/" + heads.length + " văn bản được dẫn.";
  }
  [fProvince, f2025, fColumn, fRelation].forEach(function (s) { s.addEventListener("change", applyFilters); });
  document.getElementById("filters").addEventListener("reset", function () { setTimeout(applyFilters, 0); });

  // ---- Keyboard in the matrix ---------------------------------------------------------
  function visibleCells(tr) {
    return Array.prototype.filter.call(tr.querySelectorAll("td.cell"), function (td) { return !td.classList.contains("hidden"); });
  }
  function visibleRows() {
    return Array.prototype.filter.call(tbody.rows, function (tr) { return !tr.classList.contains("hidden"); });
  }
  tbody.addEventListener("keydown", function (ev) {
    var td = ev.target.closest && ev.target.closest("td.cell");
    if (!td) return;
    if ((ev.key === "Enter" || ev.key === " ") && td.classList.contains("filled")) {
      ev.preventDefault();
      showDetail(td);
      return;
    }
    var moves = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };
    var m = moves[ev.key];
    if (!m) return;
    ev.preventDefault();
    var vr = visibleRows();
    var r = vr.indexOf(td.parentNode);
    var cells = visibleCells(td.parentNode);
    var c = cells.indexOf(td);
    var nr = Math.min(Math.max(r + m[0], 0), vr.length - 1);
    var ncells = visibleCells(vr[nr]);
    var target = ncells[Math.min(Math.max(c + m[1], 0), ncells.length - 1)];
    if (target) {
      if (!target.hasAttribute("tabindex")) target.tabIndex = -1;
      target.focus();
    }
  });

  // ---- Detail of a cell ----------------------------------------------------------------
  function viDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return m ? Number(m[3]) + "/" + Number(m[2]) + "/" + m[1] : iso;
  }
  function quoteNode(q) {
    var li = el("li");
    var chars = Array.from(q.text);
    li.appendChild(document.createTextNode(chars.slice(0, q.start).join("")));
    li.appendChild(el("mark", null, chars.slice(q.start, q.end).join("")));
    li.appendChild(document.createTextNode(chars.slice(q.end).join("")));
    return li;
  }
  function showDetail(td) {
    var tr = td.parentNode;
    var row = data.rows[Number(tr.getAttribute("data-row"))];
    var colIndex = Number(td.getAttribute("data-col"));
    var column = data.columns[colIndex];
    var cell = row && row.cells[colIndex];
    if (!row || !column || !cell) return;
    Array.prototype.forEach.call(table.querySelectorAll("td.selected"), function (x) { x.classList.remove("selected"); });
    td.classList.add("selected");
    detail.textContent = "";
    detail.classList.add("open");
    var rel = relLabel[cell.relation] || { label: cell.relation, symbol: "" };
    var province = row.province || row.province_2025 || "—";
    detail.appendChild(el("h3", null, province + " × " + column.label));
    detail.appendChild(el("p", "meta", rel.symbol + " " + rel.label + " — " + cell.documents.length + "/" +
      row.documents.length + " văn bản của tỉnh" + (row.province_2025 ? " (tỉnh " + row.province_2025 + " từ 2025)" : "")));
    cell.documents.forEach(function (i) {
      var d = data.documents[i];
      var cite = d.cites[colIndex];
      var art = el("article", "doc");
      art.setAttribute("data-path", d.path);
      var name = [d.doc_type, d.doc_number].filter(Boolean).join(" số ") || d.path;
      art.appendChild(el("h4", null, name + (d.date ? ", ngày " + viDate(d.date) : "")));
      if (d.title) art.appendChild(el("p", "title", d.title));
      var r = cite ? (relLabel[cite.relation] || { label: cite.relation, symbol: "" }) : { label: "—", symbol: "" };
      art.appendChild(el("p", "meta", "Quan hệ: " + r.symbol + " " + r.label + " · Tệp: " + d.path));
      var quotes = cite ? cite.quotes : [];
      if (quotes.length) {
        var ol = el("ol", "quotes");
        quotes.forEach(function (q) { ol.appendChild(quoteNode(q)); });
        art.appendChild(ol);
      } else {
        art.appendChild(el("p", "meta", "Không có câu trích dẫn (văn bản không ghi vị trí)."));
      }
      detail.appendChild(art);
    });
    if (typeof detail.scrollIntoView === "function") detail.scrollIntoView({ block: "nearest" });
  }

  applyFilters();
})();
