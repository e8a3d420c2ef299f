import { CREATURE_CSS } from './animation-css';
import type { CreatureMood } from './care';
import { type CreatureGenome, type CreatureShape, drawGenome, speciesLabel } from './generator';
import type { CreatureStage } from './progression';

/**
 * Draws a genome as SVG: a string, deterministic, about 4 KB (all four moods are in it), with no
 * randomness of its own (every choice was drawn in `generator.ts`). Any change here changes the
 * committed snapshots, on purpose: people know their creature by its looks, so a redraw must be a
 * decision (update the snapshots and the digest in `generator.test.ts` together, and say why).
 *
 * Class hooks for the web (see `CREATURE_CSS`):
 * - the root has `creature creature--{mood} creature--{stage}`; swap the mood class to animate a
 *   reaction (a finished task: `creature--happy`) without rendering again;
 * - `cr-bob` (the whole creature, breathing/hopping), `cr-eyes` (blinking), `cr-tail` (wagging),
 *   `cr-wings`, `cr-blush`, and the mood decorations `cr-zzz`, `cr-hearts`, `cr-thought`;
 * - mood-specific parts carry `cr-m` and `cr-m-{mood}` for each mood they belong to. They are
 *   hidden with `display="none"` for the other moods, so a static SVG (an <img>, an Open Graph
 *   image) shows the mood it was rendered for, and the stylesheet overrides that when classes swap.
 */

export interface RenderOptions {
  stage: CreatureStage;
  mood?: CreatureMood;
  /** Width and height attributes; without it the SVG fills its box (viewBox 0 0 120 120). */
  size?: number;
  /** The accessible name; defaults to "{name}, a {stage} {species}". */
  title?: string;
  /** Embed `CREATURE_CSS` (for a standalone file); pages include the stylesheet once instead. */
  embedStyles?: boolean;
  /** Prefix for the ids inside (clip path, title); defaults to one made from the seed and stage. */
  idPrefix?: string;
}

const CX = 60;
const STROKE = 2.4;
const GROUND = 104;
const SIDES = [-1, 1] as const;
const MOOD_CLASSES: Record<CreatureMood, string> = {
  idle: 'cr-m-idle',
  happy: 'cr-m-happy',
  hungry: 'cr-m-hungry',
  sleepy: 'cr-m-sleepy',
};

interface Pt {
  x: number;
  y: number;
}

/**
 * One decimal place: small output, and exact strings across engines. Built from integers (the
 * same digits `String(Math.round(v * 10) / 10)` gives, about four times faster: rendering writes
 * a few hundred numbers per creature).
 */
function n(v: number): string {
  let r = Math.round(v * 10);
  if (r === 0) return '0';
  let sign = '';
  if (r < 0) {
    sign = '-';
    r = -r;
  }
  const whole = Math.trunc(r / 10);
  const tenth = r - whole * 10;
  return tenth === 0 ? `${sign}${whole}` : `${sign}${whole}.${tenth}`;
}

function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function cubic(p0: Pt, p1: Pt, p2: Pt, p3: Pt, t: number): Pt {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return {
    x: a * p0.x + b * p1.x + c * p2.x + d * p3.x,
    y: a * p0.y + b * p1.y + c * p2.y + d * p3.y,
  };
}

interface ShapeParams {
  w: number;
  h: number;
  off: number;
  tw: number;
  bw: number;
  eye: number;
}

const SHAPES: Record<CreatureShape, ShapeParams> = {
  round: { w: 1, h: 0.98, off: 0.06, tw: 0.56, bw: 0.66, eye: 0.43 },
  pear: { w: 1.06, h: 1, off: 0.2, tw: 0.36, bw: 0.74, eye: 0.4 },
  bean: { w: 0.86, h: 1.08, off: 0.05, tw: 0.6, bw: 0.62, eye: 0.38 },
  squircle: { w: 1.02, h: 0.86, off: 0.04, tw: 0.86, bw: 0.94, eye: 0.42 },
  drop: { w: 1, h: 1.06, off: 0.2, tw: 0.1, bw: 0.72, eye: 0.48 },
  cloud: { w: 1.04, h: 0.9, off: 0.08, tw: 0.62, bw: 0.84, eye: 0.45 },
};

interface StageLook {
  scale: number;
  squash: number;
  eye: number;
  eyeDrop: number;
  horn: number;
  tail: number;
  wing: number;
}

const STAGE_LOOKS: Record<Exclude<CreatureStage, 'egg'>, StageLook> = {
  baby: { scale: 0.72, squash: 0.9, eye: 1.32, eyeDrop: 0.07, horn: 0.45, tail: 0.7, wing: 0.6 },
  teen: { scale: 0.86, squash: 0.96, eye: 1.14, eyeDrop: 0.03, horn: 0.75, tail: 0.85, wing: 0.8 },
  adult: { scale: 1, squash: 1, eye: 1, eyeDrop: 0, horn: 1, tail: 1, wing: 1 },
  elder: { scale: 1, squash: 1, eye: 0.96, eyeDrop: 0, horn: 1.1, tail: 1, wing: 1 },
};

/**
 * The body's outline and the points features hang from. A class, not closures: rendering makes one
 * per creature, and methods cost nothing to create.
 */
class Body {
  readonly d: string;
  /** The outline's inside edge (half a stroke in): patterns clip to it, so they never cover the outline. */
  readonly inner: string;
  readonly top: number;
  readonly bottom: number;
  readonly w: number;
  readonly h: number;
  readonly eyeY: number;
  private readonly ry: number;
  private readonly T: Pt;
  private readonly c1: Pt;
  private readonly c2: Pt;
  private readonly R: Pt;
  private readonly c3: Pt;
  private readonly c4: Pt;
  private readonly B: Pt;

  constructor(shape: CreatureShape, halfWidth: number, height: number, look: StageLook) {
    const p = SHAPES[shape];
    const w = halfWidth * p.w;
    const h = height * p.h * look.squash;
    const top = GROUND - h;
    const bottom = GROUND;
    const half = STROKE / 2;
    const ry = top + h / 2 + h * p.off;
    this.T = { x: CX, y: top };
    this.c1 = { x: CX + w * p.tw, y: top };
    this.c2 = { x: CX + w, y: ry - (ry - top) * 0.55 };
    this.R = { x: CX + w, y: ry };
    this.c3 = { x: CX + w, y: ry + (bottom - ry) * 0.6 };
    this.c4 = { x: CX + w * p.bw, y: bottom };
    this.B = { x: CX, y: bottom };
    this.d = outlinePath(p, w, top, bottom);
    this.inner = outlinePath(p, w - half, top + half, bottom - half);
    this.top = top;
    this.bottom = bottom;
    this.w = w;
    this.h = h;
    this.ry = ry;
    this.eyeY = top + h * (p.eye + look.eyeDrop);
  }

  /** A point on the outline's upper quarter (t 0 = top centre, 1 = widest), on side -1 or 1. */
  upper(t: number, side: number): Pt {
    const q = cubic(this.T, this.c1, this.c2, this.R, t);
    return { x: CX + (q.x - CX) * side, y: q.y };
  }

  /** A point on the lower quarter (t 0 = widest, 1 = bottom centre). */
  lower(t: number, side: number): Pt {
    const q = cubic(this.R, this.c3, this.c4, this.B, t);
    return { x: CX + (q.x - CX) * side, y: q.y };
  }

  halfWidthAt(y: number): number {
    let best = 0;
    for (let i = 0; i <= 24; i++) {
      const q = y <= this.ry ? this.upper(i / 24, 1) : this.lower(i / 24, 1);
      if ((y <= this.ry && q.y <= y) || (y > this.ry && q.y >= y)) best = Math.max(best, q.x - CX);
    }
    return best || this.w;
  }
}

function outlinePath(p: ShapeParams, w: number, top: number, bottom: number): string {
  const h = bottom - top;
  const ry = top + h / 2 + h * p.off;
  const pts = [
    { x: CX, y: top },
    { x: CX + w * p.tw, y: top },
    { x: CX + w, y: ry - (ry - top) * 0.55 },
    { x: CX + w, y: ry },
    { x: CX + w, y: ry + (bottom - ry) * 0.6 },
    { x: CX + w * p.bw, y: bottom },
    { x: CX, y: bottom },
  ] as const;
  const [T, c1, c2, R, c3, c4, B] = pts;
  return `M${xy(T)}C${xy(c1)} ${xy(c2)} ${xy(R)}C${xy(c3)} ${xy(c4)} ${xy(B)}C${mirrored(c4)} ${mirrored(c3)} ${mirrored(R)}C${mirrored(c2)} ${mirrored(c1)} ${xy(T)}Z`;
}

function xy(q: Pt): string {
  return `${n(q.x)} ${n(q.y)}`;
}

function mirrored(q: Pt): string {
  return `${n(2 * CX - q.x)} ${n(q.y)}`;
}

function moodAttrs(moods: readonly CreatureMood[], current: CreatureMood, extra = ''): string {
  let cls = 'cr-m';
  for (const m of moods) cls += ` ${MOOD_CLASSES[m]}`;
  if (extra) cls += ` ${extra}`;
  return moods.includes(current) ? `class="${cls}"` : `class="${cls}" display="none"`;
}

function outline(ink: string, width = STROKE): string {
  return `stroke="${ink}" stroke-width="${width}"`;
}

function at(p: Pt, angle: number, scale = 1): string {
  const rot = Math.round(angle * 10) === 0 ? '' : ` rotate(${n(angle)})`;
  const sc = scale === 1 ? '' : ` scale(${n(scale)})`;
  return `transform="translate(${n(p.x)} ${n(p.y)})${rot}${sc}"`;
}

function ears(g: CreatureGenome, b: Body): string {
  const { colors: c } = g;
  const o = outline(c.ink);
  let out = '';
  for (const sd of SIDES) {
    if (g.ears === 'round') {
      out += `<g ${at(b.upper(0.42, sd), sd * 24)}><circle cy="-4" r="9" fill="${c.body}" ${o}/><circle cy="-5" r="4.6" fill="${c.cheek}"/></g>`;
    } else if (g.ears === 'pointy') {
      out += `<g ${at(b.upper(0.36, sd), sd * 20)}><path d="M-8 5L-1.5-14Q0-16.5 1.5-14L8 5Z" fill="${c.body}" ${o}/><path d="M-3.6 1L0-8.5 3.6 1Z" fill="${c.cheek}"/></g>`;
    } else if (g.ears === 'long') {
      out += `<g ${at(b.upper(0.3, sd), sd * 12)}><ellipse cy="-16" rx="6.6" ry="19" fill="${c.body}" ${o}/><ellipse cy="-17" rx="3" ry="13" fill="${c.cheek}"/></g>`;
    } else if (g.ears === 'floppy') {
      out += `<g ${at(b.upper(0.5, sd), sd * 118)}><ellipse cy="-12" rx="7.4" ry="15" fill="${c.accent}" ${o}/></g>`;
    } else if (g.ears === 'frills') {
      const p = b.upper(0.86, sd);
      for (const a of [52, 82, 112]) {
        out += `<ellipse ${at(p, sd * a)} cy="-9" rx="3.4" ry="8.6" fill="${c.cheek}" ${outline(c.ink, 1.8)}/>`;
      }
    }
  }
  return out;
}

function horns(g: CreatureGenome, b: Body, look: StageLook): string {
  const { colors: c } = g;
  const o = outline(c.ink);
  const k = look.horn;
  let out = '';
  if (g.horns === 'unicorn') {
    return `<g ${at(b.upper(0, 1), 0, k)}><path d="M-5 4L0-21 5 4Z" fill="#ffe08a" ${o}/><path d="M-3.6-3 3 -6M-2.2-11 2-13" stroke="${c.ink}" stroke-width="1.2" fill="none"/></g>`;
  }
  for (const sd of SIDES) {
    if (g.horns === 'nubs') {
      out += `<path ${at(b.upper(0.2, sd), sd * 14, k)} d="M-4.6 4Q-3.5-6.5 0-8 3.5-6.5 4.6 4Z" fill="${c.belly}" ${o}/>`;
    } else if (g.horns === 'crescent') {
      out += `<path ${at(b.upper(0.24, sd), sd * 10, k)} d="M${-sd * 4.5} 4C${-sd * 5}-6 ${sd * 2}-13 ${sd * 11}-15C${sd * 6}-10 ${sd * 4.5}-4 ${sd * 4.5} 4Z" fill="${c.belly}" ${o}/>`;
    } else if (g.horns === 'antennae') {
      out += `<g ${at(b.upper(0.14, sd), 0, k)}><path d="M0 4Q${sd * 2}-8 ${sd * 7}-15" fill="none" stroke="${c.ink}" stroke-width="2"/><circle cx="${sd * 7}" cy="-16" r="3.4" fill="${c.accent}" ${outline(c.ink, 1.8)}/></g>`;
    }
  }
  return out;
}

function topperBehind(g: CreatureGenome, b: Body): string {
  const { colors: c } = g;
  const p = b.upper(0, 1);
  if (g.topper === 'tuft') {
    let out = '';
    for (const a of [-28, 0, 28]) {
      out += `<ellipse ${at(p, a)} cy="-6" rx="3.2" ry="${a === 0 ? 8.5 : 7}" fill="${c.body}" ${outline(c.ink, 2)}/>`;
    }
    return out;
  }
  if (g.topper === 'sprout') {
    const leaf = 'M0 0Q6-7 13-2Q6 3 0 0Z';
    return `<g ${at(p, 0)}><path d="M0 4Q1-5 0-11" fill="none" stroke="${c.ink}" stroke-width="4.2"/><path d="M0 4Q1-5 0-11" fill="none" stroke="${c.leaf}" stroke-width="1.8"/><path d="${leaf}" transform="translate(0 -10) rotate(-28)" fill="${c.leaf}" ${outline(c.ink, 1.8)}/><path d="${leaf}" transform="translate(0 -9) rotate(208) scale(1 -1)" fill="${c.leaf}" ${outline(c.ink, 1.8)}/></g>`;
  }
  return '';
}

function topperFront(g: CreatureGenome, b: Body): string {
  if (g.topper !== 'curl') return '';
  const p = b.upper(0, 1);
  return `<path ${at(p, 0)} d="M-1 3C-3-7 8-11 8-4C8 0 3 0 3.5-3.5" fill="none" stroke="${g.colors.ink}" stroke-width="2.2"/>`;
}

/** A thick stroke with an outline: the ink stroke wider, the colour over it. */
function thick(ink: string, d: string, fill: string, width: number): string {
  return `<path d="${d}" fill="none" stroke="${ink}" stroke-width="${width + 4.4}"/><path d="${d}" fill="none" stroke="${fill}" stroke-width="${width}"/>`;
}

function tail(g: CreatureGenome, b: Body, look: StageLook): string {
  const { colors: c } = g;
  const p = b.lower(0.38, 1);
  const base = `class="cr-tail" ${at({ x: p.x - 3, y: p.y }, 0, look.tail)}`;
  const o = outline(c.ink);
  const ink = c.ink;
  switch (g.tail) {
    case 'puff':
      return `<g ${base}><circle cx="5" cy="2" r="7.5" fill="${c.belly}" ${o}/></g>`;
    case 'curly':
      return `<g ${base}>${thick(ink, 'M0 0C9-1 14-9 8-13C3-15 1-8 6-7', c.body, 3.6)}</g>`;
    case 'long':
      return `<g ${base}>${thick(ink, 'M0 0C12 3 16-12 25-10C29-9 30-5 28-3', c.accent, 1.6)}</g>`;
    case 'spade':
      return `<g ${base}>${thick(ink, 'M0 0C10 4 17-4 20-12', c.body, 4)}<path d="M20-12L14.5-15.5Q20-25 26-19.5Q26-13 20-12Z" fill="${c.accent}" ${outline(c.ink, 2)}/></g>`;
    case 'bushy':
      return `<g ${base}><path d="M0 5C16 8 31-4 25-24C20-13 12-6-1-4Z" fill="${c.body}" ${o}/><path d="M25-24C22-18 19-15 16-13C19-12 24-13 26.6-17Q27.2-21 25-24Z" fill="${c.belly}" ${outline(c.ink, 1.6)}/></g>`;
    case 'fin':
      return `<g ${base}><path d="M0 3C13 5 23 0 28-12C21-7 11-6 0-6Z" fill="${c.cheek}" ${o}/><path d="M6 0L19-4" stroke="${c.ink}" stroke-width="1.2" opacity=".5"/></g>`;
    default:
      return '';
  }
}

function wings(g: CreatureGenome, b: Body, look: StageLook): string {
  if (g.wings === 'none') return '';
  const { colors: c } = g;
  let out = '';
  for (const sd of SIDES) {
    const p = b.upper(0.92, sd);
    const flip = sd < 0 ? ' scale(-1 1)' : '';
    const t = `transform="translate(${n(p.x - sd * 3)} ${n(p.y + 2)}) rotate(${sd * -14})${flip} scale(${n(look.wing)})"`;
    if (g.wings === 'feather') {
      out += `<path ${t} d="M0 0C4-11 17-13 22-5C18-4 18 0 14 0C13 3 9 4 0 3Z" fill="${c.belly}" ${outline(c.ink, 2)}/>`;
    } else {
      out += `<path ${t} d="M0 1L7-11Q14-15 21-9Q17-5 19 0Q14-2 12 2Q8 0 0 4Z" fill="${c.accent}" ${outline(c.ink, 2)}/>`;
    }
  }
  return `<g class="cr-wings">${out}</g>`;
}

function feet(g: CreatureGenome, b: Body): string {
  if (!g.feet) return '';
  const dx = b.w * 0.44;
  const o = outline(g.colors.ink);
  return `<ellipse cx="${n(CX - dx)}" cy="${n(b.bottom - 0.6)}" rx="7.4" ry="4.6" fill="${g.colors.body}" ${o}/><ellipse cx="${n(CX + dx)}" cy="${n(b.bottom - 0.6)}" rx="7.4" ry="4.6" fill="${g.colors.body}" ${o}/>`;
}

function bodySilhouette(g: CreatureGenome, b: Body): string {
  const { colors: c } = g;
  if (g.shape !== 'cloud') {
    return `<path d="${b.d}" fill="${c.body}" ${outline(c.ink)}/>`;
  }
  // A cloud: bumps along the top, outlined as one shape (stroke everything wide, then fill over).
  let bumps = '';
  for (const [t, sd] of [
    [0.06, 1],
    [0.5, -1],
    [0.5, 1],
    [0.95, -1],
    [0.95, 1],
  ] as const) {
    const q = b.upper(t, sd);
    const r = b.w * (t > 0.9 ? 0.3 : 0.36);
    const cx = q.x + (CX - q.x) * 0.28;
    const cy = q.y + r * 0.45;
    bumps += `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r)}"/>`;
  }
  return `<g stroke="${c.ink}" stroke-width="${STROKE * 2}" fill="${c.ink}"><path d="${b.d}"/>${bumps}</g><g fill="${c.body}"><path d="${b.d}"/>${bumps}</g>`;
}

function patternMarks(g: CreatureGenome, b: Body, eyeDx: number, eyeR: number): string {
  const { colors: c } = g;
  const left = CX - b.w;
  switch (g.pattern) {
    case 'spots': {
      let out = '';
      for (const m of g.marks.slice(0, 6)) {
        const x = left + b.w * 0.2 + (m.x / 100) * b.w * 1.6;
        let y = b.top + b.h * (0.1 + (m.y / 100) * 0.82);
        const r = 2.6 + (m.size / 100) * 4.4;
        // Keep the face clear: a spot that would touch an eye moves down to the tummy.
        const ex = Math.abs(x - CX) - eyeDx;
        const ey = y - b.eyeY;
        if (Math.hypot(ex, ey) < r + eyeR + 3) y = b.eyeY + r + eyeR + 9;
        out += `<circle cx="${n(x)}" cy="${n(y)}" r="${n(r)}"/>`;
      }
      return `<g fill="${c.accent}">${out}</g>`;
    }
    case 'stripes': {
      const y0 = b.top;
      let out = `M${n(CX - 4)} ${n(y0)}l2 8 2-8M${n(CX - 11)} ${n(y0 + 1.5)}l3 6.5 1.5-7.5M${n(CX + 6.5)} ${n(y0)}l1.5 7.5 3-6.5`;
      for (const sd of SIDES) {
        for (const f of [0.6, 0.74]) {
          const y = b.top + b.h * f;
          const x = CX + sd * b.halfWidthAt(y);
          out += `M${n(x + sd * 2)} ${n(y)}l${n(-sd * 10)} 2.4 ${n(sd * 10)} 2.4`;
        }
      }
      return `<path d="${out}" fill="${c.accent}" stroke="${c.accent}" stroke-width="2.4"/>`;
    }
    case 'cap': {
      const capBottom = b.eyeY - 7;
      const ry = (capBottom - b.top + 12) * 0.62;
      return `<ellipse cx="${CX}" cy="${n(capBottom - ry)}" rx="${n(b.w * 1.25)}" ry="${n(ry)}" fill="${c.accent}"/>`;
    }
    case 'socks':
      return `<ellipse cx="${CX}" cy="${n(b.bottom + b.h * 0.06)}" rx="${n(b.w * 1.3)}" ry="${n(b.h * 0.2)}" fill="${c.accent}"/>`;
    case 'patch': {
      const m = g.marks[0]!;
      const sd = m.x < 50 ? -1 : 1;
      const y = b.top + b.h * (0.62 + (m.y / 100) * 0.16);
      return `<ellipse cx="${n(CX + sd * b.w * 0.72)}" cy="${n(y)}" rx="${n(b.w * 0.42)}" ry="${n(b.h * 0.2)}" transform="rotate(${sd * 18} ${n(CX + sd * b.w * 0.72)} ${n(y)})" fill="${c.accent}"/>`;
    }
    default:
      return '';
  }
}

function highlight(x: number, y: number, dx: number, dy: number, r: number): string {
  return `<circle cx="${n(x + dx)}" cy="${n(y + dy)}" r="${n(r)}" fill="#fff"/>`;
}

function eyeOpen(g: CreatureGenome, x: number, y: number, r: number): string {
  const ink = g.colors.ink;
  switch (g.eyes) {
    case 'sparkle':
      return `<circle cx="${n(x)}" cy="${n(y)}" r="${n(r * 1.18)}" fill="${ink}"/>${highlight(x, y, -r * 0.4, -r * 0.4, r * 0.46)}${highlight(x, y, r * 0.42, r * 0.38, r * 0.2)}`;
    case 'oval':
      return `<ellipse cx="${n(x)}" cy="${n(y)}" rx="${n(r * 0.78)}" ry="${n(r * 1.18)}" fill="${ink}"/>${highlight(x, y, -r * 0.22, -r * 0.52, r * 0.34)}`;
    case 'wide':
      return `<circle cx="${n(x)}" cy="${n(y)}" r="${n(r * 1.3)}" fill="#fff" stroke="${ink}" stroke-width="1.6"/><circle cx="${n(x)}" cy="${n(y + r * 0.15)}" r="${n(r * 0.74)}" fill="${ink}"/>${highlight(x, y, -r * 0.24, -r * 0.18, r * 0.26)}`;
    case 'bead':
      return `<circle cx="${n(x)}" cy="${n(y)}" r="${n(r * 0.74)}" fill="${ink}"/>${highlight(x, y, -r * 0.22, -r * 0.24, r * 0.24)}`;
    default:
      return `<circle cx="${n(x)}" cy="${n(y)}" r="${n(r)}" fill="${ink}"/>${highlight(x, y, -r * 0.34, -r * 0.36, r * 0.38)}`;
  }
}

function line(ink: string, width: number): string {
  return `fill="none" stroke="${ink}" stroke-width="${width}"`;
}

/** A closed eye: a smile-shaped arc (dir 1, happy ^) or a sleeping one (dir -1). */
function eyeArc(x: number, y: number, r: number, dir: number): string {
  return `M${n(x - r)} ${n(y + dir * 0.6)}Q${n(x)} ${n(y + dir * -r * 1.25)} ${n(x + r)} ${n(y + dir * 0.6)}`;
}

function brow(x: number, y: number, r: number): string {
  return `M${n(x - r * 0.9)} ${n(y - r * 1.7)}Q${n(x)} ${n(y - r * 2.3)} ${n(x + r * 0.9)} ${n(y - r * 1.7)}`;
}

/** A hungry, pleading brow: higher on the inside. */
function plead(dx: number, y: number, r: number, sd: number): string {
  return `M${n(CX + sd * (dx - r * 0.9))} ${n(y - r * 2.1)}L${n(CX + sd * (dx + r * 0.7))} ${n(y - r * 1.65)}`;
}

function face(
  g: CreatureGenome,
  b: Body,
  look: StageLook,
  mood: CreatureMood,
  elder: boolean,
): string {
  const { colors: c } = g;
  const ink = c.ink;
  const r = 4.6 * look.eye;
  const y = b.eyeY;
  const dx = Math.max(7.5, b.halfWidthAt(y) * 0.44);
  const my = y + r + 4.2;
  let out = '';
  if (g.blush) {
    out += `<g class="cr-blush" fill="${c.cheek}" opacity=".6"><ellipse cx="${n(CX - dx - 2.6)}" cy="${n(my - 0.5)}" rx="4.4" ry="2.6"/><ellipse cx="${n(CX + dx + 2.6)}" cy="${n(my - 0.5)}" rx="4.4" ry="2.6"/></g>`;
  }
  if (g.pattern === 'freckles') {
    let d = '';
    for (const sd of SIDES) {
      const fx = CX + sd * (dx + 1.5);
      d += `M${n(fx - 2.4)} ${n(my + 1.6)}h0M${n(fx)} ${n(my + 0.4)}h0M${n(fx + 2.4)} ${n(my + 1.6)}h0`;
    }
    out += `<path d="${d}" stroke="${ink}" stroke-width="1.5" opacity=".45"/>`;
  }
  if (g.whiskers) {
    let d = '';
    for (const sd of SIDES) {
      const wx = CX + sd * (dx + 7);
      d += `M${n(wx)} ${n(my - 1.5)}l${sd * 8}-2.5M${n(wx)} ${n(my + 1.2)}l${sd * 8} 1`;
    }
    out += `<path d="${d}" ${line(ink, 1.1)} opacity=".7"/>`;
  }
  const eyes = eyeOpen(g, CX - dx, y, r) + eyeOpen(g, CX + dx, y, r);
  out += `<g ${moodAttrs(['idle', 'hungry'], mood, 'cr-eyes')}>${eyes}</g>`;
  out += `<path ${moodAttrs(['happy'], mood)} d="${eyeArc(CX - dx, y, r, 1)}${eyeArc(CX + dx, y, r, 1)}" ${line(ink, 2.4)}/>`;
  out += `<path ${moodAttrs(['sleepy'], mood)} d="${eyeArc(CX - dx, y, r, -1)}${eyeArc(CX + dx, y, r, -1)}" ${line(ink, 2.2)}/>`;
  if (elder) {
    out += `<path d="${brow(CX - dx, y, r)}${brow(CX + dx, y, r)}" ${line(ink, 1.4)} opacity=".75"/>`;
  }
  // Mouths, one per mood.
  let idleMouth: string;
  if (g.mouth === 'cat') {
    idleMouth = `<path d="M${n(CX - 4)} ${n(my)}Q${n(CX - 2)} ${n(my + 2.8)} ${CX} ${n(my)}Q${n(CX + 2)} ${n(my + 2.8)} ${n(CX + 4)} ${n(my)}" ${line(ink, 1.7)}/>`;
  } else {
    idleMouth = `<path d="M${n(CX - 3.4)} ${n(my)}Q${CX} ${n(my + 3.4)} ${n(CX + 3.4)} ${n(my)}" ${line(ink, 1.8)}/>`;
    if (g.mouth === 'fang') {
      idleMouth += `<path d="M${n(CX + 0.6)} ${n(my + 1.5)}l1.3 2.4 1.1-2.9Z" fill="#fff" stroke="${ink}" stroke-width=".8"/>`;
    }
  }
  out += `<g ${moodAttrs(['idle'], mood)}>${idleMouth}</g>`;
  out += `<g ${moodAttrs(['happy'], mood)}><path d="M${n(CX - 4.8)} ${n(my - 0.6)}Q${CX} ${n(my + 7.4)} ${n(CX + 4.8)} ${n(my - 0.6)}Z" fill="${ink}" stroke="${ink}" stroke-width="1.2"/><ellipse cx="${CX}" cy="${n(my + 3)}" rx="2.2" ry="1.3" fill="${c.cheek}"/></g>`;
  out += `<path ${moodAttrs(['hungry'], mood)} d="${plead(dx, y, r, -1)}${plead(dx, y, r, 1)}" ${line(ink, 1.5)}/>`;
  out += `<g ${moodAttrs(['hungry'], mood)}><ellipse cx="${CX}" cy="${n(my + 1.4)}" rx="2.3" ry="2.9" fill="${ink}"/><path d="M${n(CX + 3.6)} ${n(my + 2.4)}q1.7 3.2 0 4.3q-1.7-1.1 0-4.3Z" fill="#a8dcff" stroke="${ink}" stroke-width=".7"/></g>`;
  out += `<ellipse ${moodAttrs(['sleepy'], mood)} cx="${CX}" cy="${n(my + 1.2)}" rx="1.7" ry="1.3" fill="${ink}"/>`;
  return out;
}

function elderAccessory(g: CreatureGenome, b: Body, clipRef: string, look: StageLook): string {
  const { colors: c } = g;
  if (g.elderAccessory === 'glasses') {
    const r = 4.6 * look.eye;
    const y = b.eyeY;
    const dx = Math.max(7.5, b.halfWidthAt(y) * 0.44);
    const rr = r * 1.3 + 2.4;
    return `<g fill="#fff" fill-opacity=".18" stroke="${c.ink}" stroke-width="1.5"><circle cx="${n(CX - dx)}" cy="${n(y)}" r="${n(rr)}"/><circle cx="${n(CX + dx)}" cy="${n(y)}" r="${n(rr)}"/><path d="M${n(CX - dx + rr)} ${n(y - 1)}Q${CX} ${n(y - 3.5)} ${n(CX + dx - rr)} ${n(y - 1)}" fill="none"/></g>`;
  }
  if (g.elderAccessory === 'scarf') {
    // Just under the mouth, wrapped round, one end hanging down the side.
    const y = b.eyeY + 4.6 * look.eye + 7.5;
    const x = CX + b.halfWidthAt(y + 3) * 0.5;
    return `<g clip-path="url(#${clipRef})"><path d="M${n(CX - b.w - 3)} ${n(y)}Q${CX} ${n(y + 4)} ${n(CX + b.w + 3)} ${n(y)}v7Q${CX} ${n(y + 11)} ${n(CX - b.w - 3)} ${n(y + 7)}Z" fill="${c.scarf}" ${outline(c.ink, 1.6)}/></g><path d="M${n(x)} ${n(y + 5)}l5.5 14.5-6.8 2-3.2-15.5Z" fill="${c.scarf}" ${outline(c.ink, 1.6)}/><path d="M${n(x + 1.2)} ${n(y + 21)}l-.4 2.6M${n(x + 3.8)} ${n(y + 20.2)}l.6 2.6" stroke="${c.ink}" stroke-width="1.2"/>`;
  }
  // A flower tucked beside the head, with two leaves.
  // High enough on the head to stay clear of the eye, whatever the body's shape.
  const clear = b.eyeY - 4.6 * look.eye * 1.3 - 7;
  let t = 0.5;
  while (t > 0.08 && b.upper(t, -1).y > clear) t -= 0.04;
  const f = b.upper(t, -1);
  let petals = '';
  for (let i = 0; i < 5; i++) {
    const a = (i * 2 * Math.PI) / 5;
    petals += `<circle cx="${n(Math.sin(a) * 3.6)}" cy="${n(-Math.cos(a) * 3.6)}" r="2.9"/>`;
  }
  const leaf = 'M0 0Q4-5 10-2Q4 2 0 0Z';
  return `<g ${at({ x: f.x + 3, y: f.y + 2 }, -16)}><path d="${leaf}" transform="rotate(150)" fill="${c.leaf}" ${outline(c.ink, 1.2)}/><path d="${leaf}" transform="rotate(20)" fill="${c.leaf}" ${outline(c.ink, 1.2)}/><g fill="#fff" stroke="${c.ink}" stroke-width="1.1">${petals}</g><circle r="2.4" fill="#ffd35c" stroke="${c.ink}" stroke-width=".9"/></g>`;
}

function zPath(x: number, y: number, size: number): string {
  return `M${n(x)} ${n(y)}h${size}l${-size} ${size}h${size}`;
}

function heart(x: number, y: number, scale: number): string {
  return `<path transform="translate(${n(x)} ${n(y)}) scale(${scale})" d="M0 3C-5-1-3-6 0-3C3-6 5-1 0 3Z"/>`;
}

function decorations(
  g: CreatureGenome,
  headTop: number,
  right: number,
  mood: CreatureMood,
): string {
  const ink = g.colors.ink;
  const zx = Math.min(100, right + 2);
  const zzz = `<path ${moodAttrs(['sleepy'], mood, 'cr-zzz')} d="${zPath(zx, headTop + 4, 4)}${zPath(zx + 6, headTop - 4, 5)}${zPath(zx + 13, headTop - 13, 6)}" fill="none" stroke="${ink}" stroke-width="1.7"/>`;
  const hearts = `<g ${moodAttrs(['happy'], mood, 'cr-hearts')} fill="${g.colors.cheek}" stroke="${ink}" stroke-width=".7">${heart(Math.min(104, right + 6), headTop, 1.2)}${heart(Math.max(14, 120 - right - 4), headTop + 7, 0.9)}</g>`;
  // Hungry: a thought bubble with a berry in it.
  const bx = Math.min(106, right + 4);
  const by = Math.max(13, headTop - 5);
  const thought = `<g ${moodAttrs(['hungry'], mood, 'cr-thought')} stroke="${ink}" stroke-width="1.3"><circle cx="${n(bx - 11)}" cy="${n(by + 14)}" r="1.8" fill="#fff"/><circle cx="${n(bx - 7)}" cy="${n(by + 10)}" r="2.8" fill="#fff"/><circle cx="${n(bx)}" cy="${n(by)}" r="10" fill="#fff"/><circle cx="${n(bx)}" cy="${n(by + 1.2)}" r="4.4" fill="#e5586b"/><circle cx="${n(bx - 1.4)}" cy="${n(by - 0.2)}" r="1.1" fill="#fff" stroke="none"/><path d="M${n(bx)} ${n(by - 3)}q2.4-3.2 5-1.7q-2 2.7-5 1.7Z" fill="${g.colors.leaf}" stroke-width=".9"/></g>`;
  return zzz + hearts + thought;
}

function eggSvg(g: CreatureGenome, ids: { clip: string }, mood: CreatureMood): string {
  const { colors: c } = g;
  const d = 'M60 27C77 27 88 58 88 75C88 93 76 104 60 104C44 104 32 93 32 75C32 58 43 27 60 27Z';
  let marks = '';
  switch (g.eggPattern) {
    case 'spots':
      for (const m of g.marks.slice(0, 6)) {
        marks += `<circle cx="${n(36 + m.x * 0.48)}" cy="${n(38 + m.y * 0.6)}" r="${n(3 + m.size * 0.04)}" fill="${c.accent}"/>`;
      }
      break;
    case 'zigzag':
      marks = `<path d="M28 70l8-8 8 8 8-8 8 8 8-8 8 8 8-8 8 8" fill="none" stroke="${c.accent}" stroke-width="6"/>`;
      break;
    case 'stripes':
      marks = `<path d="M28 52q16 6 32 0t32 0M28 70q16 6 32 0t32 0M28 88q16 6 32 0t32 0" fill="none" stroke="${c.accent}" stroke-width="5"/>`;
      break;
    case 'speckles':
      for (const m of g.marks) {
        marks += `<circle cx="${n(38 + m.x * 0.44)}" cy="${n(40 + m.y * 0.56)}" r="1.6"/><circle cx="${n(82 - m.y * 0.44)}" cy="${n(44 + m.x * 0.5)}" r="1.2"/>`;
      }
      marks = `<g fill="${c.ink}" opacity=".35">${marks}</g>`;
      break;
    default:
      marks = `<rect x="28" y="66" width="64" height="12" fill="${c.accent}"/><g fill="${c.belly}"><circle cx="44" cy="72" r="2.4"/><circle cx="60" cy="72" r="2.4"/><circle cx="76" cy="72" r="2.4"/></g>`;
  }
  // The marks clip to the egg shrunk by half a stroke, so they never cover the outline.
  return `<defs><clipPath id="${ids.clip}"><path d="${d}" transform="matrix(.957 0 0 .969 2.6 2)"/></clipPath></defs><ellipse cx="60" cy="106" rx="24" ry="3.4" fill="${c.ink}" opacity=".14"/><g class="cr-bob"><path d="${d}" fill="${c.body}" ${outline(c.ink)}/><g clip-path="url(#${ids.clip})">${marks}<ellipse cx="60" cy="110" rx="40" ry="14" fill="${c.ink}" opacity=".08"/></g><ellipse cx="47" cy="50" rx="4.6" ry="9" transform="rotate(24 47 50)" fill="#fff" opacity=".6"/></g>${decorations(g, 30, 86, mood)}`;
}

function creatureSvg(
  g: CreatureGenome,
  stage: Exclude<CreatureStage, 'egg'>,
  ids: { clip: string },
  mood: CreatureMood,
): string {
  const look = STAGE_LOOKS[stage];
  const b = new Body(g.shape, g.halfWidth, g.height, look);
  const { colors: c } = g;
  const s = look.scale;
  const eyeDx = Math.max(7.5, b.halfWidthAt(b.eyeY) * 0.44);
  const transform =
    s === 1
      ? ''
      : ` transform="matrix(${n(s)} 0 0 ${n(s)} ${n(CX * (1 - s))} ${n(GROUND * (1 - s))})"`;
  const behind =
    wings(g, b, look) +
    tail(g, b, look) +
    ears(g, b) +
    horns(g, b, look) +
    topperBehind(g, b) +
    feet(g, b);
  const bellyShape = g.belly
    ? `<ellipse cx="${CX}" cy="${n(b.top + b.h * 0.76)}" rx="${n(b.w * 0.62)}" ry="${n(b.h * 0.3)}" fill="${c.belly}"/>`
    : '';
  const inside = bellyShape + patternMarks(g, b, eyeDx, 4.6 * look.eye * 1.3);
  const clipped = inside ? `<g clip-path="url(#${ids.clip})">${inside}</g>` : '';
  const elder = stage === 'elder';
  // Decorations sit beside the head; their position follows the stage's scale.
  const headTop = GROUND - (GROUND - b.top) * s;
  const right = CX + b.w * s;
  return `<defs><clipPath id="${ids.clip}"><path d="${b.inner}"/></clipPath></defs><ellipse cx="60" cy="106" rx="${n(b.w * 0.92 * s)}" ry="3.4" fill="${c.ink}" opacity=".14"/><g class="cr-bob">${transform ? `<g${transform}>` : ''}${behind}${bodySilhouette(g, b)}${clipped}${topperFront(g, b)}${face(g, b, look, mood, elder)}${elder ? elderAccessory(g, b, ids.clip, look) : ''}${transform ? '</g>' : ''}</g>${decorations(g, headTop, right, mood)}`;
}

/** One letter per stage, so the ids of one creature drawn at two stages on a page differ. */
const STAGE_CODES: Record<CreatureStage, string> = {
  egg: 'e',
  baby: 'b',
  teen: 't',
  adult: 'a',
  elder: 'o',
};

/** The words for a stage in an accessible name. */
const STAGE_WORDS: Record<CreatureStage, string> = {
  egg: 'egg',
  baby: 'baby',
  teen: 'young',
  adult: 'grown-up',
  elder: 'wise old',
};

export function creatureTitle(g: CreatureGenome, stage: CreatureStage, name = g.name): string {
  const species = speciesLabel(g.species);
  if (stage === 'egg') return `${name}'s egg, a ${species} waiting to hatch`;
  return `${name}, a ${STAGE_WORDS[stage]} ${species}`;
}

export function renderCreatureSvg(g: CreatureGenome, options: RenderOptions): string {
  const stage = options.stage;
  const mood = options.mood ?? 'idle';
  const prefix = options.idPrefix ?? `c${g.seed.slice(3, 11)}${STAGE_CODES[stage]}`;
  const ids = { clip: `${prefix}c`, title: `${prefix}t` };
  const size = options.size ? ` width="${options.size}" height="${options.size}"` : '';
  const title = esc(options.title ?? creatureTitle(g, stage));
  const style = options.embedStyles ? `<style>${CREATURE_CSS}</style>` : '';
  const content = stage === 'egg' ? eggSvg(g, ids, mood) : creatureSvg(g, stage, ids, mood);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120"${size} role="img" aria-labelledby="${ids.title}" class="creature creature--${mood} creature--${stage}" stroke-linejoin="round" stroke-linecap="round"><title id="${ids.title}">${title}</title>${style}${content}</svg>`;
}

/** Draws and renders in one call (the same as `renderCreatureSvg(drawGenome(seed), options)`). */
export function renderCreature(seed: string, options: RenderOptions): string {
  return renderCreatureSvg(drawGenome(seed), options);
}
