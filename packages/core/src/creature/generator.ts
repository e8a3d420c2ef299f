import {
  contrastRatio,
  hslToHex,
  INK_ACCENT_CONTRAST_MIN,
  INK_CONTRAST_MIN,
  relativeLuminance,
} from './palette';
import { createRandom, type Random } from './random';
import { checkSeed, seedWords } from './seed';

/**
 * THE CREATURE GENERATOR. The same seed draws the same creature, forever.
 *
 * A person's creature is stored as its seed alone, and drawn again from it on every read. So this
 * file follows four rules, and `generator.test.ts` holds a snapshot of many seeds (their genomes
 * and byte-identical SVGs at every stage) that fails if any of them is broken:
 *
 * 1. Draws happen in one fixed order, from one stream (`random.ts`, frozen). A trait added later
 *    draws AFTER every existing draw (at the bottom of `drawGenome`, below the marker), so the
 *    draws before it, and so every existing trait, stay the same.
 * 2. An existing trait never changes how many times it draws, nor its option lists or weights:
 *    appending an option to a list changes which index a draw lands on. To offer a new option,
 *    add a new draw at the bottom (say, a rare-variant roll) that may replace the old value.
 * 3. Conditional draws may depend only on values drawn before them (that keeps the count fixed
 *    for every existing creature).
 * 4. Option names are stable ids (they reach the database and the API): never rename one.
 *
 * The genome is plain data; `render.ts` turns it into SVG without any randomness of its own.
 */

export const CREATURE_SPECIES = [
  'mochi',
  'sprig',
  'puff',
  'nibbit',
  'drakelet',
  'hopling',
  'lotl',
  'foxkin',
] as const;
export type CreatureSpecies = (typeof CREATURE_SPECIES)[number];

export const CREATURE_SHAPES = ['round', 'pear', 'bean', 'squircle', 'drop', 'cloud'] as const;
export type CreatureShape = (typeof CREATURE_SHAPES)[number];
export const CREATURE_PATTERNS = [
  'none',
  'spots',
  'stripes',
  'cap',
  'socks',
  'patch',
  'freckles',
] as const;
export type CreaturePattern = (typeof CREATURE_PATTERNS)[number];
export const CREATURE_EARS = ['none', 'round', 'pointy', 'long', 'floppy', 'frills'] as const;
export type CreatureEars = (typeof CREATURE_EARS)[number];
export const CREATURE_HORNS = ['none', 'nubs', 'crescent', 'unicorn', 'antennae'] as const;
export type CreatureHorns = (typeof CREATURE_HORNS)[number];
export const CREATURE_TOPPERS = ['none', 'tuft', 'sprout', 'curl'] as const;
export type CreatureTopper = (typeof CREATURE_TOPPERS)[number];
export const CREATURE_TAILS = ['none', 'puff', 'curly', 'long', 'spade', 'bushy', 'fin'] as const;
export type CreatureTail = (typeof CREATURE_TAILS)[number];
export const CREATURE_WINGS = ['none', 'feather', 'bat'] as const;
export type CreatureWings = (typeof CREATURE_WINGS)[number];
export const CREATURE_EYES = ['dot', 'sparkle', 'oval', 'wide', 'bead'] as const;
export type CreatureEyes = (typeof CREATURE_EYES)[number];
export const CREATURE_MOUTHS = ['smile', 'cat', 'fang'] as const;
export type CreatureMouth = (typeof CREATURE_MOUTHS)[number];
export const ELDER_ACCESSORIES = ['scarf', 'glasses', 'flower'] as const;
export type ElderAccessory = (typeof ELDER_ACCESSORIES)[number];
export const EGG_PATTERNS = ['spots', 'zigzag', 'stripes', 'speckles', 'band'] as const;
export type EggPattern = (typeof EGG_PATTERNS)[number];

type Weights<T> = readonly (readonly [T, number])[];

interface SpeciesDef {
  label: string;
  shapes: readonly CreatureShape[];
  patterns: Weights<CreaturePattern>;
  belly: number;
  ears: Weights<CreatureEars>;
  horns: Weights<CreatureHorns>;
  toppers: Weights<CreatureTopper>;
  tails: Weights<CreatureTail>;
  wings: Weights<CreatureWings>;
  whiskers: number;
}

export const SPECIES_DEFS: Readonly<Record<CreatureSpecies, SpeciesDef>> = {
  mochi: {
    label: 'mochi',
    shapes: ['round', 'squircle', 'round', 'bean'],
    patterns: [
      ['none', 3],
      ['spots', 2],
      ['cap', 2],
      ['freckles', 2],
      ['socks', 1],
    ],
    belly: 0.3,
    ears: [
      ['none', 5],
      ['round', 2],
      ['pointy', 1],
    ],
    horns: [
      ['none', 6],
      ['nubs', 1],
      ['antennae', 1],
    ],
    toppers: [
      ['none', 2],
      ['tuft', 2],
      ['sprout', 1],
      ['curl', 2],
    ],
    tails: [
      ['none', 5],
      ['puff', 2],
    ],
    wings: [
      ['none', 6],
      ['feather', 1],
    ],
    whiskers: 0.1,
  },
  sprig: {
    label: 'sprig',
    shapes: ['pear', 'drop', 'bean'],
    patterns: [
      ['none', 2],
      ['spots', 2],
      ['freckles', 2],
      ['socks', 1],
    ],
    belly: 0.5,
    ears: [
      ['none', 4],
      ['pointy', 1],
      ['round', 1],
    ],
    horns: [['none', 1]],
    toppers: [['sprout', 1]],
    tails: [
      ['none', 3],
      ['curly', 1],
      ['puff', 1],
    ],
    wings: [
      ['none', 5],
      ['feather', 1],
    ],
    whiskers: 0,
  },
  puff: {
    label: 'puff',
    shapes: ['cloud'],
    patterns: [
      ['none', 3],
      ['freckles', 2],
      ['socks', 1],
      ['spots', 1],
    ],
    belly: 0.4,
    ears: [
      ['none', 3],
      ['round', 1],
      ['floppy', 1],
    ],
    horns: [
      ['none', 4],
      ['nubs', 1],
    ],
    toppers: [
      ['tuft', 2],
      ['none', 2],
      ['curl', 1],
    ],
    tails: [
      ['none', 2],
      ['puff', 2],
    ],
    wings: [
      ['feather', 2],
      ['none', 2],
    ],
    whiskers: 0,
  },
  nibbit: {
    label: 'nibbit',
    shapes: ['pear', 'round', 'bean'],
    patterns: [
      ['none', 2],
      ['patch', 2],
      ['cap', 2],
      ['socks', 1],
    ],
    belly: 0.7,
    ears: [['round', 1]],
    horns: [['none', 1]],
    toppers: [
      ['none', 3],
      ['tuft', 1],
    ],
    tails: [
      ['long', 2],
      ['curly', 1],
    ],
    wings: [['none', 1]],
    whiskers: 0.8,
  },
  drakelet: {
    label: 'drakelet',
    shapes: ['pear', 'bean', 'round', 'drop'],
    patterns: [
      ['none', 1],
      ['spots', 2],
      ['stripes', 2],
      ['cap', 1],
    ],
    belly: 0.8,
    ears: [
      ['none', 3],
      ['pointy', 1],
    ],
    horns: [
      ['nubs', 2],
      ['crescent', 2],
      ['unicorn', 1],
    ],
    toppers: [
      ['none', 3],
      ['tuft', 1],
    ],
    tails: [['spade', 1]],
    wings: [
      ['bat', 3],
      ['none', 1],
    ],
    whiskers: 0,
  },
  hopling: {
    label: 'hopling',
    shapes: ['bean', 'pear', 'round'],
    patterns: [
      ['none', 2],
      ['patch', 2],
      ['socks', 2],
      ['spots', 1],
    ],
    belly: 0.6,
    ears: [
      ['long', 3],
      ['floppy', 2],
    ],
    horns: [['none', 1]],
    toppers: [
      ['none', 3],
      ['tuft', 1],
    ],
    tails: [['puff', 1]],
    wings: [['none', 1]],
    whiskers: 0.4,
  },
  lotl: {
    label: 'lotl',
    shapes: ['bean', 'round', 'squircle'],
    patterns: [
      ['none', 2],
      ['spots', 3],
      ['freckles', 2],
    ],
    belly: 0.5,
    ears: [['frills', 1]],
    horns: [['none', 1]],
    toppers: [
      ['none', 4],
      ['curl', 1],
    ],
    tails: [['fin', 1]],
    wings: [['none', 1]],
    whiskers: 0,
  },
  foxkin: {
    label: 'foxkin',
    shapes: ['pear', 'drop', 'round'],
    patterns: [
      ['socks', 2],
      ['cap', 1],
      ['stripes', 2],
      ['none', 1],
    ],
    belly: 0.9,
    ears: [['pointy', 1]],
    horns: [
      ['none', 5],
      ['nubs', 1],
    ],
    toppers: [
      ['none', 3],
      ['tuft', 1],
    ],
    tails: [
      ['bushy', 3],
      ['long', 1],
    ],
    wings: [['none', 1]],
    whiskers: 0.5,
  },
};

/** Personality: one trait from each of three different axes. */
export const PERSONALITY_AXES = [
  ['bouncy', 'calm', 'zippy', 'mellow'],
  ['cuddly', 'shy', 'chatty', 'loyal'],
  ['curious', 'dreamy', 'clever', 'thoughtful'],
  ['brave', 'gentle', 'cheeky', 'silly'],
  ['tidy', 'snacky', 'sunny', 'cosy'],
] as const;
export type PersonalityTrait = (typeof PERSONALITY_AXES)[number][number];

export const FAVOURITE_FOODS = [
  'blueberries',
  'warm toast',
  'dumplings',
  'crunchy leaves',
  'honey drops',
  'rice balls',
  'peaches',
  'star fruit',
  'pancakes',
  'clover',
  'sweet peas',
  'cinnamon buns',
  'moon cheese',
  'seaweed snacks',
  'apple slices',
  'popcorn',
] as const;

export const FAVOURITE_THINGS = [
  'rainy afternoons',
  'soft blankets',
  'finished lists',
  'naps in the sun',
  'shiny pebbles',
  'quiet mornings',
  'slow walks',
  'humming songs',
  'puddle jumping',
  'cosy corners',
  'stargazing',
  'collecting buttons',
  'watching clouds',
  'bubbles',
  'a good stretch',
  'tiny adventures',
] as const;

/** Names a person may keep or change; all checked to read kindly in English. */
export const CREATURE_NAMES = [
  'Pip',
  'Mochi',
  'Tofu',
  'Miso',
  'Bean',
  'Pebble',
  'Nori',
  'Dumpling',
  'Biscuit',
  'Clover',
  'Mango',
  'Peanut',
  'Sprout',
  'Button',
  'Juniper',
  'Maple',
  'Pudding',
  'Waffle',
  'Noodle',
  'Sesame',
  'Ziggy',
  'Bramble',
  'Pixel',
  'Comet',
  'Marble',
  'Fennel',
  'Olive',
  'Quill',
  'Sage',
  'Taro',
  'Yuzu',
  'Kiwi',
  'Plum',
  'Fig',
  'Acorn',
  'Bubbles',
  'Cosmo',
  'Dot',
  'Echo',
  'Fizz',
  'Gizmo',
  'Honey',
  'Inky',
  'Jellybean',
  'Kumquat',
  'Lumen',
  'Moss',
  'Nugget',
  'Oats',
  'Poppy',
  'Pretzel',
  'Rumble',
  'Scone',
  'Tater',
  'Umi',
  'Velvet',
  'Wisp',
  'Yam',
  'Zephyr',
  'Bao',
  'Pico',
  'Nimbus',
  'Puddle',
  'Whisk',
  'Sprinkle',
  'Truffle',
  'Crumpet',
  'Hazel',
  'Ember',
  'Flick',
  'Gumdrop',
  'Hopper',
  'Kip',
  'Loaf',
  'Muffin',
  'Nib',
  'Orbit',
  'Pom',
  'Roo',
  'Sunny',
  'Twig',
  'Vega',
  'Wren',
  'Yoyo',
  'Momo',
  'Lulu',
  'Kiki',
  'Bobo',
  'Fern',
  'Basil',
  'Cricket',
  'Dewdrop',
  'Figgy',
  'Gnocchi',
  'Hummus',
  'Jam',
  'Lentil',
  'Mallow',
  'Nutmeg',
  'Pesto',
  'Radish',
  'Sorbet',
  'Tapioca',
  'Udon',
  'Wasabi',
  'Barley',
  'Cocoa',
  'Doodle',
  'Flapjack',
  'Ginger',
  'Ravioli',
  'Snickerdoodle',
  'Teacake',
  'Wobble',
  'Zuzu',
  'Boop',
  'Chirp',
  'Daisy',
  'Fable',
  'Glimmer',
  'Ishi',
  'Jojo',
  'Koa',
  'Luma',
  'Mimi',
  'Nova',
  'Ollie',
  'Pipkin',
] as const;

/** What the creature does when you finish something; a line of its biography. */
export const REACTIONS = [
  'cheers whenever you finish something, however small',
  'likes to sit beside you while you focus',
  'thinks letting a task go is a very wise move',
  'keeps a tiny list of everything you have done',
  'does a happy wiggle when you come back',
  'believes every first step counts double',
  'hums quietly to help you get started',
  'is proud of you for trying, every time',
] as const;

export interface CreatureColors {
  body: string;
  belly: string;
  accent: string;
  ink: string;
  cheek: string;
  leaf: string;
  scarf: string;
}

/** A mark of the pattern: position as a fraction of the body box (0..100) and a size (0..100). */
export interface PatternMark {
  x: number;
  y: number;
  size: number;
}

export interface CreatureGenome {
  /** The seed format that drew it (`c1`). */
  format: 'c1';
  seed: string;
  species: CreatureSpecies;
  shape: CreatureShape;
  /** Adult half-width and height of the body, in the 120-unit drawing box. */
  halfWidth: number;
  height: number;
  hue: number;
  colors: CreatureColors;
  pattern: CreaturePattern;
  marks: PatternMark[];
  belly: boolean;
  ears: CreatureEars;
  horns: CreatureHorns;
  topper: CreatureTopper;
  tail: CreatureTail;
  wings: CreatureWings;
  eyes: CreatureEyes;
  mouth: CreatureMouth;
  blush: boolean;
  whiskers: boolean;
  feet: boolean;
  personality: PersonalityTrait[];
  favouriteFood: string;
  favouriteThing: string;
  name: string;
  reaction: string;
  elderAccessory: ElderAccessory;
  eggPattern: EggPattern;
}

const BODY_LUMINANCE_MIN = 0.26;
const ACCENT_LUMINANCE_MIN = 0.17;
const ACCENT_CONTRAST_MIN = 1.25;

/** Cosy knitting colours for an elder's scarf. */
const SCARF_COLORS = ['#e8776d', '#f2c14e', '#5fb3a4', '#8f7cc9', '#e98fb4'] as const;

function drawColors(r: Random): { hue: number; colors: CreatureColors } {
  const hue = r.int(360);
  let sat = r.between(45, 72);
  let light = r.between(68, 81);
  const deep = r.chance(0.18);
  const deepLight = r.between(56, 63);
  const accentShift = r.pick([-45, -28, 24, 40, 180] as const);
  const cheekHue = r.pick([350, 0, 8, 335] as const);
  const scarfIndex = r.int(SCARF_COLORS.length);

  // Acid yellow-greens look sickly when saturated: soften them (a rule, not a draw).
  if (hue >= 50 && hue <= 165) sat = Math.min(sat, 56);
  if (deep) light = deepLight;
  // Deep blues and violets are dark for their lightness: lift them until a dark outline can
  // reach 4.5:1 against them (relative luminance 0.26 leaves room for a tinted, not black, ink).
  let body = hslToHex(hue, sat, light);
  while (relativeLuminance(body) < BODY_LUMINANCE_MIN && light < 90) {
    light += 2;
    body = hslToHex(hue, sat, light);
  }
  const belly = hslToHex(hue, Math.max(20, sat - 18), Math.min(93, light + 13));
  const accentLight = light >= 70 ? light - 15 : Math.min(88, light + 13);
  // A complementary accent is kept soft; a neighbouring hue may be a little brighter.
  const accentHue = (hue + accentShift + 360) % 360;
  let accentSat = accentShift === 180 ? Math.min(sat, 48) : Math.min(72, sat + 8);
  if (accentHue >= 50 && accentHue <= 165) accentSat = Math.min(accentSat, 56);
  let accentL = accentLight;
  let accent = hslToHex(accentHue, accentSat, accentL);
  // A pattern the same brightness as the body only shows to full colour vision: step it away.
  const away = accentL < light ? -2 : 2;
  while (contrastRatio(accent, body) < ACCENT_CONTRAST_MIN && accentL > 36 && accentL < 92) {
    accentL += away;
    accent = hslToHex(accentHue, accentSat, accentL);
  }
  while (relativeLuminance(accent) < ACCENT_LUMINANCE_MIN && accentL < 90) {
    accentL += 2;
    accent = hslToHex(accentHue, accentSat, accentL);
  }
  const cheek = hslToHex(cheekHue, 85, 72);
  const leaf = hslToHex(105 + (hue % 30), 48, 48);
  const scarf = SCARF_COLORS[scarfIndex]!;
  // The outline and the face: the body's hue, dark enough to read on every colour it sits on.
  let inkLight = 24;
  let ink = hslToHex(hue, 38, inkLight);
  while (
    inkLight > 4 &&
    (contrastRatio(ink, body) < INK_CONTRAST_MIN ||
      contrastRatio(ink, belly) < INK_CONTRAST_MIN ||
      contrastRatio(ink, accent) < INK_ACCENT_CONTRAST_MIN)
  ) {
    inkLight -= 2;
    ink = hslToHex(hue, 38, inkLight);
  }
  return { hue, colors: { body, belly, accent, ink, cheek, leaf, scarf } };
}

/**
 * Draws the creature of a seed. Throws a RangeError for an unknown seed format (validate input
 * with `creatureSeedSchema` first to answer a person with a clear message).
 */
export function drawGenome(seedInput: string): CreatureGenome {
  const check = checkSeed(seedInput);
  if (!check.ok) throw new RangeError(check.message);
  const seed = check.seed;
  const r = createRandom(seedWords(seed));

  // --- v1 draws, in order. Never reorder, insert or remove. ---
  const species = r.pick(CREATURE_SPECIES);
  const def = SPECIES_DEFS[species];
  const shape = r.pick(def.shapes);
  const halfWidth = r.between(27, 33);
  const height = r.between(56, 66);
  const { hue, colors } = drawColors(r);
  const pattern = r.weighted(def.patterns);
  const marks: PatternMark[] = [];
  for (let i = 0; i < 7; i++) marks.push({ x: r.int(101), y: r.int(101), size: r.int(101) });
  const belly = r.chance(def.belly);
  const ears = r.weighted(def.ears);
  const horns = r.weighted(def.horns);
  const drawnTopper = r.weighted(def.toppers);
  const tail = r.weighted(def.tails);
  const wings = r.weighted(def.wings);
  const eyes = r.weighted<CreatureEyes>([
    ['dot', 4],
    ['sparkle', 3],
    ['oval', 2],
    ['wide', 2],
    ['bead', 1],
  ]);
  const mouth = r.weighted<CreatureMouth>([
    ['smile', 4],
    ['cat', 2],
    ['fang', 1],
  ]);
  const blush = r.chance(0.75);
  const whiskers = r.chance(def.whiskers);
  const feet = r.chance(0.8);
  const axes = [0, 1, 2, 3, 4];
  const personality: PersonalityTrait[] = [];
  for (let i = 0; i < 3; i++) {
    const axis = axes.splice(r.int(axes.length), 1)[0]!;
    personality.push(r.pick(PERSONALITY_AXES[axis]!));
  }
  const favouriteFood = r.pick(FAVOURITE_FOODS);
  const favouriteThing = r.pick(FAVOURITE_THINGS);
  const name = r.pick(CREATURE_NAMES);
  const reaction = r.pick(REACTIONS);
  const elderAccessory = r.pick(ELDER_ACCESSORIES);
  const eggPattern = r.pick(EGG_PATTERNS);
  // --- New traits draw here, below every existing draw. ---

  // Rules over drawn values (no draws): a single horn or antennae leave no room on top for hair.
  const topper = horns === 'unicorn' || horns === 'antennae' ? 'none' : drawnTopper;

  return {
    format: check.format,
    seed,
    species,
    shape,
    halfWidth,
    height,
    hue,
    colors,
    pattern,
    marks,
    belly,
    ears,
    horns,
    topper,
    tail,
    wings,
    eyes,
    mouth,
    blush,
    whiskers,
    feet,
    personality,
    favouriteFood,
    favouriteThing,
    name,
    reaction,
    elderAccessory,
    eggPattern,
  };
}

export function speciesLabel(species: CreatureSpecies): string {
  return SPECIES_DEFS[species].label;
}
