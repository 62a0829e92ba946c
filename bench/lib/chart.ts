// A self-contained SVG of horizontal bar panels (no external tools).
import type { ToolId } from './tools.js';

export interface Bar {
  label: string;
  value: number;
  tool: ToolId;
}

export interface Panel {
  title: string;
  unit: string;
  bars: Bar[];
  /** 'higher' or 'lower' is better: shown in the title */
  better: 'higher' | 'lower';
}

const COLORS: Record<ToolId, string> = {
  ferry: '#e4572e',
  'ferry-v4': '#b83b5e',
  bare: '#4c78a8',
  sdk: '#9d755d',
  aws: '#f2a93b',
  rclone: '#54a24b',
};

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function fmtValue(v: number): string {
  if (!Number.isFinite(v)) return 'n/a';
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}

export function barChart(title: string, subtitle: string, panels: Panel[]): string {
  const width = 760;
  const labelW = 230;
  const valueW = 70;
  const barH = 20;
  const gap = 6;
  const panelPad = 44;
  const plotW = width - labelW - valueW - 30;
  let y = 58;
  const parts: string[] = [];
  for (const p of panels) {
    parts.push(
      `<text x="16" y="${y}" class="panel">${esc(p.title)} <tspan class="hint">(${esc(p.unit)}, ${p.better} is better)</tspan></text>`,
    );
    y += 12;
    const max = Math.max(...p.bars.map((b) => (Number.isFinite(b.value) ? b.value : 0)), 1e-9);
    for (const b of p.bars) {
      const w = Number.isFinite(b.value) ? Math.max(1, (b.value / max) * plotW) : 0;
      const cy = y + barH / 2 + 4;
      parts.push(`<text x="${labelW}" y="${cy}" text-anchor="end" class="${b.tool.startsWith('ferry') ? 'label ferry' : 'label'}">${esc(b.label)}</text>`);
      parts.push(`<rect x="${labelW + 8}" y="${y}" width="${w.toFixed(1)}" height="${barH}" rx="2" fill="${COLORS[b.tool]}"/>`);
      parts.push(`<text x="${(labelW + 14 + w).toFixed(1)}" y="${cy}" class="value">${fmtValue(b.value)}</text>`);
      y += barH + gap;
    }
    y += panelPad - gap;
  }
  const height = y - panelPad + 24;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">`,
    '<style>.title{font-size:17px;font-weight:bold}.sub{font-size:12px;fill:#555}.panel{font-size:14px;font-weight:bold}' +
      '.hint{font-weight:normal;fill:#666;font-size:12px}.label{font-size:12px;fill:#222}.ferry{font-weight:bold}.value{font-size:12px;fill:#222}</style>',
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="16" y="24" class="title">${esc(title)}</text>`,
    `<text x="16" y="42" class="sub">${esc(subtitle)}</text>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
