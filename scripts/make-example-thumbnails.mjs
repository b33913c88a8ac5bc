#!/usr/bin/env node
// Generates the synthetic example thumbnails and avatar used by data/example.
//
// All images are original abstract art (gradients, geometric shapes and the
// paper's short name rendered from SVG). They stand in for real paper
// thumbnails. The output is deterministic: there is no randomness except a
// fixed-seed PRNG, so re-running this script reproduces the same pictures.
//
// Usage: node scripts/make-example-thumbnails.mjs

import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.resolve(here, '..', 'data', 'example', 'thumbnails');

const W = 800;
const H = 450;
const FONT = "'DejaVu Sans', 'Liberation Sans', Arial, sans-serif";

// Small deterministic PRNG (mulberry32) with a fixed seed.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const r1 = (n) => Math.round(n * 10) / 10;

function svgDoc(w, h, body) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">${body}</svg>`;
}

// Big centred title with a soft dark outline so it is readable on any background.
function title(text, { x = W / 2, y = H / 2, size = 110, fill = '#ffffff', stroke = 'rgba(0,0,0,0.55)', anchor = 'middle' } = {}) {
  const esc = text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<text x="${x}" y="${y}" text-anchor="${anchor}" dominant-baseline="central"
    font-family="${FONT}" font-weight="bold" font-size="${size}"
    fill="${fill}" stroke="${stroke}" stroke-width="${Math.max(3, size / 14)}"
    paint-order="stroke" stroke-linejoin="round">${esc}</text>`;
}

function linear(id, stops, { x1 = 0, y1 = 0, x2 = 1, y2 = 1 } = {}) {
  const s = stops.map((c, i) => `<stop offset="${i / (stops.length - 1)}" stop-color="${c}"/>`).join('');
  return `<linearGradient id="${id}" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}">${s}</linearGradient>`;
}

function radial(id, stops, { cx = 0.5, cy = 0.5, r = 0.7 } = {}) {
  const s = stops.map((c, i) => `<stop offset="${i / (stops.length - 1)}" stop-color="${c}"/>`).join('');
  return `<radialGradient id="${id}" cx="${cx}" cy="${cy}" r="${r}">${s}</radialGradient>`;
}

// ---------------------------------------------------------------- designs

// Jodi: warm diagonal gradient with concentric rings.
function jodi() {
  let rings = '';
  for (let i = 1; i <= 9; i++) {
    rings += `<circle cx="620" cy="110" r="${i * 38}" fill="none" stroke="rgba(255,255,255,${0.5 - i * 0.045})" stroke-width="10"/>`;
    rings += `<circle cx="150" cy="380" r="${i * 26}" fill="none" stroke="rgba(40,0,60,${0.35 - i * 0.03})" stroke-width="6"/>`;
  }
  return svgDoc(W, H, `<defs>${linear('g', ['#5b2a86', '#c2407a', '#f59e42'])}</defs>
    <rect width="${W}" height="${H}" fill="url(#g)"/>${rings}${title('Jodi', { size: 150 })}`);
}

// CtrLoRA: dark navy with a dotted control grid and a bright zig-zag signal.
function ctrlora() {
  let dots = '';
  for (let x = 25; x < W; x += 50) {
    for (let y = 25; y < H; y += 50) {
      dots += `<rect x="${x - 4}" y="${y - 4}" width="8" height="8" fill="rgba(120,200,255,0.35)"/>`;
    }
  }
  const pts = [];
  for (let i = 0; i <= 16; i++) pts.push(`${i * 50},${i % 2 ? 120 : 330}`);
  return svgDoc(W, H, `<defs>${linear('g', ['#0b1a3a', '#16386b'], { x2: 0, y2: 1 })}</defs>
    <rect width="${W}" height="${H}" fill="url(#g)"/>${dots}
    <polyline points="${pts.join(' ')}" fill="none" stroke="#3ee0c8" stroke-width="14" stroke-linejoin="round" opacity="0.55"/>
    <rect x="90" y="150" width="620" height="150" rx="24" fill="rgba(11,26,58,0.7)" stroke="#3ee0c8" stroke-width="4"/>
    ${title('CtrLoRA', { size: 104, fill: '#eafffb' })}`);
}

// PrecNeRF: radial glow with camera rays converging to a focal point.
function precnerf() {
  let rays = '';
  const fx = 560, fy = 225;
  for (let i = 0; i < 22; i++) {
    const y = -40 + i * 25;
    rays += `<line x1="0" y1="${y}" x2="${fx}" y2="${fy}" stroke="rgba(255,240,200,${0.15 + (i % 3) * 0.08})" stroke-width="3"/>`;
  }
  let shells = '';
  for (let i = 1; i <= 5; i++) {
    shells += `<circle cx="${fx}" cy="${fy}" r="${i * 40}" fill="none" stroke="rgba(255,200,90,${0.6 - i * 0.1})" stroke-width="3" stroke-dasharray="10 8"/>`;
  }
  return svgDoc(W, H, `<defs>${radial('g', ['#ffcf6b', '#d9572b', '#2a0f3a'], { cx: 0.7, cy: 0.5, r: 0.75 })}</defs>
    <rect width="${W}" height="${H}" fill="url(#g)"/>${rays}${shells}
    <circle cx="${fx}" cy="${fy}" r="18" fill="#fff7d6"/>
    ${title('PrecNeRF', { size: 112, y: 370 })}`);
}

// EigenGAN frame: a circle travelling along an "eigen-direction" while hue shifts.
function eigenganFrame(i, n) {
  const w = 400, h = 225;
  const t = i / (n - 1);
  const hue = Math.round(200 + 160 * t) % 360;
  const cx = r1(60 + t * 280);
  const cy = r1(170 - t * 115);
  let axes = '';
  for (let k = 0; k < n; k++) {
    const tk = k / (n - 1);
    axes += `<circle cx="${r1(60 + tk * 280)}" cy="${r1(170 - tk * 115)}" r="5" fill="rgba(255,255,255,0.45)"/>`;
  }
  return svgDoc(w, h, `<defs>${linear('g', [`hsl(${hue},55%,22%)`, `hsl(${(hue + 60) % 360},60%,40%)`])}</defs>
    <rect width="${w}" height="${h}" fill="url(#g)"/>
    <line x1="40" y1="182" x2="360" y2="43" stroke="rgba(255,255,255,0.35)" stroke-width="3" stroke-dasharray="8 6"/>
    ${axes}
    <circle cx="${cx}" cy="${cy}" r="${r1(26 + 10 * Math.sin(Math.PI * t))}" fill="hsl(${(hue + 180) % 360},85%,62%)" stroke="#fff" stroke-width="3"/>
    ${title('EigenGAN', { x: 200, y: 112, size: 58 })}`);
}

// AttGAN: overlapping translucent circles (attribute "layers").
function attgan() {
  const cols = ['#ff5d8f', '#3ec1d3', '#ffd166', '#8e7dff', '#06d6a0'];
  let blobs = '';
  for (let i = 0; i < 5; i++) {
    blobs += `<circle cx="${120 + i * 140}" cy="${i % 2 ? 150 : 300}" r="150" fill="${cols[i]}" opacity="0.55"/>`;
  }
  return svgDoc(W, H, `<defs>${linear('g', ['#1d1b2f', '#35304f'])}</defs>
    <rect width="${W}" height="${H}" fill="url(#g)"/>${blobs}${title('AttGAN', { size: 130 })}`);
}

// S2GAN: layered sine waves over a sea-green gradient.
function s2gan() {
  let waves = '';
  for (let k = 0; k < 7; k++) {
    const amp = 22 + k * 6, base = 40 + k * 62, ph = k * 0.9;
    let d = `M 0 ${H}`;
    for (let x = 0; x <= W; x += 20) d += ` L ${x} ${r1(base + amp * Math.sin(x / 70 + ph))}`;
    d += ` L ${W} ${H} Z`;
    waves += `<path d="${d}" fill="rgba(${10 + k * 10},${90 + k * 18},${120 + k * 12},0.35)"/>`;
  }
  return svgDoc(W, H, `<defs>${linear('g', ['#bff3e4', '#1b7f86'], { x2: 0, y2: 1 })}</defs>
    <rect width="${W}" height="${H}" fill="url(#g)"/>${waves}${title('S2GAN', { size: 140 })}`);
}

// PA-GAN: flat-colour nested squares (progressive attention), palette PNG friendly.
function pagan() {
  const cols = ['#264653', '#2a9d8f', '#e9c46a', '#f4a261', '#e76f51', '#f7ede2'];
  let sq = '';
  for (let side = 0; side < 2; side++) {
    const cx = side ? 660 : 140, cy = side ? 110 : 340;
    cols.forEach((c, i) => {
      const s = 260 - i * 42;
      sq += `<rect x="${cx - s / 2}" y="${cy - s / 2}" width="${s}" height="${s}" fill="${c}" transform="rotate(${i * 9} ${cx} ${cy})"/>`;
    });
  }
  return svgDoc(W, H, `<rect width="${W}" height="${H}" fill="#1f2f3a"/>${sq}
    ${title('PA-GAN', { size: 130, stroke: '#1f2f3a' })}`);
}

// STD-GAN: deterministic low-poly triangle mosaic.
function stdgan() {
  const rnd = prng(20240607);
  const cell = 80;
  const nx = W / cell + 2, ny = Math.ceil(H / cell) + 2; // one extra cell each side covers the edges
  const pt = [];
  for (let j = 0; j <= ny; j++) {
    pt.push([]);
    for (let i = 0; i <= nx; i++) {
      pt[j].push([r1((i - 1) * cell + (rnd() - 0.5) * 40), r1((j - 1) * cell + (rnd() - 0.5) * 40)]);
    }
  }
  let tris = '';
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const [a, b, c, d] = [pt[j][i], pt[j][i + 1], pt[j + 1][i], pt[j + 1][i + 1]];
      const l1 = Math.round(28 + rnd() * 22), l2 = Math.round(28 + rnd() * 22);
      const hue = Math.round(250 + (i / nx) * 70);
      tris += `<polygon points="${a} ${b} ${c}" fill="hsl(${hue},55%,${l1}%)"/>`;
      tris += `<polygon points="${b} ${d} ${c}" fill="hsl(${hue + 10},55%,${l2}%)"/>`;
    }
  }
  return svgDoc(W, H, `${tris}${title('STD-GAN', { size: 124 })}`);
}

// Matrix Calculus: grid of bracketed matrices on flat paper colour.
function matrixCalculus() {
  let m = '';
  const glyphs = ['∂', 'x', 'A', 'Σ', '∇', 'y', '0', '1', 'λ'];
  let g = 0;
  for (let row = 0; row < 3; row++) {
    for (let col = 0; col < 5; col++) {
      const x = 30 + col * 154, y = 22 + row * 140, w = 120, h = 110;
      const c = (row + col) % 2 ? '#3b5b92' : '#9a4b2f';
      m += `<path d="M ${x + 14} ${y} H ${x} V ${y + h} H ${x + 14}" fill="none" stroke="${c}" stroke-width="5"/>`;
      m += `<path d="M ${x + w - 14} ${y} H ${x + w} V ${y + h} H ${x + w - 14}" fill="none" stroke="${c}" stroke-width="5"/>`;
      for (let a = 0; a < 2; a++) {
        for (let b = 0; b < 2; b++) {
          m += `<text x="${x + 36 + b * 48}" y="${y + 34 + a * 46}" text-anchor="middle" dominant-baseline="central" font-family="${FONT}" font-size="30" fill="${c}" opacity="0.7">${glyphs[g++ % glyphs.length]}</text>`;
        }
      }
    }
  }
  return svgDoc(W, H, `<rect width="${W}" height="${H}" fill="#f4efe4"/>${m}
    <rect x="40" y="165" width="720" height="120" rx="16" fill="#22304a"/>
    ${title('Matrix Calculus', { size: 84, stroke: '#22304a' })}`);
}

// Avatar: initials on a gradient circle.
function avatar() {
  const s = 300;
  return svgDoc(s, s, `<defs>${linear('bg', ['#e8eef7', '#c9d6ea'])}${linear('g', ['#3a7bd5', '#6a3fb5', '#c04a8a'])}</defs>
    <rect width="${s}" height="${s}" fill="url(#bg)"/>
    <circle cx="150" cy="150" r="138" fill="url(#g)"/>
    <circle cx="150" cy="150" r="118" fill="none" stroke="rgba(255,255,255,0.35)" stroke-width="4"/>
    ${title('ZH', { x: 150, y: 152, size: 120, stroke: 'rgba(0,0,0,0.25)' })}`);
}

// ---------------------------------------------------------------- output

const svgBuf = (s) => Buffer.from(s);

async function jpeg(name, svg, quality = 70) {
  const buf = await sharp(svgBuf(svg)).flatten({ background: '#ffffff' })
    .jpeg({ quality, mozjpeg: true, chromaSubsampling: '4:2:0' }).toBuffer();
  await writeFile(path.join(outDir, name), buf);
}

async function png(name, svg, colours = 64) {
  const buf = await sharp(svgBuf(svg)).flatten({ background: '#ffffff' })
    .png({ palette: true, colours, compressionLevel: 9, effort: 10, dither: 0.5 }).toBuffer();
  await writeFile(path.join(outDir, name), buf);
}

async function gif(name, n = 8) {
  const frames = [];
  for (let i = 0; i < n; i++) {
    frames.push(await sharp(svgBuf(eigenganFrame(i, n))).flatten({ background: '#000000' }).png().toBuffer());
  }
  const buf = await sharp(frames, { join: { animated: true } })
    .gif({ loop: 0, delay: Array(n).fill(120), colours: 128, effort: 10, dither: 0.3 }).toBuffer();
  await writeFile(path.join(outDir, name), buf);
}

await mkdir(outDir, { recursive: true });
await jpeg('jodi.jpg', jodi(), 70);
await jpeg('ctrlora.jpg', ctrlora());
await jpeg('precnerf.jpg', precnerf());
await gif('eigengan.gif');
await jpeg('attgan.jpg', attgan());
await jpeg('s2gan.jpg', s2gan());
await png('pa-gan.png', pagan(), 32);
await jpeg('std-gan.jpg', stdgan());
await png('matrix-calculus.png', matrixCalculus(), 16);
await jpeg('avatar.jpg', avatar(), 80);

for (const f of ['jodi.jpg', 'ctrlora.jpg', 'precnerf.jpg', 'eigengan.gif', 'attgan.jpg', 's2gan.jpg',
  'pa-gan.png', 'std-gan.jpg', 'matrix-calculus.png', 'avatar.jpg']) {
  const p = path.join(outDir, f);
  const m = await sharp(p, { animated: true }).metadata();
  const h = m.pageHeight ?? m.height;
  console.log(`${f.padEnd(20)} ${m.format.padEnd(5)} ${m.width}x${h} pages=${m.pages ?? 1} ${(await stat(p)).size} bytes`);
}
