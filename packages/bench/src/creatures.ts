import {
  CREATURE_MOODS,
  CREATURE_STAGES,
  type CreatureGenome,
  type CreatureMood,
  type CreatureRecord,
  type CreatureStage,
  describeCreature,
  drawGenome,
  newCreatureRecord,
  renderCreatureSvg,
  STAGE_LEVELS,
  seedFromText,
  xpForLevel,
} from '@proxy/core';
import { fmt } from './queue-bench';

/**
 * Creatures from seeds, in memory (no database): N fixed seeds (`seedFromText("bench/{i}")`), each
 * pass over all N timed, median of a few passes after warming up. (a) `drawGenome` alone;
 * (b) `drawGenome` + `renderCreatureSvg`, stages cycling over CREATURE_STAGES, mood idle; (c) the
 * full read model the API computes on every GET, `describeCreature` for a stored record (stages
 * cycling, care left 0-71 hours ago so moods vary). Against (0), the baseline: on genomes already
 * drawn, `JSON.stringify(genome)` plus a fixed 52-element template-literal SVG filled from the
 * genome's colours and marks, numbers as they are (about the element count and size of an adult
 * creature), i.e. plain string building for output of the same shape. Also prints SVG sizes per
 * stage. CREATURE_BENCH_COUNT (default 10,000) and CREATURE_BENCH_RUNS (default 5) override.
 */

const COUNT = Number(process.env.CREATURE_BENCH_COUNT ?? 10_000);
const RUNS = Number(process.env.CREATURE_BENCH_RUNS ?? 5);
const NOW = new Date('2026-11-21T18:00:00Z');
const HOUR = 3_600_000;

/** Median milliseconds of one pass over `fn`, after warming up (one pass, and at least 300 ms). */
function median(runs: number, fn: () => void): number {
  const warmUntil = performance.now() + 300;
  do fn();
  while (performance.now() < warmUntil);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1]!;
}

/** The baseline SVG: 52 elements, a fixed template, values from the genome interpolated as they are. */
function templateSvg(g: CreatureGenome): string {
  const c = g.colors;
  let parts = '';
  for (let k = 0; k < 48; k++) {
    const m = g.marks[k % g.marks.length]!;
    parts += `<ellipse cx="${30 + k + m.x}" cy="${40 + m.y}" rx="${2 + m.size}" ry="${1 + k}" fill="${k % 2 ? c.accent : c.body}" stroke="${c.ink}" stroke-width="2.4"/>`;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120" role="img" class="creature"><title>${g.name}</title><g class="cr-bob">${parts}<path d="M60 ${g.height}Z" fill="${c.belly}"/></g></svg>`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

export async function benchCreatures(): Promise<void> {
  const seeds = Array.from({ length: COUNT }, (_, i) => seedFromText(`bench/${i}`));
  const stages: CreatureStage[] = seeds.map((_, i) => CREATURE_STAGES[i % CREATURE_STAGES.length]!);
  const genomes = seeds.map((s) => drawGenome(s));
  const records: CreatureRecord[] = seeds.map((seed, i) => {
    const level = STAGE_LEVELS[stages[i]!];
    const care = new Date(NOW.getTime() - (i % 72) * HOUR);
    return newCreatureRecord({ seed, totalXp: xpForLevel(level) + (i % 7) * 10, now: care });
  });

  let sink = 0;
  const t0 = median(RUNS, () => {
    for (const g of genomes) sink += JSON.stringify(g).length + templateSvg(g).length;
  });
  const tA = median(RUNS, () => {
    for (const s of seeds) sink += drawGenome(s).marks.length;
  });
  const tB = median(RUNS, () => {
    for (let i = 0; i < COUNT; i++) {
      sink += renderCreatureSvg(drawGenome(seeds[i]!), { stage: stages[i]!, mood: 'idle' }).length;
    }
  });
  const moods = new Map<CreatureMood, number>(CREATURE_MOODS.map((m) => [m, 0]));
  const tC = median(RUNS, () => {
    for (const m of CREATURE_MOODS) moods.set(m, 0);
    for (const r of records) {
      const view = describeCreature(r, NOW);
      moods.set(view.mood, moods.get(view.mood)! + 1);
      sink += view.svg.length;
    }
  });

  // Sizes (untimed): the (b) output, bytes as sent.
  const sizes = new Map<CreatureStage, number[]>(CREATURE_STAGES.map((s) => [s, []]));
  let totalBytes = 0;
  for (let i = 0; i < COUNT; i++) {
    const svg = renderCreatureSvg(genomes[i]!, { stage: stages[i]!, mood: 'idle' });
    const bytes = Buffer.byteLength(svg);
    sizes.get(stages[i]!)!.push(bytes);
    totalBytes += bytes;
  }
  const baseBytes = templateSvg(genomes[0]!).length;

  const rate = (ms: number) => fmt(Math.round((COUNT / ms) * 1000));
  const vs = (ms: number) => `${(ms / t0).toFixed(2)}× the baseline's time`;
  console.log(
    `\nCreatures, ${fmt(COUNT)} fixed seeds (bench/0..${COUNT - 1}), in memory (median of ${RUNS} passes)`,
  );
  console.log(
    `  (0) baseline, JSON.stringify(genome) + fixed 52-element template SVG (~${fmt(baseBytes)} B): ${rate(t0)} /s (${t0.toFixed(1)} ms)`,
  );
  console.log(`  (a) drawGenome: ${rate(tA)} /s (${tA.toFixed(1)} ms, ${vs(tA)})`);
  console.log(
    `  (b) drawGenome + renderCreatureSvg, stages cycling, mood idle: ${rate(tB)} /s (${tB.toFixed(1)} ms, ${vs(tB)})`,
  );
  console.log(
    `  (c) describeCreature (full read model, as on every GET): ${rate(tC)} /s (${tC.toFixed(1)} ms, ${vs(tC)}); moods ${[...moods].map(([m, n]) => `${m} ${fmt(n)}`).join(', ')}`,
  );
  console.log('  SVG bytes (b)   count      mean       p50       max');
  for (const [stage, list] of sizes) {
    if (list.length === 0) continue;
    list.sort((a, b) => a - b);
    const mean = list.reduce((a, b) => a + b, 0) / list.length;
    console.log(
      `  ${stage.padEnd(12)} ${fmt(list.length).padStart(8)} ${fmt(Math.round(mean)).padStart(9)} ${fmt(percentile(list, 0.5)).padStart(9)} ${fmt(list[list.length - 1]!).padStart(9)}`,
    );
  }
  console.log(`  total for ${fmt(COUNT)}: ${(totalBytes / 1e6).toFixed(2)} MB`);
  if (sink < 0) console.log(sink); // keeps the work observable
}
