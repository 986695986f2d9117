/* The per-layer heatmap: layers (rows, input at the top) by steps (columns) on a canvas, colour by value. */
(function () {
  'use strict';
  const GG = window.GG = window.GG || {};
  const LOG = {grad_norm: true, grad_max: true, weight_norm: true};
  const LEFT = 78;
  const RIGHT = 64;
  const BOTTOM = 22;

  GG.Heatmap = function (el) {
    this.el = el;
    this.data = null;
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'heatmap';
    this.tip = document.createElement('div');
    this.tip.className = 'tip';
    el.appendChild(this.canvas);
    el.appendChild(this.tip);
    el.dataset.layers = '0';
    el.dataset.columns = '0';
    el.dataset.cells = '0';
    const self = this;
    new ResizeObserver(() => self.draw()).observe(el);
    this.canvas.addEventListener('mousemove', e => self.hover(e));
    this.canvas.addEventListener('mouseleave', () => { self.tip.style.display = 'none'; });
  };

  /** Pixels per column the server should fill: one column per CSS pixel of the plot. */
  GG.Heatmap.prototype.columns = function () {
    return Math.max(50, Math.min(1024, Math.floor(this.el.clientWidth - LEFT - RIGHT)));
  };

  GG.Heatmap.prototype.update = function (data) {
    const log = !!LOG[data.metric];
    let lo = Infinity;
    let hi = -Infinity;
    let cells = 0;
    const values = data.values.map(row => row.map(v => {
      if (v === null || (log && v <= 0)) return null;
      const t = log ? Math.log10(v) : v;
      lo = Math.min(lo, t);
      hi = Math.max(hi, t);
      cells++;
      return t;
    }));
    if (data.metric === 'dead') {
      lo = 0;
      hi = 1;
    }
    if (hi === lo) hi = lo + 1;
    this.data = {metric: data.metric, log: log, layers: data.layers, x: data.x, width: data.width, values: values,
      raw: data.values, bad: data.nonfinite, lo: lo, hi: hi};
    this.el.dataset.layers = String(data.layers.length);
    this.el.dataset.columns = String(data.x.length);
    this.el.dataset.cells = String(cells);
    this.el.dataset.nonfinite = String(data.nonfinite.length);
    this.draw();
  };

  GG.Heatmap.prototype.geometry = function () {
    const d = this.data;
    const rowH = Math.max(6, Math.min(16, Math.floor(320 / Math.max(1, d.layers.length))));
    const w = Math.max(200, this.el.clientWidth);
    return {w: w, h: rowH * d.layers.length + BOTTOM + 4, rowH: rowH, plotW: w - LEFT - RIGHT};
  };

  GG.Heatmap.prototype.draw = function () {
    const d = this.data;
    this.el.classList.toggle('no-layers', !!d && d.layers.length === 0);
    if (!d || d.layers.length === 0) return;
    const g = this.geometry();
    const dpr = window.devicePixelRatio || 1;
    const c = this.canvas;
    c.width = g.w * dpr;
    c.height = g.h * dpr;
    c.style.width = g.w + 'px';
    c.style.height = g.h + 'px';
    const ctx = c.getContext('2d');
    ctx.scale(dpr, dpr);
    ctx.fillStyle = '#f4f4f6';
    ctx.fillRect(LEFT, 0, g.plotW, g.rowH * d.layers.length);
    const n = d.x.length;
    const colW = g.plotW / Math.max(1, n);
    for (let r = 0; r < d.layers.length; r++) {
      const row = d.values[r];
      for (let j = 0; j < n; j++) {
        if (row[j] === null) continue;
        const rgb = GG.viridis((row[j] - d.lo) / (d.hi - d.lo));
        ctx.fillStyle = 'rgb(' + rgb.join(',') + ')';
        ctx.fillRect(LEFT + j * colW, r * g.rowH, Math.ceil(colW), g.rowH);
      }
    }
    ctx.fillStyle = '#e6007e';
    for (const [r, j] of d.bad) {
      ctx.fillRect(LEFT + j * colW, r * g.rowH, Math.max(2, Math.ceil(colW)), g.rowH);
    }
    this.axes(ctx, g);
  };

  GG.Heatmap.prototype.axes = function (ctx, g) {
    const d = this.data;
    ctx.fillStyle = '#333';
    ctx.font = '11px sans-serif';
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'right';
    const every = Math.ceil(12 / g.rowH);
    d.layers.forEach((name, r) => {
      if (r % every === 0 || r === d.layers.length - 1) ctx.fillText(name, LEFT - 4, r * g.rowH + g.rowH / 2);
    });
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    const yAxis = g.rowH * d.layers.length + 4;
    const n = d.x.length;
    const ticks = Math.min(6, n);
    for (let k = 0; k < ticks; k++) {
      const j = Math.round(k * (n - 1) / Math.max(1, ticks - 1));
      ctx.fillText(String(d.x[j]), LEFT + (j + 0.5) * g.plotW / n, yAxis);
    }
    const barX = LEFT + g.plotW + 12;
    const barH = g.rowH * d.layers.length;
    for (let y = 0; y < barH; y++) {
      ctx.fillStyle = 'rgb(' + GG.viridis(1 - y / barH).join(',') + ')';
      ctx.fillRect(barX, y, 10, 1);
    }
    ctx.fillStyle = '#333';
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    const label = v => GG.tick(d.log ? Math.pow(10, v) : v);
    ctx.fillText(label(d.hi), barX + 13, 6);
    ctx.fillText(label(d.lo), barX + 13, barH - 6);
  };

  GG.Heatmap.prototype.hover = function (e) {
    const d = this.data;
    if (!d) return;
    const g = this.geometry();
    const rect = this.canvas.getBoundingClientRect();
    const x = e.clientX - rect.left - LEFT;
    const r = Math.floor((e.clientY - rect.top) / g.rowH);
    const j = Math.floor(x / (g.plotW / d.x.length));
    if (x < 0 || j >= d.x.length || r < 0 || r >= d.layers.length) {
      this.tip.style.display = 'none';
      return;
    }
    const v = d.raw[r][j];
    const bad = d.bad.some(c => c[0] === r && c[1] === j);
    const end = d.x[j] + d.width - 1;
    this.tip.textContent = d.layers[r] + ', step ' + d.x[j] + (d.width > 1 ? '-' + end : '') + ': ' + d.metric
      + ' ' + (v === null ? '-' : GG.fmt(v)) + (bad ? ' (NaN/Inf seen)' : '');
    this.tip.style.display = 'block';
    this.tip.style.left = (e.clientX - rect.left + 12) + 'px';
    this.tip.style.top = (e.clientY - rect.top + 12) + 'px';
  };
})();
