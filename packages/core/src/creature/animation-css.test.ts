import { describe, expect, it } from 'vitest';
import { CREATURE_CSS } from './animation-css';
import { CREATURE_MOODS } from './care';
import { CREATURE_STAGES } from './progression';
import { renderCreature } from './render';
import { seedFromText } from './seed';

/**
 * A CSS animation's `transform` replaces the SVG `transform` attribute of the element it runs on,
 * which once sent every tail flying to the corner. So: every element the stylesheet animates, in
 * 150 creatures at every stage and mood, has no `transform` attribute of its own.
 */
const svgs = Array.from({ length: 150 }, (_, i) => seedFromText(`animation/${i}`)).flatMap((seed) =>
  CREATURE_STAGES.flatMap((stage) =>
    CREATURE_MOODS.map((mood) => ({
      name: `${seed}-${stage}-${mood}`,
      svg: renderCreature(seed, { stage, mood }),
    })),
  ),
);

/** The classes whose elements (or, for `.x>*`, whose children) the stylesheet animates. */
function animatedTargets(): { cls: string; children: boolean }[] {
  const out = new Map<string, boolean>();
  for (const rule of CREATURE_CSS.split('}')) {
    if (!/animation:(?!none)/.test(rule)) continue;
    for (const m of rule.matchAll(/\.(cr-[a-z]+)(>\*)?(?=[,{\s]|$)/g))
      out.set(m[1]!, Boolean(m[2]));
  }
  return [...out].map(([cls, children]) => ({ cls, children }));
}

describe('creature animation css', () => {
  it('animates the mood parts, and the tail through its children', () => {
    expect(animatedTargets()).toContainEqual({ cls: 'cr-tail', children: true });
    expect(animatedTargets().map((t) => t.cls)).toContain('cr-bob');
  });

  it('never animates an element that is placed by its own transform attribute', () => {
    expect(svgs.length).toBeGreaterThan(10);
    const wrong: string[] = [];
    for (const { name, svg } of svgs) {
      for (const { cls, children } of animatedTargets()) {
        const open = new RegExp(`<([a-z]+) class="[^"]*\\b${cls}\\b[^"]*"([^>]*)>`, 'g');
        for (const m of svg.matchAll(open)) {
          if (!children) {
            if (/\btransform=/.test(m[2]!)) wrong.push(`${name}: .${cls}`);
            continue;
          }
          // The direct children: the tail holds only paths, so the first closing </g> ends it.
          const inner = svg.slice(m.index! + m[0].length, svg.indexOf('</g>', m.index!));
          if (/\btransform=/.test(inner)) wrong.push(`${name}: .${cls} > *`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
