import { DomainError } from '../errors';
import { drawGenome } from './generator';
import { checkSeed, seedFromText } from './seed';

export const EGG_CHOICES = 3;
const CANDIDATES = 12;

/**
 * The three eggs offered to a new person, derived from one seed the service keeps for them, so a
 * reload shows the same three and a hatch can be checked against them. The three are of different
 * species when the first twelve candidates allow it (they almost always do), so the choice is a
 * real one.
 */
export function eggChoices(parentSeed: string): string[] {
  const check = checkSeed(parentSeed);
  if (!check.ok) throw new DomainError('BAD_REQUEST', check.message);
  const candidates: string[] = [];
  for (let i = 0; i < CANDIDATES; i++) candidates.push(seedFromText(`${check.seed}/egg/${i}`));
  const chosen: string[] = [];
  const species = new Set<string>();
  for (const seed of candidates) {
    if (chosen.length === EGG_CHOICES) break;
    const s = drawGenome(seed).species;
    if (!species.has(s)) {
      species.add(s);
      chosen.push(seed);
    }
  }
  for (const seed of candidates) {
    if (chosen.length === EGG_CHOICES) break;
    if (!chosen.includes(seed)) chosen.push(seed);
  }
  return chosen;
}

/** Refuses a hatch of an egg that was not offered. Returns the normalised seed. */
export function assertEggChoice(parentSeed: string, chosenSeed: string): string {
  const check = checkSeed(chosenSeed);
  if (!check.ok) {
    throw new DomainError('BAD_REQUEST', check.message, { fieldErrors: { seed: [check.message] } });
  }
  if (!eggChoices(parentSeed).includes(check.seed)) {
    const message = 'That egg is not one of the three offered to you';
    throw new DomainError('BAD_REQUEST', message, { fieldErrors: { seed: [message] } });
  }
  return check.seed;
}
