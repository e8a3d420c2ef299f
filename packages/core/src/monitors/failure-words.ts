import type { EvaluationErrorKind } from './contract';

/** A failed check said the way a person would say it, with the one thing to do about it. */
export interface FailureWords {
  /** What went wrong, in a sentence. */
  summary: string;
  /** What the person can do (or that they need do nothing). */
  advice: string;
  /** Whether changing the monitor is the fix (the page offers Edit), rather than waiting. */
  fixByEditing: boolean;
}

const AGAIN = 'Proxy tries again at the next check, so you need do nothing yet.';

function hostIn(text: string): string | undefined {
  return (
    /could not (?:resolve|fetch) ([^\s:()]+)/i.exec(text)?.[1] ??
    /https?:\/\/([^/\s:]+)/i.exec(text)?.[1]
  );
}

function httpWords(status: number): FailureWords {
  if (status === 404 || status === 410) {
    return {
      summary: `The page is not there any more (the site answered ${status}).`,
      advice:
        'Open the address in a browser. If the page moved, edit the monitor and give it the new address.',
      fixByEditing: true,
    };
  }
  if (status === 401 || status === 403) {
    return {
      summary: `The site would not show the page to Proxy (it answered ${status}).`,
      advice:
        'The page may need a sign-in, or turn away automated visitors. Watch a public page, feed or API instead.',
      fixByEditing: true,
    };
  }
  if (status === 429) {
    return {
      summary: 'The site asked Proxy to slow down (it answered 429).',
      advice: 'Check less often (every hour, say) by editing the monitor.',
      fixByEditing: true,
    };
  }
  if (status >= 500) {
    return {
      summary: `The site had a problem of its own (it answered ${status}).`,
      advice: `That is usually brief. ${AGAIN}`,
      fixByEditing: false,
    };
  }
  return {
    summary: `The site answered ${status} instead of the page.`,
    advice: 'Open the address in a browser to see what it shows, and edit the monitor if it moved.',
    fixByEditing: true,
  };
}

/**
 * Turns a check's error (the evaluator's reason text and its kind) into words with what to do.
 * The raw reason stays available to show under "Details"; this never hides it, only leads with
 * something a person can act on instead of `getaddrinfo ENOTFOUND`.
 */
export function describeCheckFailure(
  reason: string,
  errorKind?: EvaluationErrorKind | null,
): FailureWords {
  const text = reason;
  const host = hostIn(text);
  const site = host ? ` ${host}` : '';

  if (errorKind === 'budget' || /budget/i.test(text)) {
    return {
      summary: 'The AI budget for today is spent, so this check waited.',
      advice:
        'It runs again when the budget resets. If you need more, raise the limit on the AI usage page.',
      fixByEditing: false,
    };
  }
  const status = /answered HTTP (\d{3})/i.exec(text)?.[1];
  if (status) return httpWords(Number(status));
  if (/refused: |\(address\)/i.test(text)) {
    return {
      summary: 'That address is on a private or local network, so Proxy will not fetch it.',
      advice: 'Use the site’s public address (starting with https://).',
      fixByEditing: true,
    };
  }
  if (/\((?:scheme|credentials|invalid_url)\)/i.test(text)) {
    return {
      summary: 'That address is not one Proxy can fetch.',
      advice: 'Use a full http:// or https:// address, without a user name or password in it.',
      fixByEditing: true,
    };
  }
  if (/\(dns\)|could not resolve|ENOTFOUND|EAI_AGAIN/i.test(text)) {
    return {
      summary: `Proxy could not find the site${site}.`,
      advice:
        'Check that the address is spelled right and the site still exists. If it is brand new, try again in a few minutes.',
      fixByEditing: true,
    };
  }
  if (/\(timeout\)|timed out|ETIMEDOUT/i.test(text)) {
    return {
      summary: `The site${site} took too long to answer.`,
      advice: `It may be slow or down right now. ${AGAIN} If it keeps happening, watch a lighter page or its feed.`,
      fixByEditing: false,
    };
  }
  if (/\(too_large\)|too large/i.test(text)) {
    return {
      summary: 'The page is too large to check.',
      advice: 'Point the monitor at the site’s feed or API, or at a smaller page.',
      fixByEditing: true,
    };
  }
  if (/\(redirect\)|redirect/i.test(text)) {
    return {
      summary: 'The site sent Proxy on to an address it will not follow.',
      advice: 'Open the address in a browser and give the monitor the address it ends up on.',
      fixByEditing: true,
    };
  }
  if (/\(network\)|ECONNREFUSED|ECONNRESET|could not fetch|cut off/i.test(text)) {
    return {
      summary: `Proxy could not connect to the site${site}.`,
      advice: `The site may be down for a moment. ${AGAIN}`,
      fixByEditing: false,
    };
  }
  if (/selector .* is not valid/i.test(text)) {
    return {
      summary: 'The part of the page to read is written in a way Proxy does not understand.',
      advice: 'Edit the monitor and fix the CSS selector (a dry run shows what it finds).',
      fixByEditing: true,
    };
  }
  if (/matched nothing/i.test(text)) {
    return {
      summary: 'The page loaded, but the part you pointed at was not on it.',
      advice:
        'The site may have changed its layout. Edit the monitor and pick the part again; a dry run shows what it finds.',
      fixByEditing: true,
    };
  }
  if (/valid JSON/i.test(text)) {
    return {
      summary: 'The address did not send data in the form expected (JSON).',
      advice:
        'Check that the address is the API itself rather than a web page, or change the source type.',
      fixByEditing: true,
    };
  }
  if (/RSS or Atom/i.test(text)) {
    return {
      summary: 'The address is not a feed.',
      advice: 'Use the site’s RSS or Atom feed address, or watch it as a page instead.',
      fixByEditing: true,
    };
  }
  if (/expected a number/i.test(text)) {
    return {
      summary: 'Proxy found words where it expected a number.',
      advice: 'Point the monitor at the number itself, or change the condition to compare text.',
      fixByEditing: true,
    };
  }
  if (errorKind === 'ai') {
    return {
      summary: 'The AI that reads the page did not give a usable answer.',
      advice: `That is usually brief. ${AGAIN}`,
      fixByEditing: false,
    };
  }
  return {
    summary: 'The check did not work this time.',
    advice: `${AGAIN} The details below say what happened.`,
    fixByEditing: false,
  };
}
