/* korrektor review page: plain JavaScript, no dependencies.
 *
 * The service answers with edits whose offsets are Unicode code points into the input. JavaScript
 * strings index UTF-16 code units, so the page maps code points to code units once per input
 * (cpIndex) and slices with that map; a character outside the BMP (𝔄, an emoji) counts once.
 *
 * Each change is an "item": an applied edit (decision "accepted" unless the reviewer rejects it) or
 * a doubt, a correction korrektor did not apply (decision "rejected" unless the reviewer accepts
 * it). The reviewed text is always computed from the input and the decisions, never from the page.
 */
(function () {
  "use strict";

  // the kinds of korrektor.rules.Kind (a test compares them)
  const KINDS = ["word", "punctuation", "speck", "glyph", "quote", "dash", "hyphenation", "furniture", "layout", "unicode"];
  // the same words as the HTML report (korrektor.report.KIND_LABELS; a test compares them)
  const KIND_NAMES = {word: "Wort", punctuation: "Satzzeichen", speck: "OCR-Rest", glyph: "Zeichenform",
    quote: "Anführungszeichen", dash: "Strich", hyphenation: "Silbentrennung",
    furniture: "Kopfzeile/Seitenzahl", layout: "Zeilenumbruch", unicode: "Zeichenkodierung", other: "sonstige"};
  const EXAMPLE = "Die Hiitte am See wird erneuert\n\n" +
    "Im Friihjahr hat der Verein beschlossen, die alte Hiitte am Ufer zu\n" +
    "erneuern. ,,Wir mochten, dass die Schiler hier wieder lernen kdnnen\",\n" +
    "sagte die Biirgermeisterin am Dienstag. Die Mittel reichen fur zwei zusatz-\n" +
    "liche Betten - und fur neue Biicher in der kleinen Bibliothek.\n\n" +
    "Wahrend der Bauzeit bleibt das Haus geschlossen. Die Kinder der grofen\n" +
    "Klassen helfen beim Streichen der Wande, die Eltern kiimmern sich um den\n" +
    "Garten. Im Herbst soll die Hiitte wieder offnen: ,,Dann feiern wir ein\n" +
    "Fest fiir alle, die mitgeholfen haben\".\n";

  const $ = (id) => document.getElementById(id);
  const state = {input: "", cp: null, items: [], unplaced: [], order: [], current: -1, config: {}};

  // ------------------------------------------------------------------ text and offsets

  function cpIndex(s) {
    // cp[i] = UTF-16 offset of code point i; cp[n] = s.length
    const out = [0];
    let u = 0;
    for (const ch of s) { u += ch.length; out.push(u); }
    return out;
  }
  function slice(start, end) { return state.input.slice(state.cp[start], state.cp[end]); }

  function chosen(item) {
    if (item.decision === "accepted") return item.after;
    if (item.decision === "alternative") return item.choice;
    return item.before;
  }

  function reviewedText() {
    const parts = [];
    let pos = 0;
    for (const it of state.items) {
      parts.push(slice(pos, it.start), chosen(it));
      pos = it.end;
    }
    parts.push(slice(pos, state.cp.length - 1));
    return parts.join("");
  }

  function visible(s) {
    if (s === "") return "∅ (nichts)";
    return s.replace(/ /g, "␣").replace(/\n/g, "↵").replace(/\t/g, "⇥");
  }
  function kindsOf(kind) { return kind.split("+").map((k) => (KINDS.includes(k) ? k : "other")); }
  function kindLabel(kind) { return kind.split("+").map((k) => KIND_NAMES[k] || k).join(" + "); }
  function confClass(c) { return c >= 0.9 ? "c-high" : c >= 0.7 ? "c-mid" : "c-low"; }

  // A confidence with two decimals, rounded down (as korrektor.edits.format_confidence): 0.99999 shows
  // as 0.99, never 1.00, which would suggest that "anwenden ab 1" still applies it. c * 100 is rounded
  // to a double (0.29 * 100 = 28.999999999999996), so the floor is checked against hundredths / 100.
  function confText(c) {
    let hundredths = Math.floor(c * 100);
    if ((hundredths + 1) / 100 <= c) hundredths += 1;
    else if (hundredths / 100 > c) hundredths -= 1;
    return (hundredths / 100).toFixed(2);
  }

  // ------------------------------------------------------------------ building the items

  function overlaps(a, b) {
    if (a.start < b.end && b.start < a.end) return true;
    if (a.start === a.end && b.start <= a.start && a.start <= b.end) return true;
    if (b.start === b.end && a.start <= b.start && b.start <= a.end) return true;
    return false;
  }

  function buildItems(result, reviewBelow) {
    const items = result.edits.map((e) => Object.assign({}, e, {source: "edit", decision: "accepted"}));
    const unplaced = [];
    const bySpan = new Map();
    for (const d of result.doubts) {
      const key = d.start + ":" + d.end;
      if (bySpan.has(key)) { // another reading of the same span: an alternative
        const it = bySpan.get(key);
        if (d.after !== it.after && !it.alternatives.includes(d.after)) it.alternatives.push(d.after);
        continue;
      }
      const it = Object.assign({}, d, {alternatives: d.alternatives.slice(), source: "doubt", decision: "rejected"});
      if (items.some((o) => overlaps(o, it))) { unplaced.push(it); continue; }
      bySpan.set(key, it);
      items.push(it);
    }
    items.sort((a, b) => a.start - b.start || a.end - b.end);
    items.forEach((it, i) => {
      it.id = i;
      it.alternatives = it.alternatives.filter((a) => a !== it.after && a !== it.before);
      it.doubtful = it.source === "doubt" || it.confidence < reviewBelow;
      it.reviewed = false;
      it.initial = it.decision;
    });
    return {items, unplaced};
  }

  // ------------------------------------------------------------------ rendering

  function spanFor(it) { return document.querySelector('#doc .edit[data-id="' + it.id + '"]'); }

  function paint(it, span) {
    span = span || spanFor(it);
    const text = chosen(it);
    span.textContent = text;
    span.className = ["edit", ...kindsOf(it.kind).map((k) => "k-" + k), confClass(it.confidence),
      "st-" + it.decision, it.doubtful ? "doubt" : "", it.reviewed ? "reviewed" : "",
      text === "" ? "empty" : "", state.order[state.current] === it.id ? "current" : ""]
      .filter(Boolean).join(" ");
    span.dataset.kind = it.kind;
    span.dataset.state = it.decision;
    span.setAttribute("aria-label", kindLabel(it.kind) + ": " + visible(it.before) +
      " → " + visible(it.after) + (it.decision === "rejected" ? " (abgelehnt)" : ""));
    const li = document.querySelector('#doubts li[data-id="' + it.id + '"]');
    if (li) {
      li.className = "st-" + it.decision + (it.reviewed ? " reviewed" : "") +
        (state.order[state.current] === it.id ? " current" : "");
      li.querySelector(".mark").textContent = !it.reviewed ? "•" : it.decision === "rejected" ? "✗" : "✓";
    }
  }

  function render() {
    const doc = $("doc");
    doc.textContent = "";
    let pos = 0;
    const frag = document.createDocumentFragment();
    for (const it of state.items) {
      if (it.start > pos) frag.appendChild(document.createTextNode(slice(pos, it.start)));
      const span = document.createElement("span");
      span.className = "edit";
      span.dataset.id = it.id;
      span.tabIndex = it.doubtful ? 0 : -1;
      frag.appendChild(span);
      pos = it.end;
    }
    frag.appendChild(document.createTextNode(slice(pos, state.cp.length - 1)));
    doc.appendChild(frag);

    const list = $("doubts");
    list.textContent = "";
    state.order = state.items.filter((it) => it.doubtful).map((it) => it.id);
    for (const id of state.order) {
      const it = state.items[id];
      const li = document.createElement("li");
      li.dataset.id = id;
      li.innerHTML = '<span class="mark"></span><span class="what"></span><span class="conf"></span>';
      li.querySelector(".what").innerHTML = "<s></s> → <b></b>";
      li.querySelector(".what s").textContent = visible(it.before);
      li.querySelector(".what b").textContent = visible(it.after);
      li.querySelector(".conf").textContent = confText(it.confidence) + (it.source === "doubt" ? " ?" : "");
      li.title = kindLabel(it.kind) + " · " + it.rule + (it.source === "doubt" ? " · nicht angewandt" : "");
      li.addEventListener("click", () => goTo(state.order.indexOf(id), true));
      list.appendChild(li);
    }
    for (const it of state.unplaced) {
      const li = document.createElement("li");
      li.className = "unplaced";
      li.title = "überschneidet sich mit einer angewandten Änderung";
      li.innerHTML = '<span class="mark">·</span><span class="what"><s></s> → <b></b></span><span class="conf"></span>';
      li.querySelector("s").textContent = visible(it.before);
      li.querySelector("b").textContent = visible(it.after);
      li.querySelector(".conf").textContent = confText(it.confidence) + " ?";
      list.appendChild(li);
    }
    $("doubt-count").textContent = "(" + state.order.length + ")";
    $("no-doubts").hidden = state.order.length + state.unplaced.length > 0;
    state.current = -1;
    for (const it of state.items) paint(it);
    stats();
  }

  function stats() {
    const n = state.items.length;
    const applied = state.items.filter((it) => it.decision !== "rejected").length;
    const open = state.order.filter((id) => !state.items[id].reviewed).length;
    const edits = state.items.filter((it) => it.source === "edit").length;
    $("stats").innerHTML = "<b>" + edits + "</b> Änderungen, <b>" + (n - edits) + "</b> Vorschläge · " +
      "<b>" + applied + "</b> übernommen · <b>" + open + "</b> von " + state.order.length + " offen";
  }

  function legend() {
    const el = $("legend");
    el.textContent = "";
    for (const k of KINDS) {
      const s = document.createElement("span");
      s.className = "k-" + k;
      s.style.background = "var(--" + k + ")";
      s.textContent = KIND_NAMES[k];
      el.appendChild(s);
    }
  }

  // ------------------------------------------------------------------ the popover

  let hideTimer = null;
  let popItem = null;

  function showPop(it, span) {
    clearTimeout(hideTimer);
    popItem = it;
    const pop = $("pop");
    pop.textContent = "";
    const meta = document.createElement("div");
    meta.className = "meta";
    meta.textContent = kindLabel(it.kind) + " · " + it.rule + " · Konfidenz " + confText(it.confidence) +
      (it.source === "doubt" ? " · nicht angewandt" : "");
    pop.appendChild(meta);
    const row = (label, value) => {
      const r = document.createElement("div");
      r.className = "row";
      const a = document.createElement("span"); a.textContent = label;
      const b = document.createElement("span");
      const q = document.createElement("q"); q.textContent = visible(value);
      b.appendChild(q); r.append(a, b); pop.appendChild(r);
    };
    row("Original", it.before);
    row(it.source === "doubt" ? "Vorschlag" : "Korrektur", it.after);
    if (it.alternatives.length) {
      const r = document.createElement("div");
      r.className = "row";
      r.innerHTML = "<span>Alternativen</span><span></span>";
      r.lastChild.textContent = it.alternatives.map(visible).join(", ");
      pop.appendChild(r);
    }
    const buttons = document.createElement("div");
    buttons.className = "buttons";
    const button = (label, title, on, act) => {
      const b = document.createElement("button");
      b.type = "button"; b.textContent = label; b.title = title;
      if (on) b.classList.add("on");
      b.addEventListener("click", (ev) => { ev.stopPropagation(); act(); });
      buttons.appendChild(b);
      return b;
    };
    button("✓ annehmen", "Korrektur übernehmen (Enter)", it.decision === "accepted", () => decide(it, "accepted"))
      .dataset.action = "accept";
    button("✗ ablehnen", "Original behalten (Entf)", it.decision === "rejected", () => decide(it, "rejected"))
      .dataset.action = "reject";
    it.alternatives.forEach((alt, i) => {
      button((i + 1) + ": " + visible(alt), "Diese Alternative wählen (" + (i + 1) + ")",
        it.decision === "alternative" && it.choice === alt, () => decide(it, "alternative", alt))
        .dataset.action = "alt" + (i + 1);
    });
    pop.appendChild(buttons);
    pop.hidden = false;
    const r = (span || spanFor(it)).getBoundingClientRect();
    const w = pop.offsetWidth;
    const left = Math.max(8, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - w - 8));
    pop.style.left = left + "px";
    pop.style.top = (window.scrollY + r.bottom + 6) + "px";
  }

  function hidePop(delay) {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(() => { $("pop").hidden = true; popItem = null; }, delay || 0);
  }

  // ------------------------------------------------------------------ decisions and navigation

  function decide(it, decision, choice) {
    it.decision = decision;
    it.choice = decision === "alternative" ? choice : undefined;
    it.reviewed = true;
    paint(it);
    stats();
    if (popItem === it) showPop(it);
  }

  function goTo(index, focus) {
    if (!state.order.length) return;
    const prev = state.current;
    state.current = (index + state.order.length) % state.order.length;
    if (prev >= 0 && prev < state.order.length) paint(state.items[state.order[prev]]);
    const it = state.items[state.order[state.current]];
    paint(it);
    const span = spanFor(it);
    if (focus) span.focus({preventScroll: true});
    span.scrollIntoView({block: "nearest"});
    const li = document.querySelector('#doubts li[data-id="' + it.id + '"]');
    if (li) li.scrollIntoView({block: "nearest"});
    showPop(it, span);
  }

  function currentItem() {
    const el = document.activeElement;
    if (el && el.classList && el.classList.contains("edit")) return state.items[+el.dataset.id];
    if (popItem) return popItem;
    if (state.current >= 0) return state.items[state.order[state.current]];
    return null;
  }

  function step(delta) {
    const it = currentItem();
    let index;
    if (it && state.order.includes(it.id)) index = state.order.indexOf(it.id) + delta;
    else if (it) { // from a non-doubtful edit: the next doubt after (or before) it
      const after = state.order.findIndex((id) => id > it.id);
      index = delta > 0 ? (after < 0 ? 0 : after) : (after < 0 ? state.order.length : after) - 1;
    } else index = delta > 0 ? 0 : -1;
    goTo(index, true);
  }

  function onKey(ev) {
    if (ev.altKey || ev.ctrlKey || ev.metaKey || $("review").hidden) return;
    const t = ev.target;
    if (t && (t.tagName === "TEXTAREA" || (t.tagName === "INPUT" && t.type !== "checkbox"))) return;
    if (t && t.tagName === "BUTTON" && (ev.key === "Enter" || ev.key === " ")) return;
    const it = currentItem();
    const key = ev.key;
    if (key === "n" || key === "j") { step(1); }
    else if (key === "p" || key === "k") { step(-1); }
    else if (key === "Escape") { hidePop(); }
    else if (it && key === "Enter") { decide(it, "accepted"); if (it.doubtful) step(1); }
    else if (it && (key === "Delete" || key === "Backspace")) { decide(it, "rejected"); if (it.doubtful) step(1); }
    else if (it && /^[1-9]$/.test(key) && it.alternatives[+key - 1] !== undefined) {
      decide(it, "alternative", it.alternatives[+key - 1]);
    } else return;
    ev.preventDefault();
  }

  // ------------------------------------------------------------------ export

  function download(name, type, content) {
    const url = URL.createObjectURL(new Blob([content], {type: type}));
    const a = document.createElement("a");
    a.href = url; a.download = name;
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 5000);
  }

  function editLog() {
    const strip = (it) => ({start: it.start, end: it.end, before: it.before, after: it.after, kind: it.kind,
      rule: it.rule, confidence: it.confidence, alternatives: it.alternatives, source: it.source,
      decision: it.decision, chosen: chosen(it), reviewed: it.reviewed});
    return {
      offsets: "code points into input",
      config: state.config,
      input: state.input,
      text: reviewedText(),
      edits: state.items.map(strip),
      unplaced_doubts: state.unplaced.map((it) => ({start: it.start, end: it.end, before: it.before, after: it.after,
        kind: it.kind, rule: it.rule, confidence: it.confidence, alternatives: it.alternatives})),
    };
  }

  window.korrektorReview = {reviewedText: reviewedText, editLog: editLog, state: state};

  // ------------------------------------------------------------------ talking to the service

  function showError(msg, detail) {
    const el = $("error");
    el.textContent = msg || "";
    el.title = detail || "";  // the service's own (English) words, for a bug report
    el.hidden = !msg;
  }

  function showNotice(msg) {
    $("notice").textContent = msg || "";
    $("notice").hidden = !msg;
  }

  // The service explains errors in English (for API users, in "error"); the page says them in
  // German, chosen by the error's "code", else by its HTTP status (a proxy in front of the service,
  // or an older service, may answer without a code). "what" is "Die Datei" or "Der Text".
  function size(bytes) {
    const mb = bytes / (1024 * 1024);
    return mb >= 1 ? mb.toLocaleString("de-DE", {maximumFractionDigits: 1}) + " MB" : Math.floor(bytes / 1024) + " kB";
  }
  const ERROR_TEXTS = {
    not_utf8: () => "Die Datei ist kein UTF-8-Text. Speichern Sie sie als UTF-8, oder wählen Sie " +
      "„Unlesbare Bytes als � lesen“ und laden Sie sie noch einmal.",
    binary_file: () => "Die Datei ist keine Textdatei (sie enthält Null-Bytes). Eine UTF-16-Datei bitte erst " +
      "als UTF-8 speichern.",
    empty_file: () => "Die Datei ist leer.",
    unreadable_xml: () => "Die Datei sieht nach hOCR, ALTO oder PAGE aus, lässt sich aber nicht lesen.",
    xml_unsupported: () => "hOCR, ALTO und PAGE kann diese Installation nicht lesen (es fehlt korrektor[formats]); " +
      "bitte reinen Text laden.",
    too_large: (what, body) => what + " ist zu groß" +
      (body.limit ? ": höchstens " + size(body.limit) + " sind möglich." : ".") +
      " Bitte in kleineren Teilen korrigieren.",
    unauthorized: () => "Dieser Dienst verlangt einen Zugangsschlüssel: bitte im Feld „Zugangsschlüssel“ " +
      "eintragen und noch einmal versuchen.",
    busy: () => "Der Dienst ist gerade ausgelastet. Bitte gleich noch einmal versuchen.",
    timeout: () => "Die Korrektur hat zu lange gedauert. Bitte einen kürzeren Text senden.",
  };
  const CODE_BY_STATUS = {401: "unauthorized", 413: "too_large", 503: "busy", 504: "timeout"};

  function germanError(status, body, what) {
    let code = body.code || CODE_BY_STATUS[status];
    // a decoding error answered as "unsupported" or "unprocessable" by a service without codes
    if (!code && what === "Die Datei" && (status === 415 || status === 422)) code = "not_utf8";
    const text = ERROR_TEXTS[code];
    return text ? text(what, body) : "Der Dienst hat die Anfrage abgelehnt (Fehler " + status + ").";
  }

  // The token, if the service has one: kept in sessionStorage, i.e. for this tab only and gone
  // when it is closed; never in the address, where it would end up in the history and in logs.
  const TOKEN_KEY = "korrektor-token";
  function authHeaders() {
    const token = $("token").value.trim();
    return token ? {Authorization: "Bearer " + token} : {};
  }
  function askForToken() {
    $("token-row").hidden = false;
    $("token").focus();
  }

  async function send(path, init, what) {
    // the answer's JSON, or null after an error has been shown
    let res, body;
    try {
      res = await fetch(path, Object.assign({}, init, {headers: Object.assign({}, init.headers, authHeaders())}));
      body = await res.json().catch(() => ({error: "HTTP " + res.status}));
    } catch (e) {
      showError("Der Dienst ist nicht erreichbar.", e.message);
      return null;
    }
    if (res.ok) return body;
    if (res.status === 401) askForToken();
    showError(germanError(res.status, body, what), body.error || res.statusText);
    return null;
  }

  function clearResults() {
    // a new request: the previous document's results must not stand under its answer or error
    $("review").hidden = true;
    hidePop();
    state.items = [];
    state.unplaced = [];
    state.order = [];
    state.current = -1;
    $("doc").textContent = "";
    $("doubts").textContent = "";
  }

  function readConfig() {
    const num = (id) => Math.min(1, Math.max(0, parseFloat($(id).value)));
    const config = {keep_lines: $("keep-lines").checked, suggest: $("suggest").checked};
    const mc = num("min-confidence");
    if (!isNaN(mc)) config.min_confidence = mc;
    return config;
  }

  async function run() {
    const text = $("input").value;
    if (!text.trim()) { showError("Bitte zuerst Text einfügen oder eine Datei laden."); return; }
    showError("");
    clearResults();
    const config = readConfig();
    $("run").disabled = true;
    try {
      const body = await send("/v1/correct", {method: "POST", headers: {"Content-Type": "application/json"},
        body: JSON.stringify({text: text, config: config})}, "Der Text");
      if (!body) return;
      let below = parseFloat($("review-below").value);
      if (isNaN(below)) below = 0.9;
      state.input = text;
      state.cp = cpIndex(text);
      state.config = config;
      const built = buildItems(body, below);
      state.items = built.items;
      state.unplaced = built.unplaced;
      $("review").hidden = false;
      hidePop();
      render();
      document.body.dataset.ready = String(+(document.body.dataset.ready || 0) + 1);
    } finally {
      $("run").disabled = false;
    }
  }

  async function upload(file) {
    showError("");
    showNotice("");
    clearResults();
    const form = new FormData();
    form.append("file", file, file.name);
    form.append("errors", $("replace-bytes").checked ? "replace" : "strict");
    const body = await send("/v1/upload", {method: "POST", body: form}, "Die Datei");
    document.body.dataset.uploads = String(+(document.body.dataset.uploads || 0) + 1);
    if (!body) return;
    // the service's warning names offsets in English; the page says what matters for the reader
    if (body.warning) showNotice("Einige Bytes der Datei waren kein UTF-8 und stehen im Text als �.");
    $("input").value = body.text;
    await run();
  }

  // ------------------------------------------------------------------ wiring

  function init() {
    legend();
    $("run").addEventListener("click", run);
    $("example").addEventListener("click", () => { $("input").value = EXAMPLE; });
    $("file").addEventListener("change", (ev) => {
      const file = ev.target.files[0];
      ev.target.value = "";  // so that choosing the same file again (after a fix, or with �) fires "change"
      if (file) upload(file);
    });
    $("token").value = sessionStorage.getItem(TOKEN_KEY) || "";
    $("token").addEventListener("input", () => sessionStorage.setItem(TOKEN_KEY, $("token").value.trim()));
    fetch("/healthz").then((r) => r.json()).then((h) => { if (h.auth === "bearer") $("token-row").hidden = false; })
      .catch(() => {});  // the first request will say what is wrong
    $("input").addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); run(); }
    });
    $("export-text").addEventListener("click", () => download("korrigiert.txt", "text/plain;charset=utf-8", reviewedText()));
    $("export-log").addEventListener("click", () =>
      download("korrektor-protokoll.json", "application/json", JSON.stringify(editLog(), null, 1)));
    $("accept-all").addEventListener("click", () => {
      for (const it of state.items) { it.decision = "accepted"; it.choice = undefined; it.reviewed = true; paint(it); }
      stats();
    });
    $("reset").addEventListener("click", () => {
      for (const it of state.items) { it.decision = it.initial; it.choice = undefined; it.reviewed = false; }
      render();
    });
    const doc = $("doc");
    doc.addEventListener("mouseover", (ev) => {
      const span = ev.target.closest(".edit");
      if (span) showPop(state.items[+span.dataset.id], span);
    });
    doc.addEventListener("mouseout", (ev) => { if (ev.target.closest(".edit")) hidePop(400); });
    doc.addEventListener("click", (ev) => {
      const span = ev.target.closest(".edit");
      if (!span) return;
      span.focus({preventScroll: true});
      const it = state.items[+span.dataset.id];
      const i = state.order.indexOf(it.id);
      if (i >= 0) goTo(i, false); else showPop(it, span);
    });
    doc.addEventListener("focusin", (ev) => {
      const span = ev.target.closest(".edit");
      if (span) showPop(state.items[+span.dataset.id], span);
    });
    const pop = $("pop");
    pop.addEventListener("mouseenter", () => clearTimeout(hideTimer));
    pop.addEventListener("mouseleave", () => hidePop(300));
    document.addEventListener("keydown", onKey);
    document.addEventListener("click", (ev) => {
      if (!ev.target.closest("#pop") && !ev.target.closest(".edit") && !ev.target.closest("#doubts")) hidePop();
    });
    document.body.dataset.init = "1";
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
