/* The page: one column per run, a row per view; history first, then live updates from server-sent events. */
(function () {
  'use strict';
  const GG = window.GG;
  const el = GG.el;
  const VIEWS = {
    summary: 'Run', loss: 'Loss', grad: 'Global gradient norm', heatmap: 'Gradient norm by layer',
    update: 'Update-to-weight ratio (log10)', weights: 'Weight norm by layer', dead: 'Dead units by layer',
    incidents: 'Incidents', inspection: 'Pre-flight inspection', spec: 'Resolved spec', manifest: 'Manifest',
  };
  const SINGLE = [['summary'], ['loss', 'grad'], ['heatmap'], ['update', 'weights'], ['dead', 'incidents'],
    ['inspection'], ['spec', 'manifest']];
  const MIN_REFRESH_MS = 1000;
  const runs = {};
  let updates = 0;

  async function json(url) {
    const r = await fetch(url);
    if (!r.ok) throw new Error(url + ': ' + r.status + ' ' + (await r.text()));
    return r.json();
  }

  function layout(list) {
    const main = document.getElementById('grid');
    const rows = list.length === 1 ? SINGLE : Object.keys(VIEWS).map(v => [v]);
    for (const row of rows) {
      const section = el('section', 'row');
      section.style.setProperty('--cols', String(row.length * list.length));
      for (const view of row) {
        for (const run of list) {
          const panel = el('div', 'panel panel-' + view);
          panel.dataset.view = view;
          panel.dataset.run = run.id;
          const h = el('h2', null, VIEWS[view]);
          if (list.length > 1) h.appendChild(el('span', 'run-name', run.name));
          panel.appendChild(h);
          const body = el('div', 'body');
          panel.appendChild(body);
          section.appendChild(panel);
          runs[run.id].bodies[view] = body;
          runs[run.id].panels[view] = panel;
        }
      }
      main.appendChild(section);
    }
  }

  function views(r) {
    const b = r.bodies;
    r.summary = new GG.Summary(b.summary);
    r.loss = new GG.LineChart(b.loss, {log: true, series: [
      {key: 'loss', label: 'train loss (step)', colour: '#1f77b4'},
      {key: 'train_loss', label: 'train loss (epoch)', colour: '#0b3d91', points: true, width: 1},
      {key: 'val_loss', label: 'validation loss', colour: '#ff7f0e', points: true, width: 2}]});
    r.grad = new GG.LineChart(b.grad, {log: true, series: [
      {key: 'grad_norm', label: 'gradient norm', colour: '#6a3d9a'},
      {key: 'clip_threshold', label: 'clip threshold', colour: '#e6550d', dash: [6, 4], width: 2}]});
    const tools = el('div', 'tools');
    const pick = el('select');
    for (const m of ['grad_norm', 'grad_max', 'update_ratio', 'weight_norm', 'dead']) {
      pick.appendChild(Object.assign(el('option', null, m.replace('_', ' ')), {value: m}));
    }
    tools.append(el('span', 'muted', 'rows: layers, input at the top; columns: steps; colour: log scale, magenta: NaN/Inf'), pick);
    b.heatmap.appendChild(tools);
    r.heatmap = new GG.Heatmap(b.heatmap);
    r.heatmapMetric = 'grad_norm';
    pick.addEventListener('change', () => { r.heatmapMetric = pick.value; refresh(r, true); });
    r.update = new GG.LineChart(b.update, {series: [], band: [-4, -2, 'healthy ≈ 1e-3'], line: -3});
    r.weights = new GG.LineChart(b.weights, {log: true, series: []});
    r.dead = new GG.LineChart(b.dead, {series: [], yRange: [0, 1]});
    r.incidents = new GG.Incidents(b.incidents);
  }

  function layerSeries(data) {
    return data.layers.map((name, i) => ({key: name, label: name, colour: GG.layerColour(i, data.layers.length),
      width: 1.2}));
  }

  /** Loads what changed since the run's last load; at most one load in flight per run. */
  async function refresh(r, force) {
    if (r.busy) {
      r.again = true;
      return;
    }
    const wait = r.last + MIN_REFRESH_MS - Date.now();
    if (!force && wait > 0) {
      if (!r.timer) r.timer = setTimeout(() => { r.timer = null; refresh(r, false); }, wait);
      return;
    }
    r.busy = true;
    r.last = Date.now();
    try {
      await load(r);
    } catch (e) {
      console.error(e);
      r.panels.summary.appendChild(el('p', 'error', String(e)));
    } finally {
      r.busy = false;
    }
    if (r.again) {
      r.again = false;
      refresh(r, false);
    }
  }

  async function load(r) {
    const base = '/api/runs/' + encodeURIComponent(r.id);
    const info = r.info;
    // Two points per pixel column (a bucket's minimum and maximum) is all a chart can show.
    const points = c => Math.min(2000, 2 * Math.max(200, c.el.clientWidth));
    const [series, upd, wn, dead, heat] = await Promise.all([
      json(base + '/series?points=' + points(r.loss)),
      json(base + '/layers?metric=update_ratio&points=' + points(r.update)),
      json(base + '/layers?metric=weight_norm&points=' + points(r.weights)),
      json(base + '/layers?metric=dead&points=' + points(r.dead)),
      json(base + '/heatmap?metric=' + r.heatmapMetric + '&columns=' + r.heatmap.columns())]);
    r.loss.update(series);
    r.loss.nonFinite(series.nonfinite.loss || []);
    r.grad.update(series);
    r.grad.nonFinite(series.nonfinite.grad_norm || []);
    r.update.update(upd, layerSeries(upd));
    r.weights.update(wn, layerSeries(wn));
    r.dead.update(dead, layerSeries(dead));
    r.heatmap.update(heat);
    if (info.diagnosis && !r.diagnosisLoaded) {
      r.incidents.diagnosis = (await json(base + '/diagnosis')).content;
      r.diagnosisLoaded = true;
    }
    while (r.incidents.items.length < Math.min(info.incidents, 5000)) {
      const page = await json(base + '/incidents?limit=1000&offset=' + r.incidents.items.length);
      if (page.incidents.length === 0) break;
      r.incidents.add(page.incidents, page.total, info.last_step);
    }
    if (r.incidents.items.length === 0) r.incidents.add([], 0, info.last_step);
    r.incidents.setLastStep(info.last_step);
    const steps = r.incidents.items.map(i => i.step);
    r.loss.markers(steps);
    r.grad.markers(steps);
    if (!r.staticLoaded || r.inspectionSeen !== info.inspection || r.manifestSeen !== info.manifest) {
      GG.inspection(r.bodies.inspection, await json(base + '/inspection'));
      const m = await json(base + '/manifest');
      GG.text(r.bodies.manifest, m.recorded ? JSON.stringify(m.content, null, 2) : null, 'not recorded');
      const spec = await fetch(base + '/spec');
      GG.text(r.bodies.spec, spec.ok ? await spec.text() : null, 'spec.yaml unreadable');
      r.inspectionSeen = info.inspection;
      r.manifestSeen = info.manifest;
      r.staticLoaded = true;
    }
    r.loaded = info.version;
    r.panels.summary.dataset.loadedVersion = String(info.version);
  }

  function onRuns(list) {
    for (const info of list) {
      const r = runs[info.id];
      if (!r) continue;
      r.info = info;
      r.summary.update(info);
      if (r.loaded !== info.version) {
        updates++;
        document.body.dataset.updates = String(updates);
        refresh(r, false);
      }
    }
  }

  function connect() {
    const conn = document.getElementById('conn');
    const es = new EventSource('/api/events');
    es.addEventListener('runs', e => onRuns(JSON.parse(e.data)));
    es.onopen = () => { conn.textContent = 'connected'; conn.className = 'conn on'; document.body.dataset.conn = 'open'; };
    es.onerror = () => { conn.textContent = 'reconnecting…'; conn.className = 'conn off'; document.body.dataset.conn = 'error'; };
  }

  async function boot() {
    const list = await json('/api/runs');
    document.title = 'GradGuard · ' + list.map(r => r.name).join(' vs ');
    document.getElementById('runs').textContent = list.map(r => r.name).join(' · ');
    for (const info of list) runs[info.id] = {id: info.id, info: info, bodies: {}, panels: {}, last: 0};
    layout(list);
    for (const info of list) {
      const r = runs[info.id];
      views(r);
      r.summary.update(info);
    }
    await Promise.all(list.map(info => refresh(runs[info.id], true)));
    document.body.dataset.ready = 'true';
    connect();
  }

  boot().catch(e => {
    document.body.dataset.ready = 'error';
    document.getElementById('grid').appendChild(el('p', 'error', 'cannot load the runs: ' + e));
  });
})();
