/* Line charts on uPlot: log or linear y, gaps as breaks, threshold bands and incident markers drawn in. */
(function () {
  'use strict';
  const GG = window.GG = window.GG || {};

  /** Short numbers: 0.0123, 4.56e+14. */
  GG.fmt = function (v) {
    if (v === null || v === undefined) return '-';
    if (typeof v !== 'number') return String(v);
    if (!isFinite(v)) return String(v);
    const a = Math.abs(v);
    if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(2);
    return Number(v.toPrecision(4)).toString();
  };

  /** Axis ticks: 3e6, 0.001, 250; blank for the ticks uPlot leaves unlabelled. */
  GG.tick = function (v) {
    if (v === null || v === undefined) return '';
    const a = Math.abs(v);
    if (a !== 0 && (a >= 1e5 || a < 1e-3)) {
      const e = Math.floor(Math.log10(a));
      const m = Number((v / Math.pow(10, e)).toPrecision(2));
      return m + 'e' + e;
    }
    return Number(v.toPrecision(3)).toString();
  };

  /** Colours from the first layer (dark blue) to the last (yellow), viridis stops. */
  const VIRIDIS = ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58',
    '#b5de2b', '#fde725'];
  GG.viridis = function (t) {
    t = Math.min(1, Math.max(0, t));
    const x = t * (VIRIDIS.length - 1);
    const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
    const f = x - i;
    const a = hex(VIRIDIS[i]);
    const b = hex(VIRIDIS[i + 1]);
    return [0, 1, 2].map(k => Math.round(a[k] + (b[k] - a[k]) * f));
  };
  function hex(h) {
    return [1, 3, 5].map(i => parseInt(h.substr(i, 2), 16));
  }
  GG.layerColour = function (i, n) {
    const c = GG.viridis(n <= 1 ? 0 : 0.9 * i / (n - 1));
    return 'rgb(' + c.join(',') + ')';
  };

  /**
   * A line chart in `el`. spec: {title, log, series: [{key, label, colour, dash, width}], band: [lo, hi, label],
   * line: value, yRange: [min, max]}. update(data) takes {x, y: {key: [...]}}; markers(steps) draws incidents.
   */
  GG.LineChart = function (el, spec) {
    this.el = el;
    this.spec = spec;
    this.plot = null;
    this.steps = [];
    this.keys = null;
    el.classList.add('chart');
    el.dataset.points = '0';
    el.dataset.series = '0';
    const self = this;
    new ResizeObserver(() => {
      if (self.plot) self.plot.setSize(self.size());
    }).observe(el);
  };

  GG.LineChart.prototype.size = function () {
    return {width: Math.max(200, this.el.clientWidth), height: this.spec.height || 230};
  };

  GG.LineChart.prototype.update = function (data, series) {
    const spec = this.spec;
    const cols = [data.x];
    const shown = [];
    let yMax = null;
    for (const s of series || spec.series) {
      let ys = (data.y[s.key] || []).slice();
      if (spec.log) ys = ys.map(v => (v === null || v <= 0) ? null : v);
      // uPlot cannot range a scale over a series with no value (a log scale throws): such series wait.
      if (!ys.some(v => v !== null)) continue;
      for (const v of ys) if (v !== null && (yMax === null || v > yMax)) yMax = v;
      while (ys.length < data.x.length) ys.push(null);
      cols.push(ys);
      shown.push(s);
    }
    this.el.dataset.points = String(data.x.length);
    this.el.dataset.series = String(shown.length);
    this.el.dataset.ymax = yMax === null ? '' : String(yMax);
    this.el.classList.toggle('empty', shown.length === 0);
    if (shown.length === 0) {
      if (this.plot) this.plot.destroy();
      this.plot = null;
      this.keys = null;
      return;
    }
    const keys = shown.map(s => s.key).join('|');
    if (this.plot && this.keys === keys) {
      this.plot.setData(cols);
      return;
    }
    if (this.plot) this.plot.destroy();
    this.keys = keys;
    this.plot = new uPlot(this.options(shown), cols, this.el);
  };

  GG.LineChart.prototype.options = function (series) {
    const spec = this.spec;
    const self = this;
    const y = spec.log ? {distr: 3, log: 10} : {};
    if (spec.yRange) y.range = () => spec.yRange;
    return Object.assign(this.size(), {
      scales: {x: {time: false}, y: y},
      legend: {show: series.length <= 12, live: true},
      cursor: {drag: {x: true, y: false}},
      series: [{label: 'step', value: (u, v) => v === null ? '-' : String(v)}].concat(series.map(s => ({
        label: s.label,
        stroke: s.colour,
        width: s.width || 1.5,
        dash: s.dash,
        spanGaps: true,
        // Epoch series always show their points; others let uPlot show them where they are sparse.
        points: s.points ? {show: true, size: 5, fill: s.colour} : {size: 4, fill: s.colour},
        value: (u, v) => GG.fmt(v),
      }))),
      axes: [
        {stroke: '#555', grid: {stroke: '#eee'}, label: 'step', labelSize: 18, size: 36},
        Object.assign({stroke: '#555', grid: {stroke: '#eee'}, size: 52, values: (u, vals) => vals.map(GG.tick)},
          spec.log ? {splits: decades, space: 20} : {}),
      ],
      hooks: {draw: [u => self.decorate(u)]},
    });
  };

  /** Ticks of a log axis: powers of ten, thinned to one per 28 pixels so the labels never overlap. */
  function decades(u, axis, min, max) {
    if (!(min > 0) || !(max > 0)) return [];
    const lo = Math.floor(Math.log10(min));
    const hi = Math.ceil(Math.log10(max));
    const fit = Math.max(2, Math.floor(u.bbox.height / (window.devicePixelRatio || 1) / 28));
    const step = Math.max(1, Math.ceil((hi - lo) / fit));
    const out = [];
    for (let e = lo; e <= hi; e += step) {
      const v = Math.pow(10, e);
      if (v >= min * 0.999 && v <= max * 1.001) out.push(v);
    }
    return out;
  }

  /** Incident steps to mark with thin red lines (at most a few hundred distinct ones are drawn). */
  GG.LineChart.prototype.markers = function (steps) {
    this.steps = steps;
    if (this.plot) this.plot.redraw(false);
  };

  /** Steps where a drawn series was NaN or infinite: small magenta ticks under the plot. */
  GG.LineChart.prototype.nonFinite = function (steps) {
    this.bad = steps;
    this.el.dataset.nonfinite = String(steps.length);
    if (this.plot) this.plot.redraw(false);
  };

  GG.LineChart.prototype.decorate = function (u) {
    const ctx = u.ctx;
    const b = u.bbox;
    const spec = this.spec;
    ctx.save();
    ctx.beginPath();
    ctx.rect(b.left, b.top, b.width, b.height);
    ctx.clip();
    if (spec.band) {
      const y0 = u.valToPos(spec.band[0], 'y', true);
      const y1 = u.valToPos(spec.band[1], 'y', true);
      ctx.fillStyle = 'rgba(46, 160, 67, 0.13)';
      ctx.fillRect(b.left, Math.min(y0, y1), b.width, Math.abs(y1 - y0));
    }
    if (spec.line !== undefined) {
      const yl = u.valToPos(spec.line, 'y', true);
      ctx.strokeStyle = 'rgba(46, 160, 67, 0.8)';
      ctx.setLineDash([6, 4]);
      ctx.lineWidth = devicePixelRatio;
      ctx.beginPath();
      ctx.moveTo(b.left, yl);
      ctx.lineTo(b.left + b.width, yl);
      ctx.stroke();
      ctx.setLineDash([]);
    }
    if (spec.band && spec.band[2]) {
      ctx.fillStyle = 'rgba(30, 110, 45, 0.9)';
      ctx.font = (11 * devicePixelRatio) + 'px sans-serif';
      const top = Math.max(b.top, Math.min(u.valToPos(spec.band[0], 'y', true), u.valToPos(spec.band[1], 'y', true)));
      ctx.fillText(spec.band[2], b.left + 6 * devicePixelRatio, top + 14 * devicePixelRatio);
    }
    ctx.strokeStyle = 'rgba(215, 38, 61, 0.45)';
    ctx.lineWidth = devicePixelRatio;
    let last = -1;
    for (const s of this.steps) {
      const x = Math.round(u.valToPos(s, 'x', true));
      if (x === last || x < b.left || x > b.left + b.width) continue;
      last = x;
      ctx.beginPath();
      ctx.moveTo(x, b.top);
      ctx.lineTo(x, b.top + b.height);
      ctx.stroke();
    }
    ctx.fillStyle = '#c2185b';
    const h = 7 * devicePixelRatio;
    for (const s of this.bad || []) {
      const x = u.valToPos(s, 'x', true);
      ctx.beginPath();
      ctx.moveTo(x, b.top + b.height - h);
      ctx.lineTo(x - h / 2, b.top + b.height);
      ctx.lineTo(x + h / 2, b.top + b.height);
      ctx.fill();
    }
    ctx.restore();
  };
})();
