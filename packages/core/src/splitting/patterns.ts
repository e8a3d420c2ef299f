import type { Energy } from '../tasks/schema';
import type { ParsedTitle } from './text';

/**
 * One phase of a kind of task. Titles are templates: `{object}` is what the task acts on,
 * `{verb}`/`{Verb}` its verb, `{item}` one listed item, `{k}`/`{n}` a part number and count.
 */
export interface Phase {
  title: string;
  /** Relative share of the task's time. */
  weight: number;
  energy: Energy;
  /** Only included at this spiciness or above (default 1). */
  minSpice?: number;
  /** The main work: split into parts when long, or replaced by the listed items or actions. */
  core?: boolean;
  /** Title of each part when the core is split ("Write section {k} of {n} of {object}"). */
  partTitle?: string;
  /** Finer steps used instead of this phase at spiciness 4 and 5. */
  detail?: string[];
}

export interface Pattern {
  id: string;
  /** Leading verbs that point to this pattern. */
  verbs: readonly string[];
  /** Words in the title that point to it. */
  objects?: RegExp;
  /** Used for `{verb}` when the title has no verb ("Taxes"). */
  defaultVerb: string;
  /** Used for `{object}` when the title is only a verb ("Exercise"). */
  defaultObject: string;
  /** Title of a step for one listed item. */
  itemTitle: string;
  phases: readonly Phase[];
}

export const PATTERNS: readonly Pattern[] = [
  {
    id: 'inbox',
    verbs: ['clear', 'process', 'catch up on', 'sort'],
    objects: /\b(?:inbox|e-?mails|messages|dms|notifications|voicemails)\b/i,
    defaultVerb: 'clear',
    defaultObject: 'the inbox',
    itemTitle: 'Deal with {item}',
    phases: [
      { title: 'Open your inbox and sort it oldest first', weight: 0.5, energy: 'low' },
      {
        title: 'Archive everything that needs nothing from you',
        weight: 1.5,
        energy: 'low',
      },
      {
        title: 'Reply to the next few quick ones',
        weight: 4,
        energy: 'medium',
        core: true,
        partTitle: 'Reply to the next few quick ones (batch {k} of {n})',
      },
      {
        title: 'Flag the ones that need real thought and add them as tasks',
        weight: 1,
        energy: 'medium',
        minSpice: 2,
      },
      { title: 'Note how many are left', weight: 0.5, energy: 'low', minSpice: 4 },
    ],
  },
  {
    id: 'message',
    verbs: [
      'email',
      'reply',
      'respond',
      'answer',
      'message',
      'text',
      'get back to',
      'follow up',
      'follow up on',
    ],
    objects: /\b(?:e-?mail|reply|message|dm|text back|letter to)\b/i,
    defaultVerb: 'write to',
    defaultObject: 'them',
    itemTitle: 'Write to {item}',
    phases: [
      { title: 'Find the last message from or about {object}', weight: 1, energy: 'low' },
      {
        title: 'Reread what they asked and underline the question',
        weight: 0.5,
        energy: 'low',
        minSpice: 3,
      },
      {
        title: 'Jot the two or three points your reply needs',
        weight: 1,
        energy: 'medium',
        minSpice: 2,
      },
      {
        title: 'Write the message to {object}',
        weight: 3,
        energy: 'medium',
        core: true,
        detail: ['Write the first sentence to {object}', 'Write the rest in plain words'],
      },
      { title: 'Read it once and send it', weight: 0.5, energy: 'low' },
      {
        title: 'Note any follow-up date in your calendar',
        weight: 0.5,
        energy: 'low',
        minSpice: 4,
      },
    ],
  },
  {
    id: 'call',
    verbs: [
      'call',
      'phone',
      'ring',
      'book',
      'schedule',
      'reschedule',
      'contact',
      'check in with',
      'reach out to',
    ],
    objects: /\b(?:appointment|dentist|doctor|gp|vet|haircut|reservation|phone call)\b/i,
    defaultVerb: 'call',
    defaultObject: 'them',
    itemTitle: '{Verb} {item}',
    phases: [
      { title: 'Find the number or booking page for {object}', weight: 1, energy: 'low' },
      {
        title: 'Write down what you want to say or ask',
        weight: 1,
        energy: 'low',
        minSpice: 2,
      },
      {
        title: 'Open your calendar and pick two times that work',
        weight: 0.5,
        energy: 'low',
        minSpice: 4,
      },
      { title: '{Verb} {object}', weight: 3, energy: 'medium', core: true },
      {
        title: 'Put the outcome and any date in your calendar',
        weight: 0.5,
        energy: 'low',
      },
    ],
  },
  {
    id: 'laundry',
    verbs: ['fold', 'iron', 'hang'],
    objects: /\b(?:laundry|washing machine|clothes|ironing)\b/i,
    defaultVerb: 'do',
    defaultObject: 'the laundry',
    itemTitle: 'Wash {item}',
    phases: [
      { title: 'Gather the laundry into one pile', weight: 1, energy: 'low' },
      {
        title: 'Sort it into lights, darks and delicates',
        weight: 1,
        energy: 'low',
        minSpice: 2,
      },
      { title: 'Start the first load', weight: 0.5, energy: 'low' },
      { title: 'Hang it up or put it in the dryer', weight: 1.5, energy: 'low' },
      {
        title: 'Fold it',
        weight: 2,
        energy: 'low',
        core: true,
        partTitle: 'Fold the next pile ({k} of {n})',
      },
      { title: 'Put it away', weight: 1, energy: 'low', minSpice: 2 },
    ],
  },
  {
    id: 'dishes',
    verbs: [],
    objects: /\b(?:dishes|dishwasher|washing up|washing-up)\b/i,
    defaultVerb: 'do',
    defaultObject: 'the dishes',
    itemTitle: 'Wash {item}',
    phases: [
      { title: 'Stack the dishes next to the sink', weight: 1, energy: 'low' },
      { title: 'Scrape leftovers into the bin', weight: 0.5, energy: 'low', minSpice: 2 },
      {
        title: 'Wash or load the dishes',
        weight: 3,
        energy: 'low',
        core: true,
        partTitle: 'Wash or load the next batch ({k} of {n})',
      },
      { title: 'Dry and put them away', weight: 1.5, energy: 'low' },
      { title: 'Wipe the counter and the sink', weight: 1, energy: 'low', minSpice: 3 },
    ],
  },
  {
    id: 'tidy',
    verbs: ['clean', 'clean up', 'tidy', 'tidy up', 'declutter', 'vacuum', 'dust', 'clear out'],
    objects:
      /\b(?:room|kitchen|desk|bathroom|bedroom|living room|garage|closet|wardrobe|house|flat|apartment|fridge|office|attic|basement|drawers?|shelf|shelves|floor|hallway|cupboard)\b/i,
    defaultVerb: 'tidy',
    defaultObject: 'the space',
    itemTitle: 'Tidy {item}',
    phases: [
      {
        title: 'Put on music and set a 10-minute timer',
        weight: 0.5,
        energy: 'low',
        minSpice: 3,
      },
      { title: 'Bin the obvious rubbish in {object}', weight: 1, energy: 'low' },
      {
        title: 'Gather everything that lives elsewhere into one basket',
        weight: 1,
        energy: 'low',
      },
      {
        title: 'Put the basket things back where they belong',
        weight: 1,
        energy: 'medium',
        minSpice: 2,
      },
      {
        title: 'Clear and wipe the surfaces in {object}',
        weight: 2,
        energy: 'medium',
        core: true,
        partTitle: 'Clear and wipe the next surface ({k} of {n})',
        detail: ['Clear one surface in {object}', 'Wipe it down', 'Clear and wipe the next one'],
      },
      { title: 'Vacuum or sweep the floor', weight: 1.5, energy: 'medium', minSpice: 2 },
      { title: 'Take the rubbish out', weight: 0.5, energy: 'low', minSpice: 4 },
    ],
  },
  {
    id: 'presentation',
    verbs: ['present'],
    objects: /\b(?:presentation|slides|slide deck|deck|talk|pitch|keynote)\b/i,
    defaultVerb: 'prepare',
    defaultObject: 'the presentation',
    itemTitle: 'Make the slides for {item}',
    phases: [
      {
        title: 'Write the one message people should take away from {object}',
        weight: 1,
        energy: 'medium',
      },
      { title: 'List the three to five points that support it', weight: 1, energy: 'medium' },
      {
        title: 'Sketch one slide per point, titles only',
        weight: 1,
        energy: 'medium',
        minSpice: 2,
      },
      {
        title: 'Fill in the slides for {object}',
        weight: 4,
        energy: 'high',
        core: true,
        partTitle: 'Fill in slides, part {k} of {n}',
      },
      { title: 'Rehearse it once out loud', weight: 1.5, energy: 'medium', minSpice: 2 },
      { title: 'Fix the slides that felt clumsy', weight: 1, energy: 'medium', minSpice: 3 },
      { title: 'Save and share {object}', weight: 0.5, energy: 'low' },
    ],
  },
  {
    id: 'writing',
    verbs: ['write', 'draft', 'compose', 'write up', 'edit'],
    objects:
      /\b(?:essay|report|article|blog|post|proposal|paper|thesis|dissertation|chapter|letter|document|doc|newsletter|summary|readme|spec|speech|story|bio|minutes|write-?up)\b/i,
    defaultVerb: 'write',
    defaultObject: 'the piece',
    itemTitle: 'Write the part about {item}',
    phases: [
      {
        title: 'Open a blank doc for {object} and give it a working title',
        weight: 0.5,
        energy: 'low',
      },
      {
        title: 'Dump every idea for {object} as bullet points, no editing',
        weight: 1.5,
        energy: 'medium',
      },
      { title: 'Group the bullets into an outline', weight: 1, energy: 'medium', minSpice: 2 },
      {
        title: 'Write the draft of {object}',
        weight: 5,
        energy: 'high',
        core: true,
        partTitle: 'Write section {k} of {n} of {object}',
        detail: ['Write the opening paragraph', 'Write the middle', 'Write the ending'],
      },
      {
        title: 'Read it through once and fix what trips you up',
        weight: 1.5,
        energy: 'medium',
      },
      { title: 'Check names, numbers and links', weight: 1, energy: 'low', minSpice: 3 },
      { title: 'Send or submit {object}', weight: 0.5, energy: 'low', minSpice: 2 },
    ],
  },
  {
    id: 'job',
    verbs: ['apply'],
    objects: /\b(?:job|role|position|internship|cv|resume|résumé|cover letter|application)\b/i,
    defaultVerb: 'apply for',
    defaultObject: 'the job',
    itemTitle: 'Apply to {item}',
    phases: [
      {
        title: 'Read the posting for {object} and mark the three main asks',
        weight: 1,
        energy: 'medium',
      },
      { title: 'Update your CV for those asks', weight: 2, energy: 'high' },
      {
        title: 'Write the cover letter',
        weight: 3,
        energy: 'high',
        core: true,
        detail: ['Write why you want it', 'Write what you bring', 'Write a short closing'],
      },
      { title: 'Fill in the application form', weight: 2, energy: 'medium' },
      { title: 'Proofread everything once', weight: 1, energy: 'medium', minSpice: 2 },
      { title: 'Submit it and note the date', weight: 0.5, energy: 'low' },
    ],
  },
  {
    id: 'admin',
    verbs: [
      'pay',
      'file',
      'submit',
      'renew',
      'fill out',
      'fill in',
      'register',
      'sign',
      'cancel',
      'sign up',
      'sign up for',
      'claim',
    ],
    objects:
      /\b(?:bills?|invoices?|tax(?:es)?|tax return|forms?|insurance|passport|visa|licen[cs]e|subscription|rent|claim|refund|paperwork|council|pension|benefits?|registration|receipts?|expenses?)\b/i,
    defaultVerb: 'sort out',
    defaultObject: 'the paperwork',
    itemTitle: '{Verb} {item}',
    phases: [
      {
        title: 'Find the letter, email or login for {object}',
        weight: 1,
        energy: 'low',
      },
      { title: 'Gather the documents and numbers you need', weight: 1.5, energy: 'low' },
      {
        title: '{Verb} {object}',
        weight: 3,
        energy: 'medium',
        core: true,
        partTitle: '{Verb} {object}: part {k} of {n}',
      },
      {
        title: 'Double-check amounts, dates and names',
        weight: 1,
        energy: 'medium',
        minSpice: 2,
      },
      { title: 'Save the confirmation and note any due date', weight: 0.5, energy: 'low' },
    ],
  },
  {
    id: 'fix',
    verbs: ['fix', 'debug', 'troubleshoot', 'resolve', 'repair'],
    objects: /\b(?:bug|error|crash|failing|broken|leak|outage|regression)\b/i,
    defaultVerb: 'fix',
    defaultObject: 'the problem',
    itemTitle: 'Fix {item}',
    phases: [
      {
        title: 'Make {object} happen once and write down how',
        weight: 1.5,
        energy: 'medium',
      },
      {
        title: 'Read the error message or logs closely',
        weight: 1,
        energy: 'medium',
        minSpice: 2,
      },
      { title: 'Write one guess about the cause', weight: 0.5, energy: 'medium' },
      {
        title: 'Try the smallest fix for {object}',
        weight: 3,
        energy: 'high',
        core: true,
        partTitle: 'Work on the fix for {object} ({k} of {n})',
      },
      { title: 'Check that {object} is really gone', weight: 1, energy: 'medium' },
      { title: 'Note what changed and why', weight: 0.5, energy: 'low', minSpice: 3 },
    ],
  },
  {
    id: 'build',
    verbs: [
      'implement',
      'build',
      'code',
      'develop',
      'refactor',
      'deploy',
      'migrate',
      'set up',
      'install',
      'configure',
    ],
    objects:
      /\b(?:feature|api|endpoint|component|script|database|server|website|app|function|tests?|pipeline|ci|docker|integration|plugin|module)\b/i,
    defaultVerb: 'build',
    defaultObject: 'it',
    itemTitle: '{Verb} {item}',
    phases: [
      { title: 'Write down what done looks like for {object}', weight: 1, energy: 'medium' },
      {
        title: 'Find the files or settings you will touch',
        weight: 1,
        energy: 'medium',
        minSpice: 2,
      },
      {
        title: '{Verb} the smallest working version of {object}',
        weight: 4,
        energy: 'high',
        core: true,
        partTitle: '{Verb} {object}: part {k} of {n}',
      },
      { title: 'Try it by hand once', weight: 1, energy: 'medium' },
      { title: 'Write or update a test', weight: 1.5, energy: 'high', minSpice: 3 },
      { title: 'Tidy up and share or commit {object}', weight: 0.5, energy: 'low' },
    ],
  },
  {
    id: 'study',
    verbs: [
      'study',
      'learn',
      'read',
      'review',
      'revise',
      'practice',
      'practise',
      'memorize',
      'memorise',
    ],
    objects:
      /\b(?:exam|lecture|flashcards|homework|course|lesson|module|textbook|vocab\w*|chapter|book|paper|article)\b/i,
    defaultVerb: 'study',
    defaultObject: 'the material',
    itemTitle: '{Verb} {item}',
    phases: [
      { title: 'Put {object} and your notes in one place', weight: 0.5, energy: 'low' },
      {
        title: 'Skim the headings to see the shape of it',
        weight: 1,
        energy: 'low',
        minSpice: 2,
      },
      {
        title: '{Verb} {object}',
        weight: 5,
        energy: 'high',
        core: true,
        partTitle: '{Verb} {object}: chunk {k} of {n}',
      },
      { title: 'Write down three things you learned', weight: 1, energy: 'medium' },
      { title: 'Quiz yourself on one of them', weight: 1, energy: 'medium', minSpice: 3 },
    ],
  },
  {
    id: 'research',
    verbs: [
      'research',
      'compare',
      'choose',
      'decide',
      'look into',
      'investigate',
      'explore',
      'evaluate',
      'pick',
      'find',
      'figure out',
      'think about',
    ],
    objects: /\b(?:options|alternatives|which one|whether|best|pros and cons)\b/i,
    defaultVerb: 'look into',
    defaultObject: 'it',
    itemTitle: 'Look into {item}',
    phases: [
      {
        title: 'Write the question you want answered about {object}',
        weight: 1,
        energy: 'low',
      },
      { title: 'Collect three options or sources on {object}', weight: 2, energy: 'medium' },
      {
        title: 'Read up on the options and note pros and cons',
        weight: 3,
        energy: 'high',
        core: true,
        partTitle: 'Read up on option {k} of {n} and note pros and cons',
      },
      {
        title: 'Cross out the ones that clearly do not fit',
        weight: 1,
        energy: 'medium',
        minSpice: 2,
      },
      { title: 'Pick one and write down why', weight: 1, energy: 'medium' },
      {
        title: 'Add the very next action as a task',
        weight: 0.5,
        energy: 'low',
        minSpice: 3,
      },
    ],
  },
  {
    id: 'event',
    verbs: ['plan', 'organise', 'organize', 'arrange', 'prepare', 'host'],
    objects:
      /\b(?:trip|party|holiday|vacation|event|wedding|birthday|dinner party|meetup|visit|weekend away|celebration|workshop|offsite)\b/i,
    defaultVerb: 'plan',
    defaultObject: 'the event',
    itemTitle: 'Arrange {item}',
    phases: [
      {
        title: 'Write in one line what a good {object} looks like',
        weight: 0.5,
        energy: 'medium',
      },
      { title: 'Pick the date and a budget', weight: 1, energy: 'medium' },
      { title: 'List who and what needs booking', weight: 1, energy: 'medium' },
      {
        title: 'Book or arrange the first thing on the list',
        weight: 3,
        energy: 'medium',
        core: true,
        partTitle: 'Book or arrange the next thing on the list ({k} of {n})',
      },
      { title: 'Send the details to everyone involved', weight: 1, energy: 'low', minSpice: 2 },
      { title: 'Put reminders in your calendar', weight: 0.5, energy: 'low', minSpice: 3 },
    ],
  },
  {
    id: 'shopping',
    verbs: ['buy', 'shop', 'order', 'purchase', 'pick up'],
    objects: /\b(?:groceries|grocery|shopping|food shop|supplies|gift|present|ingredients)\b/i,
    defaultVerb: 'buy',
    defaultObject: 'what you need',
    itemTitle: 'Get {item}',
    phases: [
      { title: 'Check what you already have at home', weight: 0.5, energy: 'low', minSpice: 2 },
      { title: 'Write the list: {object}', weight: 0.5, energy: 'low' },
      { title: 'Go to the shop or open the shopping app', weight: 1, energy: 'low' },
      { title: '{Verb} {object}', weight: 3, energy: 'medium', core: true },
      { title: 'Pay and keep the receipt', weight: 0.5, energy: 'low', minSpice: 3 },
      { title: 'Put everything away', weight: 1, energy: 'low', minSpice: 2 },
    ],
  },
  {
    id: 'cook',
    verbs: ['cook', 'bake', 'prep'],
    objects:
      /\b(?:dinner|lunch|breakfast|meals?|cake|bread|soup|salad|cookies|pasta|curry|meal prep)\b/i,
    defaultVerb: 'cook',
    defaultObject: 'the meal',
    itemTitle: 'Make {item}',
    phases: [
      { title: 'Pick the recipe for {object}', weight: 0.5, energy: 'low' },
      { title: 'Check you have the ingredients', weight: 0.5, energy: 'low', minSpice: 2 },
      { title: 'Get out the ingredients and tools', weight: 1, energy: 'low' },
      {
        title: '{Verb} {object}',
        weight: 4,
        energy: 'medium',
        core: true,
        partTitle: '{Verb} {object}: stage {k} of {n}',
        detail: ['Chop and measure the ingredients', '{Verb} {object}'],
      },
      { title: 'Clean up as it cooks', weight: 1, energy: 'low', minSpice: 2 },
      { title: 'Plate up and put leftovers away', weight: 0.5, energy: 'low', minSpice: 4 },
    ],
  },
  {
    id: 'exercise',
    verbs: ['exercise', 'train', 'walk', 'stretch'],
    objects: /\b(?:gym|workout|jog|yoga|swim|exercise|training|pilates|run)\b/i,
    defaultVerb: 'do',
    defaultObject: 'the workout',
    itemTitle: 'Do {item}',
    phases: [
      { title: 'Put on your kit and shoes', weight: 0.5, energy: 'low' },
      { title: 'Fill a water bottle', weight: 0.5, energy: 'low', minSpice: 2 },
      { title: 'Warm up gently', weight: 1, energy: 'medium' },
      {
        title: 'Main part of the workout',
        weight: 4,
        energy: 'high',
        core: true,
        partTitle: 'Main part of the workout, block {k} of {n}',
      },
      { title: 'Cool down and stretch', weight: 1, energy: 'low' },
      { title: 'Shower and change', weight: 1, energy: 'low', minSpice: 3 },
    ],
  },
  {
    id: 'pack',
    verbs: ['pack', 'unpack', 'move'],
    objects: /\b(?:boxes|suitcase|luggage|moving|move house|moving house)\b/i,
    defaultVerb: 'pack',
    defaultObject: 'your things',
    itemTitle: '{Verb} {item}',
    phases: [
      { title: 'Get boxes or a bag and a marker', weight: 0.5, energy: 'low' },
      { title: 'Pick one area to start with', weight: 0.5, energy: 'low' },
      {
        title: '{Verb} one area or shelf',
        weight: 4,
        energy: 'medium',
        core: true,
        partTitle: '{Verb} the next area ({k} of {n})',
      },
      { title: 'Label what you packed', weight: 0.5, energy: 'low', minSpice: 2 },
      {
        title: 'Set aside what you still need this week',
        weight: 1,
        energy: 'low',
        minSpice: 3,
      },
    ],
  },
];

/** Any task with a verb: prepare, do the thing, check it. */
export const GENERIC_WITH_VERB: Pattern = {
  id: 'generic',
  verbs: [],
  defaultVerb: 'do',
  defaultObject: 'it',
  itemTitle: '{Verb} {item}',
  phases: [
    { title: 'Gather what you need to {verb} {object}', weight: 0.5, energy: 'low' },
    {
      title: 'Decide what done looks like for {object}',
      weight: 0.5,
      energy: 'medium',
      minSpice: 3,
    },
    {
      title: '{Verb} {object}',
      weight: 5,
      energy: 'medium',
      core: true,
      partTitle: '{Verb} {object}: part {k} of {n}',
    },
    { title: 'Check the result and fix anything small', weight: 1, energy: 'medium', minSpice: 2 },
    { title: 'Note what is left, if anything', weight: 0.5, energy: 'low', minSpice: 4 },
  ],
};

/** A title without a recognised verb ("Mum's birthday"): find the first action, then do it. */
export const GENERIC_WITHOUT_VERB: Pattern = {
  id: 'generic-noun',
  verbs: [],
  defaultVerb: 'work on',
  defaultObject: 'it',
  itemTitle: 'Work on {item}',
  phases: [
    {
      title: 'Write the very first action for {object} in one line',
      weight: 0.5,
      energy: 'low',
    },
    { title: 'Gather what you need for it', weight: 0.5, energy: 'low', minSpice: 3 },
    {
      title: 'Work on {object}',
      weight: 5,
      energy: 'medium',
      core: true,
      partTitle: 'Work on {object}: part {k} of {n}',
    },
    {
      title: 'Check what is left and note the next action',
      weight: 0.5,
      energy: 'low',
      minSpice: 2,
    },
  ],
};

/** Several actions in one title: each becomes a step between a start and a check. */
export const GENERIC_ACTIONS: Pattern = {
  id: 'actions',
  verbs: [],
  defaultVerb: 'do',
  defaultObject: 'it',
  itemTitle: '{item}',
  phases: [
    { title: 'Gather what you need before you start', weight: 0.5, energy: 'low', minSpice: 2 },
    { title: '{Verb} {object}', weight: 5, energy: 'medium', core: true },
    { title: 'Check each part is really done', weight: 0.5, energy: 'low', minSpice: 3 },
  ],
};

/**
 * The pattern that fits a title best: a matching verb and a matching object count the same, both
 * beat either, and earlier patterns win ties, so "write an email" is a message, not an essay, and
 * "buy bread" is shopping, not baking.
 */
export function choosePattern(parsed: ParsedTitle): Pattern {
  if (parsed.actions.length >= 2) return GENERIC_ACTIONS;
  let best: Pattern | null = null;
  let bestScore = 0;
  for (const pattern of PATTERNS) {
    let score = 0;
    // "clean out" counts as "clean" for a pattern that knows only the plain verb.
    const plain = parsed.verb?.split(' ')[0];
    if (parsed.verb && (pattern.verbs.includes(parsed.verb) || pattern.verbs.includes(plain!))) {
      score += 2;
    }
    if (pattern.objects?.test(parsed.text)) score += 2;
    if (score > bestScore) {
      best = pattern;
      bestScore = score;
    }
  }
  if (best) return best;
  return parsed.verb ? GENERIC_WITH_VERB : GENERIC_WITHOUT_VERB;
}
