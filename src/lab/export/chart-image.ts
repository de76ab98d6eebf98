// Charts as images: recharts draws SVG, which is serialised as it is (with a white background and
// the page's font inlined, so it looks the same outside the page); PNG is that SVG drawn on a
// canvas at 2× for sharp slides. Canvas-drawn views (heat strips) give PNG directly.
const SVG_NS = 'http://www.w3.org/2000/svg';

/** The chart's HTML legend (SwatchLegend) as data, so the exported image carries it too. */
function legendItems(root: HTMLElement): { name: string; color: string; dash: string | null }[] {
  return [...root.querySelectorAll('.swatch-legend li')].map((li) => {
    const line = li.querySelector('line');
    return { name: li.textContent?.trim() ?? '', color: line?.getAttribute('stroke') ?? '#000', dash: line?.getAttribute('stroke-dasharray') ?? null };
  });
}

const HEADER = 24;

/** The chart as a standalone SVG: title and legend drawn above the plot (on the page they are HTML). */
export function chartSvg(root: HTMLElement): { text: string; width: number; height: number } | null {
  const svg = root.querySelector<SVGSVGElement>('.chart-plot svg.recharts-surface');
  if (!svg) return null;
  const rect = svg.getBoundingClientRect();
  const width = Math.round(rect.width);
  const items = legendItems(root);
  const title = root.querySelector('h2')?.textContent?.trim() ?? '';
  const rows = (title ? 1 : 0) + (items.length ? 1 : 0);
  const height = Math.round(rect.height) + rows * HEADER;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const plot = document.createElementNS(SVG_NS, 'g');
  plot.setAttribute('transform', `translate(0 ${rows * HEADER})`);
  while (clone.firstChild) plot.appendChild(clone.firstChild);
  clone.appendChild(plot);
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  clone.removeAttribute('style');
  clone.setAttribute('font-family', getComputedStyle(svg).fontFamily || 'sans-serif');
  clone.setAttribute('font-size', '14');
  const el = (name: string, attrs: Record<string, string | number>, text?: string) => {
    const e = document.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const bg = el('rect', { width: '100%', height: '100%', fill: '#fff' });
  clone.insertBefore(bg, clone.firstChild);
  let y = 0;
  if (title) {
    clone.appendChild(el('text', { x: 8, y: y + 17, 'font-weight': 'bold', fill: '#222' }, title));
    y += HEADER;
  }
  // Legend entries flow left to right; widths are estimated (no layout is forced for this).
  let x = 8;
  for (const it of items) {
    clone.appendChild(el('line', { x1: x, y1: y + 12, x2: x + 22, y2: y + 12, stroke: it.color, 'stroke-width': 3, ...(it.dash ? { 'stroke-dasharray': it.dash } : {}) }));
    clone.appendChild(el('text', { x: x + 27, y: y + 17, fill: '#222' }, it.name));
    x += 27 + it.name.length * 7.5 + 16;
  }
  return { text: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`, width, height };
}

export async function svgToPng(svg: { text: string; width: number; height: number }, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg.text], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(svg.width * scale));
    canvas.height = Math.max(1, Math.round(svg.height * scale));
    const ctx = canvas.getContext('2d')!;
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, svg.width, svg.height);
    return await canvasBlob(canvas);
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function canvasBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the canvas could not be encoded as PNG'))), 'image/png'));
}

/** The first canvas of a canvas-drawn chart (heat strips). */
export function chartCanvas(root: HTMLElement): HTMLCanvasElement | null {
  return root.querySelector<HTMLCanvasElement>('.chart-plot canvas');
}
