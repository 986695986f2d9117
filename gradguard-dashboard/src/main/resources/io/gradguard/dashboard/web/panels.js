/* The non-chart panels: run summary, incident timeline and details, inspection table, spec and manifest. */
(function () {
  'use strict';
  const GG = window.GG = window.GG || {};
  const KIND_COLOURS = ['#d7263d', '#f46036', '#2e294e', '#1b998b', '#c5d86d', '#8e44ad', '#e6007e', '#3d5a80',
    '#ee964b', '#6c757d'];

  /** An element with text content only: run files never become markup. */
  GG.el = function (tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  };
  const el = GG.el;

  GG.Summary = function (body) {
    this.body = body;
  };
  GG.Summary.prototype.update = function (run) {
    const b = this.body;
    b.replaceChildren();
    const head = el('div', 'summary-head');
    head.appendChild(el('span', 'status status-' + run.status, run.status));
    head.appendChild(el('span', 'path', run.path));
    b.appendChild(head);
    const facts = [
      ['step', run.last_step], ['loss', GG.fmt(run.last_loss)], ['grad norm', GG.fmt(run.last_grad_norm)],
      ['logged steps', run.steps], ['epochs', run.epochs], ['layers', run.layers], ['incidents', run.incidents],
      ['clipped', run.clipped], ['skipped', Object.entries(run.actions || {})
        .filter(([a]) => a !== 'proceed').reduce((s, [, n]) => s + n, 0)],
      ['steps per point', run.steps_per_bucket],
    ];
    const dl = el('dl', 'facts');
    for (const [k, v] of facts) {
      const d = el('div');
      d.appendChild(el('dt', null, k));
      d.appendChild(el('dd', null, v === null || v === undefined ? '-' : v));
      dl.appendChild(d);
    }
    b.appendChild(dl);
    if (run.error) b.appendChild(el('p', 'error', 'stopped reading: ' + run.error));
    b.dataset.status = run.status;
    b.dataset.lastStep = run.last_step === null ? '' : String(run.last_step);
    b.dataset.incidents = String(run.incidents);
    b.dataset.version = String(run.version);
  };

  /** Timeline strip, incident table and the selected incident's evidence, action and diagnosis. */
  GG.Incidents = function (body) {
    this.body = body;
    this.items = [];
    this.total = 0;
    this.diagnosis = null;
    this.lastStep = 0;
    this.kinds = {};
    this.strip = el('canvas', 'timeline');
    this.legend = el('div', 'legend');
    this.list = el('ol', 'incidents');
    this.detail = el('div', 'detail');
    body.append(this.strip, this.legend, this.list, this.detail);
    body.dataset.count = '0';
    const self = this;
    new ResizeObserver(() => self.drawStrip()).observe(body);
  };

  GG.Incidents.prototype.colour = function (kind) {
    if (!(kind in this.kinds)) this.kinds[kind] = KIND_COLOURS[Object.keys(this.kinds).length % KIND_COLOURS.length];
    return this.kinds[kind];
  };

  GG.Incidents.prototype.add = function (page, total, lastStep) {
    this.total = total;
    this.lastStep = Math.max(this.lastStep, lastStep || 0);
    for (const inc of page) {
      this.items.push(inc);
      if (this.items.length <= 500) this.list.appendChild(this.row(inc));
    }
    this.body.dataset.count = String(this.items.length);
    this.render();
  };

  /** The run's last step: the timeline spans 0 .. it. */
  GG.Incidents.prototype.setLastStep = function (step) {
    if (step !== null && step !== undefined && step !== this.lastStep) {
      this.lastStep = step;
      this.drawStrip();
    }
  };

  GG.Incidents.prototype.row = function (inc) {
    const li = el('li', 'incident');
    li.dataset.kind = inc.kind;
    li.dataset.step = String(inc.step);
    li.dataset.index = String(inc.index);
    const dot = el('span', 'dot');
    dot.style.background = this.colour(inc.kind);
    li.append(dot, el('span', 'step', 'step ' + inc.step), el('span', 'kind', inc.kind),
      el('span', 'layer', inc.layer || ''), el('span', 'action', inc.action + ' → ' + (inc.outcome || '')));
    li.addEventListener('click', () => this.select(inc, li));
    return li;
  };

  GG.Incidents.prototype.render = function () {
    this.legend.replaceChildren();
    const counts = {};
    for (const i of this.items) counts[i.kind] = (counts[i.kind] || 0) + 1;
    for (const [k, n] of Object.entries(counts)) {
      const s = el('span', 'key');
      const dot = el('span', 'dot');
      dot.style.background = this.colour(k);
      s.append(dot, el('span', null, k + ' ' + n));
      this.legend.appendChild(s);
    }
    if (this.items.length === 0) this.legend.appendChild(el('span', 'muted', 'no incidents'));
    if (this.total > this.items.length) {
      this.legend.appendChild(el('span', 'muted', '(showing ' + this.items.length + ' of ' + this.total + ')'));
    }
    this.drawStrip();
  };

  GG.Incidents.prototype.drawStrip = function () {
    const c = this.strip;
    const w = Math.max(200, this.body.clientWidth);
    const h = 34;
    const dpr = window.devicePixelRatio || 1;
    c.width = w * dpr;
    c.height = h * dpr;
    c.style.width = w + 'px';
    c.style.height = h + 'px';
    const ctx = c.getContext('2d');
    ctx.scale(dpr, dpr);
    ctx.fillStyle = '#f4f4f6';
    ctx.fillRect(0, 6, w, h - 18);
    const max = Math.max(1, this.lastStep, ...this.items.map(i => i.step));
    for (const i of this.items) {
      ctx.fillStyle = this.colour(i.kind);
      ctx.fillRect(Math.round((i.step / max) * (w - 3)), 4, 3, h - 14);
    }
    ctx.fillStyle = '#555';
    ctx.font = '10px sans-serif';
    ctx.textBaseline = 'bottom';
    ctx.fillText('0', 0, h);
    ctx.textAlign = 'right';
    ctx.fillText(String(max), w, h);
  };

  GG.Incidents.prototype.select = function (inc, li) {
    for (const x of this.list.querySelectorAll('.selected')) x.classList.remove('selected');
    li.classList.add('selected');
    const d = this.detail;
    d.replaceChildren();
    d.appendChild(el('h3', null, inc.kind + ' at step ' + inc.step + (inc.layer ? ' in ' + inc.layer : '')));
    d.appendChild(el('p', 'message', inc.message));
    d.appendChild(el('p', 'action', 'action: ' + inc.action + ' → ' + (inc.outcome || '')));
    d.appendChild(el('h4', null, 'evidence'));
    const t = el('table', 'kv');
    for (const [k, v] of Object.entries(inc.evidence || {})) {
      const tr = el('tr');
      tr.append(el('th', null, k), el('td', null, evidence(v)));
      t.appendChild(tr);
    }
    d.appendChild(t);
    d.appendChild(el('h4', null, 'diagnosis'));
    // The rule of the server's DiagnosisLinks: a cause rests on the incident if its evidence names the kind.
    // Applied here too, since incidents seen live were fetched before diagnosis.json was written.
    const causes = (this.diagnosis && this.diagnosis.causes || []).filter(c => (inc.causes || []).includes(c.cause)
      || (c.evidence || []).some(e => String(e).startsWith(inc.kind + ' at step')));
    if (!this.diagnosis) d.appendChild(el('p', 'muted', 'no diagnosis recorded for this run (yet)'));
    else if (causes.length === 0) d.appendChild(el('p', 'muted', 'no diagnosed cause rests on this incident'));
    for (const c of causes) {
      const box = el('div', 'cause');
      box.appendChild(el('strong', null, c.cause + ' (confidence ' + GG.fmt(c.confidence) + ')'));
      box.appendChild(el('p', null, c.explanation));
      const ul = el('ul');
      for (const r of c.recommendations || []) ul.appendChild(el('li', null, '→ ' + r));
      box.appendChild(ul);
      d.appendChild(box);
    }
  };

  /** An evidence value: numbers short, lists cut after 8 items, objects as JSON. */
  function evidence(v) {
    const one = x => (x !== null && typeof x === 'object') ? JSON.stringify(x) : GG.fmt(x);
    if (!Array.isArray(v)) return one(v);
    const head = v.slice(0, 8).map(one).join(', ');
    return v.length > 8 ? head + ', … (' + v.length + ' in all)' : head;
  }

  /** The pre-flight inspection table, or "not recorded". */
  GG.inspection = function (body, rec) {
    body.replaceChildren();
    body.dataset.recorded = String(!!rec.recorded);
    if (!rec.recorded) {
      body.appendChild(el('p', 'muted', 'not recorded: this run has no inspection.json'));
      return;
    }
    const r = rec.content;
    body.appendChild(el('p', null, 'overall: ')).appendChild(el('span', 'verdict verdict-' + r.overall, r.overall));
    const cols = ['name', 'kind', 'out_mean', 'out_std', 'gain', 'theory_gain', 'saturated_fraction', 'dead_fraction',
      'weight_grad_norm', 'bias_grad_norm'];
    const t = el('table', 'grid-table');
    const head = el('tr');
    cols.forEach(c => head.appendChild(el('th', null, c.replace(/_/g, ' '))));
    t.appendChild(head);
    for (const l of r.layers || []) {
      const tr = el('tr');
      cols.forEach(c => tr.appendChild(el('td', null, c === 'name' || c === 'kind' ? l[c] : GG.fmt(l[c]))));
      t.appendChild(tr);
    }
    body.appendChild(t);
    const ul = el('ul', 'findings');
    for (const f of r.findings || []) {
      ul.appendChild(el('li', 'verdict-' + f.verdict, f.subject + ': ' + f.verdict + ' — ' + f.detail));
    }
    body.appendChild(ul);
  };

  /** A text file (spec) or a JSON object (manifest) as preformatted text. */
  GG.text = function (body, text, missing) {
    body.replaceChildren();
    body.appendChild(text === null ? el('p', 'muted', missing) : el('pre', null, text));
  };
})();
