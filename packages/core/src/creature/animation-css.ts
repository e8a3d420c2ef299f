/**
 * The stylesheet that brings a rendered creature to life: include it once on a page (or embed it
 * with `renderCreatureSvg(..., { embedStyles: true })`). Every rule is scoped under `.creature`,
 * so it is safe in a global sheet. Moods are swapped by changing the root's `creature--{mood}`
 * class. With `prefers-reduced-motion: reduce` nothing moves; the mood still shows in the face.
 *
 * A CSS `transform` replaces an element's SVG `transform` attribute, so nothing here animates an
 * element that has one: the tail group is placed by `translate(...)`, so its children wag.
 */
export const CREATURE_CSS = [
  '.creature .cr-m{display:none}',
  '.creature--idle .cr-m-idle,.creature--happy .cr-m-happy,.creature--hungry .cr-m-hungry,.creature--sleepy .cr-m-sleepy{display:inline}',
  '.creature .cr-bob,.creature .cr-eyes,.creature .cr-tail>*,.creature .cr-wings,.creature .cr-zzz,.creature .cr-hearts,.creature .cr-thought{transform-box:fill-box}',
  '.creature .cr-bob{transform-origin:50% 100%}',
  '.creature .cr-eyes{transform-origin:50% 50%}',
  '.creature .cr-tail>*{transform-origin:0 80%}',
  '.creature .cr-wings{transform-origin:50% 100%}',
  '.creature--idle .cr-bob{animation:cr-breathe 3.2s ease-in-out infinite}',
  '.creature--happy .cr-bob{animation:cr-hop .8s ease-in-out infinite}',
  '.creature--hungry .cr-bob{animation:cr-sway 2.6s ease-in-out infinite}',
  '.creature--sleepy .cr-bob{animation:cr-breathe 5.5s ease-in-out infinite}',
  '.creature--egg.creature--idle .cr-bob,.creature--egg.creature--hungry .cr-bob{animation:cr-wobble 3s ease-in-out infinite}',
  '.creature--egg.creature--happy .cr-bob{animation:cr-wobble 1s ease-in-out infinite}',
  '.creature--idle .cr-eyes{animation:cr-blink 4.6s infinite}',
  '.creature--happy .cr-tail>*{animation:cr-wag .4s ease-in-out infinite alternate}',
  '.creature--idle .cr-tail>*{animation:cr-wag 2.4s ease-in-out infinite alternate}',
  '.creature--happy .cr-wings{animation:cr-flap .5s ease-in-out infinite alternate}',
  '.creature .cr-zzz{animation:cr-float 3.6s ease-in-out infinite}',
  '.creature .cr-hearts{animation:cr-float 1.6s ease-in-out infinite}',
  '.creature .cr-thought{animation:cr-float 2.8s ease-in-out infinite}',
  '@keyframes cr-breathe{0%,100%{transform:scale(1,1)}50%{transform:scale(1.025,.97)}}',
  '@keyframes cr-hop{0%,100%{transform:translateY(0) scale(1.03,.97)}45%{transform:translateY(-7%) scale(.98,1.03)}}',
  '@keyframes cr-sway{0%,100%{transform:rotate(-2.5deg)}50%{transform:rotate(2.5deg)}}',
  '@keyframes cr-wobble{0%,70%,100%{transform:rotate(0)}78%{transform:rotate(-5deg)}86%{transform:rotate(4deg)}94%{transform:rotate(-2deg)}}',
  '@keyframes cr-blink{0%,92%,100%{transform:scaleY(1)}95%{transform:scaleY(.1)}}',
  '@keyframes cr-wag{from{transform:rotate(-7deg)}to{transform:rotate(9deg)}}',
  '@keyframes cr-flap{from{transform:rotate(0)}to{transform:rotate(-8deg)}}',
  '@keyframes cr-float{0%,100%{transform:translateY(0);opacity:.9}50%{transform:translateY(-8%);opacity:.5}}',
  '@media (prefers-reduced-motion:reduce){.creature,.creature *{animation:none!important}}',
].join('');
