import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CREATURE_MOODS } from './care';
import {
  CREATURE_EARS,
  CREATURE_EYES,
  CREATURE_HORNS,
  CREATURE_MOUTHS,
  CREATURE_NAMES,
  CREATURE_PATTERNS,
  CREATURE_SHAPES,
  CREATURE_SPECIES,
  CREATURE_TAILS,
  CREATURE_TOPPERS,
  CREATURE_WINGS,
  drawGenome,
  EGG_PATTERNS,
  ELDER_ACCESSORIES,
  PERSONALITY_AXES,
  SPECIES_DEFS,
} from './generator';
import {
  contrastRatio,
  INK_ACCENT_CONTRAST_MIN,
  INK_CONTRAST_MIN,
  relativeLuminance,
} from './palette';
import { CREATURE_STAGES } from './progression';
import { hash64 } from './random';
import { renderCreatureSvg } from './render';
import { seedFromBytes, seedFromText } from './seed';

const seedArb = fc.uint8Array({ minLength: 8, maxLength: 8 }).map(seedFromBytes);

/** A strict little XML check: tags balance, attributes are quoted, text has no stray markup. */
function expectWellFormedSvg(svg: string) {
  const stack: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(svg); m; m = tag.exec(svg)) {
    const between = svg.slice(last, m.index);
    expect(between).not.toMatch(/[<>]|&(?!amp;|lt;|gt;|quot;)/);
    last = tag.lastIndex;
    const [, closing, name, , selfClosing] = m;
    if (closing) expect(stack.pop()).toBe(name);
    else if (!selfClosing) stack.push(name!);
  }
  expect(svg.slice(last)).toBe('');
  expect(stack).toEqual([]);
  expect(svg).not.toMatch(/NaN|undefined|Infinity|null/);
  const ids = [...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  expect(new Set(ids).size).toBe(ids.length);
  for (const ref of svg.matchAll(/url\(#([^)]+)\)|aria-labelledby="([^"]+)"/g)) {
    expect(ids).toContain(ref[1] ?? ref[2]);
  }
}

describe('drawGenome', () => {
  it('draws the same creature from the same seed, every time', () => {
    fc.assert(
      fc.property(seedArb, (seed) => {
        const a = drawGenome(seed);
        expect(drawGenome(seed)).toEqual(a);
        expect(drawGenome(seed.toUpperCase())).toEqual(a);
        for (const stage of CREATURE_STAGES) {
          expect(renderCreatureSvg(drawGenome(seed), { stage })).toBe(
            renderCreatureSvg(a, { stage }),
          );
        }
      }),
    );
  });

  it('draws every trait from its own options and the species allows it', () => {
    fc.assert(
      fc.property(seedArb, (seed) => {
        const g = drawGenome(seed);
        const def = SPECIES_DEFS[g.species];
        expect(CREATURE_SPECIES).toContain(g.species);
        expect(CREATURE_SHAPES).toContain(g.shape);
        expect(def.shapes).toContain(g.shape);
        expect(CREATURE_PATTERNS).toContain(g.pattern);
        expect(def.patterns.map(([p]) => p)).toContain(g.pattern);
        expect(CREATURE_EARS).toContain(g.ears);
        expect(CREATURE_HORNS).toContain(g.horns);
        expect(CREATURE_TOPPERS).toContain(g.topper);
        expect(CREATURE_TAILS).toContain(g.tail);
        expect(CREATURE_WINGS).toContain(g.wings);
        expect(CREATURE_EYES).toContain(g.eyes);
        expect(CREATURE_MOUTHS).toContain(g.mouth);
        expect(ELDER_ACCESSORIES).toContain(g.elderAccessory);
        expect(EGG_PATTERNS).toContain(g.eggPattern);
        expect(CREATURE_NAMES).toContain(g.name);
        expect(g.marks).toHaveLength(7);
        // Three traits from three different axes.
        const axes = g.personality.map((t) =>
          PERSONALITY_AXES.findIndex((a) => (a as readonly string[]).includes(t)),
        );
        expect(new Set(axes).size).toBe(3);
        if (g.horns === 'unicorn' || g.horns === 'antennae') expect(g.topper).toBe('none');
      }),
    );
  });

  it('picks pleasant colours, with the outline and face readable on every colour they sit on', () => {
    fc.assert(
      fc.property(seedArb, (seed) => {
        const { colors } = drawGenome(seed);
        for (const c of Object.values(colors)) expect(c).toMatch(/^#[0-9a-f]{6}$/);
        expect(contrastRatio(colors.ink, colors.body)).toBeGreaterThanOrEqual(INK_CONTRAST_MIN);
        expect(contrastRatio(colors.ink, colors.belly)).toBeGreaterThanOrEqual(INK_CONTRAST_MIN);
        expect(contrastRatio(colors.ink, colors.accent)).toBeGreaterThanOrEqual(
          INK_ACCENT_CONTRAST_MIN,
        );
        // Pastel to medium bodies: never murky, never glaring white.
        expect(relativeLuminance(colors.body)).toBeGreaterThanOrEqual(0.26);
        expect(relativeLuminance(colors.body)).toBeLessThanOrEqual(0.85);
        // The pattern shows against the body.
        expect(contrastRatio(colors.accent, colors.body)).toBeGreaterThanOrEqual(1.1);
      }),
      { numRuns: 500 },
    );
  });

  it('is varied: a few hundred seeds show every species and most options', () => {
    const seen = {
      species: new Set<string>(),
      shapes: new Set<string>(),
      ears: new Set<string>(),
      names: new Set<string>(),
    };
    for (let i = 0; i < 400; i++) {
      const g = drawGenome(seedFromText(`variety-${i}`));
      seen.species.add(g.species);
      seen.shapes.add(g.shape);
      seen.ears.add(g.ears);
      seen.names.add(g.name);
    }
    expect(seen.species.size).toBe(CREATURE_SPECIES.length);
    expect(seen.shapes.size).toBe(CREATURE_SHAPES.length);
    expect(seen.ears.size).toBe(CREATURE_EARS.length);
    expect(seen.names.size).toBeGreaterThan(100);
  });

  it('refuses an unknown seed format', () => {
    expect(() => drawGenome('c2-0000000000000000')).toThrow('Unknown creature seed format "c2"');
  });
});

describe('renderCreatureSvg', () => {
  it('is well-formed, titled, compact and carries the animation hooks, at every stage and mood', () => {
    fc.assert(
      fc.property(
        seedArb,
        fc.constantFrom(...CREATURE_STAGES),
        fc.constantFrom(...CREATURE_MOODS),
        (seed, stage, mood) => {
          const g = drawGenome(seed);
          const svg = renderCreatureSvg(g, { stage, mood });
          expectWellFormedSvg(svg);
          expect(svg.length).toBeLessThan(7_000);
          expect(svg).toContain(`class="creature creature--${mood} creature--${stage}"`);
          expect(svg).toMatch(
            /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 120 120" role="img" aria-labelledby="[^"]+"/,
          );
          expect(svg).toContain('<title id=');
          expect(svg).toContain(g.name);
          expect(svg).toContain('class="cr-bob"');
          // Each mood-specific part shows for the mood rendered, and only then.
          for (const m of svg.matchAll(/<\w+ class="cr-m ([^"]*)"( display="none")?/g)) {
            const moods = m[1]!
              .split(' ')
              .filter((c) => c.startsWith('cr-m-'))
              .map((c) => c.slice(5));
            expect(m[2] === undefined).toBe(moods.includes(mood));
          }
          if (stage !== 'egg') {
            expect(svg).toContain('cr-eyes');
            expect(svg).toMatch(/class="cr-m cr-m-sleepy cr-zzz"/);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('escapes the title, sizes on request and embeds the styles when asked', () => {
    const g = drawGenome(seedFromText('title'));
    const svg = renderCreatureSvg(g, {
      stage: 'baby',
      title: 'Tom & <Jerry> "1"',
      size: 64,
      embedStyles: true,
    });
    expectWellFormedSvg(svg.replace(/<style>.*<\/style>/, ''));
    expect(svg).toContain('Tom &amp; &lt;Jerry&gt; &quot;1&quot;');
    expect(svg).toContain('width="64" height="64"');
    expect(svg).toContain('@media (prefers-reduced-motion:reduce)');
  });

  it('gives each stage of one creature its own ids, so several can share a page', () => {
    const g = drawGenome(seedFromText('ids'));
    const ids = CREATURE_STAGES.flatMap((stage) =>
      [...renderCreatureSvg(g, { stage }).matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]),
    );
    expect(new Set(ids).size).toBe(ids.length);
    expect(renderCreatureSvg(g, { stage: 'adult', idPrefix: 'x1' })).toContain('id="x1c"');
  });
});

/**
 * The promise "the same seed always draws the same creature, forever". These seeds (one of each
 * species, and the two extremes) are snapshotted as files, byte for byte, at every stage; open
 * them in a browser to see them. If a change to the generator or the renderer redraws them, these
 * fail: redrawing people's creatures must be a decision, never an accident.
 */
const SNAPSHOT_SEEDS = [
  'c1-2d8c93ec05033efb', // foxkin
  'c1-352176162bf9bd58', // sprig
  'c1-b94c40a5a7d99924', // lotl
  'c1-ee8ce2d7eaca02f5', // drakelet
  'c1-086496f099a035a5', // mochi
  'c1-b864ed77db9bdeb0', // puff
  'c1-fcb3f08ac8c4ce5e', // hopling
  'c1-065b1e67b11d80da', // nibbit
  'c1-0000000000000000',
  'c1-ffffffffffffffff',
];

describe('the same seed, the same creature, forever', () => {
  it('keeps the snapshotted genomes', async () => {
    const genomes = SNAPSHOT_SEEDS.map(drawGenome);
    await expect(`${JSON.stringify(genomes, null, 2)}\n`).toMatchFileSnapshot(
      './__snapshots__/genomes.json.snap',
    );
  });

  for (const seed of SNAPSHOT_SEEDS) {
    it(`draws ${seed} byte for byte as before, at every stage`, async () => {
      const g = drawGenome(seed);
      for (const stage of CREATURE_STAGES) {
        await expect(renderCreatureSvg(g, { stage })).toMatchFileSnapshot(
          `./__snapshots__/svg/${seed}-${stage}.svg`,
        );
      }
    });
  }

  it('draws each mood of two creatures byte for byte as before', async () => {
    for (const seed of SNAPSHOT_SEEDS.slice(0, 2)) {
      for (const mood of CREATURE_MOODS.filter((m) => m !== 'idle')) {
        await expect(
          renderCreatureSvg(drawGenome(seed), { stage: 'adult', mood }),
        ).toMatchFileSnapshot(`./__snapshots__/svg/${seed}-adult-${mood}.svg`);
      }
    }
  });

  it('draws a thousand more seeds exactly as before (one digest over all their SVGs)', () => {
    // A file snapshot is written anew when missing; this digest is a literal, so it fails anywhere.
    let acc = '';
    for (let i = 0; i < 1_000; i++) {
      const g = drawGenome(seedFromText(`forever-${i}`));
      const stage = CREATURE_STAGES[i % CREATURE_STAGES.length]!;
      const [a, b] = hash64(JSON.stringify(g) + renderCreatureSvg(g, { stage }));
      acc = hash64(acc + a.toString(16) + b.toString(16)).join('-');
    }
    expect(acc).toBe('4094243975-3520392684');
  });
});
