'use client';

import { useEffect } from 'react';

/** Opens the folded sections around the element a link or the address names, and shows it. */
function revealHash() {
  const id = decodeURIComponent(window.location.hash.slice(1));
  if (!id) return;
  const target = document.getElementById(id);
  if (!target) return;
  for (let el: HTMLElement | null = target; el; el = el.parentElement) {
    if (el instanceof HTMLDetailsElement) el.open = true;
  }
  target.scrollIntoView({ block: 'start' });
}

function setAll(open: boolean) {
  for (const details of document.querySelectorAll<HTMLDetailsElement>('details.doc-tag')) {
    details.open = open;
  }
}

/**
 * The reference is long, so each tag is a folded section: the address names the open one
 * (`#tag-tasks`, or an endpoint's id), and these buttons open or fold them all.
 */
export function OpenSections() {
  useEffect(() => {
    revealHash();
    window.addEventListener('hashchange', revealHash);
    return () => window.removeEventListener('hashchange', revealHash);
  }, []);
  return (
    <div className="form-actions">
      <button
        type="button"
        className="button button-secondary button-small"
        onClick={() => setAll(true)}
      >
        Open all sections
      </button>
      <button
        type="button"
        className="button button-quiet button-small"
        onClick={() => setAll(false)}
      >
        Fold all sections
      </button>
    </div>
  );
}
