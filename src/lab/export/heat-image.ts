// The heat strips as one standalone SVG: every strip (its canvas as an embedded image) with its
// caption, weight axis, step ticks and colour scale, under the chart's title. PNG is this SVG
// rasterised (chart-image.ts), so both hold the same picture.
import { HEAT_SCALE_TICKS, heatStops } from '../charts/heat';

const SVG_NS = 'http://www.w3.org/2000/svg';
const AXIS = 36;
const CAPTION = 22;
const TICKS = 22;
const GAP = 12;
const TITLE = 28;
const SCALE_W = 12;
const SCALE_LABELS = 44;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function heatSvg(root: HTMLElement): { text: string; width: number; height: number } | null {
  const strips = [...root.querySelectorAll<HTMLElement>('figure.heat')];
  const canvases = strips.map((f) => f.querySelector('canvas'));
  if (!strips.length || canvases.some((c) => !c)) return null;
  const w = canvases[0]!.width;
  const h = canvases[0]!.height;
  const title = root.querySelector('h2')?.textContent?.trim() ?? '';
  const width = AXIS + w + 10 + SCALE_W + SCALE_LABELS;
  const rowH = CAPTION + h + TICKS + GAP;
  const top = title ? TITLE : 4;
  const height = top + strips.length * rowH;
  const parts: string[] = [];
  const stops = heatStops().map((s) => `<stop offset="${s.offset}" stop-color="${s.color}"/>`).join('');
  parts.push(`<defs><linearGradient id="heat-scale" x1="0" y1="1" x2="0" y2="0">${stops}</linearGradient></defs>`);
  parts.push(`<rect width="100%" height="100%" fill="#fff"/>`);
  if (title) parts.push(`<text x="8" y="19" font-weight="bold" fill="#222">${esc(title)}</text>`);
  strips.forEach((fig, i) => {
    const y0 = top + i * rowH;
    const py = y0 + CAPTION;
    const caption = fig.querySelector('figcaption')?.textContent?.trim() ?? '';
    parts.push(`<g class="heat-strip">`);
    parts.push(`<text x="${AXIS}" y="${y0 + 16}" font-weight="bold" fill="#222">${esc(caption)}</text>`);
    parts.push(`<image x="${AXIS}" y="${py}" width="${w}" height="${h}" preserveAspectRatio="none" style="image-rendering:pixelated" href="${canvases[i]!.toDataURL('image/png')}"/>`);
    parts.push(`<rect x="${AXIS}" y="${py}" width="${w}" height="${h}" fill="none" stroke="#999"/>`);
    // Weight axis: the labels the page shows, top to bottom.
    const axis = [...fig.querySelectorAll('.heat-axis span')].map((s) => s.textContent ?? '');
    axis.forEach((t, j) => {
      const y = py + (axis.length > 1 ? (j * h) / (axis.length - 1) : 0);
      parts.push(`<text x="${AXIS - 4}" y="${y + 4}" text-anchor="end" font-size="11" fill="#444">${esc(t)}</text>`);
    });
    for (const s of fig.querySelectorAll<HTMLElement>('.heat-steps span')) {
      const x = AXIS + Number(s.dataset.x ?? 0) * w;
      const anchor = s.classList.contains('first') ? 'start' : s.classList.contains('last') ? 'end' : 'middle';
      parts.push(`<line x1="${x}" y1="${py + h}" x2="${x}" y2="${py + h + 4}" stroke="#999"/>`);
      parts.push(`<text class="heat-step" x="${x}" y="${py + h + 16}" text-anchor="${anchor}" font-size="11" fill="#444">${esc(s.textContent ?? '')}</text>`);
    }
    const sx = AXIS + w + 10;
    parts.push(`<rect class="heat-scale" x="${sx}" y="${py}" width="${SCALE_W}" height="${h}" fill="url(#heat-scale)" stroke="#999"/>`);
    for (const t of HEAT_SCALE_TICKS) {
      const y = py + h - t.at * h;
      parts.push(`<text x="${sx + SCALE_W + 4}" y="${y + 4}" font-size="11" fill="#444">${t.label}</text>`);
    }
    parts.push(`</g>`);
  });
  const font = esc(getComputedStyle(root).fontFamily || 'sans-serif');
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="${SVG_NS}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${font}" font-size="14">${parts.join('')}</svg>`;
  return { text, width, height };
}
